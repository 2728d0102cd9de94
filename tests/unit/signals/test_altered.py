"""``altered_document`` on real bytes: the honest quote and its three edits, a revision that
leaves the page alone, and the shared corpus and public invoices (no false alarm)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfWriter

from billma_core import labels
from billma_core.models import Flag
from billma_core.signals.altered import CHECK_LABELS, altered_document, pdf_editors
from tests.altered_documents import (
    QuoteSpec,
    honest_quote,
    incremental_amount_edit,
    pasted_amount,
    raised_price,
    resaved_by_editor,
)

SHARED = Path(__file__).resolve().parents[4] / "shared"
GENUINE = sorted((SHARED / "corpus").glob("*.pdf")) + sorted((SHARED / "real-invoices").glob("*.pdf"))


@pytest.fixture(scope="module")
def original() -> bytes:
    return honest_quote()


def test_the_honest_quote_has_no_signal(original: bytes) -> None:
    assert altered_document(original) is None


def test_an_incremental_update_changing_an_amount_is_caught_with_its_revision(original: bytes) -> None:
    edited = incremental_amount_edit(original, raised_price(QuoteSpec(), line=2, price="35,00"))
    assert edited.startswith(original)  # the original bytes are untouched: an appended revision
    signal = altered_document(edited)
    assert signal is not None and signal.flag is Flag.ALTERED_DOCUMENT
    assert signal.evidence["checks"] == ["incremental_update"]
    assert signal.evidence["incremental_update"] == {"revisions": 2, "changed": [{"revision": 2, "pages": [1]}]}
    assert "mise à jour incrémentale" in signal.reason


def test_an_appended_revision_that_leaves_the_page_alone_is_no_signal(original: bytes) -> None:
    """What a signature or a filled form field does: a new revision, the same page content."""
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    writer.add_metadata({"/Keywords": "signé"})
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().count(b"%%EOF") == 2
    assert altered_document(out.getvalue()) is None


def test_a_resave_through_an_online_editor_is_caught_by_producer_and_dates(original: bytes) -> None:
    signal = altered_document(resaved_by_editor(original, producer="iLovePDF"))
    assert signal is not None
    assert signal.evidence["checks"] == ["modified_later", "editor_producer"]
    assert signal.evidence["editor_producer"] == {"producer": "iLovePDF", "creator": "Devis Artisan 4.2"}
    assert signal.evidence["modified_later"]["days_later"] == 9


def test_a_resave_the_same_day_by_the_quote_software_is_no_signal(original: bytes) -> None:
    assert altered_document(resaved_by_editor(original, producer="Devis Artisan 4.2", later=timedelta(hours=2))) is None


def test_an_amount_pasted_in_another_font_is_caught_with_fonts(original: bytes) -> None:
    signal = altered_document(pasted_amount(line=2, amount="1 245,00"))
    assert signal is not None
    assert signal.evidence["checks"] == ["odd_amount_font"]
    [odd] = signal.evidence["odd_amount_font"]
    assert odd["amount"] == "1 245,00"
    assert (odd["font"], odd["column_font"]) == ("Times-Roman", "Helvetica")


def test_info_and_xmp_that_disagree_are_caught(original: bytes) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(original))
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'pdf:Producer="PyFPDF/fpdf2.8.9" xmp:CreateDate="2025-04-22T09:30:00Z" xmp:ModifyDate="2025-04-22T09:30:00Z"/>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    writer.xmp_metadata = xmp.encode()  # type: ignore[assignment]
    writer.add_metadata({"/Producer": "Devis Artisan 4.2", "/ModDate": "D:20250422093000+00'00'"})
    out = io.BytesIO()
    writer.write(out)
    signal = altered_document(out.getvalue())
    assert signal is not None
    assert signal.evidence["checks"] == ["metadata_mismatch"]
    mismatch = signal.evidence["metadata_mismatch"]
    assert mismatch == {"producer": {"info": "Devis Artisan 4.2", "xmp": "PyFPDF/fpdf2.8.9"}}


@pytest.mark.parametrize("path", GENUINE, ids=lambda p: p.name)
def test_no_false_alarm_on_the_corpus_and_real_invoices(path: Path) -> None:
    assert altered_document(path.read_bytes()) is None


def test_not_a_pdf_and_a_broken_pdf_give_no_signal(original: bytes) -> None:
    assert altered_document(b"\x89PNG\r\n\x1a\n") is None
    assert altered_document(original[: len(original) // 3]) is None


def test_the_editors_list_is_data() -> None:
    editors = pdf_editors()
    assert "ilovepdf" in editors and all(name == name.lower() for name in editors)


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)} | {v for v in value if isinstance(v, str) and v in CHECK_LABELS}
    return set()


def test_every_evidence_key_has_a_french_label(original: bytes) -> None:
    edited = incremental_amount_edit(original, raised_price(QuoteSpec(), line=2, price="35,00"))
    signals = [altered_document(data) for data in (edited, resaved_by_editor(original), pasted_amount())]
    keys = {key for signal in signals if signal is not None for key in _keys(signal.evidence)}
    assert {"incremental_update", "editor_producer", "odd_amount_font", "column_font"} <= keys
    assert keys <= set(labels.EVIDENCE), keys - set(labels.EVIDENCE)


def _through_cairo(data: bytes, tmp_path: Path) -> bytes:
    """The PDF printed again by poppler's cairo backend (another producer, new fonts, one revision)."""
    if shutil.which("pdftocairo") is None:
        pytest.skip("pdftocairo absent (poppler-utils)")
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftocairo", "-pdf", str(source), str(target)], check=True, timeout=60)
    return target.read_bytes()


