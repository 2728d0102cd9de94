"""Judging a read quote: the barème's verdicts and the decision (``evaluation.decision``), then
the signals (``billma_core.signals``), so that a quote carrying one is never auto-validated.

The robot, the barème replay and the reviewers' corrected reading all judge through here.
Light on imports (no reader): the API functions use it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from billma_core.bareme.schema import Bareme, BaremeItem
from billma_core.evaluation.decision import evaluate_quote
from billma_core.models import VERDICT_FLAGS, Cover, Dossier, Evaluation, Flag, MediaType, Quote, Signal
from billma_core.settings import Settings
from billma_core.signals import SIGNAL_FLAGS, apply_signals
from billma_core.signals.amounts import suspicious_amounts

# What judging finds again from the quote and the barème (verdicts, scope, arithmetic, SIRET,
# signals) or what a duplicate outcome said; the reader's other findings (OCR, Factur-X…) hold.
JUDGED_FLAGS = frozenset(
    {
        *VERDICT_FLAGS.values(),
        Flag.AMOUNT_OUT_OF_RANGE,
        Flag.ARITHMETIC_ERROR,
        Flag.INVALID_SIRET,
        Flag.DUPLICATE,
        *SIGNAL_FLAGS,
    }
)


def judge_quote(
    quote: Quote,
    *,
    cover: Cover,
    bareme: Bareme,
    settings: Settings,
    postal_code: str | None,
    sha256: str,
    media_type: MediaType | None,
    reading_flags: Iterable[Flag],
    reading_reason: str | None,
    signals: Iterable[Signal],
    chosen_items: Mapping[int, BaremeItem] | None = None,
) -> Evaluation:
    """Judge ``quote`` against ``bareme`` and decide, with the ``signals`` found before judging
    (document, claim) and the amounts' signal, which depends on the barème and is recomputed."""
    evaluation = evaluate_quote(
        quote,
        cover=cover,
        bareme=bareme,
        settings=settings,
        postal_code=postal_code,
        sha256=sha256,
        media_type=media_type,
        reading_flags=reading_flags,
        reading_reason=reading_reason,
        chosen_items=chosen_items,
    )
    amounts = suspicious_amounts(quote, evaluation.lines, bareme, settings.price_tolerance)
    kept = [signal for signal in signals if signal.flag is not Flag.SUSPICIOUS_AMOUNTS]
    return apply_signals(evaluation, [*kept, *([amounts] if amounts else [])])


def judge_again(
    quote: Quote,
    earlier: Evaluation,
    dossier: Dossier,
    bareme: Bareme,
    settings: Settings,
    *,
    reading_reason: str | None = None,
    chosen_items: Mapping[int, BaremeItem] | None = None,
) -> Evaluation:
    """``quote`` of ``dossier`` judged once more (a barème replay, a corrected reading): the
    document's own findings of the ``earlier`` evaluation and the signals found when it came in
    are kept; what judging finds is found again."""
    return judge_quote(
        quote,
        cover=dossier.form.cover,
        bareme=bareme,
        settings=settings,
        postal_code=dossier.form.site_postal_code,
        sha256=earlier.sha256,
        media_type=earlier.media_type,
        reading_flags=[flag for flag in earlier.flags if flag not in JUDGED_FLAGS],
        reading_reason=reading_reason,
        signals=earlier.signals,
        chosen_items=chosen_items,
    )
