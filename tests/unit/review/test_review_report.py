from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from review_factory import closed, make_dossier, opening_form, revised, small_gap_decisions, with_ren

from billma_core.labels import MOTIFS as MOTIF_LABELS
from billma_core.models import ExclusionReason, LineAction, LineDecision, MotifCode, RenDecision
from billma_core.review import report
from billma_core.review.report import revision_report_pdf


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Grouping spaces come out as no-break or plain spaces depending on the font.
    return re.sub(r"[\u00a0\u202f ]+", " ", text)


def _indemnity_revised():
    dossier = revised(
        make_dossier(),
        [LineDecision(line=3, action=LineAction.EXCLUDE, reason=ExclusionReason.FRAUD, comment="déjà facturé")],
    )
    dossier = with_ren(with_ren(dossier, RenDecision.PROPOSED), RenDecision.REFUSED)
    return closed(dossier, MotifCode.INDEMNITY_REVISED, "FRAUD")


@pytest.mark.parametrize("unicode_font", [True, False], ids=["dejavu", "core-font"])
def test_report_names_motif_totals_and_settlement(unicode_font):
    pdf = revision_report_pdf(_indemnity_revised(), unicode_font=unicode_font)
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    euro = "€" if unicode_font else "EUR"
    assert MOTIF_LABELS[MotifCode.INDEMNITY_REVISED] in text
    assert "Rapport de révision BillMA" in text
    assert "SIN-2026-0042" in text
    assert "Dégâts des eaux" in text
    assert f"2 123,00 {euro}" in text  # quote TTC
    assert f"1 078,00 {euro}" in text  # revised TTC: (800 + 180) × 1.10
    assert f"1 045,00 {euro}" in text  # gap
    assert f"928,00 {euro}" in text  # indemnity = 1 078 − 150
    assert "Peinture murs et plafonds" in text
    assert "Fraude" in text and "déjà facturé" in text
    assert "GST AZ" in text
    assert "REN refusée" in text


def test_report_of_an_open_dossier_without_revision():
    text = _text(revision_report_pdf(make_dossier()))
    assert "aucune révision enregistrée" in text
    assert "dossier non clos" in text


def test_report_without_quote():
    text = _text(revision_report_pdf(make_dossier(with_evaluation=False)))
    assert "Aucune ligne de devis lue." in text


def test_report_of_a_ren_accepted_dossier():
    dossier = with_ren(with_ren(revised(make_dossier()), RenDecision.PROPOSED), RenDecision.ACCEPTED, opening_form())
    text = _text(revision_report_pdf(closed(dossier, MotifCode.REN_ACCEPTED)))
    assert "Clos - REN" in text
    assert "GST Multi AZ" in text
    assert "Propriétaire occupant" in text
    assert "Réparation en nature" in text


def test_report_gap_under_200_and_long_designations():
    dossier = revised(make_dossier(), small_gap_decisions())
    quote = dossier.evaluation.quote
    lines = [quote.lines[0].model_copy(update={"designation": "Très longue désignation " * 12}), *quote.lines[1:]]
    evaluation = dossier.evaluation.model_copy(update={"quote": quote.model_copy(update={"lines": lines})})
    dossier = closed(dossier.model_copy(update={"evaluation": evaluation}), MotifCode.GAP_UNDER_200)
    text = _text(revision_report_pdf(dossier))
    assert "Clos - Eco. Moins de 200 euros" in text
    assert "132,00 €" in text


def test_core_font_fallback_when_dejavu_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(report, "FONT_DIRS", (tmp_path,))
    text = _text(revision_report_pdf(_indemnity_revised()))
    assert "Clos - Montant indemnisation révisé" in text
    assert "928,00 EUR" in text


@pytest.mark.parametrize("unicode_font", [True, False], ids=["dejavu", "core-font"])
def test_report_lists_the_signals_with_their_evidence(unicode_font):
    from billma_core.models import Flag, Signal

    dossier = make_dossier()
    assert dossier.evaluation is not None
    dossier.evaluation.signals = [
        Signal(
            flag=Flag.REUSED_QUOTE,
            reason="Devis déjà présenté pour le sinistre SIN-1, dossier d1.",
            evidence={"dossiers": [{"dossier_id": "d1", "claim_reference": "SIN-1"}]},
            linked_dossier_id="d1",
        ),
        Signal(
            flag=Flag.ALTERED_DOCUMENT,
            reason="Document PDF retouché après sa création : enregistré par un éditeur de PDF.",
            evidence={"checks": ["editor_producer"], "editor_producer": {"producer": "iLovePDF", "creator": None}},
        ),
    ]
    text = " ".join(_text(revision_report_pdf(dossier, unicode_font=unicode_font)).split())  # lines wrap
    assert "Signaux de fraude ou d'altération" in text
    assert "Devis réutilisé : Devis déjà présenté pour le sinistre SIN-1" in text
    assert "Autre dossier : d1." in text
    assert "Document modifié" in text and "Producteur : iLovePDF" in text
    assert "Contrôles en alerte : Éditeur de PDF" in text


def test_report_without_signals_has_no_signal_section():
    assert "Signaux de fraude" not in _text(revision_report_pdf(make_dossier()))
