"""``billma local --data-dir D`` keeps what it answered: a dossier, its document and its audit
trail are there, at the same version, after a Ctrl-C and a restart on D, and after ``kill -9``
of the whole process group; an upload answered just before the kill is evaluated after it. A REN
opening the outbox could not publish before a stop (EventBridge down) reaches the repair
network's queue after the restart."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import boto3
import pytest

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, http_request, moto_endpoint, running_local_stack

pytestmark = pytest.mark.e2e

DOCUMENT = CORPUS / "04_Devis_LEFEVRE_2025_745.pdf"
OPENING: dict[str, Any] = {
    "date_of_loss": VALID_FORM["date_of_loss"],
    "policy_number": "POL-RESTART-1",
    "first_name": "Prudence",
    "last_name": "Redemarrage",
    "address": "3 rue du Journal",
    "postal_code": VALID_FORM["site_postal_code"],
    "city": "Talence",
    "dwelling_type": "HOUSE",
    "occupancy": "OWNER_OCCUPIER",
    "phone_1": {"number": "06 12 34 56 78", "available_from": "09:00", "available_to": "12:00",
                "phone_type": "MOBILE", "principal": True},
}  # fmt: skip


def create_and_upload(api: Api, reference: str) -> str:
    created = api.create_dossier({**VALID_FORM, "claim_reference": reference})
    assert created.status == 201, created.body
    ticket = created.json()
    assert api.upload(ticket["upload"], DOCUMENT).status in (200, 201, 204)
    return str(ticket["dossier_id"])


def kept(api: Api, dossier_id: str) -> dict[str, Any]:
    """What must survive: state, version, document record and bytes, audit trail."""
    view = api.dossier(dossier_id)
    assert view.status == 200, view.body
    payload = view.json()
    link = api.request("GET", f"/dossiers/{dossier_id}/document", token="dev-reviewer")
    assert link.status == 200, link.body
    document = http_request("GET", link.json()["url"])
    assert document.status == 200
    return {
        "state": payload["dossier"]["state"],
        "version": payload["dossier"]["version"],
        "document": payload["dossier"]["document"],
        "audit": payload["audit"],
        "bytes": document.body,
    }


def _run_directories(tmp_path: Path, count: int) -> list[Path]:
    """One folder per start of the stack (its log), the data directory being shared."""
    runs = [tmp_path / f"run-{n}" for n in range(count)]
    for run in runs:
        run.mkdir()
    return runs


def test_data_survives_ctrl_c_and_kill_9(tmp_path: Path) -> None:
    data_dir, runs = tmp_path / "data", _run_directories(tmp_path, 3)

    with running_local_stack(runs[0], data_dir=data_dir) as stack:
        api = Api(stack.url)
        first = create_and_upload(api, "SIN-RESTART-1")
        api.wait_for_state(first, timeout=120)
        before = kept(api, first)
    assert before["bytes"] == DOCUMENT.read_bytes()

    with running_local_stack(runs[1], data_dir=data_dir) as stack:
        api = Api(stack.url)
        assert kept(api, first) == before
        second = create_and_upload(api, "SIN-RESTART-2")
        stack.kill_group()  # the upload was answered 2xx: it must not be lost

    with running_local_stack(runs[2], data_dir=data_dir) as stack:
        api = Api(stack.url)
        assert kept(api, first) == before
        _, payload = api.wait_for_state(second, timeout=120)
        assert payload["dossier"]["document"]["size"] == DOCUMENT.stat().st_size
        assert sum(event["action"].startswith("robot_") for event in payload["audit"]) == 1, payload["audit"]
        listed = api.request("GET", "/dossiers?reference=SIN-RESTART-2", token="dev-reviewer").json()
        assert [item["dossier_id"] for item in listed["items"]] == [second]


def _aws(endpoint: str, service: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name="eu-west-3",
                        aws_access_key_id="testing", aws_secret_access_key="testing")  # fmt: skip


def _close_with_ren(api: Api, dossier_id: str) -> None:
    """Reviewer path to a REN_ACCEPTED closure, whose REN opening goes out through the outbox."""
    path = f"/dossiers/{dossier_id}"
    version = api.dossier(dossier_id).json()["dossier"]["version"]
    steps: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", f"{path}/assign", {}),
        ("PUT", f"{path}/revision", {}),
        ("POST", f"{path}/ren", {"decision": "PROPOSED"}),
        ("POST", f"{path}/ren", {"decision": "ACCEPTED", "opening": OPENING}),
        ("POST", f"{path}/closure", {"motif": "REN_ACCEPTED", "comment": "REN acceptée"}),
    ]
    for method, target, body in steps:
        answer = api.request(method, target, token="dev-reviewer", json_body={"expected_version": version, **body})
        assert answer.status == 200, (target, answer.body)
        version = answer.json()["dossier"]["version"]


def _published_at(endpoint: str, dossier_id: str) -> str | None:
    """When the dossier's REN opening reached EventBridge, as its outbox item records it."""
    dynamodb = _aws(endpoint, "dynamodb")
    (table,) = [name for name in dynamodb.list_tables()["TableNames"] if "Dossier" in name]
    key = {"PK": {"S": f"DOSSIER#{dossier_id}"}, "SK": {"S": f"OUTBOX#{dossier_id}:ren-opening"}}
    item = dynamodb.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"]  # written with the closure
    return item["published_at"]["S"] if "published_at" in item else None


def test_an_outbox_event_not_published_before_a_stop_is_published_after_it(tmp_path: Path) -> None:
    data_dir, runs = tmp_path / "data", _run_directories(tmp_path, 2)

    with running_local_stack(runs[0], data_dir=data_dir) as stack:
        api = Api(stack.url)
        moto = moto_endpoint(stack)
        events = _aws(moto, "events")
        (bus,) = [bus["Name"] for bus in events.list_event_buses()["EventBuses"] if bus["Name"] != "default"]
        events.delete_event_bus(Name=bus)  # EventBridge down: the outbox keeps the event and retries
        dossier_id = create_and_upload(api, "SIN-RESTART-REN")
        api.wait_for_state(dossier_id, timeout=120)
        _close_with_ren(api, dossier_id)
        assert api.dossier(dossier_id).json()["dossier"]["state"] == "CLOSED"
        time.sleep(2)  # the relay fails at least once before the stop
        assert _published_at(moto, dossier_id) is None

    with running_local_stack(runs[1], data_dir=data_dir) as stack:
        moto = moto_endpoint(stack)  # the bus is there again (made from the template at each start)
        deadline = time.monotonic() + 60
        while (published := _published_at(moto, dossier_id)) is None and time.monotonic() < deadline:
            time.sleep(0.5)
        assert published is not None
        sqs = _aws(moto, "sqs")
        (network,) = [url for url in sqs.list_queues()["QueueUrls"] if "RenOpeningQueue" in url]
        delivered = sqs.receive_message(QueueUrl=network, MaxNumberOfMessages=10).get("Messages", [])
    event_ids = [json.loads(message["Body"])["detail"]["event_id"] for message in delivered]
    assert event_ids == [f"{dossier_id}:ren-opening"]  # in the repair network's queue, once
