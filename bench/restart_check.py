"""Does ``billma local`` keep its data? A check anyone can run (a script, not a test):

    .venv/bin/python bench/restart_check.py [--data-dir D] [--document FILE]

1. start ``billma local --data-dir D`` (a fresh temporary D unless given), create a dossier and
   upload a quote, wait until the robot has settled it; note the dossier, its document, its
   audit trail and its version;
2. stop it with Ctrl-C (SIGINT), start it again on D: the same dossier, document bytes, audit
   trail and version must be there;
3. then the same after ``kill -9`` of the whole process group, right after a second dossier was
   created and its quote uploaded (answered 2xx, maybe not evaluated yet): both dossiers are
   there after the restart, and the second one is settled by the robot then.

Prints each step and ``OK`` or what differs; exit code 0 when everything is kept.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from billma_cli.local.launcher import LaunchError, LocalStackProcess, launch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from tests.sample_dossier import BEFORE_JUDGEMENT as UNSETTLED  # noqa: E402
from tests.sample_dossier import PORTAL_FORM as FORM  # noqa: E402


def headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def create_and_upload(url: str, reference: str, document: Path) -> str:
    created = requests.post(
        f"{url}/dossiers", json={**FORM, "claim_reference": reference}, headers=headers("dev-portal"), timeout=30
    )
    created.raise_for_status()
    ticket = created.json()
    upload = ticket["upload"]
    answer = requests.post(
        upload["url"],
        data={**upload["fields"], "Content-Type": "application/pdf"},
        files={"file": (document.name, document.read_bytes(), "application/pdf")},
        timeout=30,
    )
    answer.raise_for_status()
    return str(ticket["dossier_id"])


def view(url: str, dossier_id: str) -> dict[str, Any]:
    response = requests.get(f"{url}/dossiers/{dossier_id}", headers=headers("dev-reviewer"), timeout=30)
    response.raise_for_status()
    return dict(response.json())


def settled(url: str, dossier_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        current = view(url, dossier_id)
        if current["dossier"]["state"] not in UNSETTLED:
            return current
        if time.monotonic() > deadline:
            raise SystemExit(f"dossier {dossier_id} still {current['dossier']['state']} after {timeout} s")
        time.sleep(0.5)


def document_bytes(url: str, dossier_id: str) -> bytes:
    link = requests.get(f"{url}/dossiers/{dossier_id}/document", headers=headers("dev-reviewer"), timeout=30)
    link.raise_for_status()
    target = link.json()["url"]
    response = requests.get(target, timeout=30)
    response.raise_for_status()
    return response.content


def fingerprint(url: str, dossier_id: str) -> dict[str, Any]:
    current = view(url, dossier_id)
    return {
        "state": current["dossier"]["state"],
        "version": current["dossier"]["version"],
        "document": current["dossier"].get("document"),
        "audit": current["audit"],
        "document_bytes": len(document_bytes(url, dossier_id)),
    }


def compare(step: str, before: dict[str, Any], after: dict[str, Any]) -> bool:
    differing = [key for key in before if before[key] != after.get(key)]
    if differing:
        print(f"  {step}: DIFFERS in {', '.join(differing)}")
        for key in differing:
            print(f"    before {key}: {before[key]!r}\n    after  {key}: {after.get(key)!r}")
        return False
    print(f"  {step}: OK (state {after['state']}, version {after['version']}, {len(after['audit'])} audit events)")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, help="data directory (default: a new temporary one)")
    parser.add_argument("--document", type=Path, default=CORPUS / "04_Devis_LEFEVRE_2025_745.pdf")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="billma-restart-"))
    log_path = data_dir.parent / f"{data_dir.name}.log"
    print(f"data directory {data_dir}, log {log_path}")
    stacks: list[LocalStackProcess] = []
    try:
        return run_checks(data_dir, log_path, args.document, stacks)
    except LaunchError as error:
        raise SystemExit(str(error)) from None
    finally:
        for stack in stacks:  # a failed check leaves no stack behind
            stack.kill_group()


def run_checks(data_dir: Path, log_path: Path, document: Path, stacks: list[LocalStackProcess]) -> int:
    healthy = True

    def start() -> LocalStackProcess:
        stacks.append(launch(log_path, data_dir))
        return stacks[-1]

    stack = start()
    print(f"1. started in {stack.started_seconds:.1f} s; dossier created, quote uploaded")
    first = create_and_upload(stack.url, f"RESTART-{int(time.time())}-1", document)
    settled(stack.url, first)
    before = fingerprint(stack.url, first)
    code = stack.interrupt()
    print(f"2. Ctrl-C: exit code {code}")
    healthy &= code == 0

    stack = start()
    print(f"3. restarted in {stack.started_seconds:.1f} s")
    healthy &= compare("after Ctrl-C", before, fingerprint(stack.url, first))

    second = create_and_upload(stack.url, f"RESTART-{int(time.time())}-2", document)
    code = stack.kill_group()
    print(f"4. second dossier created and uploaded (2xx), then kill -9 of the process group (code {code})")

    stack = start()
    print(f"5. restarted in {stack.started_seconds:.1f} s")
    healthy &= compare("first dossier after kill -9", before, fingerprint(stack.url, first))
    state = settled(stack.url, second)["dossier"]["state"]
    print(f"  second dossier after kill -9: {state} (settled by the robot after the restart if it had not been)")
    stack.interrupt()
    print("OK: every dossier kept" if healthy else "FAILED")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
