"""Scans and photos of a rendered quote: pypdfium2 raster, rotation, noise, blur, perspective."""

from __future__ import annotations

import io
import random

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


def fuzzed(pdf: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """A scan or photo of every page of ``pdf`` with degradations drawn at random (the scan
    fuzzer's), and their names: scanned (rotated, noisy) or photographed (perspective, light),
    then a shadow, a crumple, stronger blur, JPEG at a low quality, each or not. One page: a
    JPEG or PNG image; several: a PDF of images, as a scanner makes."""
    photo = rng.random() < 0.5
    dpi = rng.choice([150, 200, 250, 300])
    names = ["photo" if photo else "scan", f"{dpi} dpi"]
    images = []
    for page in pages(pdf, dpi, grey=not photo):
        image = photographed(page, rng) if photo else scanned(page, rng)
        for name, step in (("crumple", crumpled), ("shadow", shadowed)):
            if rng.random() < 0.4:
                image = step(image, rng)
                names.append(name)
        if rng.random() < 0.3:
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.4)))
            names.append("blur")
        images.append(image)
    quality = rng.choice([35, 50, 70, 90])
    names.append(f"jpeg {quality}")
    buf = io.BytesIO()
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
