"""Stateful property test of the review and closure API: hypothesis drives random sequences of
assign / revise / REN / closure / stale writes through the real handlers (under moto) on
dossiers the real robot brought to their first state, and checks after every step that no
sequence reaches an inconsistent dossier.

Dossiers of one example: an inflated corpus quote (gap > 200 €: REN, INDEMNITY_REVISED,
REN_ACCEPTED reachable), a slightly high one (gap < 200 €: GAP_UNDER_200 reachable), both in
TO_REVIEW, and a fair one the robot closed itself (AUTO_VALIDATED: every write must be refused).

Invariants: never a 5xx; a dossier is closed at most once (any later closure is a 409); a REN
is never ACCEPTED without the PROPOSED just before it; indemnities are never below 0; the
version grows by exactly 1 per 2xx write and a refused write (409/422) changes nothing; the
audit trail holds the robot's events plus exactly one event per successful write; a motif the
dossier view offers as allowed is accepted by the closure route with a valid reason.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from billma_cli.local.resources import CreatedResources
from billma_cli.local.worker import lambda_sqs_event
from billma_core.models import ExclusionReason, MotifCode, RenDecision
from billma_core.reading import read_document
from billma_core.review.closure import OutOfScopeReason
from billma_core.robot import content_key
from tests.integration.conftest import CORPUS, VALID_FORM, ApiCall, Context, handler_module
from tests.integration.robot_flow import upload

pytestmark = pytest.mark.slow

DOCUMENTS: dict[str, Path] = {
    "inflated": CORPUS / "04_Devis_LEFEVRE_2025_745.pdf",
    "slightly_high": CORPUS / "06_devis_D2505-178.pdf",
    "fair": CORPUS / "01_DEV-2025-0736.pdf",
}
EXPECTED_FIRST_STATE = {"inflated": "TO_REVIEW", "slightly_high": "TO_REVIEW", "fair": "CLOSED"}
NAMES = sorted(DOCUMENTS)
# Rules pick the dossiers that can still move more often than the one the robot closed.
PICK = st.sampled_from(["inflated", "inflated", "slightly_high", "slightly_high", "fair"])
OUTCOMES: Counter[str] = Counter()  # route, decision or motif, status: what the examples reached
REASONS: list[str | None] = [None, *ExclusionReason, *OutOfScopeReason, "BOGUS"]


@cache
def _claim_keys(path: Path) -> tuple[str, ...]:
    """The duplicate registry's keys for a corpus document (``HASH#`` and ``CONTENT#``)."""
    reading = read_document(path.read_bytes())
    keys = [f"HASH#{reading.sha256}"]
    if reading.quote is not None and (key := content_key(reading.quote)) is not None:
        keys.append(f"CONTENT#{key}")
    return tuple(keys)


def forget_claims(aws: CreatedResources, path: Path) -> None:
    """Each example starts from new dossiers for the same corpus files: drop the registry's
    claims on those bytes so the robot reads them as first uploads, not as duplicates."""
    db = boto3.client("dynamodb")
    for key in _claim_keys(path):
        db.delete_item(TableName=aws.tables["DossierTable"], Key={"PK": {"S": key}, "SK": {"S": "CLAIM"}})


def run_robot(aws: CreatedResources) -> None:
    """Deliver the waiting S3 notifications to the robot handler (as the event source mapping
    would), without long polling: moto queues the notification during the upload itself."""
    sqs = boto3.client("sqs")
    url = aws.queues["RobotQueue"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        response = handler_module("robot").lambda_handler(lambda_sqs_event(messages, arn, "eu-west-3"), Context())
        assert not response.get("batchItemFailures"), response
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def phones() -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda number, start, hours, kind: {
            "number": number,
            "available_from": f"{start:02d}:00",
            "available_to": f"{start + hours:02d}:30",
            "phone_type": kind,
        },
        st.sampled_from(["0612345678", "06 98 76 54 32", "+33147200000", "01.47.20.00.01"]),
        st.integers(7, 12),
        st.integers(1, 8),
        st.sampled_from(["MOBILE", "LANDLINE", "WORK"]),
    )


