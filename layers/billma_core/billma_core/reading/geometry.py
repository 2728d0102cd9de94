"""A photographed page cut out of its background and flattened (perspective undone).

A phone photo shows the sheet as a bright quadrilateral on a darker table, its rows slanted
and converging. Found as the four extreme points of the sheet's region (a sheet is convex),
checked to be a plausible sheet, then warped back to a rectangle: the OCR engine then sees
straight rows and the table rules become straight lines that can be erased.

The region is not what is brighter than one threshold: a hand's shadow across the sheet can
make its paper darker than the lit table. A shadow or a lamp multiplies the brightness by a
factor that changes slowly over the image, the sheet's edge is a sharp step between paper
and table: the region is the paper reached from its bright part without crossing a step.
"""

from __future__ import annotations

import math
import re

from PIL import Image, ImageChops, ImageFilter

Point = tuple[float, float]

_SIDE = 480  # the sheet is looked for on a copy this big
_MIN_BACKGROUND = 0.5  # share of the image's border that must be background (not a scan)
_MIN_AREA = 0.25  # the sheet covers at least this share of the image
_MIN_FILL = 0.93  # the bright region fills its quadrilateral (it is one convex sheet)
_MAX_CORNER_SKEW = 25.0  # degrees from a right angle at each corner
_INSET = 0.004  # trimmed off each side of the flattened sheet (its very edge is blurred)


def unwarp_page(image: Image.Image) -> Image.Image:
    """The sheet of a photo flattened to a rectangle, or the image unchanged when it shows
    no clear sheet on a darker background (a scan, a crop, a page filling the frame)."""
    corners = find_sheet(image)
    if corners is None:
        return image
    top_left, top_right, bottom_right, bottom_left = corners
    width = round((_distance(top_left, top_right) + _distance(bottom_left, bottom_right)) / 2)
    height = round((_distance(top_left, bottom_left) + _distance(top_right, bottom_right)) / 2)
    if width < 64 or height < 64:
        return image
    dx, dy = width * _INSET, height * _INSET
    target = [(-dx, -dy), (width + dx, -dy), (width + dx, height + dy), (-dx, height + dy)]
    coefficients = perspective_coefficients(list(corners), target)
    return image.transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=255
    )


def find_sheet(image: Image.Image) -> tuple[Point, Point, Point, Point] | None:
    """Corners (top-left, top-right, bottom-right, bottom-left) of the sheet in the image."""
    grey = image.convert("L")
    small = grey.copy()
    small.thumbnail((_SIDE, _SIDE), Image.Resampling.BOX)
    width, height = small.size
    if width < 32 or height < 32:
        return None
    threshold = otsu_threshold(small.histogram())
    bright = small.point(lambda p: 255 if p > threshold else 0).filter(ImageFilter.MedianFilter(5)).tobytes()
    border = (
        bright[:width] + bright[-width:] + bytes(bright[y * width] for y in range(height))
        + bytes(bright[y * width + width - 1] for y in range(height))
    )  # fmt: skip
    if border.count(0) < _MIN_BACKGROUND * len(border):
        return None  # a scan: no table around the page (checked first, it is quick)
    data = sheet_region(small, threshold).tobytes()
    extremes: dict[str, tuple[float, Point]] = {}
    filled = 0
    for y in range(height):
        row = data[y * width : (y + 1) * width]
        left = row.find(255)
        if left < 0:
            continue
        right = row.rfind(255)
        filled += right - left + 1
        for x in (left, right):
            for name, value in (("tl", -(x + y)), ("br", x + y), ("tr", x - y), ("bl", y - x)):
                if name not in extremes or value > extremes[name][0]:
                    extremes[name] = (value, (x + 0.5, y + 0.5))
    if len(extremes) < 4:
        return None
    quad = (extremes["tl"][1], extremes["tr"][1], extremes["br"][1], extremes["bl"][1])
    area = _area(quad)
    if area < _MIN_AREA * width * height or filled < _MIN_FILL * area or filled > area / _MIN_FILL:
        return None
    if any(abs(angle - 90) > _MAX_CORNER_SKEW for angle in _corner_angles(quad)):
        return None
    quad = _with_lost_band(small, threshold, quad)
    scale_x, scale_y = grey.width / width, grey.height / height
    tl, tr, br, bl = ((x * scale_x, y * scale_y) for x, y in quad)
    return tl, tr, br, bl


