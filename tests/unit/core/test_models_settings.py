from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from billma_core.auth import principal_from_event, require_can_read, require_role
from billma_core.errors import Forbidden, Unauthenticated
from billma_core.models import DossierForm, Principal, Role
from billma_core.settings import Settings, get_settings

FORM = {
    "claim_reference": "SIN-1",
    "date_of_loss": "2025-03-16",
    "deductible": "150",
    "cover": "DEGATS_DES_EAUX",
    "policyholder_phone": "06.12.34.56.78",
}


def test_form_normalises_phone_and_accepts_unknown_hints() -> None:
    form = DossierForm.model_validate({**FORM, "policyholder_email": "Inconnu"})
    assert form.policyholder_phone == "0612345678"
    assert form.policyholder_email == "inconnu"
    assert DossierForm.model_validate({**FORM, "policyholder_phone": "000000000"}).policyholder_phone == "000000000"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("policyholder_phone", "12345", "000000000"),
        ("policyholder_email", "a@", "inconnu"),
        ("site_postal_code", "7500", "code postal"),
        ("date_of_loss", (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)).isoformat(), "futur"),
    ],
)
def test_form_rejects_with_french_messages(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        DossierForm.model_validate({**FORM, field: value})
    assert message in str(error.value)


def test_form_forbids_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        DossierForm.model_validate({**FORM, "surprise": 1})


def test_settings_come_from_the_environment() -> None:
    environ = {
        "BILLMA_TABLE_NAME": "table-x",
        "BILLMA_PRICE_TOLERANCE": "0.2",
        "BILLMA_OCR_ENGINE": "none",
        "BILLMA_MAX_PAGES": "7",
        "BILLMA_FEED_SETTLE_SECONDS": "0.5",
        "BILLMA_SOMETHING_ELSE": "ignored",
        "TABLE_NAME": "not ours",
    }
    settings = Settings.from_environment(environ)
    assert settings.table_name == "table-x"
    assert settings.price_tolerance == Decimal("0.2")
    assert settings.ocr_engine == "none"
    assert (settings.max_pages, settings.feed_settle_seconds) == (7, 0.5)
    assert settings.quotes_bucket == Settings().quotes_bucket  # not set: the default
    wrongs = (("BILLMA_OCR_ENGINE", "paper"), ("BILLMA_MAX_PAGES", "sept"), ("BILLMA_AUDIT_SAMPLE_RATE", "2"))
    for name, wrong in wrongs:
        with pytest.raises(ValidationError):
            Settings.from_environment({**environ, name: wrong})


def test_get_settings_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILLMA_DEFAULT_INSURER", "GMF")
    get_settings.cache_clear()
    try:
        assert get_settings().default_insurer == "GMF"
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def _event(groups: object, username: str | None = "dev-reviewer") -> dict[str, object]:
    claims = {"cognito:groups": groups, "custom:insurer_code": "AZ"}
    if username:
        claims["cognito:username"] = username
    return {"requestContext": {"authorizer": {"claims": claims}}}


@pytest.mark.parametrize("groups", ["reviewer", "[reviewer, insurer]", "reviewer,insurer", ["reviewer"]])
def test_principal_reads_cognito_groups_in_every_shape(groups: object) -> None:
    principal = principal_from_event(_event(groups))
    assert Role.REVIEWER in principal.roles
    assert principal.insurer_code == "AZ"


def test_principal_without_claims_is_unauthenticated() -> None:
    with pytest.raises(Unauthenticated):
        principal_from_event({"requestContext": {}})


def test_role_rules() -> None:
    portal = Principal(subject="p", roles=frozenset({Role.PORTAL}))
    with pytest.raises(Forbidden, match="Billmateur"):
        require_role(portal, Role.REVIEWER)
    require_role(portal, Role.PORTAL, Role.REVIEWER)


def test_insurer_reads_only_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from billma_core.models import Dossier, DossierState

    now = dt.datetime.now(dt.UTC)
    dossier = Dossier(
        dossier_id="d",
        state=DossierState.TO_REVIEW,
        form=DossierForm.model_validate(FORM),
        created_by="p",
        created_at=now,
        updated_at=now,
        waiting_since=now,
    )
    require_can_read(Principal(subject="i", roles=frozenset({Role.INSURER}), insurer_code="AZ"), dossier)
    with pytest.raises(Forbidden):
        require_can_read(Principal(subject="i", roles=frozenset({Role.INSURER}), insurer_code="ZZ"), dossier)
