"""What an uploaded article picture must be: checked with Pillow before it is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
MIN_SIDE = 100
MAX_SIDE = 10_000


def validate_article_image(upload):
    """Refuse files that are too big, not a picture we show, or of absurd dimensions."""
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The picture is %(size).1f MB; the limit is %(limit).1f MB."),
            code="too_large",
            params={"size": upload.size / 1_000_000, "limit": settings.IMAGE_MAX_BYTES / 1_000_000},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as picture:
            kind, (width, height) = picture.format, picture.size
            picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The picture is too large to open safely."), code="bomb") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not a picture Pillow can read."), code="not_image") from None
    finally:
        upload.seek(0)
    if kind not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Pictures must be JPEG, PNG, WebP or GIF; this one is %(kind)s."),
            code="format",
            params={"kind": kind},
        )
    if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
        raise ValidationError(
            _("The picture is %(width)d×%(height)d px; sides must be between %(min)d and %(max)d px."),
            code="dimensions",
            params={"width": width, "height": height, "min": MIN_SIDE, "max": MAX_SIDE},
        )
