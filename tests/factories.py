"""Small builders for test data: sensible defaults, overridable per test."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from agreements.models import Agency, Agreement, Event
from articles.models import Article


def make_article(**overrides):
    fields = {
        "title": "Tăng cường hợp tác quốc tế trong phòng, chống tội phạm",
        "lead": "Thời gian qua, lực lượng CAND không ngừng nỗ lực.",
        "body": "<p>Cho tới nay, Bộ Công an đã thiết lập quan hệ song phương.</p>",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    fields.update(overrides)
    return Article.objects.create(**fields)


def make_user(username="reader", **overrides):
    return get_user_model().objects.create_user(username=username, password="s3cret-Passw0rd", **overrides)


def make_agency(**overrides):
    # Not one of the gazetteer's agencies, which a data migration loads.
    fields = {
        "name": "Cục Cảnh sát giao thông",
        "short_name": "C08",
        "kind": Agency.Kind.POLICE,
        "country": "VN",
    }
    fields.update(overrides)
    return Agency.objects.create(**fields)


def make_agreement(**overrides):
    fields = {"title": "Hiệp định dẫn độ", "kind": Agreement.Kind.TREATY}
    fields.update(overrides)
    return Agreement.objects.create(**fields)


def make_event(**overrides):
    fields = {"name": "Hội nghị Bộ trưởng ASEAN về phòng, chống tội phạm xuyên quốc gia"}
    fields.update(overrides)
    return Event.objects.create(**fields)


def png_upload(name="anh.png", size=(64, 48)):
    """A real PNG file, made by Pillow, ready to assign to an ImageField."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color=(200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
