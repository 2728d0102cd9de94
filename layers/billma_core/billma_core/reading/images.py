"""JPEG and PNG: dimension check from the header, then a clean greyscale PNG for OCR."""

from __future__ import annotations

import io
import itertools
import re
import warnings

from PIL import Image, ImageChops, ImageFilter, ImageOps

from billma_core.models import Flag, MediaType
from billma_core.reading.geometry import unwarp_page
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
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


# Counter-clockwise turns of a page, as PIL names them.
_TURNS = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def turned(png: bytes, degrees: int) -> bytes:
    """The page image turned ``degrees`` counter-clockwise (0, 90, 180 or 270): a lossless
    transposition, so the text is as sharp as it was."""
    turn = _TURNS.get(degrees % 360)
    if turn is None:
        return png
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.transpose(turn)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def flatten_background(image: Image.Image) -> Image.Image:
    """Even out the lighting of a photo (a shadow across the page, a lamp's hot spot) and
    stretch the contrast of a grey, noisy scan.

    The paper's brightness is estimated on a coarse grid with the text removed (maximum
    filter); each pixel's darkness is then measured against its own background, so a global
    threshold (Tesseract's) works again on the dark side of the page. A filled banner (white
    title on a dark band) would be taken for paper and its text lost: where the background
    is far darker than the page's usual paper, the image is only contrast-stretched."""
    width, height = image.size
    if width < 64 or height < 64:
        return image
    small = image.resize((max(1, width // 16), max(1, height // 16)), Image.Resampling.BOX)
    small = small.filter(ImageFilter.MaxFilter(5))
    background = small.resize((width, height), Image.Resampling.BILINEAR)
    ink = ImageChops.subtract(background, image)
    flat = ImageOps.autocontrast(ImageOps.invert(ink), cutoff=0.5)
    levels = sorted(small.tobytes())
    paper = levels[len(levels) // 2]
    dark = small.point(lambda v: 255 if v < paper * _BANNER_SHARE else 0)
    if dark.getbbox() is None:
        return flat
    # A band has sharp edges: bright paper a few cells away. A shadow darkens gradually.
    near_paper = small.filter(ImageFilter.MaxFilter(13)).point(lambda v: 255 if v > paper * 0.85 else 0)
    banner = ImageChops.multiply(dark, near_paper)
    if banner.getbbox() is None:
        return flat
    mask = banner.filter(ImageFilter.MaxFilter(3)).resize((width, height), Image.Resampling.BILINEAR)
    return Image.composite(ImageOps.autocontrast(image, cutoff=0.5), flat, mask)


_BANNER_SHARE = 0.5  # a background darker than half the paper's brightness is a filled band


# Deskew: angles tried on a small copy of the page (degrees), then refined around the best.
_SKEW_LIMIT = 4.0
_SKEW_STEP = 0.5
_SKEW_SIDE = 900
_MIN_SKEW = 0.15
# A ruling line is a run of dark pixels much longer than any stroke of a letter.
_INK = 150
_RULE_FRACTION = 14  # a rule is at least 1/14 of the page's shorter side long…
_MIN_RULE = 90  # …and never shorter than this (pixels)


def clean_page(png: bytes, flatten: bool = True) -> bytes:
    """A page made easy for the OCR engine: a photographed sheet cut out and flattened, its
    lighting evened out and its contrast stretched (``flatten``; scanner noise and a grey
    paper cost Tesseract more than the rare white title on a dark banner), straightened,
    table rules erased.

    Scanned quotes are tilted by a degree or two and most print their lines in a ruled
    table; Tesseract reads the rules as ``|``, ``[`` or ``!`` glued to the figures, and drops
    cells boxed by them. Straightening first turns every rule into a horizontal or vertical
    run of dark pixels that is easy to find and erase."""
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("L")
    image = unwarp_page(image)
    if flatten:
        image = flatten_background(image)
    angle = skew_angle(image)
    if abs(angle) >= _MIN_SKEW:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=_paper(image))
    image = erase_rules(image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _paper(image: Image.Image) -> int:
    """The page's background grey (its brightest common tone)."""
    histogram = image.histogram()
    total = sum(histogram)
    seen = 0
    for level in range(255, -1, -1):
        seen += histogram[level]
        if seen >= total * 0.3:
            return level
    return 255


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text rows horizontal.

    Projection profile: rows of text turn into sharp peaks of ink when the page is straight,
    so the angle that maximises the profile's contrast is the page's tilt."""
    small = image.copy()
    small.thumbnail((_SKEW_SIDE, _SKEW_SIDE))
    if min(small.size) < 32:
        return 0.0
    ink = small.point(lambda p: 255 if p < _INK else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0) if angle else ink
        profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return float(sum((b - a) ** 2 for a, b in itertools.pairwise(profile)))

    scores: dict[float, float] = {}
    steps = round(_SKEW_LIMIT / _SKEW_STEP)
    for step in range(-steps, steps + 1):
        scores[step * _SKEW_STEP] = sharpness(step * _SKEW_STEP)
    for fraction in (0.25, 0.125):
        best = max(scores, key=lambda a: scores[a])
        for angle in (best - _SKEW_STEP * fraction * 2, best + _SKEW_STEP * fraction * 2):
            if angle not in scores:
                scores[angle] = sharpness(angle)
    best = max(scores, key=lambda a: scores[a])
    if scores[best] <= scores[0.0] * 1.02:
        return 0.0  # no clear gain: leave the page as it is
    return best


def erase_rules(image: Image.Image) -> Image.Image:
    """The image with its long horizontal and vertical rules painted over with paper."""
    width, height = image.size
    length = max(_MIN_RULE, min(width, height) // _RULE_FRACTION)
    ink = image.point(lambda p: 0 if p < _INK else 255)
    masks: list[Image.Image] = []
    for turned in (False, True):
        source = ink.transpose(Image.Transpose.TRANSPOSE) if turned else ink
        found = _rule_mask(source.tobytes(), source.width, source.height, length)
        if found is not None:
            layer = Image.frombytes("L", source.size, found)
            masks.append(layer.transpose(Image.Transpose.TRANSPOSE) if turned else layer)
    if not masks:
        return image
    mask = masks[0] if len(masks) == 1 else ImageChops.lighter(masks[0], masks[1])
    paper = Image.new("L", image.size, _paper(image))
    return Image.composite(paper, image, mask)


_RULE_MARGIN = 2  # pixels painted beyond a rule on each side (its anti-aliased edges)
_THICK = 7  # a run with ink this far above and below it is a filled block, not a rule


def _rule_mask(data: bytes, width: int, rows: int, length: int) -> bytes | None:
    """Mask (255) of the horizontal runs of ink (0) at least ``length`` long, widened by a
    margin; runs inside a filled block (a dark banner) are kept."""
    rule = re.compile(rb"\x00{%d,}" % length)
    mask = bytearray(width * rows)
    found = False
    for y in range(rows):
        offset = y * width
        for match in rule.finditer(data, offset, offset + width):
            start, end = match.start() - offset, match.end() - offset
            if _filled(data, width, rows, y, start, end):
                continue
            found = True
            lo, hi = max(0, start - _RULE_MARGIN), min(width, end + _RULE_MARGIN)
            for row in range(max(0, y - _RULE_MARGIN), min(rows, y + _RULE_MARGIN + 1)):
                mask[row * width + lo : row * width + hi] = b"\xff" * (hi - lo)
    return bytes(mask) if found else None


def _filled(data: bytes, width: int, rows: int, y: int, start: int, end: int) -> bool:
    for row in (y - _THICK, y + _THICK):
        if not 0 <= row < rows:
            return False
        segment = data[row * width + start : row * width + end]
        if segment.count(0) < 0.5 * len(segment):  # a white title inside a band is no gap
            return False
    return True
