"""
Article images resized once to the widths the layout shows, and reused.

A rendition is a WebP file under ``renditions/`` named after the original
and its width; it is made the first time a page asks for it.
"""

import hashlib
import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

# Layout slot → (CSS width in px, the `sizes` attribute for responsive images).
SIZES = {
    "thumb": (160, "160px"),
    "card": (400, "(max-width: 40rem) 100vw, 400px"),
    "article": (760, "(max-width: 48rem) 100vw, 760px"),
    "lead": (1000, "(max-width: 64rem) 100vw, 1000px"),
    "share": (1200, "1200px"),  # og:image and schema.org image
}
QUALITY = 80


def rendition_name(original_name, width):
    stem = PurePosixPath(original_name).stem[:60]
    digest = hashlib.sha1(original_name.encode()).hexdigest()[:10]
    return f"renditions/{stem}-{digest}-{width}w.webp"


# Renditions this process has seen stored. They are named after their
# original and never change, so one look at the storage is enough (on S3
# every look is a request).
_STORED = set()
_STORED_LIMIT = 100_000


def _is_stored(name):
    if name in _STORED:
        return True
    if not default_storage.exists(name):
        return False
    if len(_STORED) >= _STORED_LIMIT:
        _STORED.clear()
    _STORED.add(name)
    return True


def rendition(article_image, width):
    """
    The URL, width and height of an ArticleImage's picture at ``width`` px
    at most. Its size comes from the row (``width``/``height``), so a page
    opens no picture file unless a rendition has to be made.
    """
    image = article_image.image
    original_width, original_height = article_image.width, article_image.height
    if original_width and original_width <= width:
        width = original_width
    name = rendition_name(image.name, width)
    if not _is_stored(name):
        with image.open("rb"), Image.open(image) as source:
            picture = ImageOps.exif_transpose(source)
            if picture.mode not in ("RGB", "RGBA"):
                picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
            picture.thumbnail((width, width * 4))
            buffer = io.BytesIO()
            picture.save(buffer, "WEBP", quality=QUALITY, method=4)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
        _STORED.add(name)
    height = round(original_height * width / original_width) if original_width and original_height else None
    return default_storage.url(name), width, height


def picture_context(article_image, size, *, eager=False):
    slot_width, sizes = SIZES[size]
    context = {
        "image": article_image,
        "alt": _alt_text(article_image),
        "loading": "eager" if eager else "lazy",
        "size": size,
        "slot_width": slot_width,
    }
    if not article_image.has_file:
        return context
    try:
        src, width, height = rendition(article_image, slot_width)
        candidates = [f"{src} {width}w"]
        if article_image.width and article_image.width > slot_width:
            big_src, big_width, _ = rendition(article_image, min(slot_width * 2, article_image.width))
            candidates.append(f"{big_src} {big_width}w")
    except (OSError, ValueError):
        # A missing or broken file shows the placeholder, not an error page.
        logger.warning("No rendition for image %s", article_image.pk, exc_info=True)
        return context
    context.update(src=src, width=width, height=height, srcset=", ".join(candidates), sizes=sizes)
    return context


def _alt_text(article_image):
    caption = " ".join(article_image.caption.split())
    if len(caption) <= 160:
        return caption
    return caption[:160].rsplit(" ", 1)[0] + "…"
