"""
Page files uploaded in the admin: checked from what the upload already
knows (name, size, a zip's directory) before anything is read whole, then
stored where the background import finds them.
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .files import PAGE_SUFFIXES, ZIP_BOMB_MIN_BYTES, ZIP_BOMB_RATIO, ZIP_SUFFIX

MAX_ZIP_MEMBERS = 20_000


def _megabytes(size):
    return filesizeformat(size)


def check_uploads(files):
    """Raise ValidationError listing every file that cannot be imported, and why; none is stored then."""
    problems = []
    if len(files) > settings.IMPORT_MAX_UPLOAD_FILES:
        problems.append(
            _("At most %(limit)d files at once; you chose %(count)d.")
            % {"limit": settings.IMPORT_MAX_UPLOAD_FILES, "count": len(files)}
        )
    for upload in files:
        problem = _check_one(upload)
        if problem:
            problems.append(f"{upload.name}: {problem}")
    if problems:
        raise ValidationError(problems)


def _check_one(upload):
    suffix = Path(upload.name).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        if upload.size > settings.IMPORT_MAX_FILE_BYTES:
            return _("the file is %(size)s; the limit is %(limit)s.") % {
                "size": _megabytes(upload.size),
                "limit": _megabytes(settings.IMPORT_MAX_FILE_BYTES),
            }
        return None
    if suffix != ZIP_SUFFIX:
        return _("only .txt, .html and .zip files can be imported.")
    if upload.size > settings.IMPORT_MAX_ZIP_BYTES:
        return _("the archive is %(size)s; the limit is %(limit)s.") % {
            "size": _megabytes(upload.size),
            "limit": _megabytes(settings.IMPORT_MAX_ZIP_BYTES),
        }
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()  # the central directory only; nothing is unpacked
    except (zipfile.BadZipFile, OSError):
        return _("the file is not a readable .zip archive.")
    finally:
        upload.seek(0)
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        return _("the archive would unpack to %(count)d files and %(size)s; the limit is %(limit)s.") % {
            "count": len(members),
            "size": _megabytes(unpacked),
            "limit": _megabytes(settings.IMPORT_MAX_UNPACKED_BYTES),
        }
    for member in members:
        if member.file_size > ZIP_BOMB_MIN_BYTES and member.file_size > ZIP_BOMB_RATIO * max(
            member.compress_size, 1
        ):
            return _("%(member)s is compressed %(ratio)d times: refused as a possible zip bomb.") % {
                "member": member.filename,
                "ratio": member.file_size // max(member.compress_size, 1),
            }
    return None


def upload_folder(batch):
    return Path(settings.IMPORT_UPLOAD_ROOT) / f"batch-{batch.pk}"


def store_uploads(files, folder):
    """Write the uploads into ``folder`` in chunks, under safe, distinct names; return the names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index, upload in enumerate(files):
        name = f"{index:04d}-{get_valid_filename(Path(upload.name).name)}"
        with open(folder / name, "wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        names.append(upload.name)
    return names


def page_count(folder):
    """How many pages the stored uploads hold (a .zip counts its members), for the progress bar."""
    count = 0
    for path in Path(folder).iterdir():
        if path.suffix.lower() == ZIP_SUFFIX:
            with zipfile.ZipFile(path) as archive:
                count += sum(1 for member in archive.infolist() if not member.is_dir())
        else:
            count += 1
    return count


class FileSizeLimitHandler(FileUploadHandler):
    """
    First of the upload handlers: stops storing an upload as soon as one file
    passes ``MAX_UPLOAD_FILE_BYTES``, so an oversized file is never written
    whole, not even to a temporary file. The view learns which file it was
    from ``request.upload_refused`` and says so.
    """

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.MAX_UPLOAD_FILE_BYTES:
            self.request.upload_refused = self.file_name
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def refused_upload_message(request):
    """What to tell the user when the size limit stopped an upload, or ""."""
    name = getattr(request, "upload_refused", "")
    if not name:
        return ""
    return _("%(name)s is larger than %(limit)s and was not uploaded.") % {
        "name": name,
        "limit": _megabytes(settings.MAX_UPLOAD_FILE_BYTES),
    }