# Brightness ratio within 3 × 3 pixels of the small copy above which there is a step (the
# sheet's edge, a letter): a shadow's soft edge darkens by a few per cent a pixel, paper is
# 1.5 to 3 times brighter than a table, shaded or not.
_STEP_RATIO = 1.25
_LOG_SCALE = 255 / math.log(256)
_LOG = [round(_LOG_SCALE * math.log1p(value)) for value in range(256)]
_RUN = re.compile(rb"\xff+")


def sheet_region(small: Image.Image, threshold: int) -> Image.Image:
    """Mask (255) of the sheet: among the areas of the image bounded by sharp steps of
    brightness, the one holding most of the pixels brighter than ``threshold`` (the paper),
    widened back over its edge's step."""
    logged = small.point(_LOG)
    spread = ImageChops.subtract(logged.filter(ImageFilter.MaxFilter(3)), logged.filter(ImageFilter.MinFilter(3)))
    step = round(_LOG_SCALE * math.log(_STEP_RATIO))
    calm = spread.point(lambda v: 255 if v < step else 0).tobytes()
    bright = small.point(lambda p: 255 if p > threshold else 0).tobytes()
    width, height = small.size
    runs: list[tuple[int, int, int]] = []  # (row, start, end) of each horizontal run of calm pixels
    parent: list[int] = []

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    above: list[int] = []
    for y in range(height):
        offset = y * width
        current = []
        for match in _RUN.finditer(calm, offset, offset + width):
            index = len(runs)
            runs.append((y, match.start() - offset, match.end() - offset))
            parent.append(index)
            current.append(index)
        # Runs of consecutive rows that overlap are one area (two sorted lists walked together).
        i = j = 0
        while i < len(above) and j < len(current):
            _, start_a, end_a = runs[above[i]]
            _, start_c, end_c = runs[current[j]]
            if start_a < end_c and start_c < end_a:
                parent[root(current[j])] = root(above[i])
            if end_a < end_c:
                i += 1
            else:
                j += 1
        above = current
    paper: dict[int, int] = {}
    for index, (y, start, end) in enumerate(runs):
        offset = y * width
        count = bright.count(255, offset + start, offset + end)
        if count:
            area = root(index)
            paper[area] = paper.get(area, 0) + count
    mask = bytearray(width * height)
    if paper:
        sheet = max(paper, key=lambda area: paper[area])
        for index, (y, start, end) in enumerate(runs):
            if root(index) == sheet:
                mask[y * width + start : y * width + end] = b"\xff" * (end - start)
    return Image.frombytes("L", small.size, bytes(mask)).filter(ImageFilter.MaxFilter(3))


_A4 = math.sqrt(2)  # a French quote is printed on A4: its sides are in this ratio
_SQUAT = 0.95  # a sheet found squatter than this share of A4 has lost a band to the table
_BAND_SAMPLES = 12  # rows sampled across a candidate band
_BAND_TEXT = 0.01  # share of a band's pixels as bright as paper: the white text of a header


def _with_lost_band(
    small: Image.Image, threshold: int, quad: tuple[Point, Point, Point, Point]
) -> tuple[Point, Point, Point, Point]:
    """The sheet with a dark band at one end (a coloured header or footer, darker than the
    brightness threshold) given back: the bright region then looks squatter than an A4
    sheet. Its side edges are prolonged to A4 proportions at the end where the band holds
    text as bright as the paper (a header's white lettering; the table has none); the sheet
    as found otherwise."""
    tl, tr, br, bl = quad
    width = (_distance(tl, tr) + _distance(bl, br)) / 2
    height = (_distance(tl, bl) + _distance(tr, br)) / 2
    portrait = height >= width
    long_side, short_side = (height, width) if portrait else (width, height)
    if long_side >= _SQUAT * _A4 * short_side:
        return quad
    missing = _A4 * short_side - long_side
    # Each end: the corners that move, and those at the other end of their side edges.
    ends = [((tl, tr), (bl, br)), ((bl, br), (tl, tr))] if portrait else [((tl, bl), (tr, br)), ((tr, br), (tl, bl))]
    pixels = small.tobytes()
    best: tuple[float, tuple[Point, Point], tuple[Point, Point]] | None = None
    for moving, opposite in ends:
        moved = (_prolonged(opposite[0], moving[0], missing), _prolonged(opposite[1], moving[1], missing))
        if not all(0 <= x < small.width and 0 <= y < small.height for x, y in moved):
            continue
        samples = _band_samples(pixels, small.width, moving, moved)
        bright = sum(value > threshold for value in samples) / max(len(samples), 1)
        if bright >= _BAND_TEXT and (best is None or bright > best[0]):
            best = (bright, moving, moved)
    if best is None:
        return quad
    _, moving, moved = best
    replaced = {moving[0]: moved[0], moving[1]: moved[1]}
    return (replaced.get(tl, tl), replaced.get(tr, tr), replaced.get(br, br), replaced.get(bl, bl))


