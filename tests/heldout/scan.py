"""Scans and photos of a rendered quote: pypdfium2 raster, rotation, noise, blur, perspective."""

from __future__ import annotations

import io
import random
import re

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter


def pages(pdf: bytes, dpi: int, grey: bool = True) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil()
            out.append(image.convert("L" if grey else "RGB"))
        return out
    finally:
        doc.close()


def scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.choice([-1, 1]) * rng.uniform(0.8, 2.0)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    noise = _noise(image.size, rng.uniform(10, 22), rng)
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(rng.randint(150, 600)):  # dust and toner speckles
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 1])
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(0, 90))
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian grain around 128 drawn from ``rng`` (PIL's ``effect_noise`` is not seeded: a
    fuzzer's document must come out byte for byte the same from its seed)."""
    import numpy as np

    # Seeded from the sequence's state without drawing from it: what a document draws after its
    # scan (names, manifests) stays what it was when the grain was PIL's unseeded noise.
    grain = np.random.default_rng(list(rng.getstate()[1])).normal(128, sigma, (size[1], size[0]))
    return Image.fromarray(grain.clip(0, 255).astype(np.uint8), "L")


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for k in range(col, n + 1):
                    m[r][k] -= f * m[col][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for ``Image.transform(PERSPECTIVE)`` mapping output points ``dst`` to input ``src``."""
    a: list[list[float]] = []
    b: list[float] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


def photographed(image: Image.Image, rng: random.Random) -> Image.Image:
    w, h = image.size
    margin = int(0.06 * w)
    canvas_w, canvas_h = w + 2 * margin, h + 2 * margin

    def j() -> float:
        return rng.uniform(-0.035, 0.035) * w

    dst = [
        (margin + j(), margin + j()),
        (canvas_w - margin + j(), margin + j()),
        (canvas_w - margin + j(), canvas_h - margin + j()),
        (margin + j(), canvas_h - margin + j()),
    ]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = perspective_coeffs(src, dst)
    table = Image.new("RGB", (canvas_w, canvas_h), (rng.randint(90, 140), rng.randint(70, 110), rng.randint(50, 80)))
    sheet = image.convert("RGB").transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=(0, 0, 0)
    )
    mask = Image.new("L", image.size, 255).transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    table.paste(sheet, (0, 0), mask)
    # uneven lighting: a gradient from one corner, 60–100 % brightness
    big = Image.linear_gradient("L").resize((512, 512)).rotate(rng.uniform(0, 360), resample=Image.Resampling.BILINEAR)
    gradient = big.crop((106, 106, 406, 406)).resize((canvas_w, canvas_h))  # inside the rotated square: no corners
    low = rng.randint(150, 180)
    gradient = gradient.point(lambda p: low + (255 - low) * p // 255)
    lit = ImageChops.multiply(table, Image.merge("RGB", (gradient, gradient, gradient)))
    lit = lit.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    noise = _noise(lit.size, 8, rng).convert("RGB")
    return ImageChops.add(lit, noise, scale=1.0, offset=-128)


def degrade(pdf: bytes, media: str, rng: random.Random) -> tuple[bytes, str]:
    """Return (bytes, extension) of the scan or photo of ``pdf`` for ``media``."""
    buf = io.BytesIO()
    if media == "photo_jpeg":
        image = photographed(pages(pdf, 200, grey=False)[0], rng)
        image.save(buf, "JPEG", quality=70)
        return buf.getvalue(), "jpg"
    dpi = rng.choice([200, 250, 300])
    images = [scanned(p, rng) for p in pages(pdf, dpi)]
    if media == "scan_png":
        images[0].save(buf, "PNG", dpi=(dpi, dpi))
        return buf.getvalue(), "png"
    if media == "scan_jpeg":
        images[0].save(buf, "JPEG", quality=rng.randint(75, 90), dpi=(dpi, dpi))
        return buf.getvalue(), "jpg"
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buf.getvalue(), "pdf"


def shadowed(image: Image.Image, rng: random.Random) -> Image.Image:
    """A hand's or a phone's shadow: a soft dark band across the sheet, 55–80 % brightness."""
    w, h = image.size
    mask = Image.new("L", image.size, 0)
    x0, x1 = sorted(rng.uniform(0, w) for _ in range(2))
    ImageDraw.Draw(mask).polygon([(x0, 0), (x1, 0), (x1 + rng.uniform(-0.3, 0.3) * w, h), (x0, h)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(0.04 * w))
    dark = rng.randint(140, 205)
    shade = mask.point(lambda p: 255 - (255 - dark) * p // 255)
    if image.mode == "RGB":
        shade = Image.merge("RGB", (shade, shade, shade))
    return ImageChops.multiply(image, shade)


def crumpled(image: Image.Image, rng: random.Random) -> Image.Image:
    """A sheet crumpled then smoothed out: each small tile of the page moved by a smooth random
    field, so text baselines bend and a table's columns drift by a few pixels over the page."""
    import math

    w, h = image.size
    amplitude = rng.uniform(0.003, 0.008) * h
    waves = [(rng.uniform(1, 3), rng.uniform(1, 3), rng.uniform(0, 2 * math.pi)) for _ in range(3)]

    def shift(x: float, y: float) -> tuple[float, float]:
        dx = sum(math.sin(2 * math.pi * (fx * x / w + fy * y / h) + p) for fx, fy, p in waves) / 3
        dy = sum(math.cos(2 * math.pi * (fy * x / w + fx * y / h) + p) for fx, fy, p in waves) / 3
        return x + amplitude * dx, y + amplitude * dy

    step = 40
    mesh = []
    for top in range(0, h, step):
        for left in range(0, w, step):
            right, bottom = min(left + step, w), min(top + step, h)
            corners = [shift(left, top), shift(left, bottom), shift(right, bottom), shift(right, top)]
            mesh.append(((left, top, right, bottom), [c for corner in corners for c in corner]))
    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.transform(image.size, Image.Transform.MESH, mesh, Image.Resampling.BICUBIC, fillcolor=fill)


def faxed(image: Image.Image) -> Image.Image:
    """A fax's page: black and white, every grey pixel forced to one or the other."""
    return image.point(lambda v: 255 if v > 150 else 0).convert("1")


def edge_shaded(image: Image.Image, side: str, reach: float, depth: float) -> Image.Image:
    """The page darkened towards one edge (a scanner lid left ajar, a book's gutter, a phone's
    vignetting): brightness ``depth`` (0–1) at the edge, back to full over ``reach`` of the page."""
    w, h = image.size
    across = w if side in ("left", "right") else h
    span = max(1, round(reach * across))
    ramp = [round(255 * (depth + (1 - depth) * min(1.0, i / span) ** 2)) for i in range(across)]
    if side in ("right", "bottom"):
        ramp.reverse()
    if side in ("left", "right"):
        shade = Image.frombytes("L", (across, 1), bytes(ramp)).resize((w, h))
    else:
        shade = Image.frombytes("L", (1, across), bytes(ramp)).resize((w, h))
    if image.mode == "RGB":
        shade = Image.merge("RGB", (shade, shade, shade))
    return ImageChops.multiply(image, shade)


def _cut(image: Image.Image, side: str, share: float) -> Image.Image:
    """The image with ``share`` of its width (or height) cut off at ``side``."""
    w, h = image.size
    dx, dy = round(share * w), round(share * h)
    box = {"left": (dx, 0, w, h), "right": (0, 0, w - dx, h), "top": (0, dy, w, h), "bottom": (0, 0, w, h - dy)}
    return image.crop(box[side])


def _margin_cut(page: Image.Image, side: str, gap: float) -> Image.Image:
    """A page fed askew into a scanner: its margin at ``side`` lost up to ``gap`` (share of the
    page) from the print, so the text runs to the image's edge."""
    box = page.point(lambda v: 255 if v < 160 else 0).getbbox()
    if box is None:
        return page
    w, h = page.size
    left, top, right, bottom = box
    share = {
        "left": left / w - gap,
        "right": (w - right) / w - gap,
        "top": top / h - gap,
        "bottom": (h - bottom) / h - gap,
    }[side]
    return _cut(page, side, share) if share > 0 else page


_SIDES = ("left", "right", "top", "bottom")


def fuzzed(pdf: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """A scan or photo of every page of ``pdf`` with degradations drawn at random (the scan
    fuzzer's), and their names: scanned (rotated, noisy) or photographed (perspective, light),
    then a shadow, a crumple, stronger blur, JPEG at a low quality, each or not. One page: a
    JPEG or PNG image; several: a PDF of images, as a scanner makes.

    Axes added later (session 13: a fax or a 100 dpi scan, a page darkened towards one edge,
    a margin cut by the scanner's or the camera's frame) draw from a sequence of their own:
    the other draws of a seed stay what they were, and a seed that draws none of them gives
    the image it always gave."""
    later = random.Random(repr(rng.getstate()) + " scan axes")
    photo = rng.random() < 0.5
    dpi = rng.choice([150, 200, 250, 300])
    resolution = later.random()
    fax = not photo and resolution < 0.12
    low = not photo and 0.12 <= resolution < 0.25
    shade = (later.choice(_SIDES), later.uniform(0.08, 0.25), later.uniform(0.3, 0.6))
    shaded = later.random() < 0.25
    cut = (later.choice(_SIDES), later.uniform(0.002, 0.01), later.uniform(0.0, 0.02))
    cutting = later.random() < 0.2
    if fax or low:
        dpi = 100
    names = ["photo" if photo else "scan", f"{dpi} dpi"]
    names += ["fax"] if fax else []
    names += [f"edge shade {shade[0]}"] if shaded else []
    names += [f"cut {cut[0]}"] if cutting else []
    images = []
    for rendered in pages(pdf, dpi, grey=not photo):
        page = _margin_cut(rendered, cut[0], cut[1]) if cutting and not photo else rendered
        image = photographed(page, rng) if photo else scanned(page, rng)
        for name, step in (("crumple", crumpled), ("shadow", shadowed)):
            if rng.random() < 0.4:
                image = step(image, rng)
                names.append(name)
        if rng.random() < 0.3:
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.4)))
            names.append("blur")
        if shaded:
            image = edge_shaded(image, *shade)
        if cutting and photo:
            # The camera's frame cuts the sheet: the table's margin (``photographed``'s, 6 % of
            # the sheet's width, ± the perspective's jitter) and a little of the sheet beyond it.
            margin = 0.06 * image.width / 1.12 + cut[2] * image.width
            image = _cut(image, cut[0], margin / (image.width if cut[0] in ("left", "right") else image.height))
        images.append(faxed(image) if fax else image)
    quality = rng.choice([35, 50, 70, 90])
    buf = io.BytesIO()
    if fax:
        names.append("png black and white")
        if len(images) == 1:
            images[0].save(buf, "PNG", dpi=(dpi, dpi))
        else:
            images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
        return buf.getvalue(), names
    names.append(f"jpeg {quality}")
    if len(images) == 1:
        images[0].save(buf, "JPEG", quality=quality)
        return buf.getvalue(), names
    jpegs = []
    for image in images:  # each page through JPEG first: its artefacts whatever the container
        page_buf = io.BytesIO()
        image.save(page_buf, "JPEG", quality=quality)
        jpegs.append(Image.open(io.BytesIO(page_buf.getvalue())))
    jpegs[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=jpegs[1:])
    return buf.getvalue(), names


