"""Image checks and resized copies for posters and stills.

A file is accepted only when Pillow opens it as a real JPEG, PNG or WebP (the name and the
declared content type are not trusted), it is at most 10 MB, at most 10,000 px a side and at
most 40 megapixels. The pixel count is read from the header before anything is decoded: a
small, highly compressed file can describe an image that would take gigabytes to decode.

What is stored is re-encoded from the decoded pixels, never the uploaded bytes, so anything
appended after the image's end marker (or hidden in its metadata, such as a GPS position) is
dropped; only the colour profile and the orientation are kept. The catalogue copies of a JPEG
are made from a reduced decode (``draft``), which costs a fraction of the full image's memory.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 10_000
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
DISPLAY_WIDTH = 800
THUMB_WIDTH = 320
# Modes each format can store as they are; any other mode is stored as RGB or RGBA.
_STORABLE_MODES = {
    "JPEG": {"L", "RGB", "CMYK"},
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"},
    "WEBP": {"RGB", "RGBA"},
}
_ORIENTATION = 0x0112
_QUARTER_TURNS = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


@dataclass
class CheckedImage:
    original: ContentFile
    display: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _jpeg(image: Image.Image) -> ContentFile:
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(out.getvalue())


def _reencoded(image: Image.Image, fmt: str) -> bytes:
    """The decoded pixels written anew in their own format, with only the colour profile and the
    orientation of the upload's metadata."""
    if image.mode not in _STORABLE_MODES[fmt]:
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    options: dict = {}
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    orientation = image.getexif().get(_ORIENTATION)
    if orientation and orientation != 1:
        exif = Image.Exif()
        exif[_ORIENTATION] = orientation
        options["exif"] = exif
    if fmt == "JPEG":
        options["quality"] = "keep" if image.format == "JPEG" else 90
    elif fmt == "WEBP":
        options["quality"] = 90
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _original(data: bytes, fmt: str) -> bytes:
    image = Image.open(io.BytesIO(data))  # in memory: no file to close; freed on return
    image.load()
    return _reencoded(image, fmt)


def _catalogue_copies(data: bytes, fmt: str) -> tuple[ContentFile, ContentFile]:
    """The display copy and the thumbnail, upright. At most one full-size image is held at a time:
    each step replaces the one before (images in memory need no closing)."""
    image = Image.open(io.BytesIO(data))
    turned = image.getexif().get(_ORIENTATION) in _QUARTER_TURNS
    box = (DISPLAY_WIDTH * 3, DISPLAY_WIDTH) if turned else (DISPLAY_WIDTH, DISPLAY_WIDTH * 3)
    if fmt == "JPEG":
        # Decode at 1/2, 1/4 or 1/8 scale, still at least as large as the display copy.
        image.draft("RGB", box)
    image.load()
    if image.mode not in ("RGB", "L"):
        # Before shrinking: Pillow shrinks an image with alpha through a second full-size copy.
        image = image.convert("RGB")
    image.thumbnail(box, Image.Resampling.LANCZOS)
    display = ImageOps.exif_transpose(image)
    thumbnail = display.copy()
    thumbnail.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 3), Image.Resampling.LANCZOS)
    return _jpeg(display), _jpeg(thumbnail)


def image_check(upload, *, field: str = "image") -> CheckedImage:
    """Check an uploaded file and make its stored copies; raise ValidationError naming ``field``."""
    size = getattr(upload, "size", None)
    if size is None or size == 0:
        raise ValidationError({field: [_("The file is empty.")]})
    if size > MAX_BYTES:
        raise ValidationError({field: [_("The file is larger than 10 MB.")]})
    data = upload.read(MAX_BYTES + 1)
    not_an_image = ValidationError({field: [_("The file is not a JPEG, PNG or WebP image.")]})
    try:
        # Pillow warns from about 89 megapixels; the tighter bound below answers instead.
        with warnings.catch_warnings(action="ignore", category=Image.DecompressionBombWarning):
            probe = Image.open(io.BytesIO(data))  # reads the header only
        with probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except _READ_ERRORS as exc:
        raise not_an_image from exc
    if fmt not in FORMATS:
        raise not_an_image
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError({field: [_("The image is larger than 10,000 pixels on a side.")]})
    if width * height > MAX_PIXELS:
        raise ValidationError({field: [_("The image has more than 40 megapixels.")]})
    try:
        original = _original(data, fmt)
        display, thumbnail = _catalogue_copies(data, fmt)
    except _READ_ERRORS as exc:
        raise ValidationError({field: [_("The image could not be read completely.")]}) from exc
    return CheckedImage(
        original=ContentFile(original, name=f"original.{FORMATS[fmt]}"),
        display=ContentFile(display.read(), name="display.jpg"),
        thumbnail=ContentFile(thumbnail.read(), name="thumb.jpg"),
        width=width,
        height=height,
    )