def _prolonged(start: Point, end: Point, length: float) -> Point:
    """``end`` moved ``length`` further along the line from ``start``."""
    distance = _distance(start, end) or 1.0
    return end[0] + (end[0] - start[0]) * length / distance, end[1] + (end[1] - start[1]) * length / distance


def _band_samples(pixels: bytes, width: int, edge: tuple[Point, Point], far: tuple[Point, Point]) -> list[int]:
    """Grey levels on a grid across the band between ``edge`` and ``far`` (its inner 80 % across)."""
    values = []
    for i in range(1, _BAND_SAMPLES):
        t = i / _BAND_SAMPLES
        a = (edge[0][0] + (far[0][0] - edge[0][0]) * t, edge[0][1] + (far[0][1] - edge[0][1]) * t)
        b = (edge[1][0] + (far[1][0] - edge[1][0]) * t, edge[1][1] + (far[1][1] - edge[1][1]) * t)
        steps = max(2, int(_distance(a, b)))
        for k in range(steps // 10, steps - steps // 10):
            x = a[0] + (b[0] - a[0]) * k / steps
            y = a[1] + (b[1] - a[1]) * k / steps
            values.append(pixels[int(y) * width + int(x)])
    return values


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a histogram in two classes (Otsu's method)."""
    total = sum(histogram)
    if total == 0:
        return 127
    weighted = sum(level * count for level, count in enumerate(histogram))
    background = 0
    background_sum = 0.0
    best, best_level = -1.0, 127
    for level, count in enumerate(histogram[:256]):
        background += count
        if background == 0:
            continue
        foreground = total - background
        if foreground == 0:
            break
        background_sum += level * count
        mean_b = background_sum / background
        mean_f = (weighted - background_sum) / foreground
        between = background * foreground * (mean_b - mean_f) ** 2
        if between > best:
            best, best_level = between, level
    return best_level


def perspective_coefficients(source: list[Point], target: list[Point]) -> tuple[float, ...]:
    """Coefficients for ``Image.transform(PERSPECTIVE)``: each output point of ``target``
    samples the input at the matching point of ``source``."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    size = 8
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        if abs(rows[column][column]) < 1e-12:
            raise ValueError("degenerate quadrilateral")
        for r in range(size):
            if r != column:
                factor = rows[r][column] / rows[column][column]
                for k in range(column, size + 1):
                    rows[r][k] -= factor * rows[column][k]
    return tuple(rows[i][size] / rows[i][i] for i in range(size))


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _area(quad: tuple[Point, Point, Point, Point]) -> float:
    return abs(sum(quad[i][0] * quad[(i + 1) % 4][1] - quad[(i + 1) % 4][0] * quad[i][1] for i in range(4))) / 2


def _corner_angles(quad: tuple[Point, Point, Point, Point]) -> list[float]:
    angles = []
    for i in range(4):
        previous, corner, following = quad[i - 1], quad[i], quad[(i + 1) % 4]
        a = (previous[0] - corner[0], previous[1] - corner[1])
        b = (following[0] - corner[0], following[1] - corner[1])
        norm = math.hypot(*a) * math.hypot(*b)
        if norm == 0:
            return [0.0]
        cosine = max(-1.0, min(1.0, (a[0] * b[0] + a[1] * b[1]) / norm))
        angles.append(math.degrees(math.acos(cosine)))
    return angles
