"""The revision report (GET /dossiers/{id}/report): a French PDF with the quote's lines beside
the revised ones, the reasons, totals, gap, motif and settlement.

DejaVu Sans is used when the system has it (full Unicode: €, narrow no-break spaces, œ…);
a Lambda image usually has no fonts, so the fallback is fpdf2's core Helvetica with text
folded to what its Latin-1 encoding can show."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from billma_core import labels
from billma_core.models import Closure, Dossier, LineAction, RenEvent, RevisedLine, Signal
from billma_core.money import format_eur
from billma_core.review.closure import MOTIFS
from billma_core.review.revision import dossier_quote_total_ttc

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)
FONT = "DejaVu"
FALLBACK_FONT = "Helvetica"

# Characters Helvetica's Latin-1 cannot show, folded to readable equivalents.
_FOLD = str.maketrans(
    {
        "€": "EUR",
        "\u202f": " ",
        "\u2009": " ",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "œ": "oe",
        "Œ": "OE",
        "≤": "<=",
        "≥": ">=",
        "−": "-",
    }
)


def _dejavu() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class _Report(FPDF):
    def __init__(self, unicode_font: bool) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.family = FALLBACK_FONT
        fonts = _dejavu() if unicode_font else None
        if fonts is not None:
            self.add_font(FONT, "", str(fonts[0]))
            self.add_font(FONT, "B", str(fonts[1]))
            self.family = FONT
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(12, 12, 12)

    def t(self, text: str) -> str:
        if self.family == FONT:
            return text
        return text.translate(_FOLD).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 6, self.t(f"BillMA - rapport de révision - page {self.page_no()}"), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.family, "B", 12)
        self.cell(0, 8, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 9)

    def pair(self, label: str, value: str) -> None:
        self.set_font(self.family, "B", 9)
        self.cell(60, 5.5, self.t(label))
        self.set_font(self.family, "", 9)
        self.multi_cell(0, 5.5, self.t(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _eur(amount: Decimal | None) -> str:
    return "-" if amount is None else format_eur(amount)


def _qty(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _line_why(revised: RevisedLine | None, why: str | None) -> str:
    parts = []
    if revised is not None:
        parts.append(labels.LINE_ACTIONS[revised.action])
        if revised.reason is not None:
            parts.append(labels.REASONS.get(revised.reason, revised.reason))
        if revised.comment:
            parts.append(revised.comment)
    if why and (revised is None or revised.action is LineAction.ACCEPT):
        parts.append(why)
    return " - ".join(parts)


def evidence_text(value: object) -> str:
    """Evidence as one line a person reads: keys in French (``labels.EVIDENCE``), nested values inline."""
    if isinstance(value, dict):
        return " ; ".join(f"{labels.EVIDENCE.get(str(k), str(k))} : {evidence_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(f"({evidence_text(v)})" if isinstance(v, dict) else evidence_text(v) for v in value)
    return "-" if value is None else labels.EVIDENCE.get(str(value), str(value))


def _signals_section(pdf: _Report, signals: list[Signal]) -> None:
    pdf.heading("Signaux de fraude ou d'altération")
    for signal in signals:
        text = f"{labels.FLAGS[signal.flag]} : {signal.reason}"
        if signal.linked_dossier_id:
            text += f" Autre dossier : {signal.linked_dossier_id}."
        if signal.evidence:
            text += f" Éléments relevés : {evidence_text(signal.evidence)}"
        pdf.multi_cell(0, 5, pdf.t(text[:1500]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def revision_report_pdf(dossier: Dossier, *, unicode_font: bool = True) -> bytes:
    """The report as PDF bytes. ``unicode_font=False`` forces the core-font fallback (tests)."""
    pdf = _Report(unicode_font)
    pdf.set_title(f"BillMA - révision du dossier {dossier.form.claim_reference}")
    pdf.set_author("BillMA")
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 16)
    pdf.cell(0, 10, pdf.t("Rapport de révision BillMA"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.family, "", 9)
    _dossier_section(pdf, dossier)
    if dossier.evaluation is not None and dossier.evaluation.signals:
        _signals_section(pdf, dossier.evaluation.signals)
    _lines_section(pdf, dossier)
    _totals_section(pdf, dossier)
    if dossier.ren:
        _ren_section(pdf, dossier.ren)
    _closure_section(pdf, dossier.closure)
    return bytes(pdf.output())


def _dossier_section(pdf: _Report, dossier: Dossier) -> None:
    """The claim, the contractor and the quote, the barème, and a corrected reading."""
    form = dossier.form
    evaluation = dossier.evaluation
    quote = evaluation.quote if evaluation is not None else None
    pdf.heading("Dossier")
    pdf.pair("Référence sinistre", form.claim_reference)
    pdf.pair("Dossier BillMA", dossier.dossier_id)
    pdf.pair("État", labels.STATES[dossier.state])
    pdf.pair("Garantie", labels.COVERS[form.cover])
    pdf.pair("Date de survenance", form.date_of_loss.strftime("%d/%m/%Y"))
    pdf.pair("Franchise", format_eur(form.deductible))
    if quote is not None:
        contractor = quote.contractor
        siret = f" (SIRET {contractor.siret})" if contractor.siret else ""
        pdf.pair("Entreprise", f"{contractor.name or 'non lue'}{siret}")
        number = quote.number or "non lu"
        dated = f" du {quote.date.strftime('%d/%m/%Y')}" if quote.date else ""
        pdf.pair("Devis", f"n° {number}{dated}")
    if evaluation is not None and evaluation.bareme_version:
        pdf.pair("Barème", evaluation.bareme_version)
    if dossier.reading is not None:
        # The lines below are the reviewer's reading, judged again; say so, and what the robot read.
        robot = dossier.robot_evaluation
        read = f"{len(robot.quote.lines)} ligne(s)" if robot is not None and robot.quote is not None else "aucune ligne"
        pdf.pair(
            "Lecture corrigée",
            f"n° {dossier.reading.number} par {dossier.reading.by} le "
            f"{dossier.reading.at.strftime('%d/%m/%Y')} (lecture du robot : {read})",
        )


def _lines_section(pdf: _Report, dossier: Dossier) -> None:
    """The quote's lines beside the robot's verdict and the revised line, with the reasons."""
    evaluation = dossier.evaluation
    quote = evaluation.quote if evaluation is not None else None
    revision = dossier.revision
    pdf.heading("Lignes du devis et révision")
    if quote is None or not quote.lines:
        pdf.multi_cell(0, 5.5, pdf.t("Aucune ligne de devis lue."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return
    judged = {item.line: item for item in evaluation.lines} if evaluation is not None else {}
    revised_lines = {line.line: line for line in revision.lines} if revision is not None else {}
    headings = (
        "N°",
        "Désignation",
        "Qté",
        "PU HT devis",
        "Total HT devis",
        "Avis robot",
        "Qté rév.",
        "PU HT rév.",
        "Total HT révisé",
        "Décision et justification",
    )
    with pdf.table(
        col_widths=(8, 52, 13, 22, 24, 20, 13, 22, 24, 75),
        text_align=(
            "RIGHT",
            "LEFT",
            "RIGHT",
            "RIGHT",
            "RIGHT",
            "LEFT",
            "RIGHT",
            "RIGHT",
            "RIGHT",
            "LEFT",
        ),
        line_height=4.5,
        first_row_as_headings=True,
    ) as table:
        row = table.row()
        for title in headings:
            row.cell(pdf.t(title))
        for index, line in enumerate(quote.lines):
            judgement = judged.get(index)
            revised = revised_lines.get(index)
            row = table.row()
            unit = f" {line.unit.value}" if line.unit else ""
            row.cell(str(index))
            row.cell(pdf.t(line.designation))
            row.cell(pdf.t(_qty(line.quantity) + unit))
            row.cell(pdf.t(format_eur(line.unit_price_ht)))
            row.cell(pdf.t(format_eur(line.total_ht)))
            row.cell(pdf.t(labels.VERDICTS[judgement.verdict] if judgement else "-"))
            row.cell(pdf.t(_qty(revised.quantity) if revised else "-"))
            row.cell(pdf.t(_eur(revised.unit_price_ht if revised else None)))
            row.cell(pdf.t(_eur(revised.revised_total_ht if revised else None)))
            row.cell(pdf.t(_line_why(revised, judgement.why if judgement else None)))


def _totals_section(pdf: _Report, dossier: Dossier) -> None:
    quote = dossier.evaluation.quote if dossier.evaluation is not None else None
    revision = dossier.revision
    pdf.heading("Totaux")
    if quote is not None:
        pdf.pair("Total HT du devis", _eur(quote.total_ht))
        pdf.pair("Total TTC du devis", format_eur(dossier_quote_total_ttc(dossier)))
    if revision is not None:
        pdf.pair("Total HT révisé", format_eur(revision.revised_total_ht))
        pdf.pair("Total TTC révisé", format_eur(revision.revised_total_ttc))
        pdf.pair("Écart TTC", format_eur(revision.gap_ttc))
        pdf.pair("Éligible à la REN", "oui" if revision.ren_eligible else "non")
        pdf.pair("Révision", f"n° {revision.number} par {revision.by} le {revision.at:%d/%m/%Y %H:%M} UTC")
        if revision.reasons:
            pdf.pair("Raisons", ", ".join(labels.REASONS.get(r, r) for r in revision.reasons))
        if revision.comment:
            pdf.pair("Commentaire", revision.comment)
    else:
        pdf.pair("Révision", "aucune révision enregistrée")


def _ren_section(pdf: _Report, events: list[RenEvent]) -> None:
    pdf.heading("Réparation en nature (REN)")
    for event in events:
        pdf.pair(f"{event.at:%d/%m/%Y %H:%M} UTC", f"{labels.REN_DECISIONS[event.decision]} ({event.by})")
        if event.opening:
            occupancy = str(event.opening.get("occupancy", ""))
            occupancy_label = labels.OCCUPANCIES.get(occupancy, occupancy)
            pdf.pair(
                "Ouverture",
                f"{event.opening.get('first_name', '')} {event.opening.get('last_name', '')}, "
                f"{event.opening.get('postal_code', '')} {event.opening.get('city', '')}, "
                f"{occupancy_label}",
            )


def _closure_section(pdf: _Report, closure: Closure | None) -> None:
    pdf.heading("Clôture")
    if closure is None:
        pdf.pair("Motif", "dossier non clos")
    else:
        settlement = closure.settlement
        pdf.pair("Motif", f"{closure.label} ({closure.motif.value})")
        if closure.reason:
            pdf.pair("Raison", labels.REASONS.get(closure.reason, closure.reason))
        if closure.comment:
            pdf.pair("Commentaire", closure.comment)
        pdf.pair("Révisé par", closure.revised_by)
        pdf.pair("Clos par", f"{closure.closed_by} le {closure.closed_at:%d/%m/%Y %H:%M} UTC")
        pdf.pair("Règlement", MOTIFS[closure.motif].note)
        pdf.pair("Réglé par", settlement.settled_by or "-")
        basis = labels.BASES.get(settlement.basis, settlement.basis)
        pdf.pair("Base", basis)
        pdf.pair("Montant", _eur(settlement.amount))
        pdf.pair("Franchise", format_eur(settlement.deductible))
        pdf.pair("Indemnité", _eur(settlement.indemnity))
