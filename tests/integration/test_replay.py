"""``billma replay`` under moto: dossiers evaluated by the real robot, then judged again against
a barème 10 % lower. The table and the CSV come out; the dossiers are left exactly as they were."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import boto3
import pytest

from billma_cli.cli import main
from billma_cli.local.resources import CreatedResources
from billma_core.bareme.loader import packaged_bareme_bytes
from tests.altered_documents import honest_quote
from tests.integration.conftest import CORPUS, ApiCall
from tests.integration.robot_flow import submit, view


@pytest.fixture(autouse=True)
def _empty_table(fresh_aws: CreatedResources) -> None:
    """Each test's documents are first uploads (duplicates are detected table-wide)."""


def lower_bareme(path: Path, factor: Decimal = Decimal("0.9"), version: str = "2026.1-moins-10") -> Path:
    """The packaged barème with every price times ``factor``."""
    data = json.loads(packaged_bareme_bytes())
    data["version"] = version
    for item in data["items"]:
        item["unit_price_ht"] = str((Decimal(item["unit_price_ht"]) * factor).quantize(Decimal("0.01")))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _table_items(aws: CreatedResources) -> list[dict[str, object]]:
    return boto3.client("dynamodb").scan(TableName=aws.tables["DossierTable"])["Items"]  # test oracle only


def test_replay_with_a_bareme_ten_percent_lower(
    call_api: ApiCall, aws: CreatedResources, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fair = submit(call_api, aws, honest_quote(), claim_reference="SIN-REPLAY-1")
    inflated = submit(call_api, aws, CORPUS / "04_Devis_LEFEVRE_2025_745.pdf", claim_reference="SIN-REPLAY-2")
    rejected = submit(call_api, aws, b"%PDF-1.4 tronqu", claim_reference="SIN-REPLAY-3")
    assert view(call_api, fair)["dossier"]["evaluation"]["outcome"] == "auto_validated"
    before = {d: view(call_api, d)["dossier"] for d in (fair, inflated, rejected)}
    items_before = _table_items(aws)

    csv_path = tmp_path / "rejeu.csv"
    assert main(["replay", "--bareme", str(lower_bareme(tmp_path / "b.json")), "--csv", str(csv_path)]) == 0
    printed = capsys.readouterr().out

    current = json.loads(packaged_bareme_bytes())["version"]
    assert f"Barème {current} (en vigueur)" in printed and "Barème 2026.1-moins-10 (candidat)" in printed
    assert "Taux de validation automatique" in printed and "Écart total TTC" in printed
    assert "1 dossier(s) sans devis lu à rejouer" in printed
    # The fair quote's anti-stain primer (11,20 € HT/m²) is above the lower ceiling: it would go to review.
    assert f"- {fair} (SIN-REPLAY-1) : validé automatiquement → à réviser" in printed
    assert "PEI-002 : conforme → surévalué" in printed
    assert "Aucun dossier n'a été modifié." in printed

    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8")), delimiter=";"))
    by_id = {row["dossier"]: row for row in rows}
    assert set(by_id) == {fair, inflated}
    assert by_id[fair]["resultat_actuel"] == "auto_validated" and by_id[fair]["resultat_candidat"] == "needs_review"
    assert by_id[fair]["resultat_change"] == "oui"
    assert by_id[inflated]["resultat_change"] == "non"
    # A lower barème revises the inflated quote further down: its gap grows.
    gap = {side: Decimal(by_id[inflated][f"ecart_ttc_{side}"].replace(",", ".")) for side in ("actuel", "candidat")}
    assert gap["candidat"] > gap["actuel"] > 0

    # Nothing written: the same items, the same dossiers.
    assert _table_items(aws) == items_before
    assert {d: view(call_api, d)["dossier"] for d in before} == before


def test_replay_since_a_later_date_replays_nothing(
    call_api: ApiCall, aws: CreatedResources, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submit(call_api, aws, honest_quote(), claim_reference="SIN-REPLAY-4")
    bareme = lower_bareme(tmp_path / "b.json")
    assert main(["replay", "--bareme", str(bareme), "--since", "2999-01-01", "--csv", str(tmp_path / "r.csv")]) == 0
    assert "Dossiers rejoués" in capsys.readouterr().out
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").count("\n") == 1  # the header alone


def test_an_invalid_bareme_is_refused_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "b.json"
    broken.write_text('{"version": ""}', encoding="utf-8")
    assert main(["replay", "--bareme", str(broken)]) == 2
    assert "Barème refusé : barème invalide" in capsys.readouterr().err


def test_post_bareme_replay_answers_the_comparison_and_changes_nothing(
    call_api: ApiCall, aws: CreatedResources, tmp_path: Path
) -> None:
    fair = submit(call_api, aws, honest_quote(), claim_reference="SIN-REPLAY-API")
    before = view(call_api, fair)["dossier"]
    candidate = json.loads(lower_bareme(tmp_path / "b.json").read_text(encoding="utf-8"))

    status, body = call_api("review_api", "POST", "/bareme/replay", {"bareme": candidate})
    assert status == 200, body
    report = body["report"]
    current = json.loads(packaged_bareme_bytes())["version"]
    assert (report["current"]["bareme_version"], report["candidate"]["bareme_version"]) == (current, "2026.1-moins-10")
    assert report["current"]["auto_validation_rate"] == 1.0 and report["candidate"]["auto_validation_rate"] == 0.0
    [changed] = report["changed"]
    assert changed["dossier_id"] == fair and any("PEI-002" in line for line in changed["changed_lines"])
    assert body["csv"].startswith("dossier;reference_sinistre;")
    assert view(call_api, fair)["dossier"] == before

    status, body = call_api("review_api", "POST", "/bareme/replay", {"bareme": candidate}, role="portal")
    assert status == 403
    status, body = call_api("review_api", "POST", "/bareme/replay", {"bareme": {**candidate, "items": []}})
    assert status == 422 and body["error"] == "validation_error" and "items" in body["details"]
