"""What the page shows of a line's judgement is the server's: the unit price it judged and
whether its match is worth confirming (web/js/pages/dossier.js, reading.js read these fields and
compare no price, apply no threshold of their own)."""

from __future__ import annotations

from test_quote_context import JOINTS_ON_SUPPORT, PLASTERBOARD, STORM
from test_verdicts_decision import WALLS, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.verdicts import CONFIRM_BELOW


def test_a_doubtful_match_is_said_to_be_confirmed() -> None:
    bareme: Bareme = load_bareme()
    doubtful, sure = judge(make_quote(JOINTS_ON_SUPPORT, PLASTERBOARD), bareme, cover=STORM).lines
    assert doubtful.bareme_code is not None and doubtful.confidence < CONFIRM_BELOW
    assert doubtful.match_to_confirm and "à confirmer" in doubtful.why, doubtful.why
    assert sure.confidence >= CONFIRM_BELOW and not sure.match_to_confirm
    walls = judge(make_quote(WALLS), bareme).lines[0]
    assert not walls.match_to_confirm and "à confirmer" not in walls.why
