"""Fraud signals through the real robot handler under moto: a quote reused on another claim is
linked to the first dossier (found by a ``QUOTEKEY#`` query, no scan); an amount changed by an
incremental update is caught with its evidence; the honest original is not."""

from __future__ import annotations

from dataclasses import replace

import boto3
import pytest

from billma_cli.local.resources import CreatedResources
from tests.altered_documents import QuoteSpec, honest_quote, incremental_amount_edit, raised_price
from tests.integration.conftest import ApiCall
from tests.integration.robot_flow import submit, view


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates and sightings are table-wide)."""


def _evaluation(call_api: ApiCall, dossier_id: str) -> dict:  # type: ignore[type-arg]
    return dict(view(call_api, dossier_id)["dossier"]["evaluation"])


def test_the_same_quote_on_a_second_claim_is_reused_and_linked_to_the_first(
    call_api: ApiCall, aws: CreatedResources
) -> None:
    spec = QuoteSpec(number="DV-2025-0977")
    first = submit(call_api, aws, honest_quote(spec), claim_reference="SIN-REUSE-1")
    # The contractor's quote again, one price retyped: other bytes, other total, same SIRET and number.
    retyped = replace(spec, lines=(*spec.lines[:-1], ("Nettoyage de fin de chantier", "1", "forfait", "105,00")))
    second = submit(call_api, aws, honest_quote(retyped), claim_reference="SIN-REUSE-2")

    assert _evaluation(call_api, first)["outcome"] == "auto_validated"
    evaluation = _evaluation(call_api, second)
    assert evaluation["outcome"] == "needs_review" and "duplicate" not in evaluation["flags"]
    assert "reused_quote" in evaluation["flags"]
    [signal] = [s for s in evaluation["signals"] if s["flag"] == "reused_quote"]
    assert signal["linked_dossier_id"] == first
    assert signal["evidence"]["dossiers"][0]["claim_reference"] == "SIN-REUSE-1"
    assert view(call_api, second)["dossier"]["state"] == "TO_REVIEW"

    # The sighting is an item of its own under the quote's key (read by a query on it).
    table = boto3.client("dynamodb")
    items = table.query(
        TableName=aws.tables["DossierTable"],
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": {"S": "QUOTEKEY#73282932000074#DV20250977"}},
    )["Items"]
    assert {item["SK"]["S"] for item in items} == {f"DOSSIER#{first}", f"DOSSIER#{second}"}


def test_the_same_file_on_a_second_claim_is_a_duplicate_and_a_reuse(call_api: ApiCall, aws: CreatedResources) -> None:
    data = honest_quote(QuoteSpec(number="DV-2025-0978"))
    first = submit(call_api, aws, data, claim_reference="SIN-SAME-1")
    again_same_claim = submit(call_api, aws, data, claim_reference="SIN-SAME-1")
    other_claim = submit(call_api, aws, data, claim_reference="SIN-SAME-2")
    same = _evaluation(call_api, again_same_claim)
    assert same["outcome"] == "duplicate" and same["flags"] == ["duplicate"]
    other = _evaluation(call_api, other_claim)
    assert other["outcome"] == "duplicate" and other["duplicate_of"] == first
    assert other["flags"] == ["duplicate", "reused_quote"]
    assert other["signals"][0]["linked_dossier_id"] == first


def test_an_amount_changed_by_an_incremental_update_is_caught_and_the_original_is_not(
    call_api: ApiCall, aws: CreatedResources
) -> None:
    spec = QuoteSpec(number="DV-2025-0979")
    original = honest_quote(spec)
    # Within the barème's tolerance: the price check alone would let it through.
    edited = incremental_amount_edit(original, raised_price(spec, line=2, price="35,00"))
    honest = submit(call_api, aws, original, claim_reference="SIN-ALT-1")
    altered = submit(call_api, aws, edited, claim_reference="SIN-ALT-2", policyholder_phone="0611111111")

    assert _evaluation(call_api, honest)["flags"] == []
    evaluation = _evaluation(call_api, altered)
    assert evaluation["outcome"] == "needs_review"
    assert "altered_document" in evaluation["flags"] and "overpriced" not in evaluation["flags"]
    [signal] = [s for s in evaluation["signals"] if s["flag"] == "altered_document"]
    assert signal["evidence"]["incremental_update"] == {"revisions": 2, "changed": [{"revision": 2, "pages": [1]}]}


def test_a_reviewer_dismisses_a_signal_like_any_other_flag(call_api: ApiCall, aws: CreatedResources) -> None:
    spec = QuoteSpec(number="DV-2025-0980")
    edited = incremental_amount_edit(honest_quote(spec), raised_price(spec, line=2, price="35,00"))
    dossier = submit(call_api, aws, edited, claim_reference="SIN-DISMISS-1")
    version = view(call_api, dossier)["dossier"]["version"]
    status, body = call_api("review_api", "POST", f"/dossiers/{dossier}/assign", {"expected_version": version})
    assert status == 200, body
    status, body = call_api(
        "review_api",
        "POST",
        f"/dossiers/{dossier}/dismissals",
        {"expected_version": body["dossier"]["version"], "flag": "altered_document",
         "reason": "Avenant signé par l'artisan, confirmé par téléphone."},
    )  # fmt: skip
    assert status == 200, body
    [dismissal] = body["dossier"]["dismissals"]
    assert dismissal["flag"] == "altered_document" and dismissal["line"] is None
    # The robot's evaluation and its evidence stay as they were.
    assert "altered_document" in body["dossier"]["evaluation"]["flags"]
    assert body["dossier"]["evaluation"]["signals"][0]["evidence"]["checks"] == ["incremental_update"]
