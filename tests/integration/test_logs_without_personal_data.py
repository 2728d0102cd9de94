"""No personal data in the logs: a full flow through the real handlers (dossier with a
distinctive phone and e-mail, upload, robot, assign, revision, REN proposed then accepted with
an opening form full of names, address and phones, closure REN_ACCEPTED, the insurer's feed,
the report, and a few refused requests carrying the same data), with every log line captured:
the Powertools JSON lines on stdout/stderr (file-descriptor level) and the ``logging`` records.
None of the phone numbers (in any spacing), the e-mail, the names or the address may appear.

The functions' loggers run at DEBUG here (the template says INFO): stricter than production.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from billma_cli.local.resources import CreatedResources
from tests.integration.conftest import CORPUS, ROOT, VALID_FORM, ApiCall
from tests.integration.robot_flow import upload
from tests.integration.test_api_state_machine import forget_claims, run_robot

INFLATED = CORPUS / "04_Devis_LEFEVRE_2025_745.pdf"

PHONES = ["06 47 83 91 25", "+33 1 47 20 93 58"]
EMAIL = "zephyrin.quastellani@exemple-billma.fr"
FIRST_NAME = "Zephyrin"
LAST_NAME = "Quastellani"
ADDRESS = "42 allee des Hirondelles Zinzolines"
POLICY = "POL-QZ-771234"

OPENING: dict[str, Any] = {
    "date_of_loss": "2025-03-16",
    "policy_number": POLICY,
    "first_name": FIRST_NAME,
    "last_name": LAST_NAME,
    "address": ADDRESS,
    "postal_code": "33400",
    "city": "Talence",
    "dwelling_type": "HOUSE",
    "occupancy": "OWNER_OCCUPIER",
    "phone_1": {
        "number": PHONES[0],
        "available_from": "09:00",
        "available_to": "12:00",
        "phone_type": "MOBILE",
        "principal": True,
    },
    "phone_2": {
        "number": PHONES[1],
        "available_from": "14:00",
        "available_to": "18:00",
        "phone_type": "LANDLINE",
        "principal": False,
    },
    "email": EMAIL,
}


def unescaped(text: str) -> str:
    """``text`` with JSON's ``\\uXXXX`` escapes decoded (a no-break space between digits)."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), text)


