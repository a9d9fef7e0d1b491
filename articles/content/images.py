"""
What an article picture must be, and what is stored of it.

Every picture is checked with Pillow, whether it is a fresh upload or a file
already in storage (the admin validates unchanged inline rows too), and what
is stored is re-encoded by Pillow: pixels and colour profile only, turned the
way its EXIF orientation says, so that trailing data (HTML appended to a GIF,
a script after a JPEG's end) and metadata (camera, GPS) never reach readers.
"""

import io
import re
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True, "progressive": True},
    "PNG": {"optimize": False},
    "WEBP": {"quality": 90, "method": 4},
    "GIF": {},
}
MIN_SIDE = 100
MAX_SIDE = 10_000


@contextmanager
def _readable(picture_file):
    """
    ``picture_file`` open at its start: an upload as it is, a stored file
    (which Django hands over closed) opened from storage and closed again.
    """
    reopened = picture_file.closed
    if reopened:
        try:
            picture_file.open("rb")
        except OSError:
            raise ValidationError(
                _("The stored picture file is missing; upload it again or remove the picture."),
                code="missing",
            ) from None
    picture_file.seek(0)
    try:
        yield picture_file
    finally:
        if reopened:
            picture_file.close()
        else:
            picture_file.seek(0)


def validate_article_image(picture_file):
    """Refuse files that are too big, not a picture we show, or of absurd dimensions."""
    if picture_file.size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The picture is %(size).1f MB; the limit is %(limit).1f MB."),
            code="too_large",
            params={"size": picture_file.size / 1_000_000, "limit": settings.IMAGE_MAX_BYTES / 1_000_000},
        )
    with _readable(picture_file) as readable:
        try:
            with Image.open(readable) as picture:
                kind, (width, height) = picture.format, picture.size
                picture.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(_("The picture is too large to open safely."), code="bomb") from None
        except (OSError, SyntaxError, ValueError):
            raise ValidationError(
                _("This file is not a picture Pillow can read."), code="not_image"
            ) from None
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


def reencoded(picture_file):
    """
    A new file holding only the picture of ``picture_file`` (a checked
    upload): same format, upright, with its colour profile and nothing else,
    named with the suffix of what it really is.
    """
    with _readable(picture_file) as readable, Image.open(readable) as picture:
        kind = picture.format
        options = dict(SAVE_OPTIONS[kind])
        if icc_profile := picture.info.get("icc_profile"):
            options["icc_profile"] = icc_profile
        if getattr(picture, "is_animated", False):
            frames = [frame.copy() for frame in ImageSequence.Iterator(picture)]
            options.update(save_all=True, append_images=frames[1:], loop=picture.info.get("loop", 0))
            options["duration"] = [frame.info.get("duration", 100) for frame in frames]
            first = frames[0]
        else:
            first = ImageOps.exif_transpose(picture)
            if kind == "JPEG" and first.mode not in ("RGB", "L", "CMYK"):
                first = first.convert("RGB")
        output = io.BytesIO()
        first.save(output, format=kind, **options)
    name = PurePath(picture_file.name or "picture").name
    return ContentFile(output.getvalue(), name=str(PurePath(name).with_suffix(SUFFIXES[kind])))


# "Ảnh: Minh Hà" typed as a credit: the page already says "Ảnh:" before it.
_CREDIT_LABEL = re.compile(r"^\s*[(\[]?\s*(?:ảnh minh họa|nguồn ảnh|ảnh|photos?)\s*[:：–-]\s*", re.IGNORECASE)


def bare_credit(credit):
    """A picture's credit without the label the page prints before it: "Ảnh: Minh Hà" → "Minh Hà"."""
    bare = _CREDIT_LABEL.sub("", credit, count=1).strip()
    if bare.endswith(")") and credit.lstrip().startswith("(") and "(" not in bare:
        bare = bare[:-1].rstrip()
    return bare
