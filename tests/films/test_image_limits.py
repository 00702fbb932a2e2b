"""Image uploads are bounded in decoded size, and what is stored is re-encoded.

The peak memory of the worst upload that is accepted (40 megapixels at 4 bytes a pixel) is
measured in a fresh process, as the high-water mark of its resident memory, because Pillow
allocates pixels outside Python's own allocator (tracemalloc does not see them).
"""

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from films.images import MAX_PIXELS, image_check

ROOT = Path(__file__).resolve().parents[2]
# The 40-megapixel RGBA image decodes to 160 MB; twice that leaves room for the encoders'
# buffers and the 10 MB upload, and is far below the 1.6 GB a 100-megapixel PNG used to cost.
PEAK_LIMIT_MB = 360

_MEASURE = """
import os, resource, sys, json
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from films.images import image_check
data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile("upload", data)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
checked = image_check(upload)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"peak_mb": (after - before) / 1024, "width": checked.width, "height": checked.height}))
"""


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_of_size(width: int, height: int) -> bytes:
    """An RGBA PNG of any size, written row by row: a huge image in a small file, as an attacker
    would send it, without holding its pixels in this process."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x7f" * (width * 4)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _peak(tmp_path, data: bytes) -> dict:
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    result = subprocess.run(  # noqa: S603  (our own interpreter and a fixed script)
        [sys.executable, "-c", _MEASURE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_small_png_of_a_hundred_megapixels_is_refused_before_decoding():
    data = png_of_size(10_000, 10_000)
    assert len(data) < 1024 * 1024

    with pytest.raises(ValidationError) as refused:
        image_check(SimpleUploadedFile("bomb.png", data), field="file")

    assert refused.value.message_dict == {"file": ["The image has more than 40 megapixels."]}


def test_the_worst_accepted_png_stays_within_the_memory_bound(tmp_path):
    width, height = 8_000, MAX_PIXELS // 8_000

    measured = _peak(tmp_path, png_of_size(width, height))

    assert (measured["width"], measured["height"]) == (width, height)
    assert measured["peak_mb"] < PEAK_LIMIT_MB


def test_the_worst_accepted_jpeg_stays_within_the_memory_bound(tmp_path):
    width, height = 8_000, MAX_PIXELS // 8_000
    out = io.BytesIO()
    Image.new("CMYK", (width, height), (10, 20, 30, 40)).save(out, format="JPEG", quality=95)

    measured = _peak(tmp_path, out.getvalue())

    assert measured["peak_mb"] < PEAK_LIMIT_MB


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_bytes_after_the_end_marker_are_not_stored(fmt):
    out = io.BytesIO()
    Image.new("RGB", (60, 90), (179, 38, 30)).save(out, format=fmt)
    appended = b"<?php system($_GET['c']); ?>"

    checked = image_check(SimpleUploadedFile("poster", out.getvalue() + appended))

    stored = checked.original.read()
    assert appended not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size) == (fmt, (60, 90))


def test_location_metadata_is_not_stored_but_the_orientation_is():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 0.0)}  # GPS position
    out = io.BytesIO()
    Image.new("RGB", (90, 60), (0, 0, 0)).save(out, format="JPEG", exif=exif)

    checked = image_check(SimpleUploadedFile("poster.jpg", out.getvalue()))

    with Image.open(io.BytesIO(checked.original.read())) as stored:
        kept = stored.getexif()
    assert kept.get(0x0112) == 6
    assert 0x8825 not in kept
    with Image.open(io.BytesIO(checked.display.read())) as display:
        assert display.size == (60, 90)
