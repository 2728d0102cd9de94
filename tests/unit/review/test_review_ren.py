from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError
from review_factory import (
    NOW,
    REVIEWER,
    SETTINGS,
    make_dossier,
    opening_form,
    revised,
    small_gap_decisions,
    with_ren,
)

from billma_core.errors import Conflict, RuleViolation, ValidationFailed
from billma_core.models import DossierState, RenDecision
from billma_core.review import RenOpening, apply_ren
from billma_core.settings import Settings

P, A, R = RenDecision.PROPOSED, RenDecision.ACCEPTED, RenDecision.REFUSED


def _apply(dossier, decision, opening=None, settings=SETTINGS):
    return apply_ren(dossier, decision, opening, REVIEWER, NOW, settings)


def test_propose_when_the_gap_is_above_the_threshold():
    dossier = revised(make_dossier())
    events = _apply(dossier, P)
    assert [(e.decision, e.by, e.at, e.opening) for e in events] == [(P, REVIEWER, NOW, None)]
    assert dossier.ren == []  # the dossier itself is untouched


def test_propose_refused_when_the_gap_is_not_above_the_threshold():
    dossier = revised(make_dossier(), small_gap_decisions())
    with pytest.raises(RuleViolation, match=r"l'écart de la révision \(132,00.€\) ne dépasse pas 200,00.€"):
        _apply(dossier, P)


def test_propose_uses_the_configured_threshold():
    dossier = revised(make_dossier())  # gap 825,00
    with pytest.raises(RuleViolation, match="ne dépasse pas"):
        _apply(dossier, P, settings=Settings(ren_threshold_ttc=Decimal("825.00")))
    assert _apply(dossier, P, settings=Settings(ren_threshold_ttc=Decimal("824.99")))


def test_propose_needs_a_revision():
    with pytest.raises(RuleViolation, match="pas encore été révisé"):
        _apply(make_dossier(), P)


@pytest.mark.parametrize("state", [DossierState.TO_REVIEW, DossierState.ANALYSING])
def test_propose_needs_a_dossier_in_review(state):
    dossier = revised(make_dossier()).model_copy(update={"state": state})
    with pytest.raises(RuleViolation, match="Impossible de proposer une REN"):
        _apply(dossier, P)


def test_propose_twice_is_refused():
    dossier = with_ren(revised(make_dossier()), P)
    with pytest.raises(RuleViolation, match="« REN proposée »"):
        _apply(dossier, P)


def test_propose_with_an_opening_is_refused():
    with pytest.raises(ValidationFailed, match="ne se joint qu'à l'acceptation"):
        _apply(revised(make_dossier()), P, opening_form())


@pytest.mark.parametrize("decision", [A, R])
def test_answer_without_proposal_is_refused(decision):
    dossier = revised(make_dossier())
    with pytest.raises(RuleViolation, match="que si elle a été proposée"):
        _apply(dossier, decision, opening_form() if decision is A else None)


@pytest.mark.parametrize("decision", [A, R])
def test_answer_in_ren_proposed_state_without_proposed_event_is_refused(decision):
    # An inconsistent record (state says proposed, history does not) never lets a REN through.
    dossier = revised(make_dossier()).model_copy(update={"state": DossierState.REN_PROPOSED})
    with pytest.raises(RuleViolation, match="que si elle a été proposée"):
        _apply(dossier, decision, opening_form() if decision is A else None)


def test_accept_stores_the_opening_form():
    dossier = with_ren(revised(make_dossier()), P)
    events = _apply(dossier, A, opening_form())
    assert [e.decision for e in events] == [P, A]
    assert events[-1].opening is not None
    assert events[-1].opening["departement"] == "69"
    assert events[-1].opening["phone_1"]["number"] == "0612345678"


def test_accept_without_opening_is_refused():
    dossier = with_ren(revised(make_dossier()), P)
    with pytest.raises(ValidationFailed, match="formulaire d'ouverture"):
        _apply(dossier, A)


def test_refuse_after_proposal():
    dossier = with_ren(revised(make_dossier()), P)
    assert [e.decision for e in _apply(dossier, R)] == [P, R]


def test_refuse_with_an_opening_is_refused():
    dossier = with_ren(revised(make_dossier()), P)
    with pytest.raises(ValidationFailed):
        _apply(dossier, R, opening_form())


@pytest.mark.parametrize(("first", "second"), [(A, R), (R, A), (A, A), (R, R)])
def test_an_answer_is_final(first, second):
    dossier = with_ren(with_ren(revised(make_dossier()), P), first)
    with pytest.raises(RuleViolation, match="attend une réponse"):
        _apply(dossier, second, opening_form() if second is A else None)


@pytest.mark.parametrize("decision", [P, A, R])
def test_ren_on_a_closed_dossier_is_a_conflict(decision):
    with pytest.raises(Conflict, match="clos"):
        _apply(make_dossier(DossierState.CLOSED), decision, opening_form() if decision is A else None)


# --------------------------------------------------------------------------- opening form


def test_departement_is_derived_from_the_postal_code():
    assert opening_form(postal_code="20090", city="Ajaccio").departement == "2A"
    assert opening_form(postal_code="97400", city="Saint-Denis").departement == "974"
    assert opening_form(departement="69").departement == "69"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"departement": "75"}, "ne correspond pas au code postal"),
        ({"postal_code": "6900"}, "code postal à 5 chiffres"),
        ({"postal_code": "00100"}, "aucun département"),
        ({"date_of_loss": (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)).isoformat()}, "dans le futur"),
        ({"email": "pas-une-adresse"}, "adresse e-mail invalide"),
        ({"occupancy": "SQUATTER"}, "occupancy"),
        ({"first_name": ""}, "first_name"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_opening_form_refuses_bad_fields(changes, words):
    with pytest.raises(ValidationError, match=words):
        opening_form(**changes)


def _phone(**changes):
    phone = {"number": "01 23 45 67 89", "available_from": "08:00", "available_to": "12:00", "phone_type": "LANDLINE"}
    return phone | changes


@pytest.mark.parametrize(
    ("phone", "words"),
    [
        (_phone(number="000000000"), "numéro joignable"),
        (_phone(number="12345"), "numéro de téléphone français"),
        (_phone(available_from="12:00", available_to="08:00"), "plage de disponibilité"),
        (_phone(phone_type="FAX"), "phone_type"),
    ],
)
def test_opening_form_refuses_bad_phones(phone, words):
    with pytest.raises(ValidationError, match=words):
        opening_form(phone_1=phone | {"principal": True})


def test_exactly_one_principal_phone():
    second = _phone(principal=True)
    with pytest.raises(ValidationError, match="exactement un"):
        opening_form(phone_2=second)
    with pytest.raises(ValidationError, match="exactement un"):
        opening_form(phone_1=_phone(number="0612345678"), phone_2=_phone())
    form = opening_form(phone_2=_phone())
    assert form.phone_2 is not None and not form.phone_2.principal


def test_a_single_phone_is_the_principal_one():
    form = opening_form(phone_1=_phone())
    assert form.phone_1.principal


def test_unknown_email_is_accepted_as_in_the_upload_form():
    assert opening_form(email="Inconnu").email == "inconnu"
    assert opening_form(email=None).email is None


def test_opening_round_trips_through_json():
    form = opening_form(phone_2=_phone())
    assert RenOpening.model_validate_json(form.model_dump_json()) == form
