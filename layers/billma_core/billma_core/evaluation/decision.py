"""From line verdicts to the robot's decision on a quote: scope, auto-validation or review with a
proposed revision (revised totals, gap, REN eligibility) and a suggested closure motif."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from billma_core.bareme.schema import Bareme, BaremeItem
from billma_core.evaluation.arithmetic import arithmetic_problems
from billma_core.evaluation.chosen import judge_with_item
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import (
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
)
from billma_core.money import ZERO, format_eur, money
from billma_core.settings import Settings

STANDARD_VAT_RATES = (Decimal("5.5"), Decimal("10"), Decimal("20"))
DEFAULT_VAT_RATE = Decimal("10")
VERDICT_FLAGS: dict[Verdict, Flag] = {
    Verdict.OVERPRICED: Flag.OVERPRICED,
    Verdict.NOT_COVERED: Flag.NOT_COVERED,
    Verdict.UNMEASURED: Flag.NO_MEASUREMENTS,
    Verdict.UNMATCHED: Flag.UNMATCHED_LINE,
}
# Flags that stop auto-validation whatever the lines say (the fraud signals among them:
# billma_core.signals.apply_signals holds them back after judging as well).
BLOCKING_FLAGS = frozenset(
    {
        Flag.ARITHMETIC_ERROR,
        Flag.INVALID_SIRET,
        *VERDICT_FLAGS.values(),
        Flag.AMOUNT_OUT_OF_RANGE,
        Flag.ALTERED_DOCUMENT,
        Flag.REUSED_QUOTE,
        Flag.DATED_BEFORE_LOSS,
        Flag.SUSPICIOUS_AMOUNTS,
    }
)


def ordered_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Unique flags in the vocabulary's order (stable output for people and tests)."""
    present = set(flags)
    return [flag for flag in Flag if flag in present]


def quote_vat_rate(quote: Quote) -> Decimal:
    """The quote's VAT rate from its totals, snapped to a legal rate (for lines without one)."""
    if quote.total_ht and quote.total_tva is not None and quote.total_ht > 0:
        observed = quote.total_tva / quote.total_ht * 100
        nearest = min(STANDARD_VAT_RATES, key=lambda rate: abs(rate - observed))
        if abs(nearest - observed) < Decimal("0.6"):
            return nearest
    rates = {line.tva_rate for line in quote.lines if line.tva_rate is not None}
    return rates.pop() if len(rates) == 1 else DEFAULT_VAT_RATE


def ttc_of(amounts_and_rates: Iterable[tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    """Total HT and TTC, VAT computed per rate on the summed base (as invoices do)."""
    bases: dict[Decimal, Decimal] = {}
    for amount, rate in amounts_and_rates:
        bases[rate] = bases.get(rate, Decimal(0)) + amount
    total_ht = money(sum(bases.values(), Decimal(0)))
    total_tva = sum((money(base * rate / 100) for rate, base in bases.items()), Decimal(0))
    return total_ht, money(total_ht + total_tva)


def quote_total_ttc(quote: Quote) -> Decimal | None:
    if quote.total_ttc is not None:
        return quote.total_ttc
    if not quote.lines:
        return None
    fallback = quote_vat_rate(quote)
    return ttc_of((line.total_ht, line.tva_rate or fallback) for line in quote.lines)[1]


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
    site = postal_code or quote.site_postal_code
    coefficient, departement = bareme.coefficient_for(site)
    context = PricingContext(
        cover=cover,
        coefficient=coefficient,
        departement=departement,
        tolerance=settings.price_tolerance,
        bareme_version=bareme.version,
        hours_per_day=bareme.hours_per_day,
    )
    matcher = matcher_for(bareme)
    chosen = chosen_items or {}
    lines = [
        _with_reading_note(
            judge_with_item(i, line, matcher, chosen[i], context)
            if i in chosen
            else evaluate_line(i, line, matcher, context),
            line,
        )
        for i, line in enumerate(quote.lines)
    ]

    flags: list[Flag] = list(reading_flags)
    notes: list[str] = [reading_reason] if reading_reason else []
    problems = arithmetic_problems(quote)
    if problems:
        flags.append(Flag.ARITHMETIC_ERROR)
        notes.append("Erreur de calcul : " + " ; ".join(problems) + ".")
    if not quote.contractor.siret_valid:
        flags.append(Flag.INVALID_SIRET)
        notes.append(
            f"SIRET {quote.contractor.siret} invalide (clé de Luhn)."
            if quote.contractor.siret
            else "SIRET absent du devis."
        )
    if cover is Cover.DEGATS_DES_EAUX and any(line.tva_rate == Decimal(20) for line in quote.lines):
        # Worth a note, not a flag: repair of a dwelling over two years old is at 10 %.
        notes.append("TVA à 20 % sur des travaux de réparation d'un logement : le taux de 10 % s'applique en général.")

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
        notes.insert(0, f"Toutes les lignes sont conformes au barème {bareme.version}, {context.coefficient_text}.")
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
    fallback = quote_vat_rate(quote)
    revised_ht, revised_ttc = ttc_of(
        (judged.revised_total_ht, line.tva_rate or fallback) for judged, line in zip(lines, quote.lines, strict=True)
    )
    evaluation.revised_total_ht = revised_ht
    evaluation.revised_total_ttc = revised_ttc
    if total_ttc is not None:
        evaluation.gap_ttc = money(total_ttc - revised_ttc)
        evaluation.ren_eligible = evaluation.gap_ttc > settings.ren_threshold_ttc


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
    if gap <= settings.ren_threshold_ttc:
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
