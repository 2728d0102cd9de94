"""Scanned versions of the corpus (rendered, rotated 0.8°, speckled, JPEG-compressed) read by
Tesseract. Slow (about 2 to 4 s a page): ``pytest -m slow tests/unit/reading``.

Measured on the development corpus (see the reader's report): JPEG photos of page 1 and
image-only PDFs both give total TTC and SIRET on 14/14 quotes, the quote number on 13/14 (an
OCR slip adds a digit), and 95-97 % of lines with quantity, unit and unit price exact. The
thresholds below leave a margin for Tesseract builds that differ slightly.
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
