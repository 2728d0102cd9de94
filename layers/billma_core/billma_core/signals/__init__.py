"""Fraud and tampering signals, one small pure check per concern (as reading and judging are):

- ``altered``: the PDF was edited after it was made (revisions, dates, producer, metadata, fonts);
- ``reused``: the same contractor quote on another claim or policyholder;
- ``dates``: a quote or invoice dated before the loss;
- ``amounts``: round totals or prices, a line far above its barème ceiling.

Each check returns a :class:`~billma_core.models.Signal` (flag, French reason, evidence) or
``None``. A signal is never a verdict, but a dossier carrying one is never auto-validated
(:func:`apply_signals`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from billma_core.models import UNKNOWN_EMAIL, UNKNOWN_PHONE, Dossier, Evaluation, Flag, Outcome, Signal, ordered_flags

SIGNAL_FLAGS = frozenset({Flag.ALTERED_DOCUMENT, Flag.REUSED_QUOTE, Flag.DATED_BEFORE_LOSS, Flag.SUSPICIOUS_AMOUNTS})


@dataclass(frozen=True)
class ClaimContext:
    """What the robot knows of the claim a document came with (the dossier's form)."""

    dossier_id: str
    claim_reference: str
    # A digest of the policyholder's phone (else e-mail): compared, never shown nor stored in clear.
    policyholder: str | None = None
    date_of_loss: date | None = None
    insurer_code: str | None = None

    @classmethod
    def of(cls, dossier: Dossier) -> ClaimContext:
        form = dossier.form
        contact = form.policyholder_phone if form.policyholder_phone != UNKNOWN_PHONE else None
        if contact is None and form.policyholder_email not in (None, UNKNOWN_EMAIL):
            contact = (form.policyholder_email or "").lower()
        return cls(
            dossier_id=dossier.dossier_id,
            claim_reference=form.claim_reference,
            policyholder=hashlib.sha256(contact.encode()).hexdigest()[:32] if contact else None,
            date_of_loss=form.date_of_loss,
            insurer_code=form.insurer_code,
        )


def apply_signals(evaluation: Evaluation, signals: Iterable[Signal]) -> Evaluation:
    """The evaluation with its signals: their flags and reasons added, and an auto-validation
    turned into a review (the prices may be fine, the document is not)."""
    found = list(signals)
    if not found:
        return evaluation
    flags = ordered_flags([*evaluation.flags, *(signal.flag for signal in found)])
    reasons = " ".join(signal.reason for signal in found)
    update: dict[str, object] = {"signals": found, "flags": flags}
    if evaluation.outcome is Outcome.AUTO_VALIDATED:
        update["outcome"] = Outcome.NEEDS_REVIEW
        update["suggested_motif"] = None
        update["reason"] = f"À revoir : {reasons} Prix : {evaluation.reason or 'conformes au barème.'}"
    else:
        update["reason"] = f"{evaluation.reason} {reasons}" if evaluation.reason else reasons
    return evaluation.model_copy(update=update)
