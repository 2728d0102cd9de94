"""RapidOCR, the local engine installed by pip: models from the wheel, words with their boxes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from billma_core.reading.ocr import OcrWord, get_ocr_engine
from billma_core.reading.ocr.rapid import RapidOcrEngine, packaged_models, result_words
from billma_core.reading.ocr.tesseract import TesseractEngine
from billma_core.settings import Settings

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_rapidocr = pytest.mark.skipif(not RapidOcrEngine().available(), reason="rapidocr not installed")


def _png(rows: list[str]) -> bytes:
    image = Image.new("L", (1400, 90 * len(rows) + 60), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 34)
    for index, row in enumerate(rows):
        draw.text((40, 40 + 90 * index), row, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@needs_rapidocr
def test_models_are_the_wheels_own_files() -> None:
    import rapidocr

    models = packaged_models()
    assert models is not None
    package = Path(rapidocr.__file__).parent
    assert all(path.is_file() and package in path.parents for path in models.values())


@pytest.mark.slow  # loads the ONNX models and runs detection and recognition on a page
@needs_rapidocr
def test_reads_a_rendered_page_as_words_with_boxes() -> None:
    engine = RapidOcrEngine()
    words = engine.words(_png(["Réfection peinture     12,50 m²     28,00 €     350,00 €", "SIRET 732 829 320 00074"]))
    texts = [w.text for w in words]
    assert "350,00" in texts and "Réfection" in texts and "00074" in texts
    first_row = [w for w in words if w.line == words[0].line]
    assert [w.left for w in first_row] == sorted(w.left for w in first_row)
    siret = next(w for w in words if w.text == "SIRET")
    amount = next(w for w in words if w.text == "350,00")
    assert siret.top > amount.top and siret.left < amount.left
    text = engine.image_to_text(_png(["Total TTC          1 357,95 €"]))
    assert "1 357,95" in text


def test_words_share_a_line_box_by_character_count_when_the_engine_gives_none() -> None:
    box = [[100, 10], [300, 10], [300, 30], [100, 30]]
    words = result_words([box], ["ab cd"], [0.9], None)
    assert [(w.text, w.left, w.width, w.line) for w in words] == [("ab", 100.0, 80.0, 0), ("cd", 220.0, 80.0, 0)]
    assert words[0].confidence == pytest.approx(90)


@needs_rapidocr
def test_each_local_engine_stands_in_for_the_other(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(get_ocr_engine(Settings(ocr_engine="rapidocr")), RapidOcrEngine)
    if TesseractEngine().available():
        assert isinstance(get_ocr_engine(Settings(ocr_engine="tesseract")), TesseractEngine)
    monkeypatch.setenv("PATH", "")  # no tesseract binary on this PATH
    assert isinstance(get_ocr_engine(Settings(ocr_engine="tesseract")), RapidOcrEngine)


@pytest.mark.slow  # runs RapidOCR on a band of a rendered page
@needs_rapidocr
def test_a_row_read_unsure_is_read_again_on_a_band_of_its_own() -> None:
    from billma_core.reading.ocr.rapid import _reread

    png = _png(["Girard Second Oeuvre", "SIRET : 906 995 303 00060 - TVA FR24906995303", "Tel. 06 72 63 43 66"])
    # The engine's reading of the page, the middle row garbled at a low score (as a detection
    # box cut short gives it) and the other rows read well.
    words = [
        OcrWord("Girard", 40, 45, 110, 40, 0, 99.0),
        OcrWord("SI:", 40, 135, 40, 40, 1, 69.0),
        OcrWord("0", 500, 135, 20, 40, 1, 69.0),
        OcrWord("Tel.", 40, 225, 60, 40, 2, 99.0),
    ]
    mended = _reread(png, words, 135, 40)
    texts = [w.text for w in mended]
    assert "SI:" not in texts and "0" not in texts
    assert "00060" in texts and "FR24906995303" in texts
    assert "Girard" in texts and "Tel." in texts  # the rows read well are kept as they were
    middle = [w for w in mended if w.text in ("SIRET", "00060")]
    assert all(135 <= w.top + w.height / 2 <= 175 for w in middle)  # page coordinates


def test_a_row_read_again_keeps_the_lone_cell_the_new_reading_has_nothing_at(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from billma_core.reading.ocr import rapid

    def line(text: str, left: float, width: float, score: float) -> tuple[Any, str, float, Any]:
        box = [[left, 0.0], [left + width, 0.0], [left + width, 20.0], [left, 20.0]]
        return box, text, score, [(text, score, box)]

    def result(*lines: tuple[Any, str, float, Any]) -> Any:
        boxes, texts, scores, words = zip(*lines, strict=True)
        return SimpleNamespace(boxes=list(boxes), txts=list(texts), scores=list(scores), word_results=list(words))

    first = result(line("Rempl. inter", 0, 240, 0.97), line("u", 300, 10, 0.51), line("62,7g", 400, 50, 0.6))
    # The band read again: the figure surer, the lone unit not found at all.
    again = result(line("Rempl. inter", 0, 240, 0.98), line("62,79", 400, 50, 0.99))
    words = result_words(first.boxes, first.txts, first.scores, first.word_results)
    monkeypatch.setattr(rapid, "_recognise", lambda _band: again)
    kept = rapid._reread(_png(["Rempl. inter   u   62,79"]), words, top=0.0, height=20.0)
    assert sorted((w.text, w.left) for w in kept) == [("62,79", 400.0), ("Rempl.", 0.0), ("inter", 140.0), ("u", 300.0)]


def _scan_of_corpus_page(turn: int, dpi: int = 120) -> tuple[bytes, dict[str, Any]]:
    """Page 1 of a corpus quote scanned (tilted a degree or two, speckled, blurred) and turned
    ``turn`` degrees counter-clockwise, as a feeder gives a sheet put in the wrong way; small
    (``dpi``) to keep the test short."""
    import random

    from reading_support import quotes

    from tests.heldout.scan import pages, scanned

    document = quotes()[0]
    image = scanned(pages(document.path.read_bytes(), dpi)[0], random.Random(11))
    turned = image.rotate(turn, expand=True) if turn else image
    buffer = io.BytesIO()
    turned.save(buffer, "PNG")
    return buffer.getvalue(), document.truth


@pytest.mark.slow  # runs RapidOCR's detection and line classifier on four pages
@needs_rapidocr
def test_the_survey_tells_how_to_turn_a_page_upright() -> None:
    engine = RapidOcrEngine()
    for turn in (0, 90, 180, 270):
        png, _truth = _scan_of_corpus_page(turn)
        # Turned ``turn`` counter-clockwise: upright again after the rest of the full turn.
        assert engine.survey(png).turn == (360 - turn) % 360, turn
    assert engine.survey(_png([""])).turn == 0  # no line to tell: read as it is


@pytest.mark.slow  # reads two scanned pages with RapidOCR through the whole reader
@needs_rapidocr
@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_scanned_on_its_side_or_upside_down_is_read_upright(turn: int) -> None:
    from billma_core.reading import read_document

    png, truth = _scan_of_corpus_page(turn, dpi=150)
    reading = read_document(png, ocr=RapidOcrEngine())
    assert reading.quote is not None, reading.reason
    assert str(reading.quote.total_ttc) == f"{truth['total_ttc']:.2f}"
    assert reading.quote.contractor.siret == truth["artisan"]["siret"]
    assert reading.quote.number == truth["devis_number"]


def _photo_at_an_angle(dpi: int = 150) -> tuple[bytes, dict[str, Any]]:
    """Page 1 of a corpus quote photographed at an angle, the sheet filling the frame (no edge to
    flatten it by): its left edge comes out shorter than the right, so the rows run towards a
    vanishing point on the left, level at the top and sloping more and more down the page (one
    slope for the page, their median, shears the top rows a few rows apart)."""
    from reading_support import quotes

    from tests.heldout.scan import pages, perspective_coeffs

    document = quotes()[0]
    page = pages(document.path.read_bytes(), dpi)[0]
    w, h = page.size
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    dst = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, h - 0.2 * w)]
    photo = page.transform(
        page.size, Image.Transform.PERSPECTIVE, perspective_coeffs(src, dst), Image.Resampling.BICUBIC, fillcolor=255
    )
    buffer = io.BytesIO()
    photo.save(buffer, "PNG")
    return buffer.getvalue(), document.truth


@pytest.mark.slow  # reads a photographed page with RapidOCR through the whole reader
@needs_rapidocr
def test_a_page_photographed_at_an_angle_keeps_each_row_whole() -> None:
    from billma_core.reading import read_document

    png, truth = _photo_at_an_angle()
    reading = read_document(png, ocr=RapidOcrEngine())
    assert reading.quote is not None, reading.reason
    quote = reading.quote
    assert (str(quote.total_ht), str(quote.total_ttc)) == (f"{truth['total_ht']:.2f}", f"{truth['total_ttc']:.2f}")
    assert quote.contractor.siret == truth["artisan"]["siret"]
    assert sorted(str(line.total_ht) for line in quote.lines) == sorted(
        f"{line['total_ht']:.2f}" for line in truth["lines"]
    )
