"""Image checks and resized copies for posters and stills.

A file is accepted only when Pillow opens it as a real JPEG, PNG or WebP (the name and the
declared content type are not trusted), it is at most 10 MB and at most 10,000 px a side.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 10_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DISPLAY_WIDTH = 800
THUMB_WIDTH = 320


@dataclass
class CheckedImage:
    original: ContentFile
    display: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _resized(image: Image.Image, width: int) -> ContentFile:
    copy = image.copy()
    copy.thumbnail((width, width * 3), Image.Resampling.LANCZOS)
    if copy.mode not in ("RGB", "L"):
        copy = copy.convert("RGB")
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue())


def image_check(upload, *, field: str = "image") -> CheckedImage:
    """Check an uploaded file and make its catalogue copies; raise ValidationError naming ``field``."""
    size = getattr(upload, "size", None)
    if size is None or size == 0:
        raise ValidationError({field: [_("The file is empty.")]})
    if size > MAX_BYTES:
        raise ValidationError({field: [_("The file is larger than 10 MB.")]})
    data = upload.read()
    # Pillow refuses to decode images past its bomb limit; our own limit on sides comes first.
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError({field: [_("The file is not a JPEG, PNG or WebP image.")]}) from exc
    if fmt not in FORMATS:
        raise ValidationError({field: [_("The file is not a JPEG, PNG or WebP image.")]})
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError({field: [_("The image is larger than 10,000 pixels on a side.")]})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            display = _resized(image, DISPLAY_WIDTH)
            thumbnail = _resized(image, THUMB_WIDTH)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError({field: [_("The image could not be read completely.")]}) from exc
    ext = FORMATS[fmt]
    return CheckedImage(
        original=ContentFile(data, name=f"original.{ext}"),
        display=ContentFile(display.read(), name="display.jpg"),
        thumbnail=ContentFile(thumbnail.read(), name="thumb.jpg"),
        width=width,
        height=height,
    )
