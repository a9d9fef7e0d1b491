"""A reader's path through the site in a real browser, with an accessibility check on the way."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_home_article_search_and_english(seeded_site, page):
    page.goto(seeded_site + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Tin mới nhất").is_visible()

    page.locator(".featured-title a").click()
    page.wait_for_url(re.compile(r"/bai-viet/"))
    assert page.locator("h1").inner_text()
    assert page.get_by_text("Lượt xem:").is_visible()

    page.get_by_label("Tìm trên trang").fill("hiep dinh dan do")
    page.get_by_label("Tìm trên trang").press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/"))
    assert page.locator(".result-list mark").first.is_visible()
    assert "Hiệp định dẫn độ" in page.locator(".result-list").first.inner_text()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Search", exact=True).is_visible()

    assert page.errors == []


def test_the_search_box_suggests_titles_as_the_reader_types_without_accents(seeded_site, page):
    page.goto(seeded_site + "/")
    page.get_by_label("Tìm trên trang").press_sequentially("hop ta", delay=40)
    options = page.locator("#site-search-suggestions option")
    options.first.wait_for(state="attached")
    titles = [options.nth(index).get_attribute("value") for index in range(options.count())]
    assert any("hợp tác" in title.lower() for title in titles), titles
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "article", "/tim-kiem/?q=hop+tac", "agreement"])
def test_no_serious_accessibility_violations(seeded_site, page, path):
    if path == "article":
        page.goto(seeded_site + "/")
        path = page.locator(".featured-title a").get_attribute("href")
    elif path == "agreement":
        page.goto(seeded_site + "/van-ban-hop-tac/")
        path = page.locator(".agreement-list a").first.get_attribute("href")
    page.goto(seeded_site + path)
    assert serious_violations(page) == []
    assert page.csp_violations() == []
    assert page.errors == []


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_home_and_article(seeded_site, page, artifacts, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(seeded_site + "/")
    # Nothing may stick out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts / f"home-{width}.png", full_page=True)
    page.locator(".featured-title a").click()
    page.wait_for_url(re.compile(r"/bai-viet/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts / f"article-{width}.png", full_page=True)


def test_rating_updates_in_place(seeded_site, page):
    page.goto(seeded_site + "/")
    page.locator(".featured-title a").click()
    page.wait_for_url(re.compile(r"/bai-viet/"))
    address = page.url
    page.get_by_label("4★").check()
    page.get_by_role("button", name="Đánh giá", exact=True).click()
    summary = page.locator(".rating-summary")
    summary.filter(has_text="4 trong 1 đánh giá").wait_for()
    assert page.url == address  # no reload: the script posted it
    assert page.errors == []
