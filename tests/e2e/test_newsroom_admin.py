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
