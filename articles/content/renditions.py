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
}
QUALITY = 80


def rendition_name(original_name, width):
    stem = PurePosixPath(original_name).stem[:60]
    digest = hashlib.sha1(original_name.encode()).hexdigest()[:10]
    return f"renditions/{stem}-{digest}-{width}w.webp"


def rendition(image, width):
    """The URL, width and height of ``image`` (an ImageFieldFile) at ``width`` px at most."""
    if image.width and image.width <= width:
        width = image.width
    name = rendition_name(image.name, width)
    if not default_storage.exists(name):
        with image.open("rb"), Image.open(image) as source:
            picture = ImageOps.exif_transpose(source)
            if picture.mode not in ("RGB", "RGBA"):
                picture = picture.convert("RGBA" if "transparency" in picture.info else "RGB")
            picture.thumbnail((width, width * 4))
            buffer = io.BytesIO()
            picture.save(buffer, "WEBP", quality=QUALITY, method=4)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
    height = round(image.height * width / image.width) if image.width else None
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
        src, width, height = rendition(article_image.image, slot_width)
        candidates = [f"{src} {width}w"]
        if article_image.width and article_image.width > slot_width:
            big_src, big_width, _ = rendition(article_image.image, min(slot_width * 2, article_image.width))
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
