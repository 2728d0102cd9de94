"""The OCR interface: engines by configuration, Tesseract TSV and Textract blocks to layout
text, rows rebuilt from a slightly rotated page, boto3 kept out of the pure modules."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from billma_core.models import Unit
from billma_core.reading.numbers import ocr_unit_of
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


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("fotfait", Unit.FORFAIT),  # one letter misread
        ("forfai", Unit.FORFAIT),  # one lost
        ("F0rfait", Unit.FORFAIT),  # a digit for a letter
        ("m.1.", Unit.ML),
        ("FQRF", Unit.FORFAIT),
        (".m2", Unit.M2),  # a speck before it
        ("unitè", Unit.U),
        ("m2", Unit.M2),
        ("forfiat", None),  # two letters off
        ("Frais", None),
        ("murs", None),
        ("toile", None),
    ],
)
def test_units_read_through_ocr_slips(word: str, unit: Unit | None) -> None:
    assert ocr_unit_of(word) == unit


def _row(*texts: str) -> list[OcrWord]:
    words, left = [], 0.0
    for text in texts:
        words.append(OcrWord(text, left, 100.0, 10.0 * len(text), 20.0, 1))
        left += 10.0 * len(text) + 12
    return words


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("1", "fotfaitFrais", "d'approche", "47,50", "47,50"), "1 forfait Frais d'approche 47,50 47,50"),
        (("13,52", "m.1.", "Plinthes", "13,61", "184,01"), "13,52 ml Plinthes 13,61 184,01"),
        (("1uChangement", "du", "bloc-porte", "369,87"), "1 u Changement du bloc-porte 369,87"),
        (("1.", "FQRF", "Nettoyage", "122,73"), "1. forfait Nettoyage 122,73"),
        # A unit column before the quantities: OCR's digit-for-letter slips only.
        (("Plinthe", "en", "bois", "m.1.", "14,37", "210,38"), "Plinthe en bois ml 14,37 210,38"),
        (("Plinthe", "en", "bois", "m1", "14,37", "210,38"), "Plinthe en bois m1 14,37 210,38"),
        (("Peinture", "murs", "forfoit", "2", "80,00"), "Peinture murs forfoit 2 80,00"),
        (("Vitrage", "Il", "2", "80,00"), "Vitrage Il 2 80,00"),
        # Not where a unit stands, or no unit: left as read.
        (("Heures", "de", "main-d'œuvre"), "Heures de main-d'œuvre"),
        (("2", "pièces", "Peinture"), "2 pièces Peinture"),
        (("75011", "Pars"), "75011 Pars"),
    ],
)
def test_ocr_units_are_spelled_as_the_vocabulary_spells_them(texts: tuple[str, ...], expected: str) -> None:
    assert " ".join(words_to_layout(_row(*texts)).split()) == expected


def test_a_speck_before_an_amount_is_not_part_of_it() -> None:
    assert " ".join(words_to_layout(_row("Stratifié", "46,81", ".821,98.")).split()) == "Stratifié 46,81 821,98."


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Parquet", "5", "35,00", "€/m²", "175,00", ".T1"), "Parquet 5 35,00 €/m² 175,00 T1"),  # a VAT code
        (("Sous-couche", "2,12", "12,72.€/m²", "26,97"), "Sous-couche 2,12 12,72€/m² 26,97"),
        (("Total", "1,00", "..."), "Total 1,00 ..."),  # leaders stay
        (("www.exemple.fr", "3,5"), "www.exemple.fr 3,5"),
    ],
)
def test_a_speck_read_as_a_mark_where_none_stands_is_dropped(texts: tuple[str, ...], expected: str) -> None:
    assert " ".join(words_to_layout(_row(*texts)).split()) == expected


def test_line_blocks_read_by_ocr_with_the_middle_dot_read_as_a_dash() -> None:
    """An online tool's blocks ("Quantité : … · Prix unitaire HT : …") photographed: the engine
    reads each "·" as "-"; a dash before a figure stays its sign."""
    from billma_core.reading.parse import parse_quote

    page = "\n".join(
        [
            "Devis DEV.26.595",
            "Vos travaux",
            "   Remplacement d'un double vitrage",
            "  Quantité: 2,38 m2 - Prix unitaire HT : 735,00 € - TVA 10 %          Total HT : 1 749,30 €",
            "  Double vitrage de sécurité feuilleté remplacé",
            "  Quantité : 1,28 m2 - Prix unitaire HT : 936,00 € - TVA 10 %         Total HT : 1 198,08 €",
            "                                        Total HT                 2 947,38 €",
            "                                        TVA 10 %                   294,74 €",
            "                                        Total TTC                3 242,12 €",
        ]
    )
    quote = parse_quote([page], ocr=True).quote
    assert [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in quote.lines] == [
        (Decimal("2.38"), Unit.M2, Decimal("735.00"), Decimal("1749.30")),
        (Decimal("1.28"), Unit.M2, Decimal("936.00"), Decimal("1198.08")),
    ]
    assert quote.lines[0].designation == "Remplacement d'un double vitrage"


def test_a_separator_glued_to_the_words_beside_it_stands_apart() -> None:
    row = words_to_layout(_row("Quantité:", "1", "forfait·Prix", "unitaire", "HT:", "52,08", "EUR·TVA", "10", "%"))
    assert row.split() == [
        "Quantité:",
        "1",
        "forfait",
        "·",
        "Prix",
        "unitaire",
        "HT:",
        "52,08",
        "EUR",
        "·",
        "TVA",
        "10",
        "%",
    ]


def fanned_words(top_slope: float, bottom_slope: float, rows: int = 12) -> list[OcrWord]:
    """A table photographed at an angle: its rows run towards a vanishing point beside the page,
    so each row's slope grows with its height on the page (from ``top_slope`` to ``bottom_slope``);
    every row prints a wording on the left and its amount 1 200 px to the right."""
    words = []
    for index in range(rows):
        start = 100.0 + index * 45.0
        slope = top_slope + (bottom_slope - top_slope) * index / (rows - 1)
        texts = [("Ligne", 0.0), ("numéro", 70.0), (f"n{index}", 170.0), (f"{index + 1},00", 1200.0)]
        for text, left in texts:
            words.append(OcrWord(text, left, start + slope * (left + 30.0) - 20.0, 60.0, 20.0, ("1", index)))
    return words


@pytest.mark.parametrize(("top", "bottom"), [(0.0, 0.2), (0.02, -0.15), (0.05, 0.05)])
def test_rows_fanning_out_keep_their_amounts(top: float, bottom: float) -> None:
    """A single slope for the page would shear the rows of one end into their neighbours (a
    row's amount 1 200 px away drifts by several row heights): each row keeps its own amount."""
    lines = words_to_layout(fanned_words(top, bottom)).splitlines()
    assert [line.split() for line in lines] == [
        ["Ligne", "numéro", f"n{index}", f"{index + 1},00"] for index in range(12)
    ]
