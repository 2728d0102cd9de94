from __future__ import annotations

import pytest
from review_factory import make_dossier

from billma_core.errors import Conflict, RuleViolation
from billma_core.models import DossierState
from billma_core.review import TRANSITIONS, Action, require_state
from billma_core.review.transitions import can

S = DossierState


def test_the_design_life_is_in_the_table():
    assert require_state(make_dossier(S.AWAITING_DOCUMENT), Action.UPLOAD) is S.ANALYSING
    assert require_state(make_dossier(S.ANALYSING), Action.ROBOT_CLOSE) is S.CLOSED
    assert require_state(make_dossier(S.ANALYSING), Action.ROBOT_HANDOFF) is S.TO_REVIEW
    assert require_state(make_dossier(S.TO_REVIEW), Action.ASSIGN) is S.IN_REVIEW
    assert require_state(make_dossier(S.IN_REVIEW), Action.REN_PROPOSE) is S.REN_PROPOSED
    assert require_state(make_dossier(S.REN_PROPOSED), Action.CLOSE) is S.CLOSED
    assert require_state(make_dossier(S.IN_REVIEW), Action.CLOSE) is S.CLOSED


def test_nothing_leaves_closed():
    for action, targets in TRANSITIONS.items():
        assert S.CLOSED not in targets
        with pytest.raises(Conflict, match="clos"):
            require_state(make_dossier(S.CLOSED), action)
        assert not can(make_dossier(S.CLOSED), action)


def test_a_refused_transition_names_the_states_in_french():
    with pytest.raises(RuleViolation) as caught:
        require_state(make_dossier(S.TO_REVIEW), Action.REVISE)
    assert caught.value.message == (
        "Impossible de réviser le devis : le dossier est « À revoir » (attendu : « En revue »)."
    )
    assert caught.value.details == {"action": "REVISE", "state": "TO_REVIEW", "allowed_states": ["IN_REVIEW"]}
