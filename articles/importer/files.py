"""
Turn the bytes of a scraped page file into clean text for the parser.

Refuses what cannot be a page (empty, binary, too large, undecodable) with
a ``PageError`` a person understands; repairs what can be repaired (UTF-8
read as Latin-1, Windows-1258, decomposed Unicode, HTML) rather than store
garbled text. Also lists the files behind an import path: a file, a folder
or a .zip, each member size-checked before it is read whole. The suffixes
and zip limits here are the ones the admin's upload checks too.

Pure functions apart from reading the files named.
"""

import logging
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import ftfy
import lxml.html
from lxml import etree

from .parsing import PageError

logger = logging.getLogger(__name__)

PAGE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
ZIP_SUFFIX = ".zip"
# Text compresses well: only a member larger than this that expands more
# than this many times is taken for a decompression bomb.
ZIP_BOMB_MIN_BYTES = 1_000_000
ZIP_BOMB_RATIO = 100

# Control characters that never appear in a text page (tab, LF, CR are fine).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
# UTF-8 read as Latin-1/Windows-1252 leaves these pairs: "Bá»™ CÃ´ng an".
_MOJIBAKE = re.compile(
    "[ÃÂÄÅÆáâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)
# Elements whose text is never part of a page's visible content.
_INVISIBLE_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"]
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "tfoot", "thead", "title", "tr", "ul",
}  # fmt: skip
# A table row is one line, its cells between bars: "1 | Bản ghi nhớ … | Thượng tướng …".
_CELL_TAGS = {"td", "th"}
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class PageFile:
    """One page to import: a display name and a way to read its bytes."""

    name: str
    size: int
    read: object  # () -> bytes