# The slips an engine makes by one letter on a word it otherwise reads (the scan fuzzer's
# filter, drawn from a stream of its own): a unit's exponent lost or its letter read as a
# figure ("m²" → "m", "ml" → "m1"), a totals label one letter off ("T0TAL", "TYA", "Nct à
# payer"), a figure of an amount read as the letter it looks like ("1O4,S0"). Frozen sets 11–14
# and o23's note show each on the development faxes and photos.
_UNIT_SLIPS = {
    "m²": ("m", "m2", "mz"),
    "m2": ("m", "mZ"),
    "ml": ("m1", "mI", "m|"),
    "u": ("U", "ü"),
    "U": ("u", "ü"),
}
_UNIT_WORD = re.compile(r"(?<![^\s\d/])(" + "|".join(map(re.escape, _UNIT_SLIPS)) + r")(?=[\s.,)]|$)")
_LABEL_WORD = re.compile(r"\b(total|montant|tva|ttc|net|payer|général)\b", re.IGNORECASE)
_LETTER_TWINS = {
    "O": "0",
    "o": "0",
    "T": "7",
    "t": "l",
    "l": "1",
    "L": "I",
    "V": "Y",
    "v": "y",
    "A": "À",
    "a": "à",
    "à": "a",
    "e": "c",
    "é": "e",
    "n": "m",
    "N": "M",
    "C": "G",
    "c": "e",
    "H": "N",
    "M": "N",
    "y": "v",
    "p": "o",
    "r": "t",
    "g": "q",
    "G": "C",
    "P": "F",
    "E": "F",
}
_AMOUNT = re.compile(r"\d[\d\u202f\u00a0.]*,\d{2}\b")
_DIGIT_TWINS = {"0": "O", "1": "l", "2": "Z", "5": "S", "6": "G", "8": "B"}


