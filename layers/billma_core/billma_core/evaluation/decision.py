"""From line verdicts to the robot's decision on a quote: scope, auto-validation or review with a
proposed revision (revised totals, gap, REN eligibility) and a suggested closure motif."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from decimal import Decimal

from billma_core.amounts import gap, quote_total_ttc, revised_totals
from billma_core.bareme.schema import Bareme, BaremeItem, Trade
from billma_core.checks import check_quote
from billma_core.evaluation.chosen import judge_with_item
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.labels import UNITS
from billma_core.models import (
    VERDICT_FLAGS,
    Cover,
    Evaluation,
    Flag,
    LineEvaluation,
    MediaType,
    MotifCode,
    Outcome,
    Quote,
    QuoteLine,
    Verdict,
    note_after,
    ordered_flags,
)
from billma_core.money import ZERO, format_eur
from billma_core.settings import Settings

# Flags that stop auto-validation whatever the lines say (the fraud signals among them:
# billma_core.signals.apply_signals holds them back after judging as well).
BLOCKING_FLAGS = frozenset(
    {
        Flag.ARITHMETIC_ERROR,
        Flag.INVALID_SIRET,
        *VERDICT_FLAGS.values(),
        Flag.AMOUNT_OUT_OF_RANGE,
        Flag.FACTURX_MISMATCH,
        Flag.ALTERED_DOCUMENT,
        Flag.REUSED_QUOTE,
        Flag.DATED_BEFORE_LOSS,
        Flag.SUSPICIOUS_AMOUNTS,
    }
)


def evaluate_quote(
    quote: Quote,
    *,
    cover: Cover,
    bareme: Bareme,
    settings: Settings,
    postal_code: str | None = None,
    sha256: str = "",
    media_type: MediaType | None = None,
    reading_flags: Iterable[Flag] = (),
    reading_reason: str | None = None,
    chosen_items: Mapping[int, BaremeItem] | None = None,
) -> Evaluation:
    """Judge a parsed quote against the barème and decide its outcome.

    ``postal_code`` (the dossier's work site) wins over the one printed on the quote for the
    regional coefficient. ``reading_flags`` are the reader's findings (``ocr``,
    ``arithmetic_error``, ``invalid_siret``…) and are kept. ``chosen_items`` (line index →
    item) are the barème items a reviewer chose: those lines are judged against them as is.
    """
    context = _pricing_context(bareme, settings, cover, postal_code or quote.site_postal_code)
    lines = _judge_lines(quote, matcher_for(bareme), chosen_items or {}, context)
    flags, notes = _quote_findings(quote, cover, reading_flags, reading_reason)
    evaluation = Evaluation(
        sha256=sha256,
        media_type=media_type,
        outcome=Outcome.NEEDS_REVIEW,
        quote=quote,
        lines=lines,
        bareme_version=bareme.version,
    )
    total_ttc = quote_total_ttc(quote)
    in_scope = total_ttc is not None and settings.scope_min_ttc <= total_ttc <= settings.scope_max_ttc
    if total_ttc is not None and not in_scope:
        flags.append(Flag.AMOUNT_OUT_OF_RANGE)
        notes.insert(
            0,
            f"Montant TTC {format_eur(total_ttc)} hors du périmètre BillMA "
            f"({format_eur(settings.scope_min_ttc)} – {format_eur(settings.scope_max_ttc)}).",
        )
        return _finish(evaluation, Outcome.OUT_OF_SCOPE, flags, notes, MotifCode.OUT_OF_SCOPE)
    return _decide_in_scope(evaluation, quote, flags, notes, settings, total_ttc, context)


def _pricing_context(bareme: Bareme, settings: Settings, cover: Cover, site: str | None) -> PricingContext:
    """What every line is judged against: the cover, the site's coefficient and the tolerance."""
    coefficient, departement = bareme.coefficient_for(site)
    return PricingContext(
        cover=cover,
        coefficient=coefficient,
        departement=departement,
        tolerance=settings.price_tolerance,
        bareme_version=bareme.version,
        hours_per_day=bareme.hours_per_day,
    )


def _judge_lines(
    quote: Quote, matcher: Matcher, chosen: Mapping[int, BaremeItem], context: PricingContext
) -> list[LineEvaluation]:
    """One verdict a line: against the item a reviewer chose, or the matcher's, read in the
    trades of the quote's sure lines."""
    trades = frozenset(trade for line in quote.lines for trade in matcher.sure_trades(line.designation, line.unit))
    context = dataclasses.replace(context, trades=trades)
    lines = [_unit_decided(line, matcher, trades) for line in quote.lines]
    return [
        _with_reading_note(
            judge_with_item(i, line, matcher, chosen[i], context)
            if i in chosen
            else evaluate_line(i, line, matcher, context),
            line,
        )
        for i, line in enumerate(lines)
    ]


def _unit_decided(line: QuoteLine, matcher: Matcher, trades: frozenset[Trade]) -> QuoteLine:
    """A line whose unit OCR left in doubt (``unit_alternatives``: « m » read, the metre or the
    m² whose exponent faded) in the one unit among them that the barème's item for its wording,
    matched in that unit, is priced by; as read when none or several are (the wording does not
    tell: the unit read stands)."""
    if line.unit is None or not line.unit_alternatives:
        return line
    accepted = [
        unit
        for unit in (line.unit, *line.unit_alternatives)
        if (item := matcher.match_in(line.designation, unit, trades, line.section).item) is not None
        and item.unit is unit
    ]
    if len(accepted) != 1 or accepted[0] is line.unit:
        return line
    note = (
        f"Unité lue « {UNITS[line.unit.value]} » sur le scan, jugée en « {UNITS[accepted[0].value]} » : "
        "l'article du barème pour ce libellé est dans cette unité, que l'OCR a pu mal lire."
    )
    return line.model_copy(update={"unit": accepted[0], "reading_note": note_after(line.reading_note, note)})


