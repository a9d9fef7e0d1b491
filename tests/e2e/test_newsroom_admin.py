"""Editors in a real browser: two-step sign-in, the rich-text editor, pictures."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from articles.publishing.roles import EDITOR
from tests.factories import make_article

pytestmark = pytest.mark.e2e
PASSWORD = "Bien-tap-2026!"


def test_editor_writes_and_publishes_with_the_rich_text_editor(live_site, page):
    editor = get_user_model().objects.create_user("bientap", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    page.goto(live_site + "/admin/login/")
    page.fill("#id_auth-username", "bientap")
    page.fill("#id_auth-password", PASSWORD)
    page.click("#login-form input[type=submit]")
    page.wait_for_url("**/admin/")
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
    assert page.csp_violations() == []
    assert page.errors == []


def make_editor():
    editor = get_user_model().objects.create_user("bientap", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    return editor


def sign_in(page, live_site, code=None):
    page.goto(live_site + "/admin/login/")
    page.fill("#id_auth-username", "bientap")
    page.fill("#id_auth-password", PASSWORD)
    page.click("#login-form input[type=submit]")
    if code is not None:
        page.fill("#id_token-otp_token", code())
        page.click("#login-form input[type=submit]")
    page.wait_for_url("**/admin/")


def test_staff_sign_in_with_a_code_from_their_app(live_site, page):
    device = TOTPDevice.objects.create(user=make_editor(), name="default", confirmed=True)
    sign_in(page, live_site, code=lambda: f"{totp(device.bin_key):06d}")
    assert page.get_by_role("link", name="Bảo mật đăng nhập").is_visible()
    assert page.errors == []


def test_an_article_with_a_picture_saves_again_and_again(live_site, page, tmp_path):
    from PIL import Image

    Image.new("RGB", (400, 300), (30, 90, 160)).save(tmp_path / "anh.png")
    article = make_article(title="Có ảnh")
    make_editor()
    sign_in(page, live_site)
    change = f"{live_site}/admin/articles/article/{article.pk}/change/"
    page.goto(change)
    page.click("#images-group .add-row a")
    page.set_input_files("#id_images-0-image", tmp_path / "anh.png")
    page.fill("#id_images-0-caption", "Toàn cảnh hội đàm")
    for title in ("Lưu lần một", "Lưu lần hai"):
        page.fill("#id_title", title)
        page.click("input[name=_continue]")
        page.wait_for_load_state()
        assert page.locator(".messagelist .success").is_visible(), page.content()[:2000]
    article.refresh_from_db()
    assert article.title == "Lưu lần hai"
    assert article.images.get().caption == "Toàn cảnh hội đàm"
    assert page.errors == []


LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 1024, "height": 768}


@pytest.mark.parametrize("screen", [LAPTOP, TABLET], ids=["laptop", "tablet"])
@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/",
        "article-change",
        "/admin/articles/article/add/",
        "/admin/agreements/agreement/",
        "agreement-change",
        "/admin/agreements/agency/",
        "/admin/agreements/event/",
        "/admin/agreements/articleagreement/",
        "/admin/articles/importbatch/",
        "/admin/articles/importbatch/add/",
        "/admin/",
    ],
)
def test_the_admin_fits_a_laptop_and_a_tablet_without_scrolling_sideways(
    seeded_site, page, path, screen, tmp_path
):
    from PIL import Image

    from agreements.models import Agreement
    from articles.models import ArticleImage

    article = Article.objects.articles().order_by("pk").first()
    if path == "article-change":
        Image.new("RGB", (1600, 1000), (30, 90, 160)).save(tmp_path / "anh.png")
        from django.core.files import File

        with open(tmp_path / "anh.png", "rb") as picture:
            ArticleImage.objects.create(
                article=article, image=File(picture, name="anh.png"), caption="Toàn cảnh"
            )
        path = f"/admin/articles/article/{article.pk}/change/"
    elif path == "agreement-change":
        path = f"/admin/agreements/agreement/{Agreement.objects.order_by('pk').first().pk}/change/"
    make_editor()
    page.set_viewport_size(screen)
    sign_in(page, seeded_site)
    page.goto(seeded_site + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"], path
    assert page.errors == []


def test_an_editors_day_pictures_schedule_desk_publish_fact_check_restore(
    seeded_site, page, tmp_path, artifacts
):
    """The editor's main path at 1366 px, from a new article to a restored revision."""
    from PIL import Image

    from agreements.models import Agreement

    for name, colour in (("dai-dien.png", (30, 90, 160)), ("hoi-dam.png", (160, 60, 30))):
        Image.new("RGB", (1200, 800), colour).save(tmp_path / name)
    make_editor()
    page.set_viewport_size(LAPTOP)
    sign_in(page, seeded_site)

    # Write: two paragraphs, a lead picture and a picture after the first paragraph; schedule it.
    page.goto(seeded_site + "/admin/articles/article/add/")
    page.fill("#id_title", "Bộ Công an hội đàm với Cảnh sát Lào")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Đoạn mở đầu về hội đàm.")
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn kết về hợp tác.")
    for row, (name, caption) in enumerate(
        (("dai-dien.png", "Toàn cảnh"), ("hoi-dam.png", "Hai bên hội đàm"))
    ):
        page.click("#images-group .add-row a")
        page.set_input_files(f"#id_images-{row}-image", tmp_path / name)
        page.fill(f"#id_images-{row}-caption", caption)
    page.check("#id_images-0-is_lead")
    page.fill("#id_images-1-after_paragraph", "1")
    page.select_option("#id_status", "published")
    page.fill("#id_published_at_0", "14/05/2099")
    page.fill("#id_published_at_1", "08:30")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").is_visible(), page.content()[:3000]
    article = Article.objects.get(title="Bộ Công an hội đàm với Cảnh sát Lào")
    assert article.is_scheduled and article.published_at.day == 14

    # The desk counts it among the scheduled articles and leads to it.
    page.goto(seeded_site + "/admin/")
    page.locator("#newsroom-desk a[href*='publication=scheduled']").last.click()
    assert "Bộ Công an hội đàm với Cảnh sát Lào" in page.locator("#result_list").inner_text(), page.locator(
        "#changelist"
    ).inner_text()[:1500]

    # Publish it now; readers see the lead picture first and the other after the first paragraph.
    page.goto(f"{seeded_site}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_published_at_0", "01/01/2025")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    page.goto(seeded_site + article.get_absolute_url())
    text = page.locator(".article").inner_text()
    assert (
        text.index("Toàn cảnh")
        < text.index("Đoạn mở đầu")
        < text.index("Hai bên hội đàm")
        < text.index("Đoạn kết")
    )
    assert page.locator(".picture-lead img").count() == 1
    page.screenshot(path=artifacts / "editor-path-article.png", full_page=True)

    # Fact-check: the suggested agreements list shows each one's evidence; confirm the first.
    page.goto(seeded_site + "/admin/agreements/agreement/?review_status__exact=suggested")
    assert page.locator("q.evidence-quote").first.is_visible()
    suggested = Agreement.objects.filter(review_status="suggested").count()
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", "confirm")
    page.click("button[name=index]")
    page.wait_for_load_state()
    assert Agreement.objects.filter(review_status="suggested").count() == suggested - 1
    page.screenshot(path=artifacts / "editor-path-fact-check.png", full_page=True)

    # Restore the first revision: the title comes back.
    page.goto(f"{seeded_site}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_title", "Tiêu đề sửa nhầm")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    page.goto(f"{seeded_site}/admin/articles/article/{article.pk}/history/")
    page.locator(f"a[href^='/admin/articles/article/{article.pk}/history/']").last.click()
    page.click("input[name=_save]")
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.title == "Bộ Công an hội đàm với Cảnh sát Lào"
    assert page.errors == []