def ocr_slipped(text: str, rng: random.Random, names: set[str]) -> str:
    """``text`` (a word or a run of words the engine read) with OCR's one-letter slips drawn at
    random from ``rng``; ``names`` gets the kinds of slip made ("unit", "label", "digit"). Half
    the units printed in doubt, a label's word in three, an amount in twenty: a page with a few
    slips of each kind, the engine reading the rest."""

    def unit(match: re.Match[str]) -> str:
        if rng.random() >= 0.5:
            return match.group()
        names.add("slip unit")
        return rng.choice(_UNIT_SLIPS[match.group(1)])

    def label(match: re.Match[str]) -> str:
        word = match.group()
        places = [i for i, ch in enumerate(word) if ch in _LETTER_TWINS]
        if rng.random() >= 0.3 or not places:
            return word
        names.add("slip label")
        i = rng.choice(places)
        return word[:i] + _LETTER_TWINS[word[i]] + word[i + 1 :]

    def digit(match: re.Match[str]) -> str:
        word = match.group()
        places = [i for i, ch in enumerate(word) if ch in _DIGIT_TWINS]
        if rng.random() >= 0.05 or not places:
            return word
        names.add("slip digit")
        i = rng.choice(places)
        return word[:i] + _DIGIT_TWINS[word[i]] + word[i + 1 :]

    return _AMOUNT.sub(digit, _LABEL_WORD.sub(label, _UNIT_WORD.sub(unit, text)))
