"""Article pictures: what is accepted, and that only pixels are stored."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.test import SimpleTestCase, TestCase, override_settings
from PIL import Image

from articles.content.images import bare_credit
from articles.models import ArticleImage
from tests.factories import make_article, png_upload
from tests.helpers import picture_bytes


class PictureUploadTests(TestCase):
    """Pictures go through the same form validation as the admin's inline."""

    def errors(self, upload):
        form = modelform_factory(ArticleImage, fields=["article", "image", "caption"])(
            data={"article": make_article().pk, "caption": ""}, files={"image": upload}
        )
        return [] if form.is_valid() else [error.code for error in form.errors.as_data()["image"]]

    def test_a_real_picture_is_accepted(self):
        self.assertEqual(self.errors(png_upload(size=(800, 600))), [])

    def test_a_text_file_named_png_is_refused(self):
        upload = SimpleUploadedFile("anh.png", b"not a picture", content_type="image/png")
        self.assertEqual(self.errors(upload), ["invalid_image"])

    def test_a_file_of_another_type_is_refused(self):
        buffer = io.BytesIO()
        Image.new("RGB", (300, 300)).save(buffer, format="BMP")
        upload = SimpleUploadedFile("anh.bmp", buffer.getvalue(), content_type="image/bmp")
        self.assertEqual(self.errors(upload), ["format"])

    @override_settings(IMAGE_MAX_BYTES=1000)
    def test_oversize_is_refused(self):
        self.assertEqual(self.errors(png_upload(size=(800, 600))), ["too_large"])

    def test_tiny_pictures_are_refused(self):
        self.assertEqual(self.errors(png_upload(size=(40, 30))), ["dimensions"])

    def test_a_decompression_bomb_is_refused(self):
        buffer = io.BytesIO()
        Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
        upload = SimpleUploadedFile("bom.png", buffer.getvalue(), content_type="image/png")
        self.assertEqual(self.errors(upload), ["invalid_image"])


class StoredPictureTests(TestCase):
    """What is stored of an accepted picture is only a picture."""

    def stored(self, name, data):
        image = ArticleImage.objects.create(article=make_article(), image=SimpleUploadedFile(name, data))
        with image.image.open("rb") as stored:
            return image, stored.read()

    def test_data_appended_to_a_gif_is_not_stored(self):
        payload = b"<html><script>alert(document.cookie)</script></html>"
        image, stored = self.stored("anh.gif", picture_bytes("GIF") + payload)
        self.assertNotIn(b"<script>", stored)
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual((picture.format, picture.size), ("GIF", (300, 200)))

    def test_exif_is_dropped_and_orientation_applied(self):
        exif = Image.Exif()
        exif[0x0112] = 6  # rotated 90° clockwise
        exif[0x010F] = "Máy ảnh của phóng viên"
        image, stored = self.stored("anh.jpg", picture_bytes("JPEG", size=(300, 200), exif=exif))
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual(picture.size, (200, 300))
            self.assertEqual(dict(picture.getexif()), {})
        self.assertEqual((image.width, image.height), (200, 300))

    def test_the_stored_name_says_what_the_file_is(self):
        image, stored = self.stored("anh.png", picture_bytes("JPEG"))
        self.assertTrue(image.image.name.endswith(".jpg"))

    def test_an_animated_gif_keeps_its_frames(self):
        frames = [Image.new("RGB", (120, 120), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)
        _image, stored = self.stored("dong.gif", buffer.getvalue() + b"trailing")
        with Image.open(io.BytesIO(stored)) as picture:
            self.assertEqual(picture.n_frames, 3)
        self.assertFalse(stored.endswith(b"trailing"))


class CreditTests(SimpleTestCase):
    def test_the_label_typed_before_a_credit_is_dropped(self):
        for typed, stored in [
            ("Ảnh: Minh Hà", "Minh Hà"),
            ("ảnh : Minh Hà", "Minh Hà"),
            ("(Ảnh: TTXVN)", "TTXVN"),
            ("Nguồn ảnh: Bộ Công an", "Bộ Công an"),
            ("Photo: Reuters", "Reuters"),
            ("Minh Hà", "Minh Hà"),
            ("Ảnh Việt", "Ảnh Việt"),  # a name, not a label
        ]:
            with self.subTest(typed):
                self.assertEqual(bare_credit(typed), stored)


class CreditOnPageTests(TestCase):
    def test_a_credit_typed_with_its_label_is_shown_once(self):
        article = make_article(title="Bài có ảnh")
        ArticleImage.objects.create(
            article=article, image=png_upload(), caption="Toàn cảnh hội nghị", credit="Ảnh: Minh Hà"
        )
        self.assertEqual(ArticleImage.objects.get().credit, "Minh Hà")
        html = self.client.get(article.get_absolute_url()).content.decode()
        self.assertIn("(Ảnh: Minh Hà)", html)
        self.assertNotIn("Ảnh: Ảnh:", html)
