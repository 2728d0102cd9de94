"""The OCR interface: engines by configuration, Tesseract TSV and Textract blocks to layout
text, rows rebuilt from a slightly rotated page, boto3 kept out of the pure modules."""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import pytest

from billma_core.reading.ocr import NoOcrEngine, OcrError, OcrWord, get_ocr_engine, words_to_layout
from billma_core.reading.ocr.tesseract import TesseractEngine, parse_tsv
from billma_core.reading.ocr.textract import TextractEngine
from billma_core.settings import Settings

ROWS = [
    ["Désignation", "Qté", "P.U.", "Total"],
    ["Peinture", "murs", "32,40", "28,00", "907,20"],
    ["Nettoyage", "1,00", "120,00", "120,00"],
]
COLUMNS = {"Désignation": 0, "Peinture": 0, "Nettoyage": 0, "murs": 10, "Qté": 40, "32,40": 40, "1,00": 40}


def positioned_words(angle_degrees: float, with_lines: bool) -> list[OcrWord]:
    """Words of three table rows on a page rotated by ``angle_degrees`` (10 px per char)."""
    slope = math.tan(math.radians(angle_degrees))
    words = []
    for row_index, row in enumerate(ROWS):
        for word_index, text in enumerate(row):
            column = COLUMNS.get(text, 55 + 15 * (word_index - (len(row) - 2)))
            left = column * 10.0
            top = 100.0 + row_index * 40.0 + slope * left
            words.append(OcrWord(text, left, top, len(text) * 10.0, 20.0, ("1", row_index) if with_lines else None))
    return words


@pytest.mark.parametrize("angle", [0.0, 1.5, -2.0])
def test_rows_survive_a_slight_rotation(angle: float) -> None:
    text = words_to_layout(positioned_words(angle, with_lines=True))
    lines = text.splitlines()
    assert len(lines) == 3
    assert lines[1].split() == ["Peinture", "murs", "32,40", "28,00", "907,20"]
    # Columns are kept: the quantity starts where its header does.
    assert lines[0].index("Qté") == lines[2].index("1,00")


def test_rows_by_height_without_engine_lines() -> None:
    lines = words_to_layout(positioned_words(0.0, with_lines=False)).splitlines()
    assert [line.split()[0] for line in lines] == ["Désignation", "Peinture", "Nettoyage"]


def test_empty_page() -> None:
    assert words_to_layout([]) == ""


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t100\t200\t120\t30\t96\tTotal\n"
    "5\t1\t1\t1\t1\t2\t240\t200\t60\t30\t95\tTTC\n"
    "5\t1\t2\t1\t1\t1\t900\t202\t180\t30\t91\t1 354,54\n"
    "5\t1\t2\t1\t1\t2\t1100\t202\t20\t30\t91\t \n"
)


def test_tesseract_tsv_to_words() -> None:
    words = parse_tsv(TSV)
    assert [w.text for w in words] == ["Total", "TTC", "1 354,54"]
    assert "Total TTC" in words_to_layout(words) and words_to_layout(words).endswith("1 354,54")


def test_tesseract_missing_binary() -> None:
    engine = TesseractEngine(binary="tesseract-absent-here")
    assert not engine.available()
    with pytest.raises(OcrError, match="OCR indisponible"):
        engine.image_to_text(b"png")


def test_tesseract_failure_is_an_ocr_error() -> None:
    engine = TesseractEngine(binary=sys.executable)  # "python - - -l fra …" exits non-zero
    assert engine.available()
    with pytest.raises(OcrError):
        engine.image_to_text(b"not a png")


def test_tesseract_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: Any, **kwargs: Any) -> Any:
        raise subprocess.TimeoutExpired(cmd="tesseract", timeout=1)

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(OcrError, match="trop long"):
        TesseractEngine(binary=sys.executable, timeout_seconds=1).image_to_text(b"png")


class FakeTextract:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def detect_document_text(self, Document: dict[str, bytes]) -> dict[str, Any]:  # boto3's keyword
        if self.fail:
            raise RuntimeError("ThrottlingException")
        assert Document["Bytes"] == b"png"

        def word(text: str, left: float, top: float) -> dict[str, Any]:
            box = {"Left": left, "Top": top, "Width": 0.005 * len(text), "Height": 0.01}
            return {"BlockType": "WORD", "Text": text, "Geometry": {"BoundingBox": box}}

        return {
            "Blocks": [
                {"BlockType": "PAGE"},
                word("Total", 0.5, 0.80),
                word("TTC", 0.535, 0.801),
                word("1 354,54", 0.8, 0.799),
                word("DEVIS", 0.1, 0.1),
            ]
        }


def test_textract_blocks_to_layout() -> None:
    engine = TextractEngine(client=FakeTextract())
    assert engine.available()
    lines = engine.image_to_text(b"png").splitlines()
    assert lines[0].strip() == "DEVIS"
    assert lines[1].split() == ["Total", "TTC", "1", "354,54"]


def test_textract_error_is_an_ocr_error() -> None:
    with pytest.raises(OcrError, match="Textract"):
        TextractEngine(client=FakeTextract(fail=True)).image_to_text(b"png")


def test_engine_factory_follows_settings() -> None:
    assert isinstance(get_ocr_engine(Settings(ocr_engine="tesseract")), TesseractEngine)
    assert isinstance(get_ocr_engine(Settings(ocr_engine="textract")), TextractEngine)
    none = get_ocr_engine(Settings(ocr_engine="none"))
    assert isinstance(none, NoOcrEngine) and not none.available()
    with pytest.raises(OcrError):
        none.image_to_text(b"png")


def test_pure_modules_do_not_import_boto3() -> None:
    code = (
        "import sys; import billma_core.reading as r; "
        "r.read_document(b'%PDF-1.4 broken'); "
        "print('boto3' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