def found(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for candidate in (text, unescaped(text)):
        for pattern in patterns:
            if hit := pattern.search(candidate):
                return hit
    return None


def phone_pattern(number: str) -> re.Pattern[str]:
    """The national digits of ``number`` with anything but digits (spaces, dots, no-break
    spaces) between them, after 0, +33 or 0033."""
    digits = re.sub(r"\D", "", number)
    national = digits[2:] if digits.startswith("33") else digits.lstrip("0")
    return re.compile(r"\D{0,8}".join(national))


def text_patterns(value: str) -> list[re.Pattern[str]]:
    """``value`` as written, as JSON writes it (escaped), case-insensitive."""
    forms = {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
    return [re.compile(re.escape(form), re.IGNORECASE) for form in forms]


SECRETS: dict[str, list[re.Pattern[str]]] = {
    **{f"phone {number}": [phone_pattern(number)] for number in PHONES},
    "email": text_patterns(EMAIL) + text_patterns(EMAIL.split("@", maxsplit=1)[0]),
    "first name": text_patterns(FIRST_NAME),
    "last name": text_patterns(LAST_NAME),
    "address": text_patterns(ADDRESS) + text_patterns("Hirondelles Zinzolines"),
    "policy number": text_patterns(POLICY),
}


@pytest.fixture
def verbose_function_loggers() -> Iterator[None]:
    """The functions' Powertools loggers (service ``billma``) at DEBUG for the test."""
    logger = logging.getLogger("billma")
    level = logger.level
    logger.setLevel(logging.DEBUG)
    yield
    logger.setLevel(level)


def _ok(result: tuple[int, Any], status: int = 200) -> dict[str, Any]:
    assert result[0] == status, result
    return dict(result[1])


def run_full_flow(call_api: ApiCall, aws: CreatedResources) -> str:
    form = {
        **VALID_FORM,
        "claim_reference": "SIN-PII-1",
        "policyholder_phone": PHONES[0],
        "policyholder_email": EMAIL,
    }
    # Refused requests carrying the same data: a bad e-mail, a bad phone, an unknown field.
    assert call_api("upload", "POST", "/dossiers", {**form, "policyholder_email": EMAIL + "@"}, role="portal")[0] == 422
    assert (
        call_api("upload", "POST", "/dossiers", {**form, "policyholder_phone": PHONES[0] + "9"}, role="portal")[0]
        == 422
    )
    assert call_api("upload", "POST", "/dossiers", {**form, "name": LAST_NAME}, role="portal")[0] == 422

    created = _ok(call_api("upload", "POST", "/dossiers", form, role="portal"), 201)
    dossier_id = str(created["dossier_id"])
    forget_claims(aws, INFLATED)
    upload(created["upload"], INFLATED.read_bytes())
    run_robot(aws)

    path = f"/dossiers/{dossier_id}"
    view = _ok(call_api("review_api", "GET", path))
    assert view["dossier"]["state"] == "TO_REVIEW", view["dossier"]["evaluation"]
    _ok(call_api("review_api", "GET", "/dossiers", query={"reference": "SIN-PII-1"}))
    version = view["dossier"]["version"]
    version = _ok(call_api("review_api", "POST", f"{path}/assign", {"expected_version": version}))["dossier"]["version"]
    version = _ok(call_api("review_api", "PUT", f"{path}/revision", {"expected_version": version}))["dossier"][
        "version"
    ]
    proposed = {"expected_version": version, "decision": "PROPOSED"}
    version = _ok(call_api("review_api", "POST", f"{path}/ren", proposed))["dossier"]["version"]

    # A refused acceptance first (availability window backwards), then the right one.
    backwards = {**OPENING, "phone_1": {**OPENING["phone_1"], "available_from": "18:00", "available_to": "08:00"}}
    accepted = {"expected_version": version, "decision": "ACCEPTED", "opening": backwards}
    assert call_api("review_api", "POST", f"{path}/ren", accepted)[0] == 422
    accepted["opening"] = OPENING
    version = _ok(call_api("review_api", "POST", f"{path}/ren", accepted))["dossier"]["version"]
    # A stale write and a refused closure on the way.
    stale = {"expected_version": version - 1, "motif": "REN_ACCEPTED"}
    assert call_api("close", "POST", f"{path}/closure", stale)[0] == 409
    closure = {"expected_version": version, "motif": "REN_ACCEPTED", "comment": "REN acceptée par l'assuré"}
    closed = _ok(call_api("close", "POST", f"{path}/closure", closure))
    assert closed["dossier"]["closure"]["ren_opening"]["opening"]["last_name"] == LAST_NAME  # the data did flow

    _ok(call_api("review_api", "GET", path, role="insurer"))
    assert call_api("review_api", "GET", f"{path}/report")[0] == 200
    _ok(call_api("close", "GET", "/closures", role="insurer", query={"limit": "100"}))
    return dossier_id


def test_a_full_flow_logs_no_personal_data(
    call_api: ApiCall,
    aws: CreatedResources,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    verbose_function_loggers: None,
) -> None:
    caplog.set_level(logging.INFO)  # the root level the Lambda runtime gives the SDK's loggers
    dossier_id = run_full_flow(call_api, aws)

    out, err = capfd.readouterr()
    records = "\n".join(
        f"{record.name} {record.getMessage()} {json.dumps(record.__dict__, default=str)}"
        for record in caplog.records
        if not record.name.startswith(("werkzeug", "moto"))  # the emulated AWS, not our code
    )
    logs = {"stdout": out, "stderr": err, "logging": records}
    assert dossier_id in out + records, "the flow's logs were not captured"

    leaks = [
        f"{what} in {where}: …{text[max(0, hit.start() - 80) : hit.end() + 80]}…"
        for where, text in logs.items()
        for what, patterns in SECRETS.items()
        if (hit := found(patterns, text))
    ]
    assert not leaks, "\n".join(leaks)


def test_the_patterns_find_what_they_look_for() -> None:
    """The search itself: each secret is found in the spellings a log might use."""
    samples = {
        "phone 06 47 83 91 25": ["0647839125", "+33647839125", "06.47.83.91.25", '"06\\u00a047\\u00a083 91 25"'],
        "phone +33 1 47 20 93 58": ["0147209358", "01 47 20 93 58", "+33147209358"],
        "email": [EMAIL.upper(), json.dumps({"e": EMAIL})],
        "last name": [json.dumps(LAST_NAME.upper())],
    }
    for what, texts in samples.items():
        for text in texts:
            assert found(SECRETS[what], text), (what, text)


def test_the_template_does_not_log_events() -> None:
    """Powertools logs whole events (bodies with the form and the REN opening) when
    POWERTOOLS_LOGGER_LOG_EVENT is true: no function of the template may turn it on."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    template = yaml.load(Path(ROOT / "template.yaml").read_text(), Loader=Loader)
    environments = [template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})]
    environments += [
        (resource.get("Properties") or {}).get("Environment", {}).get("Variables", {})
        for resource in template["Resources"].values()
        if resource.get("Type") == "AWS::Serverless::Function"
    ]
    for variables in environments:
        assert str(variables.get("POWERTOOLS_LOGGER_LOG_EVENT", "false")).lower() != "true", variables
        assert str(variables.get("POWERTOOLS_LOG_LEVEL", "INFO")).upper() != "DEBUG", variables
