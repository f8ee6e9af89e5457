"""Complainants' attachments: checked by content, limited in size and number, kept private.

The type is read from the file's first bytes with ``filetype`` (the name and the browser's
declared type are not trusted); plain text, which has no signature, is accepted when the name
ends ``.txt`` and the content is UTF-8 with no NUL byte.  Files are stored by
``conf.private_storage`` (``COMPLAINTS_PROCESS_PRIVATE_MEDIA_ROOT``, outside MEDIA_ROOT, never
served) under a random name; the original name is kept for officers, sanitised (``clean_name``) and
with the extension of the detected type (``stored_name``), so a PDF named ``letter.bat`` is
stored and downloaded as ``letter.pdf``.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from complaints_process.conf import attachment_max_bytes, attachment_max_count
from complaints_process.models import Attachment

#: extension -> MIME type, for every type a complainant may send.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "heic": "image/heic",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/x-wav",
    "mp4": "video/mp4",
    "mov": "video/quicktime",
}
ALLOWED_DESCRIPTION = gettext_noop("PDF, JPG, PNG, GIF, HEIC, DOCX, ODT, TXT, MP3, M4A, WAV, MP4 or MOV")
HEAD_BYTES = 8192


def human_size(size: int) -> str:
    return f"{size // (1024 * 1024)}MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)}KB"


#: Unicode categories removed from names before anything else: controls (Cc), format
#: characters such as the bidirectional overrides and isolates (Cf), private use, surrogates,
#: unassigned, and line and paragraph separators.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


def clean_name(name: str) -> str:
    """The original name, safe to show and store: no path, no control or bidi characters, 120 characters."""
    name = unicodedata.normalize("NFKC", name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in INVISIBLE_CATEGORIES)
    name = os.path.basename(name.replace("\\", "/"))
    name = re.sub(r"[^\w.\- ()]", "_", name).strip(" .") or "attachment"
    stem, dot, ext = name.rpartition(".")
    return (stem[:100] + dot + ext[:16]) if dot else name[:120]


def stored_name(name: str, extension: str) -> str:
    """The name officers see and download: the cleaned name with the extension of the detected type.

    ``letter.bat`` that is a PDF becomes ``letter.pdf``; ``invoice\u202efdp.exe`` (a
    right-to-left override showing "invoiceexe.pdf") becomes ``invoicefdp.pdf``.  Whatever the
    name said, the file opens as what it is.
    """
    cleaned = clean_name(name)
    stem, dot, _ = cleaned.rpartition(".")
    stem = (stem if dot else cleaned).strip(" .")[:100] or "attachment"
    if stem.lower().endswith(f".{extension}"):  # report.pdf.exe: report.pdf, not report.pdf.pdf
        return stem
    return f"{stem}.{extension}"


def download_name(original_name: str, content_type: str) -> str:
    """The name to download a stored attachment under: the extension always that of its type."""
    extension = next((ext for ext, mime in ALLOWED_TYPES.items() if mime == content_type), None)
    return stored_name(original_name, extension) if extension else f"{clean_name(original_name)}.bin"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:  # a multi-byte character cut at the end is fine
        return error.start >= len(head) - 3
    return True


def detect_type(upload) -> tuple[str, str] | None:
    """(extension, MIME type) of an allowed file, read from its content; None if not allowed."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        extension = "jpg" if kind.extension == "jpeg" else kind.extension
        return (extension, ALLOWED_TYPES[extension]) if extension in ALLOWED_TYPES else None
    if clean_name(upload.name).lower().endswith(".txt") and head and _is_text(head):
        return "txt", "text/plain"
    return None


def check_uploads(uploads) -> list[tuple[object, str, str]]:
    """Check every upload; (upload, extension, MIME type) each, or ValidationError listing every problem."""
    uploads = [upload for upload in uploads if upload]
    max_count, max_bytes = attachment_max_count(), attachment_max_bytes()
    if len(uploads) > max_count:
        raise ValidationError(_("Select up to {count} files").format(count=max_count), code="too_many")
    checked, errors = [], []
    for upload in uploads:
        name = clean_name(upload.name)
        if upload.size == 0:
            errors.append(ValidationError(_("The selected file {name} is empty").format(name=name), code="empty"))
        elif upload.size > max_bytes:
            errors.append(
                ValidationError(
                    _("The selected file {name} must be smaller than {size}").format(name=name, size=human_size(max_bytes)), code="too_big"
                )
            )
        else:
            detected = detect_type(upload)
            if detected is None:
                errors.append(
                    ValidationError(
                        _("The selected file {name} must be a {types}").format(name=name, types=_(ALLOWED_DESCRIPTION)), code="bad_type"
                    )
                )
            else:
                checked.append((upload, *detected))
    if errors:
        raise ValidationError(errors)
    return checked


def save_attachments(case, checked, saved: list | None = None) -> list:
    """Store checked uploads for the case, each under a random name; call inside the filing transaction.

    Each attachment is added to ``saved`` as soon as its file is written, before its row, so a
    caller whose transaction then fails (even half-way through the files) can delete every
    file written; a rolled-back filing leaves no file behind.
    """
    saved = [] if saved is None else saved
    for upload, extension, mime in checked:
        attachment = Attachment(case=case, original_name=stored_name(upload.name, extension), content_type=mime)
        upload.seek(0)
        random_name = f"{secrets.token_hex(16)}.{extension}"  # upload_to adds the year and month
        attachment.file.save(random_name, File(upload), save=False)
        saved.append(attachment)
        attachment.save()
    return saved
