"""The quality sample: a share of the robot's automatic validations drawn for a reviewer's
second look ("À contrôler"). The closure stands; the reviewer's agreement, counted over the
sample, measures the robot's false-validation rate in production."""

from __future__ import annotations

import hashlib
import math
from datetime import datetime

from billma_core.errors import Conflict, RuleViolation
from billma_core.models import Dossier, MotifCode, QualityCheck
from billma_core.settings import Settings

# 95 % two-sided normal quantile.
Z_95 = 1.959963984540054


def sampled(dossier_id: str, rate: float) -> bool:
    """Whether ``dossier_id`` falls in the sample: a hash of the id, not a random draw, so a
    replayed robot event (or a rebuilt table) picks the same dossiers."""
    digest = hashlib.sha256(dossier_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def draw(dossier: Dossier, settings: Settings, at: datetime) -> QualityCheck | None:
    """The pending check of an automatic validation drawn in the sample, else None."""
    closure = dossier.closure
    if closure is None or closure.motif is not MotifCode.AUTO_VALIDATED:
        return None
    if not sampled(dossier.dossier_id, settings.audit_sample_rate):
        return None
    return QualityCheck(sampled_at=at)


def record(dossier: Dossier, agree: bool, comment: str | None, by: str, at: datetime) -> QualityCheck:
    """The reviewer's verdict on a drawn automatic validation. RuleViolation when the dossier
    was not drawn; Conflict when it was already checked (a check is final, like the closure)."""
    check = dossier.quality_check
    if check is None:
        raise RuleViolation(
            "Ce dossier n'est pas dans l'échantillon de contrôle qualité des validations automatiques.",
            details={"rule": "not_sampled"},
        )
    if check.agree is not None:
        raise Conflict(
            f"Ce contrôle qualité a déjà été enregistré par {check.by} : il est définitif.",
            details={"rule": "already_checked", "agree": check.agree},
        )
    if not agree and not (comment and comment.strip()):
        raise RuleViolation(
            "Un désaccord avec la validation automatique doit être expliqué en commentaire.",
            details={"rule": "comment_required"},
        )
    return check.model_copy(update={"agree": agree, "comment": comment, "by": by, "at": at})


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion (sound for small samples and rates near 0 or 1)."""
    if trials <= 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
