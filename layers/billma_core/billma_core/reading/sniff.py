"""Document type by magic bytes, and image dimensions read from the header alone.

Dimensions come from the PNG IHDR chunk or the JPEG SOF marker, so a decompression bomb (a
small file that decodes to billions of pixels) is refused before any decoder touches it.
"""

from __future__ import annotations

import struct

from billma_core.models import MediaType

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) do not.
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def sniff(data: bytes) -> MediaType | None:
    """PDF, JPEG or PNG by the first bytes; None for anything else."""
    if data.startswith(_PNG_MAGIC):
        return MediaType.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return MediaType.JPEG
    # PDF readers accept the header anywhere in the first kilobyte (some generators prepend junk).
    if b"%PDF-" in data[:1024]:
        return MediaType.PDF
    return None


def image_size(data: bytes, media_type: MediaType) -> tuple[int, int] | None:
    """(width, height) from the header, or None when the header is missing or broken."""
    if media_type is MediaType.PNG:
        return _png_size(data)
    if media_type is MediaType.JPEG:
        return _jpeg_size(data)
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    # Signature (8) + chunk length (4) + b"IHDR" (4) + width (4) + height (4).
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    size = len(data)
    while index + 4 <= size:
        if data[index] != 0xFF:
            index += 1  # tolerate padding between segments
            continue
        marker = data[index + 1]
        if marker == 0xFF:
            index += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2  # markers without a length
            continue
        if marker == 0xD9:
            return None
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if length < 2:
            return None
        if marker in _JPEG_SOF:
            if index + 9 > size:
                return None
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None