def decode_page(data, *, max_bytes, is_html=None):
    """
    The text of a page file, as NFC, with encoding damage repaired.
    ``is_html`` None means: tell from the content.
    """
    if len(data) > max_bytes:
        raise PageError(too_large_message(len(data), max_bytes), code="too_large")
    if not data.strip():
        raise PageError("The file is empty.", code="empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise PageError(
                "The file starts as UTF-16 text but its bytes are not valid UTF-16; "
                "save it as UTF-8 and import it again.",
                code="encoding",
            ) from None
    else:
        if _BINARY_BYTES.search(data[:65536]):
            raise PageError("The file holds binary data, not the text of a page.", code="binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_windows_1258(data)
    if _MOJIBAKE.search(text):
        text = ftfy.fix_encoding(text)
        if _MOJIBAKE.search(text):
            raise PageError(
                "The text is garbled (UTF-8 read as another encoding) and could not be repaired.",
                code="mojibake",
            )
    text = unicodedata.normalize("NFC", text)
    if is_html or (is_html is None and _HTML_START.match(text)):
        text = html_to_text(text)
    if not text.strip():
        raise PageError("The file is empty.", code="empty")
    return text


def _decode_windows_1258(data):
    """Vietnamese Windows pages: Windows-1258, tone marks as combining characters."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise PageError(
            "The file is neither UTF-8 nor Windows-1258 text; save it as UTF-8 and import it again.",
            code="encoding",
        ) from None
    return unicodedata.normalize("NFC", text)


def html_to_text(html):
    """
    The visible text of an HTML page, one block per line, through lxml's
    parser. Scripts, styles and every attribute are dropped; a picture
    becomes its file name on a line, as in the scraped text pages, so that
    the caption after it is read as its caption.
    """
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise PageError("The HTML page could not be read.", code="html") from None
    etree.strip_elements(root, "head", *_INVISIBLE_TAGS, etree.Comment, with_tail=False)
    lines, current = [], []

    def flush():
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
            elif tag in _CELL_TAGS and element.getprevious() is not None and "".join(current).strip():
                current.append(CELL_SEPARATOR)
            if tag in ("img", "amp-img"):
                flush()
                source = element.get("src") or ""
                name = source.rsplit("/", 1)[-1].split("?", 1)[0]
                if name:
                    lines.append(name)
            if element.text:
                current.append(element.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if element.tail:
                current.append(element.tail)
    flush()
    return "\n".join(lines)


def too_large_message(size, max_bytes):
    return f"The file is {size / 1_000_000:.1f} MB; the limit is {max_bytes / 1_000_000:.1f} MB."


def page_files(paths, *, max_bytes, max_zip_ratio=ZIP_BOMB_RATIO):
    """
    Every page file behind ``paths`` (files, folders searched recursively,
    .zip archives), in name order, yielded lazily so that a large import is
    streamed. A file that cannot be listed is yielded with a reader that
    raises its PageError, so that it is reported with the others.
    """
    for path in map(Path, paths):
        if path.is_dir():
            children = (p for p in path.rglob("*") if p.suffix.lower() in (*PAGE_SUFFIXES, ZIP_SUFFIX))
            yield from page_files(sorted(children), max_bytes=max_bytes, max_zip_ratio=max_zip_ratio)
        elif path.suffix.lower() == ZIP_SUFFIX:
            yield from _zip_members(path, max_bytes, max_zip_ratio)
        else:
            yield _disk_file(path, max_bytes)


def _refusal(error):
    def read():
        raise error

    return read


def _io_error(error):
    return PageError(f"Cannot read the file: {error.strerror or error}.", code="io")


def _disk_file(path, max_bytes):
    try:
        size = path.stat().st_size
    except OSError as error:
        return PageFile(str(path), 0, _refusal(_io_error(error)))
    if size > max_bytes:
        return PageFile(
            str(path), size, _refusal(PageError(too_large_message(size, max_bytes), code="too_large"))
        )

    def read():
        try:
            return path.read_bytes()
        except OSError as error:
            raise _io_error(error) from None

    return PageFile(str(path), size, read)


def _zip_members(path, max_bytes, max_ratio):
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        message = (
            "The .zip archive is damaged or not a .zip file."
            if isinstance(error, zipfile.BadZipFile)
            else (f"Cannot read the file: {error.strerror}.")
        )
        yield PageFile(str(path), 0, _refusal(PageError(message, code="zip")))
        return
    # Left open for the readers handed out; it closes when the last one is dropped.
    members = sorted(
        (
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith((*PAGE_SUFFIXES, ZIP_SUFFIX))
        ),
        key=lambda info: info.filename,
    )
    for info in members:
        name = f"{path}:{info.filename}"
        if info.filename.lower().endswith(ZIP_SUFFIX):
            error = PageError(
                "A .zip archive inside a .zip archive is not unpacked; import it on its own.",
                code="nested_zip",
            )
            yield PageFile(name, info.file_size, _refusal(error))
        elif info.file_size > max_bytes:
            error = PageError(too_large_message(info.file_size, max_bytes), code="too_large")
            yield PageFile(name, info.file_size, _refusal(error))
        elif info.file_size > ZIP_BOMB_MIN_BYTES and info.file_size > max_ratio * info.compress_size:
            error = PageError(
                f"The archive member expands {info.file_size // info.compress_size}-fold; "
                "it looks like a decompression bomb and was not read.",
                code="zip_bomb",
            )
            yield PageFile(name, info.file_size, _refusal(error))
        else:
            yield PageFile(name, info.file_size, _bounded_reader(archive, info, max_bytes))


def _bounded_reader(archive, info, max_bytes):
    def read():
        # The declared size can lie; never read more than the limit allows.
        try:
            with archive.open(info) as member:
                data = member.read(max_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise PageError(
                f"This member of the .zip archive is damaged and could not be unpacked ({error}).",
                code="zip",
            ) from None
        except (NotImplementedError, RuntimeError) as error:
            # Unknown compression methods and encrypted members.
            raise PageError(
                f"This member of the .zip archive cannot be unpacked: {error}.", code="zip"
            ) from None
        if len(data) > max_bytes:
            raise PageError(too_large_message(len(data), max_bytes), code="too_large")
        return data

    return read
