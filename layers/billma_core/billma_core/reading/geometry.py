"""A photographed page cut out of its background and flattened (perspective undone).

A phone photo shows the sheet as a bright quadrilateral on a darker table, its rows slanted
and converging. Found as the four extreme points of the bright region (a sheet is convex),
checked to be a plausible sheet, then warped back to a rectangle: the OCR engine then sees
straight rows and the table rules become straight lines that can be erased.
"""

from __future__ import annotations

import math

from PIL import Image, ImageFilter

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
    mask = small.point(lambda p: 255 if p > threshold else 0).filter(ImageFilter.MedianFilter(5))
    data = mask.tobytes()
    border = (
        data[:width] + data[-width:] + bytes(data[y * width] for y in range(height))
        + bytes(data[y * width + width - 1] for y in range(height))
    )  # fmt: skip
    if border.count(0) < _MIN_BACKGROUND * len(border):
        return None
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
    scale_x, scale_y = grey.width / width, grey.height / height
    tl, tr, br, bl = ((x * scale_x, y * scale_y) for x, y in quad)
    return tl, tr, br, bl


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
