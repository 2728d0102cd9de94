"""The scan fuzzer's degradations (``scan.py``): reproducible from the seed (slow: a whole page
rendered twice), and a crumple bends a printed rule as a crumpled sheet does (quick: small images,
no OCR)."""

from __future__ import annotations

import random

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from tests.heldout.scan import crumpled, edge_shaded, faxed, fuzzed, ocr_slipped, shadowed


def _rule_rows(image: Image.Image) -> list[float]:
    """The mean row of the ink in each column that has some."""
    width, height = image.size
    pixels = image.load()
    rows = []
    for x in range(0, width, 10):
        inked = [y for y in range(height) if pixels[x, y] < 128]
        if inked:
            rows.append(sum(inked) / len(inked))
    return rows


def test_a_crumple_bends_a_straight_rule_by_a_few_pixels() -> None:
    sheet = Image.new("L", (800, 1000), 255)
    ImageDraw.Draw(sheet).line([(50, 500), (750, 500)], fill=0, width=3)
    rows = _rule_rows(crumpled(sheet, random.Random(3)))
    assert len(rows) > 50  # the rule is still there, whole
    assert 1 < max(rows) - min(rows) < 0.02 * 1000  # bent, not torn off the page


def test_a_shadow_darkens_part_of_the_sheet_only() -> None:
    sheet = Image.new("L", (400, 400), 255)
    shaded = shadowed(sheet, random.Random(5))
    low, high = shaded.getextrema()
    assert high == 255 and low < 210


@pytest.mark.parametrize("side", ["left", "right", "top", "bottom"])
def test_an_edge_shade_darkens_the_named_edge_and_leaves_the_far_side(side: str) -> None:
    sheet = Image.new("L", (300, 400), 240)
    shaded = edge_shaded(sheet, side, 0.2, 0.4)
    w, h = sheet.size
    edge = {"left": (1, h // 2), "right": (w - 2, h // 2), "top": (w // 2, 1), "bottom": (w // 2, h - 2)}[side]
    far = {"left": (w - 2, h // 2), "right": (1, h // 2), "top": (w // 2, h - 2), "bottom": (w // 2, 1)}[side]
    assert shaded.getpixel(edge) < 0.5 * 240
    assert shaded.getpixel(far) == 240


def test_a_fax_is_black_and_white() -> None:
    grey = Image.linear_gradient("L").resize((64, 64))
    counts = faxed(grey).convert("L").histogram()  # pixels per grey level: black and white only
    assert counts[0] and counts[255] and not any(counts[1:255])


@pytest.mark.slow
def test_the_fuzzer_is_reproducible_from_its_seed() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Peinture des murs   12,50 m2   28,00   350,00")
    data = bytes(pdf.output())
    first, names = fuzzed(data, random.Random(11))
    assert (first, names) == fuzzed(data, random.Random(11))
    assert names[0] in ("scan", "photo") and names[-1].startswith("jpeg")


def test_ocr_slips_bend_units_labels_and_figures_by_one_letter_from_their_seed() -> None:
    words = ["12,50 m²", "Total TTC", "1 234,56", "Peinture des murs"] * 40

    def slipped(seed: str) -> tuple[list[str], set[str]]:
        rng, names = random.Random(seed), set[str]()
        return [ocr_slipped(word, rng, names) for word in words], names

    first, names = slipped("1 ocr slips")
    assert (first, names) == slipped("1 ocr slips")
    assert names == {"slip unit", "slip label", "slip digit"}
    assert all(word == "Peinture des murs" for word in first[3::4])  # no slip outside the three kinds
    for word in first[1::4]:  # each word of the label one letter off at most
        pairs = zip(word.split(), ["Total", "TTC"], strict=True)
        assert all(sum(a != b for a, b in zip(w, t, strict=True)) <= 1 for w, t in pairs)
