"""JPEG and PNG: dimension check from the header, then a clean greyscale PNG for OCR."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageChops, ImageFilter, ImageOps

from billma_core.models import Flag, MediaType
from billma_core.reading.pdf import ReadFailure
from billma_core.reading.sniff import image_size

# Long side given to the OCR engine: ~300 dpi for an A4 page; bigger phone photos only cost time.
MAX_OCR_SIDE = 3500
MIN_OCR_SIDE = 1600


def check_image(data: bytes, media_type: MediaType, max_pixels: int) -> tuple[int, int]:
    size = image_size(data, media_type)
    if size is None:
        raise ReadFailure(Flag.UNREADABLE, "image illisible : en-tête absent ou tronqué")
    width, height = size
    if width <= 0 or height <= 0:
        raise ReadFailure(Flag.UNREADABLE, "image illisible : dimensions nulles")
    if width * height > max_pixels:
        raise ReadFailure(
            Flag.TOO_LARGE,
            f"image trop grande : {width} × {height} pixels (maximum {max_pixels // 1_000_000} mégapixels)",
        )
    return width, height


def prepare_for_ocr(data: bytes, max_pixels: int) -> bytes:
    """Decode (the header was checked), upright by EXIF, greyscale, resized, as PNG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            if image.width * image.height > max_pixels:
                raise ReadFailure(Flag.TOO_LARGE, "image trop grande")
            image.load()
        image = ImageOps.exif_transpose(image) or image
        image = image.convert("L")
    except ReadFailure:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ReadFailure(Flag.TOO_LARGE, "image trop grande (bombe de décompression)") from exc
    except Exception as exc:
        raise ReadFailure(Flag.UNREADABLE, f"image illisible ou tronquée ({type(exc).__name__})") from exc
    longest = max(image.size)
    if longest > MAX_OCR_SIDE:
        factor = MAX_OCR_SIDE / longest
        image = image.resize(
            (max(1, round(image.width * factor)), max(1, round(image.height * factor))), Image.Resampling.LANCZOS
        )
    elif longest < MIN_OCR_SIDE:
        # Small photos: Tesseract reads 10-point text best at 20-30 pixels per line.
        factor = min(MIN_OCR_SIDE / longest, 3.0)
        image = image.resize(
            (max(1, round(image.width * factor)), max(1, round(image.height * factor))), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def flattened_png(png: bytes) -> bytes:
    """The same page with its lighting evened out (a second chance for photos)."""
    with Image.open(io.BytesIO(png)) as image:
        flat = flatten_background(image.convert("L"))
    buffer = io.BytesIO()
    flat.save(buffer, format="PNG")
    return buffer.getvalue()


def flatten_background(image: Image.Image) -> Image.Image:
    """Even out the lighting of a photo (a shadow across the page, a lamp's hot spot).

    Not applied first: on a clean scan it damages white text on dark banners.

    The paper's brightness is estimated on a coarse grid with the text removed (maximum
    filter); each pixel's darkness is then measured against its own background, so a global
    threshold (Tesseract's) works again on the dark side of the page."""
    width, height = image.size
    if width < 64 or height < 64:
        return image
    small = image.resize((max(1, width // 16), max(1, height // 16)), Image.Resampling.BOX)
    small = small.filter(ImageFilter.MaxFilter(5))
    background = small.resize((width, height), Image.Resampling.BILINEAR)
    ink = ImageChops.subtract(background, image)
    return ImageOps.autocontrast(ImageOps.invert(ink), cutoff=0.5)
