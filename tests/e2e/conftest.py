"""
End-to-end tests: Playwright for Python driving Debian's Chromium against
the live test server. Skipped where Chromium is not installed (`.ci/run`
installs it); Playwright's own browser download is never used.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import SEEDS

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the test's thread, which
    # Django's async-safety check takes for async code; these tests touch the
    # database only to set up and tear down. Allowed while the browser runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def live_site(django_db_serialized_rollback, transactional_db, live_server):
    """The live server on a database that keeps what the migrations loaded (roles, gazetteer)."""
    from django.apps import apps

    from articles.publishing.roles import sync_roles

    # A transactional test before this one may have flushed the groups the data migration made.
    sync_roles(apps)
    return live_server.url


@pytest.fixture
def seeded_site(live_site):
    from articles.importer.services import import_paths

    reports = list(import_paths([SEEDS]))
    assert all(report.status != "failed" for report in reports)
    return live_site


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # Injected by the browser, not the page: the site's CSP does not apply to it.
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', event => window.cspViolations.push("
        "`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));"
    )
    page.csp_violations = lambda: page.evaluate("window.cspViolations")
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
