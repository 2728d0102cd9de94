"""Factur-X: the XML embedded in an invoice PDF is held against the text reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from facturx import generate_from_binary, get_xml_from_pdf
from fpdf import FPDF
from reading_support import CORPUS, REAL_INVOICES

from billma_core.models import Cover, DocumentKind, Flag, Outcome
from billma_core.reading import read_document
from billma_core.reading.facturx import read_facturx
from billma_core.robot import InMemoryDuplicateRegistry, evaluate_document, evaluate_reading

# A public Factur-X sample (EN 16931): invoice F20260023 of SIREN 123456782, 100,00 € HT, 104,90 € TTC.
SAMPLE = REAL_INVOICES / "akretion_factur-x_invoice_EN16931.pdf"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="real invoices absent")


def _invoice_pdf(number: str, siret: str, ht: str, tva: str, ttc: str) -> bytes:
    rows = [
        "LE FOURNISSEUR SARL                                   FACTURE",
        "35 rue d'ici, 75018 Paris                             Facture n° " + number,
        "Date : 31/01/2026",
        "Désignation                              Qté     U      P.U. HT     Montant HT",
        "Peinture murs                           10,00    m²     10,00        100,00",
        f"Total HT                                                           {ht}",
        f"TVA 4,9 %                                                          {tva}",
        f"Total TTC                                                          {ttc}",
        f"SARL au capital de 50 000 EUR - RCS Paris - SIRET {siret}",
    ]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("courier", size=8)
    for row in rows:
        pdf.cell(text=row)
        pdf.ln(3.8)
    return bytes(pdf.output())


def _with_sample_xml(pdf: bytes) -> bytes:
    _name, xml = get_xml_from_pdf(SAMPLE.read_bytes(), check_xsd=False)
    return bytes(generate_from_binary(pdf, xml, check_xsd=False))


def test_the_embedded_figures_are_read() -> None:
    facturx = read_facturx(SAMPLE.read_bytes())
    assert facturx is not None
    assert (facturx.number, facturx.seller_id) == ("F20260023", "123456782")
    assert (str(facturx.total_ht), str(facturx.total_ttc)) == ("100.00", "104.90")
    assert read_facturx(_invoice_pdf("F20260023", "12345678200077", "100,00", "4,90", "104,90")) is None


def test_text_and_xml_that_agree_raise_no_flag() -> None:
    reading = read_document(_with_sample_xml(_invoice_pdf("F20260023", "12345678200077", "100,00", "4,90", "104,90")))
    assert reading.quote is not None and reading.quote.kind is DocumentKind.INVOICE
    assert Flag.FACTURX_MISMATCH not in reading.flags, reading.reason


def test_a_total_that_differs_from_the_xml_is_flagged_with_the_figures() -> None:
    # The printed page was changed after the invoice was issued: 114,90 € instead of 104,90 €.
    reading = read_document(_with_sample_xml(_invoice_pdf("F20260023", "12345678200077", "110,00", "4,90", "114,90")))
    assert Flag.FACTURX_MISMATCH in reading.flags
    assert reading.reason is not None
    assert "total TTC 104,90 € dans le XML, 114,90 € dans le texte" in reading.reason.replace("\u202f", " ").replace(
        "\u00a0", " "
    )


def test_another_seller_or_number_is_flagged() -> None:
    reading = read_document(_with_sample_xml(_invoice_pdf("F20269999", "73282932000074", "100,00", "4,90", "104,90")))
    assert Flag.FACTURX_MISMATCH in reading.flags
    assert reading.reason is not None and "F20269999" in reading.reason and "732829320" in reading.reason


def test_a_mismatch_alone_stops_auto_validation() -> None:
    fair = CORPUS / "01_DEV-2025-0736.pdf"  # a fair quote the robot validates on its own
    reading = read_document(fair.read_bytes())

    def decide(flags: list[Flag]) -> Outcome:
        return evaluate_reading(
            reading.model_copy(update={"flags": flags}),
            cover=Cover.DEGATS_DES_EAUX,
            postal_code="33400",
            registry=InMemoryDuplicateRegistry(),
            dossier_id="0001",
        ).outcome

    assert decide(list(reading.flags)) is Outcome.AUTO_VALIDATED
    assert decide([*reading.flags, Flag.FACTURX_MISMATCH]) is Outcome.NEEDS_REVIEW


@pytest.mark.parametrize("path", sorted(REAL_INVOICES.glob("*.pdf")), ids=lambda p: p.name)
def test_the_real_invoices_agree_with_their_xml_and_none_is_auto_validated(path: Path) -> None:
    data = path.read_bytes()
    assert Flag.FACTURX_MISMATCH not in read_document(data).flags
    evaluation = evaluate_document(
        data, cover=Cover.DEGATS_DES_EAUX, postal_code=None, registry=InMemoryDuplicateRegistry(), dossier_id="0001"
    )
    assert evaluation.quote is not None and evaluation.quote.kind is DocumentKind.INVOICE
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED
