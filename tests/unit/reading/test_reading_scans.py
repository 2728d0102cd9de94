"""Scanned versions of the corpus (rendered, rotated 0.8°, speckled, JPEG-compressed) read by
Tesseract. Slow (about 2 to 4 s a page): ``pytest -m slow tests/unit/reading``.

Measured on the development corpus (Tesseract 5.3, Debian fra model): JPEG scans of page 1
and image-only PDFs both give total TTC and SIRET on 14/14 quotes, the quote number on 13/14
(an OCR slip adds a digit), and 116/119 lines (97 %) with quantity, unit and unit price exact.
The thresholds below leave a margin for Tesseract builds that differ slightly.
"""

from __future__ import annotations

from functools import cache

import pytest
from reading_support import CorpusDocument, image_pdf, jpeg, quotes, scanned, score

from billma_core.models import DocumentReading, Flag
from billma_core.reading import read_document
from billma_core.reading.ocr.tesseract import TesseractEngine

ENGINE = TesseractEngine()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ENGINE.available(), reason="tesseract absent"),
]


@cache
def scan_reading(name: str, form: str) -> DocumentReading:
    document = next(d for d in quotes() if d.name == name)
    pages = scanned(document.path.read_bytes())
    data = jpeg(pages[0]) if form == "jpeg" else image_pdf(pages)
    return read_document(data, ocr=ENGINE)


def pairs(form: str) -> list[tuple[CorpusDocument, DocumentReading]]:
    return [(document, scan_reading(document.name, form)) for document in quotes()]


@pytest.mark.parametrize("form", ["jpeg", "pdf"])
def test_accuracy_on_scans(form: str) -> None:
    result = score(pairs(form))
    details = "\n".join(result.misses or [])
    print(
        f"\n{form}: TTC {result.ttc}/{result.documents}, SIRET {result.siret}/{result.documents}, "
        f"numéro {result.number}/{result.documents}, lignes {result.lines_found}/{result.lines}\n{details}"
    )
    assert result.rate("ttc") >= 0.9, details
    assert result.rate("siret") >= 0.9, details
    assert result.rate("number") >= 0.85, details
    assert result.rate("lines_found") >= 0.9, details


@pytest.mark.parametrize("form", ["jpeg", "pdf"])
def test_scans_carry_the_ocr_flag_and_the_scenario_flags(form: str) -> None:
    for document, reading in pairs(form):
        assert Flag.OCR in reading.flags, document.name
        if "invalid_siret" in document.truth["expected"]["flags"]:
            assert Flag.INVALID_SIRET in reading.flags
        if "arithmetic_error" in document.truth["expected"]["flags"]:
            assert Flag.ARITHMETIC_ERROR in reading.flags


def photo(document: CorpusDocument, turn: int = 0, shadow: bool = False) -> bytes:
    """A phone-like picture of page 1: 150 dpi, blurred, optionally upside down or shaded."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageFilter

    pdf = pdfium.PdfDocument(document.path.read_bytes())
    try:
        image = pdf[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    if shadow:
        # Darker towards one side, down to 45 % of the light.
        gradient = Image.linear_gradient("L").resize(image.size).rotate(90).point(lambda v: 115 + v * 140 // 255)
        image = ImageChops.multiply(image, gradient)
    if turn:
        image = image.rotate(turn, expand=True)
    return jpeg(image.filter(ImageFilter.GaussianBlur(0.8)))


@pytest.mark.parametrize("turn", [90, 180])
def test_a_photo_taken_sideways_or_upside_down(turn: int) -> None:
    document = quotes()[0]
    reading = read_document(photo(document, turn=turn), ocr=ENGINE)
    assert reading.quote is not None, reading.reason
    assert str(reading.quote.total_ttc) == f"{document.truth['total_ttc']:.2f}"
    assert reading.quote.number == document.truth["devis_number"]


def test_a_photo_with_a_shadow_keeps_its_totals() -> None:
    for document in quotes()[:3]:
        reading = read_document(photo(document, shadow=True), ocr=ENGINE)
        assert reading.quote is not None, reading.reason
        assert str(reading.quote.total_ttc) == f"{document.truth['total_ttc']:.2f}"
