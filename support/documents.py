"""Checks for the PDFs attached to support applications.

A file is accepted by what it holds, never by its name or declared type: the ``%PDF-`` header
and an ``%%EOF`` marker near its end (the check the company verification documents use, in
``accounts.documents``), at most 20 MB. A PDF is stored as it came under an unguessable name
and only ever served as a download (``Content-Disposition: attachment``, ``nosniff``) to the
applicant company's members, agency admins and the application's assigned reviewers.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from accounts.documents import _is_pdf as is_pdf

MAX_BYTES = 20 * 1024 * 1024
NAME_MAX = 200


def pdf_check(upload, *, field: str = "file") -> ContentFile:
    """The uploaded PDF's content to store, or a ``ValidationError`` naming ``field``: no file,
    an empty file, more than 20 MB, or anything that is not a PDF (an image or a program named
    ``.pdf`` included)."""
    if upload is None or not hasattr(upload, "read"):
        raise ValidationError({field: [_("Choose a PDF file.")]})
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError({field: [_("The file is empty.")]})
    if size > MAX_BYTES:
        raise ValidationError({field: [_("The file is larger than 20 MB.")]})
    if hasattr(upload, "seek"):
        upload.seek(0)  # a form's check may have read it already
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({field: [_("The file is larger than 20 MB.")]})
    if not data:
        raise ValidationError({field: [_("The file is empty.")]})
    if not is_pdf(data):
        raise ValidationError({field: [_("The file is not a PDF.")]})
    return ContentFile(data, name="document.pdf")


def pdf_display_name(upload) -> str:
    """The name the applicant gave the file, cleaned for showing and for a download header:
    no path, no control characters, at most 200 characters, ending in ``.pdf``."""
    raw = str(getattr(upload, "name", "") or "")
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>').strip() or "document.pdf"
    if not name.lower().endswith(".pdf"):
        name = f"{name}.pdf"
    if len(name) > NAME_MAX:
        name = name[: NAME_MAX - 4] + ".pdf"
    return name
