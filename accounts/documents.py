"""Checks for the registration document a company gives for its verification.

A file is accepted only by what it holds, never by its name or declared type: a PDF (the
``%PDF-`` header and an ``%%EOF`` marker near its end), or a JPEG or PNG that Pillow opens and
verifies, at most 10 MB. Images are stored re-encoded from their pixels, so metadata (such as
a GPS position) and bytes appended after the image are dropped; a PDF is stored as it came,
and only ever served as a download to the company's members and agency admins.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
_READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def _image(data: bytes, field: str) -> ContentFile | None:
    """The image re-encoded, or None when ``data`` is not a JPEG or PNG."""
    try:
        with warnings.catch_warnings(action="ignore", category=Image.DecompressionBombWarning):
            probe = Image.open(io.BytesIO(data))  # reads the header only
        with probe:
            fmt, (width, height) = probe.format, probe.size
            probe.verify()
    except _READ_ERRORS:
        return None
    if fmt not in IMAGE_FORMATS:
        return None
    if width * height > MAX_PIXELS:
        raise ValidationError({field: [_("The image has more than 40 megapixels.")]})
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        if image.mode not in ("RGB", "L") and fmt == "JPEG":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format=fmt)
    except _READ_ERRORS as exc:
        raise ValidationError({field: [_("The image could not be read completely.")]}) from exc
    return ContentFile(out.getvalue(), name=f"document.{IMAGE_FORMATS[fmt]}")


def document_check(upload, *, field: str = "verification_document") -> ContentFile:
    """Check an uploaded registration document; return what to store, or raise a
    ``ValidationError`` naming ``field``."""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError({field: [_("The file is empty.")]})
    if size > MAX_BYTES:
        raise ValidationError({field: [_("The file is larger than 10 MB.")]})
    if hasattr(upload, "seek"):
        upload.seek(0)  # a form's check may have read it already
    data = upload.read(MAX_BYTES + 1)
    if _is_pdf(data):
        return ContentFile(data, name="document.pdf")
    image = _image(data, field)
    if image is None:
        raise ValidationError({field: [_("The file is not a PDF, JPEG or PNG document.")]})
    return image


def document_content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension, "application/octet-stream")
