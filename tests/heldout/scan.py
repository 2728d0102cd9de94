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
    noise = Image.effect_noise(image.size, rng.uniform(10, 22))
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(rng.randint(150, 600)):  # dust and toner speckles
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 1])
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(0, 90))
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))


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

    dst = [(margin + j(), margin + j()), (canvas_w - margin + j(), margin + j()),
           (canvas_w - margin + j(), canvas_h - margin + j()), (margin + j(), canvas_h - margin + j())]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = perspective_coeffs(src, dst)
    table = Image.new("RGB", (canvas_w, canvas_h), (rng.randint(90, 140), rng.randint(70, 110), rng.randint(50, 80)))
    sheet = image.convert("RGB").transform((canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs,
                                           Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", image.size, 255).transform((canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs,
                                                     Image.Resampling.BILINEAR, fillcolor=0)
    table.paste(sheet, (0, 0), mask)
    # uneven lighting: a gradient from one corner, 60–100 % brightness
    big = Image.linear_gradient("L").resize((512, 512)).rotate(rng.uniform(0, 360), resample=Image.Resampling.BILINEAR)
    gradient = big.crop((106, 106, 406, 406)).resize((canvas_w, canvas_h))  # inside the rotated square: no corners
    low = rng.randint(150, 180)
    gradient = gradient.point(lambda p: low + (255 - low) * p // 255)
    lit = ImageChops.multiply(table, Image.merge("RGB", (gradient, gradient, gradient)))
    lit = lit.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    noise = Image.effect_noise(lit.size, 8).convert("RGB")
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