@st.composite
def openings(draw: st.DrawFn) -> dict[str, Any]:
    """A valid REN opening form (the insurer portal's in-kind repair form)."""
    postal_code, city = draw(
        st.sampled_from([("33400", "Talence"), ("75011", "Paris"), ("20090", "Ajaccio"), ("97400", "Saint-Denis")])
    )
    phone_1 = draw(phones())
    opening: dict[str, Any] = {
        "date_of_loss": draw(st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 30))).isoformat(),
        "policy_number": draw(st.sampled_from(["POL-1", "AZ 778 221 09"])),
        "first_name": "Camille",
        "last_name": "Durand",
        "address": "3 rue des Lilas",
        "postal_code": postal_code,
        "city": city,
        "dwelling_type": draw(st.sampled_from(["HOUSE", "APARTMENT", "OTHER"])),
        "occupancy": draw(st.sampled_from(["OWNER_OCCUPIER", "TENANT", "NON_OCCUPYING_OWNER", "OTHER"])),
        "phone_1": {**phone_1, "principal": True},
        "email": draw(st.sampled_from([None, "inconnu", "camille.durand@example.org"])),
    }
    if draw(st.booleans()):
        opening["phone_2"] = {**draw(phones()), "principal": False}
    return opening


def decisions(line_count: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Random line decisions, sometimes malformed (unknown line, missing reason): a 422 then."""
    money = st.decimals(0, 5000, places=2).map(float)
    decision = st.one_of(
        st.builds(lambda line: {"line": line, "action": "ACCEPT"}, st.integers(0, line_count)),
        st.builds(
            lambda line, quantity, price: {
                "line": line,
                "action": "SET",
                **({"quantity": quantity} if quantity is not None else {}),
                **({"unit_price_ht": price} if price is not None else {}),
            },
            st.integers(0, line_count),
            st.none() | st.decimals(0, 200, places=2).map(float),
            st.none() | money,
        ),
        st.builds(
            lambda line, reason: {"line": line, "action": "EXCLUDE", **({"reason": reason} if reason else {})},
            st.integers(0, line_count),
            st.none() | st.sampled_from(list(ExclusionReason)),
        ),
    )
    # An empty list takes the robot's proposed revision, the common case in real use.
    return st.one_of(st.just([]), st.lists(decision, min_size=1, max_size=4))


@dataclass
class Model:
    """What the test knows of one dossier."""

    dossier_id: str
    version: int
    robot_events: int
    writes: int = 0
    closed: bool = False
    ren: list[str] = field(default_factory=list)
    line_count: int = 0


class ApiMachine(RuleBasedStateMachine):
    call_api: ApiCall
    aws: CreatedResources

    def __init__(self) -> None:
        super().__init__()
        self.dossiers: dict[str, Model] = {}
        self.views: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ plumbing

    def api(self, function: str, method: str, path: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        status, payload = type(self).call_api(function, method, path, body, **kwargs)
        assert status < 500, (method, path, body, status, payload)
        return status, payload

    def fetch(self, name: str) -> dict[str, Any]:
        model = self.dossiers[name]
        status, view = self.api("review_api", "GET", f"/dossiers/{model.dossier_id}")
        assert status == 200, view
        self.views[name] = view
        return dict(view)

    def write(self, name: str, function: str, method: str, suffix: str, body: dict[str, Any]) -> tuple[int, Any]:
        """One write; checks the version/audit bookkeeping of a success and that a refusal
        changed nothing."""
        model = self.dossiers[name]
        before = self.views[name]
        status, payload = self.api(function, method, f"/dossiers/{model.dossier_id}{suffix}", body)
        what = " ".join(str(part) for part in (suffix.strip("/"), body.get("decision"), body.get("motif")) if part)
        details = payload.get("details") if status >= 300 else None
        rule = details.get("rule", "") if isinstance(details, dict) else ""
        why = "" if status < 300 else f" ({payload.get('error')}{': ' + rule if rule else ''})"
        OUTCOMES[f"{what} from {before['dossier']['state']} → {status}{why}"] += 1
        if 200 <= status < 300:
            assert payload["dossier"]["version"] == model.version + 1, (payload["dossier"]["version"], model.version)
            model.version += 1
            model.writes += 1
            assert len(payload["audit"]) == model.robot_events + model.writes
            self.views[name] = payload
        else:
            assert status in (409, 422), (status, payload)
            assert set(payload) >= {"error", "message", "details"}
            after = self.fetch(name)
            assert after["dossier"] == before["dossier"], "a refused write changed the dossier"
            assert after["audit"] == before["audit"], "a refused write appended to the audit trail"
        return status, payload

    # ------------------------------------------------------------------ setup

    @initialize()
    def robot_reads_the_documents(self) -> None:
        created = {}
        for name in NAMES:
            forget_claims(type(self).aws, DOCUMENTS[name])
            form = {**VALID_FORM, "claim_reference": f"SIN-SM-{name}", "deductible": 150}
            status, ticket = self.api("upload", "POST", "/dossiers", form, role="portal")
            assert status == 201, ticket
            upload(ticket["upload"], DOCUMENTS[name].read_bytes())
            created[name] = ticket["dossier_id"]
        run_robot(type(self).aws)
        for name, dossier_id in created.items():
            self.dossiers[name] = Model(dossier_id=dossier_id, version=0, robot_events=0)
            view = self.fetch(name)
            dossier = view["dossier"]
            assert dossier["state"] == EXPECTED_FIRST_STATE[name], (name, dossier["state"], dossier["evaluation"])
            actions = [event["action"] for event in view["audit"]]
            assert actions[0] == "dossier_cree"
            assert sum(action.startswith("robot_") for action in actions) == 1, actions
            quote = (dossier.get("evaluation") or {}).get("quote") or {}
            self.dossiers[name] = Model(
                dossier_id=dossier_id,
                version=dossier["version"],
                robot_events=len(actions),
                closed=dossier["state"] == "CLOSED",
                line_count=len(quote.get("lines") or []),
            )

    # ------------------------------------------------------------------ rules

    @rule(name=PICK)
    def assign(self, name: str) -> None:
        model = self.dossiers[name]
        status, body = self.write(name, "review_api", "POST", "/assign", {"expected_version": model.version})
        if model.closed:
            assert status == 409, body
        if status == 200:
            assert body["dossier"]["state"] in ("IN_REVIEW", "REN_PROPOSED")

    @rule(name=PICK, data=st.data())
    def revise(self, name: str, data: st.DataObject) -> None:
        model = self.dossiers[name]
        chosen = data.draw(decisions(max(model.line_count, 1)), label="decisions")
        body = {"expected_version": model.version, "decisions": chosen, "comment": "revue aléatoire"}
        status, payload = self.write(name, "review_api", "PUT", "/revision", body)
        if model.closed:
            assert status == 409, payload
        if status == 200:
            revision = payload["dossier"]["revision"]
            assert revision["revised_total_ttc"] >= 0
            assert revision["gap_ttc"] == pytest.approx(
                payload["dossier"]["evaluation"]["quote"]["total_ttc"] - revision["revised_total_ttc"], abs=0.011
            )

    @rule(name=PICK, decision=st.sampled_from(list(RenDecision)), data=st.data())
    def ren(self, name: str, decision: RenDecision, data: st.DataObject) -> None:
        # Mostly the right shape (opening with ACCEPTED only), sometimes not: then a 422.
        with_opening = data.draw(
            st.sampled_from(
                [True, False, False, False] if decision is not RenDecision.ACCEPTED else [True, True, True, False]
            ),
            label="with_opening",
        )
        self._ren(name, decision, data.draw(openings(), label="opening") if with_opening else None)

    def _ren(self, name: str, decision: RenDecision, opening: dict[str, Any] | None) -> None:
        model = self.dossiers[name]
        body: dict[str, Any] = {"expected_version": model.version, "decision": decision.value}
        if opening is not None:
            body["opening"] = opening
        status, payload = self.write(name, "review_api", "POST", "/ren", body)
        awaiting_answer = bool(model.ren) and model.ren[-1] == "PROPOSED"
        if model.closed:
            assert status == 409, payload
        elif decision is not RenDecision.PROPOSED and not awaiting_answer:
            assert status == 409, ("REN answered without a pending proposal", payload)
        elif decision is RenDecision.ACCEPTED and opening is None:
            assert status == 422, payload
        if status == 200:
            model.ren.append(decision.value)
            assert [event["decision"] for event in payload["dossier"]["ren"]] == model.ren
            assert payload["dossier"]["state"] == "REN_PROPOSED"

    @rule(name=PICK, motif=st.sampled_from(list(MotifCode)), reason=st.sampled_from(REASONS))
    def close(self, name: str, motif: MotifCode, reason: str | None) -> None:
        self._close(name, motif, reason)

    def _close(self, name: str, motif: MotifCode, reason: str | None) -> None:
        model = self.dossiers[name]
        offered = {m["motif"]: m for m in self.views[name]["motifs"]}[motif.value]
        body: dict[str, Any] = {"expected_version": model.version, "motif": motif.value, "comment": "clôture aléatoire"}
        if reason is not None:
            body["reason"] = reason
        status, payload = self.write(name, "close", "POST", "/closure", body)
        reason_fits = (reason in offered["reasons"]) if offered["reasons"] else reason is None
        if model.closed:
            assert status == 409, ("closed twice", payload)
        elif offered["allowed"] and reason_fits:
            assert status == 200, ("an offered motif was refused", motif, reason, payload)
        elif not offered["allowed"]:
            assert status == 409, ("a motif the view refuses was accepted", motif, offered, payload)
        if status == 200:
            model.closed = True
            closure = payload["dossier"]["closure"]
            assert payload["dossier"]["state"] == "CLOSED"
            assert closure["motif"] == motif.value
            if motif is MotifCode.REN_ACCEPTED:
                assert model.ren[-2:] == ["PROPOSED", "ACCEPTED"]
                assert closure["ren_opening"]["origin"] == "REN SUITE BILLMA"

    # Hypothesis favours "simple" draws (0, False, the first element, and the first rule: fewest
    # arguments, then by name): here the simple choice is the one that goes deeper (this rule,
    # more steps, propose the REN, the motif the REN answer calls for).
    @rule(data=st.data())
    def advance(self, data: st.DataObject) -> None:
        """A reviewer working a dossier for a few steps, each one a sensible next step from its
        state (random among them), so that examples reach deep states: REN answered, closures."""
        name = data.draw(PICK, label="dossier")
        for _ in range(data.draw(st.integers(0, 5).map(lambda n: 6 - n), label="steps")):
            self._next_step(name, data)
            self.dossiers_are_consistent()

    def _next_step(self, name: str, data: st.DataObject) -> None:
        model = self.dossiers[name]
        dossier = self.views[name]["dossier"]
        state = dossier["state"]
        if state == "TO_REVIEW":
            self.assign(name)
        elif state == "IN_REVIEW" and dossier["revision"] is None:
            self.write(name, "review_api", "PUT", "/revision", {"expected_version": model.version})
        elif (
            state == "IN_REVIEW"
            and dossier["revision"]["ren_eligible"]
            and not data.draw(st.booleans(), label="skip REN")
        ):
            self._ren(name, RenDecision.PROPOSED, None)
        elif state == "REN_PROPOSED" and model.ren[-1] == "PROPOSED":
            decision = data.draw(st.sampled_from([RenDecision.ACCEPTED, RenDecision.REFUSED]), label="answer")
            opening = data.draw(openings(), label="opening") if decision is RenDecision.ACCEPTED else None
            self._ren(name, decision, opening)
        elif offered_now := [m for m in self.views[name]["motifs"] if m["allowed"]]:
            after_ren = [m for m in offered_now if m["motif"] in ("REN_ACCEPTED", "INDEMNITY_REVISED")]
            if after_ren and not data.draw(st.booleans(), label="another motif than the REN answer's"):
                offered_now = after_ren
            chosen = data.draw(st.sampled_from(offered_now), label="offered motif")
            reason = data.draw(st.sampled_from(chosen["reasons"] or [None]), label="reason")
            self._close(name, MotifCode(chosen["motif"]), reason)

    @rule(
        name=PICK,
        offset=st.sampled_from([-3, -1, 1, 2]),
        route=st.sampled_from(["assign", "revision", "ren", "closure"]),
    )
    def stale_write(self, name: str, offset: int, route: str) -> None:
        model = self.dossiers[name]
        stale = model.version + offset
        function, method, suffix, body = {
            "assign": ("review_api", "POST", "/assign", {}),
            "revision": ("review_api", "PUT", "/revision", {}),
            "ren": ("review_api", "POST", "/ren", {"decision": "PROPOSED"}),
            "closure": ("close", "POST", "/closure", {"motif": "UNREACHABLE_MISSING_INFO"}),
        }[route]
        status, payload = self.write(name, function, method, suffix, {**body, "expected_version": stale})
        if stale < 1:
            assert status == 422, payload  # expected_version ≥ 1 by the schema
        else:
            assert status == 409, payload
            assert payload["error"] == "version_conflict"

    # ------------------------------------------------------------------ invariants

    @invariant()
    def dossiers_are_consistent(self) -> None:
        for name, model in self.dossiers.items():
            # The view the last write answered (it reads the audit and revisions back from the
            # table), or the one read again after a refusal: no extra read per step; teardown
            # reads every dossier afresh.
            view = self.views[name]
            dossier = view["dossier"]
            assert dossier["version"] == model.version
            audit = [event["action"] for event in view["audit"]]
            assert len(audit) == model.robot_events + model.writes, audit
            closures = [a for a in audit if a.startswith("cloture_") or a == "robot_auto_validated"]
            assert len(closures) <= 1, ("closed more than once", audit)
            assert (dossier["state"] == "CLOSED") == (dossier["closure"] is not None) == model.closed
            decisions_seen = [event["decision"] for event in dossier["ren"]]
            assert decisions_seen == model.ren
            for index, decision in enumerate(decisions_seen):
                if decision in ("ACCEPTED", "REFUSED"):
                    assert index > 0 and decisions_seen[index - 1] == "PROPOSED", decisions_seen
            closure = dossier["closure"]
            if closure is not None:
                indemnity = closure["settlement"]["indemnity"]
                assert indemnity is None or indemnity >= 0, closure["settlement"]
                if closure["motif"] == "REN_ACCEPTED":
                    assert decisions_seen[-2:] == ["PROPOSED", "ACCEPTED"]
                if closure["motif"] == "INDEMNITY_REVISED":
                    assert decisions_seen[-2:] == ["PROPOSED", "REFUSED"]
            if dossier["state"] == "CLOSED":
                assert not any(m["allowed"] for m in view["motifs"]), "a closed dossier offers a motif"

    def teardown(self) -> None:
        for name in self.dossiers:
            self.fetch(name)
        self.dossiers_are_consistent()


def test_no_sequence_of_api_calls_reaches_an_inconsistent_dossier(call_api: ApiCall, aws: CreatedResources) -> None:
    class Machine(ApiMachine):
        pass

    Machine.call_api = staticmethod(call_api)
    Machine.aws = aws
    try:
        run_state_machine_as_test(
            Machine,
            settings=settings(
                max_examples=15,
                stateful_step_count=30,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            ),
        )
        assert any(what.startswith("closure") and what.endswith("→ 200") for what in OUTCOMES), OUTCOMES
    finally:
        print("\n".join(f"{count:5d}  {what}" for what, count in sorted(OUTCOMES.items())))
        for path in DOCUMENTS.values():  # later tests may upload the same corpus files
            forget_claims(aws, path)
