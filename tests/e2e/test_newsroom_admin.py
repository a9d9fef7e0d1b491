"""An editor writes an article in the admin's rich-text editor, in a real browser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article
from articles.roles import EDITOR
from tests.e2e.conftest import csp_violations

pytestmark = pytest.mark.e2e
PASSWORD = "Bien-tap-2026!"


def test_editor_writes_and_publishes_with_the_rich_text_editor(live_site, page):
    editor = get_user_model().objects.create_user("bientap", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    page.goto(live_site + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_site + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Hợp tác dẫn độ với Đài Loan")
    assert page.input_value("#id_slug") == "hop-tac-dan-do-voi-dai-loan"
    body = page.locator("[contenteditable=true]").first
    body.click()
    page.keyboard.type("Hai bên ký hiệp định.")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get()
    assert (article.slug, article.status, article.author) == (
        "hop-tac-dan-do-voi-dai-loan",
        "published",
        editor,
    )
    assert article.body == "<p>Hai bên ký hiệp định.</p>"
    page.goto(live_site + f"/admin/articles/article/{article.pk}/change/")
    page.locator("[contenteditable=true]").first.wait_for()
    assert csp_violations(page) == []
    assert page.errors == []