def test_a_quote_printed_again_through_another_program_is_no_signal(original: bytes, tmp_path: Path) -> None:
    assert altered_document(_through_cairo(original, tmp_path)) is None


def test_a_pasted_amount_survives_being_printed_again(tmp_path: Path) -> None:
    signal = altered_document(_through_cairo(pasted_amount(line=2, amount="1 245,00"), tmp_path))
    assert signal is not None and signal.evidence["checks"] == ["odd_amount_font"]
    assert signal.evidence["odd_amount_font"][0]["amount"] == "1 245,00"


def test_a_row_set_in_another_style_throughout_is_no_signal() -> None:
    """A highlighted row (all its amounts in bold, say) is a layout choice, not a pasted amount."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for index, (price, total) in enumerate([("12,00", "120,00"), ("8,50", "42,50"), ("30,00", "300,00"),
                                            ("15,00", "75,00"), ("22,00", "220,00")]):  # fmt: skip
        pdf.set_font("helvetica", "B" if index == 3 else "", 9)
        pdf.cell(100, 6, f"Poste {index + 1}")
        pdf.cell(40, 6, price, align="R")
        pdf.cell(40, 6, total, align="R", new_x="LMARGIN", new_y="NEXT")
    assert altered_document(bytes(pdf.output())) is None


def _grid_quote(bold_total: bool, worded: bool) -> bytes:
    """Five lines, then the totals as a grid: labels in one row, the values under them, the total
    TTC under the lines' amounts (``worded``: a wording opens the values' row, as in a line)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 9)
    for index, (price, total) in enumerate([("12,00", "120,00"), ("8,50", "42,50"), ("30,00", "300,00"),
                                            ("15,00", "75,00"), ("22,00", "220,00")]):  # fmt: skip
        pdf.cell(100, 6, f"Poste {index + 1}")
        pdf.cell(40, 6, price, align="R")
        pdf.cell(40, 6, total, align="R", new_x="LMARGIN", new_y="NEXT")
    for label in ("Total HT", "TVA 10 %", "Total TTC"):
        pdf.cell(100 if label == "Total HT" else 40, 6, label, align="R")
    pdf.ln(6)
    pdf.cell(100, 6, ("Poste 6" if worded else "") + " " * 40 + "757,50", align="R")
    pdf.cell(40, 6, "75,75", align="R")
    pdf.set_font("helvetica", "B" if bold_total else "", 9)
    pdf.cell(40, 6, "833,25", align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_bold_total_in_a_totals_grid_is_typography_not_an_edit() -> None:
    """A tool sets the total TTC of its totals grid in bold; the row holds figures alone, no line."""
    assert altered_document(_grid_quote(bold_total=True, worded=False)) is None
    # The same amount set apart in a row that names work is still caught.
    signal = altered_document(_grid_quote(bold_total=True, worded=True))
    assert signal is not None and signal.evidence["odd_amount_font"][0]["amount"] == "833,25"
