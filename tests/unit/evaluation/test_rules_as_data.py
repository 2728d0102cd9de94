"""The barème's rules of the trade are its data: the judge reads them from the loaded barème, so a
version that says otherwise is judged otherwise (``Bareme.every_site_trades``,
``Bareme.repair_callout_hours``)."""

from __future__ import annotations

import json
from typing import Any

from test_verdicts_decision import WALLS, Line, judge, make_quote

from billma_core.bareme import Bareme, packaged_bareme_bytes, parse_bareme
from billma_core.models import Cover, LineEvaluation, Outcome, Unit, Verdict

TARPAULIN: Line = ("Bâche", "1", Unit.FORFAIT, "115", "10")
SOCKET_REPAIR: Line = ("Réparation prise électrique", "1", Unit.U, "60", "10")


def _bareme(**changes: Any) -> Bareme:
    """The packaged barème, parsed anew with ``changes`` to its top-level fields."""
    raw = json.loads(packaged_bareme_bytes())
    raw.update(changes)
    return parse_bareme(json.dumps(raw))


def _first_line(bareme: Bareme, *lines: Line, cover: Cover) -> tuple[Outcome, LineEvaluation]:
    evaluation = judge(make_quote(*lines), bareme, cover=cover)
    return evaluation.outcome, evaluation.lines[0]


def test_the_trades_every_site_has_are_the_bareme_data() -> None:
    # "Bâche" is the protection (site set-up) or the roof's tarpaulin: on a painting quote, the
    # roofing reading is ruled out because setting up is of every site. A barème that does not
    # say so leaves both readings: the reviewer is told the line may be the roof's tarpaulin.
    as_packaged = _bareme()
    assert set(as_packaged.every_site_trades) == {"site_setup", "cleaning", "labour"}
    _, ruled = _first_line(as_packaged, TARPAULIN, WALLS, cover=Cover.TEMPETE_GRELE_NEIGE)
    assert ruled.bareme_code == "INS-001" and ruled.verdict is Verdict.OVERPRICED
    assert [c.bareme_code for c in ruled.candidates] == ["INS-001"] and "TOI-002" not in ruled.why
    without_setup = _bareme(every_site_trades=["cleaning", "labour"])
    _, both = _first_line(without_setup, TARPAULIN, WALLS, cover=Cover.TEMPETE_GRELE_NEIGE)
    assert {"INS-001", "TOI-002"} <= {c.bareme_code for c in both.candidates}
    assert "TOI-002" in both.why, both.why


def test_the_repair_callout_hours_are_the_bareme_data() -> None:
    # A socket (60 €) is no dearer than a call-out of two general hours (2 × 45 €): its
    # replacement bounds a line repairing it. Half an hour's call-out makes the socket a new
    # object the repair is not: the line goes to a human.
    as_packaged = _bareme()
    outcome, line = _first_line(as_packaged, SOCKET_REPAIR, WALLS, cover=Cover.DEGATS_DES_EAUX)
    assert (outcome, line.bareme_code, line.verdict) == (Outcome.AUTO_VALIDATED, "ELE-001", Verdict.OK), line.why
    shorter = _bareme(repair_callout_hours="0.5")
    outcome, line = _first_line(shorter, SOCKET_REPAIR, WALLS, cover=Cover.DEGATS_DES_EAUX)
    assert (outcome, line.bareme_code, line.verdict) == (Outcome.NEEDS_REVIEW, None, Verdict.UNMATCHED), line.why