def _quote_findings(
    quote: Quote, cover: Cover, reading_flags: Iterable[Flag], reading_reason: str | None
) -> tuple[list[Flag], list[str]]:
    """The reader's flags, the quote's checks and the notes that explain them."""
    flags: list[Flag] = list(reading_flags)
    notes: list[str] = [reading_reason] if reading_reason else []
    if quote.contractor.siret_note:
        notes.append(quote.contractor.siret_note)  # a SIRET digit the reader mended
    if quote.totals_note:
        notes.append(quote.totals_note)  # a total the reader mended, rows printed apart it left out
    for finding in check_quote(quote):
        flags.append(finding.flag)
        notes.append(finding.note)
    if cover is Cover.DEGATS_DES_EAUX and any(line.tva_rate == Decimal(20) for line in quote.lines):
        # Worth a note, not a flag: repair of a dwelling over two years old is at 10 %.
        notes.append("TVA à 20 % sur des travaux de réparation d'un logement : le taux de 10 % s'applique en général.")
    return flags, notes


def _decide_in_scope(
    evaluation: Evaluation,
    quote: Quote,
    flags: list[Flag],
    notes: list[str],
    settings: Settings,
    total_ttc: Decimal | None,
    context: PricingContext,
) -> Evaluation:
    """Auto-validation when nothing blocks it, else review with a proposed revision."""
    lines = evaluation.lines
    flags.extend(VERDICT_FLAGS[line.verdict] for line in lines if line.verdict in VERDICT_FLAGS)
    if total_ttc is None or not lines:
        notes.insert(0, "Devis sans lignes ou sans total TTC lisible : vérification manuelle.")
    _revise(evaluation, quote, lines, settings, total_ttc)
    if lines and total_ttc is not None and not BLOCKING_FLAGS.intersection(flags):
        # Nothing to revise: the proposal is the quote itself.
        evaluation.revised_total_ht = quote.total_ht if quote.total_ht is not None else evaluation.revised_total_ht
        evaluation.revised_total_ttc = total_ttc
        evaluation.gap_ttc = ZERO
        evaluation.ren_eligible = False
        notes.insert(
            0, f"Toutes les lignes sont conformes au barème {context.bareme_version}, {context.coefficient_text}."
        )
        return _finish(evaluation, Outcome.AUTO_VALIDATED, flags, notes, MotifCode.AUTO_VALIDATED)
    notes.insert(0, _summary(lines))
    return _finish(evaluation, Outcome.NEEDS_REVIEW, flags, notes, _suggest(evaluation, lines, settings))


def _revise(
    evaluation: Evaluation,
    quote: Quote,
    lines: list[LineEvaluation],
    settings: Settings,
    total_ttc: Decimal | None,
) -> None:
    revised = revised_totals(quote, (judged.revised_total_ht for judged in lines))
    evaluation.revised_total_ht = revised.ht
    evaluation.revised_total_ttc = revised.ttc
    if total_ttc is not None:
        evaluation.gap_ttc = gap(total_ttc, revised.ttc)
        evaluation.ren_eligible = settings.ren_eligible(evaluation.gap_ttc)


def _suggest(evaluation: Evaluation, lines: list[LineEvaluation], settings: Settings) -> MotifCode | None:
    if lines and all(line.verdict is Verdict.UNMATCHED for line in lines):
        # Nothing the network prices: likely work it does not do, but an unreadable wording
        # looks the same to the robot, so a person decides (hence review, not out_of_scope).
        return MotifCode.OUT_OF_SCOPE
    if lines and all(line.verdict is Verdict.NOT_COVERED for line in lines):
        return MotifCode.COVER_REFUSED
    gap = evaluation.gap_ttc
    if gap is None or any(line.verdict in (Verdict.UNMEASURED, Verdict.UNMATCHED) for line in lines):
        # Part of the quote could not be priced: the gap is not known yet.
        return None
    if gap <= 0:
        return MotifCode.FALSE_ALERT
    if not settings.ren_eligible(gap):
        return MotifCode.GAP_UNDER_200
    return MotifCode.INDEMNITY_REVISED


def _summary(lines: list[LineEvaluation]) -> str:
    if lines and all(line.verdict is Verdict.UNMATCHED for line in lines):
        return "À revoir : aucune prestation du devis ne figure au barème (travaux hors réseau ?)."
    labels = {
        Verdict.OVERPRICED: "au-dessus du barème",
        Verdict.NOT_COVERED: "non couverte(s) par la garantie",
        Verdict.UNMEASURED: "sans métré",
        Verdict.UNMATCHED: "hors barème",
    }
    parts = []
    for verdict, label in labels.items():
        count = sum(1 for line in lines if line.verdict is verdict)
        if count:
            parts.append(f"{count} ligne(s) {label}")
    return ("À revoir : " + ", ".join(parts) + ".") if parts else "À revoir."


def _finish(
    evaluation: Evaluation,
    outcome: Outcome,
    flags: list[Flag],
    notes: list[str],
    motif: MotifCode | None,
) -> Evaluation:
    evaluation.outcome = outcome
    evaluation.flags = ordered_flags(flags)
    evaluation.reason = " ".join(notes) or None
    evaluation.suggested_motif = motif
    return evaluation


def _with_reading_note(evaluation: LineEvaluation, line: QuoteLine) -> LineEvaluation:
    """The line's ``why`` says when the reader mended a figure it misread."""
    if not line.reading_note:
        return evaluation
    return evaluation.model_copy(update={"why": f"{evaluation.why} {line.reading_note}"})
