"""Fraud signals and the barème replay over the local stack (``billma local``): an altered and
a reused quote shown with their evidence on the dossier page in Chromium, and ``billma replay
--local`` over the stack's dossiers with a barème 10 % lower (table, CSV, dossiers unchanged)."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.altered_documents import QuoteSpec, honest_quote, incremental_amount_edit, raised_price
from tests.e2e.conftest import VALID_FORM, Api, LocalStackProcess
from tests.e2e.test_web import base_url, browser, page, screenshot, shots, sign_in
from tests.integration.test_replay import lower_bareme

pytestmark = pytest.mark.e2e
__all__ = ["base_url", "browser", "page", "shots"]  # fixtures of the page tests, shared


def _submit(api: Api, data: bytes, folder: Path, reference: str, **form: Any) -> str:
    created = api.create_dossier({**VALID_FORM, "claim_reference": reference, **form})
    assert created.status == 201, created.body
    payload = created.json()
    document = folder / f"{reference}.pdf"
    document.write_bytes(data)
    assert api.upload(payload["upload"], document).status in (200, 201, 204)
    api.wait_for_state(str(payload["dossier_id"]), timeout=120)
    return str(payload["dossier_id"])


def test_signals_with_their_evidence_on_the_dossier_page(
    page: Page, base_url: str, local_stack: LocalStackProcess, tmp_path: Path, shots: Path | None
) -> None:
    api = Api(local_stack.url)
    tag = uuid.uuid4().hex[:6].upper()
    spec = QuoteSpec(number=f"DV-{tag}")
    original = honest_quote(spec)
    first = _submit(api, original, tmp_path, f"SIN-SIG-{tag}-1")
    edited = incremental_amount_edit(original, raised_price(spec, line=2, price="35,00"))
    second = _submit(api, edited, tmp_path, f"SIN-SIG-{tag}-2", policyholder_phone="0611111111")

    sign_in(page, base_url, "dev-reviewer")
    page.goto(f"{base_url}/#/dossiers/{second}")
    block = page.get_by_test_id("signals")
    expect(block).to_contain_text("Document modifié")
    expect(block).to_contain_text("mise à jour incrémentale qui modifie le contenu d'une page")
    expect(block).to_contain_text("Devis réutilisé")
    block.locator("details").first.locator("summary").click()
    expect(block.locator("details").first).to_contain_text("Révisions du fichier : 2")
    screenshot(page, shots, "signals", top=".evaluation")
    link = block.locator(f"a[href='#/dossiers/{first}']").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(f"#/dossiers/{first}$"))
    expect(page.locator(".evaluation")).to_be_visible()
    expect(page.get_by_test_id("signals")).to_have_count(0)  # the honest original has none


def test_billma_replay_on_the_local_stack(local_stack: LocalStackProcess, tmp_path: Path) -> None:
    api = Api(local_stack.url)
    tag = uuid.uuid4().hex[:6].upper()
    fair = _submit(api, honest_quote(QuoteSpec(number=f"DV-{tag}")), tmp_path, f"SIN-REJEU-{tag}")
    before = api.dossier(fair).json()["dossier"]
    assert before["evaluation"]["outcome"] == "auto_validated"
    moto = re.search(r"AWS simulé\s*: (http://\S+)", local_stack.log_path.read_text(encoding="utf-8"))
    assert moto, local_stack.log_tail()

    csv_path = tmp_path / "rejeu.csv"
    billma = Path(sys.executable).parent / "billma"
    bareme = lower_bareme(tmp_path / "bareme.json")
    command = [str(billma), "replay", "--local", moto.group(1), "--bareme", str(bareme), "--csv", str(csv_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Taux de validation automatique" in done.stdout and "Écart total TTC" in done.stdout
    assert f"- {fair} (SIN-REJEU-{tag}) : validé automatiquement → à réviser" in done.stdout
    rows = csv_path.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("dossier;") and any(row.startswith(f"{fair};") for row in rows)
    assert api.dossier(fair).json()["dossier"] == before
