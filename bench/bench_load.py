"""Load benchmark: N concurrent uploads of N distinct quotes through the local stack over HTTP
(a script, not a test).

    .venv/bin/python bench/bench_load.py [--n 500] [--clients 16] [--url http://127.0.0.1:8000] [--json out.json]

Without ``--url`` the script starts its own ``billma local`` on a free port with a fresh data
directory (the journal on, as by default), and stops it with Ctrl-C's signal at the end, exactly
as a developer runs it.

The N quotes are generated first, all different (the held-out generator of ``tests/heldout``:
covers, regions, trades, layouts ``cols``/``freetext``/``multipage``, amounts, numbers, SIRET
and scenarios vary; text PDFs rendered by fpdf2), so no upload is a cheap duplicate of another.

Each of N dossiers, from ``--clients`` concurrent client threads: ``POST /dossiers`` (portal
token, the quote's cover and site postal code), then the presigned POST of its quote straight
to S3. Meanwhile a poller lists the
unsettled dossiers (``GET /dossiers?state=AWAITING_DOCUMENT`` then ``ANALYSING``, every page)
and confirms each dossier that left them with ``GET /dossiers/{id}``: its settle time is the
time of the robot's audit event (written by the server, on this machine's clock), so the
poller's pace does not blur it. A pass starts ``--poll-interval`` seconds after the previous
one, or twice the previous pass's duration if longer (a busy poller would slow what it
measures). Upload→settled latency is measured from the end of the presigned POST.

A 5xx answer or a broken connection is retried by the client (up to 5 times, backing off), as
a portal would, and counted: the retries are reported, the dossier is not lost for it.

Checked at the end: every dossier settled (none lost: none still awaiting or analysing when the
time runs out), the robot wrote exactly one outcome for each (``robot_*`` audit events = 1: none
evaluated twice), each claim reference names exactly one dossier (none duplicated). Reported:
counts, outcomes, throughput (dossiers settled per second, from the first request to the last
settle), p50/p95/max latency, and where the CPU went: the stack's main process (gateway, API
functions, moto) and its robot worker processes, per dossier, against the machine's cores over
the run (a ratio near 1: CPU-bound), with the load average (other sessions share the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_footprint import footprint, print_footprint  # noqa: E402

from billma_cli.local.launcher import launch  # noqa: E402
from tests.sample_dossier import BEFORE_JUDGEMENT as UNSETTLED  # noqa: E402
from tests.sample_dossier import PORTAL_FORM as FORM  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TEXT_LAYOUTS = ("cols", "freetext", "multipage")  # fpdf2; "html" needs Chromium


@dataclass(frozen=True)
class Document:
    name: str
    data: bytes
    cover: str
    postal_code: str
    scenario: str


@dataclass
class Tracked:
    index: int
    document: Document
    dossier_id: str | None = None
    started: float = 0.0
    uploaded: float | None = None
    settled: float | None = None
    state: str | None = None
    outcome: str | None = None
    robot_events: int = 0
    error: str | None = None


@dataclass
class Run:
    url: str
    items: list[Tracked]
    lock: threading.Lock = field(default_factory=threading.Lock)
    done_uploading: threading.Event = field(default_factory=threading.Event)
    retries: Counter[str] = field(default_factory=Counter)
    passes: int = 0
    polling_seconds: float = 0.0


def headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


# ---------------------------------------------------------------------------- the local stack


def journal_figures(log_path: Path) -> tuple[int, int] | None:
    """(writes journaled, fsyncs) of the run, as the stack logs them when it stops."""
    found = re.search(r"journal : (\d+) écritures, (\d+) fsync", log_path.read_text(errors="replace"))
    return (int(found[1]), int(found[2])) if found else None


def group_cpu_seconds(group_id: int) -> dict[int, float]:
    """CPU seconds (user + system) of each live process of a process group, by pid."""
    seconds: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group_id:  # fields after the command: state, ppid, pgrp, ...
            seconds[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return seconds


# ---------------------------------------------------------------------------- the quotes


def render_quote(index: int, scenario: str, cover: str, layout: str, seed: int) -> Document:
    from tests.heldout.generate import build_quote
    from tests.heldout.render import render_pdf

    rng = random.Random(f"load-{seed}-{index}")
    quote = build_quote(rng, index, scenario, cover, layout)
    data = render_pdf(quote, rng)
    return Document(f"load-{seed}-{index:05d}.pdf", data, quote.cover, quote.region.postal_code, scenario)


def generate_quotes(n: int, seed: int, cache: Path) -> list[Document]:
    """N distinct text quotes, rendered on every core (before the stack starts), kept in ``cache``
    for the next run with the same seed and N."""
    from tests.heldout.generate import plan

    cached = cache / f"quotes-{seed}-{n}.json"
    if cached.is_file():
        entries = json.loads(cached.read_text(encoding="utf-8"))
        return [Document(**{**entry, "data": (cache / entry["name"]).read_bytes()}) for entry in entries]
    jobs = [
        (index, scenario, cover, layout if layout in TEXT_LAYOUTS else TEXT_LAYOUTS[index % len(TEXT_LAYOUTS)], seed)
        for index, (scenario, cover, layout, _) in enumerate(plan(n, 0, seed))
    ]
    with ProcessPoolExecutor() as pool:
        documents = list(pool.map(render_quote, *zip(*jobs, strict=True), chunksize=8))
    cache.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (cache / document.name).write_bytes(document.data)
    entries = [{key: value for key, value in vars(d).items() if key != "data"} for d in documents]
    cached.write_text(json.dumps(entries), encoding="utf-8")
    assert len({document.data for document in documents}) == n, "generated quotes are not all distinct"
    return documents


# ---------------------------------------------------------------------------- clients


def with_retries(run: Run, what: str, send: Callable[[], requests.Response]) -> requests.Response:
    """A request as a portal sends it: retried (up to 5 times, backing off) on a 5xx answer or a
    broken connection; every retry is counted by ``what``."""
    for attempt in range(6):
        try:
            response = send()
        except requests.ConnectionError:
            if attempt == 5:
                raise
            failure = "connection error"
        else:
            if response.status_code < 500 or attempt == 5:
                response.raise_for_status()
                return response
            failure = str(response.status_code)
        with run.lock:
            run.retries[f"{what} → {failure}"] += 1
        time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")


def submit(run: Run, item: Tracked, session: requests.Session, run_id: str) -> None:
    item.started = time.time()
    try:
        document = item.document
        form = {
            **FORM,
            "claim_reference": f"LOAD-{run_id}-{item.index:05d}",
            "cover": document.cover,
            "site_postal_code": document.postal_code,
        }
        created = with_retries(
            run,
            "POST /dossiers",
            lambda: session.post(f"{run.url}/dossiers", json=form, headers=headers("dev-portal"), timeout=60),
        )
        ticket = created.json()
        item.dossier_id = str(ticket["dossier_id"])
        post = ticket["upload"]
        fields = {**post["fields"], "Content-Type": "application/pdf"}
        with_retries(
            run,
            "presigned POST to S3",
            lambda: session.post(
                post["url"], data=fields, files={"file": (document.name, document.data, "application/pdf")}, timeout=60
            ),
        )
        item.uploaded = time.time()
    except (requests.RequestException, KeyError, ValueError) as error:
        item.error = f"{type(error).__name__}: {error}"


def unsettled_ids(run: Run, session: requests.Session) -> set[str]:
    """Every dossier listed in AWAITING_DOCUMENT, then ANALYSING (this order: a dossier moving on
    during the pass shows up in the second listing, never in neither)."""
    ids: set[str] = set()
    for state in UNSETTLED:
        cursor = None
        while True:
            params = {"state": state, "limit": "100", **({"cursor": cursor} if cursor else {})}
            page = session.get(f"{run.url}/dossiers", params=params, headers=headers("dev-reviewer"), timeout=60)
            page.raise_for_status()
            body = page.json()
            ids.update(entry["dossier_id"] for entry in body["items"])
            cursor = body.get("next_cursor")
            if not cursor or not body["items"]:
                break
    return ids


def confirm(run: Run, item: Tracked, session: requests.Session) -> None:
    assert item.dossier_id is not None
    response = session.get(f"{run.url}/dossiers/{item.dossier_id}", headers=headers("dev-reviewer"), timeout=60)
    response.raise_for_status()
    view = response.json()
    state = view["dossier"]["state"]
    if state in UNSETTLED:
        return
    robot_events = [event for event in view["audit"] if event["action"].startswith("robot_")]
    robot_times = [datetime.fromisoformat(event["at"]).timestamp() for event in robot_events]
    item.settled = max(robot_times, default=time.time())  # when the robot wrote its outcome (server clock)
    item.state = state
    item.outcome = (view["dossier"].get("evaluation") or {}).get("outcome")
    item.robot_events = sum(event["action"].startswith("robot_") for event in view["audit"])


def poll(run: Run, timeout: float, interval: float) -> None:
    """Passes of listing + confirmation until every uploaded dossier settled. The stack is one
    process: the poller must not starve it, so a pass waits at least twice its own duration
    after the previous one (the poller takes at most a third of the stack's time)."""
    deadline = time.perf_counter() + timeout
    with requests.Session() as session:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            run.passes += 1
            unsettled = unsettled_ids(run, session)
            candidates = [
                item
                for item in run.items
                if item.uploaded is not None and item.settled is None and item.dossier_id not in unsettled
            ]
            for item in candidates:
                confirm(run, item, session)
            waiting = [item for item in run.items if item.settled is None and item.error is None]
            if run.done_uploading.is_set() and not waiting:
                return
            spent = time.perf_counter() - started
            run.polling_seconds += spent
            time.sleep(max(interval, 2 * spent) - spent)


def duplicated_references(run: Run, run_id: str, clients: int) -> list[str]:
    """Claim references that name more (or fewer) than one dossier."""

    def count(item: Tracked) -> tuple[str, int]:
        reference = f"LOAD-{run_id}-{item.index:05d}"
        response = requests.get(
            f"{run.url}/dossiers", params={"reference": reference}, headers=headers("dev-reviewer"), timeout=60
        )
        response.raise_for_status()
        return reference, len(response.json()["items"])

    with ThreadPoolExecutor(clients) as pool:
        counts = list(pool.map(count, [item for item in run.items if item.dossier_id]))
    return [reference for reference, found in counts if found != 1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="dossiers (uploads)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent client threads")
    parser.add_argument("--url", help="an already running local stack (default: start one)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for every dossier to settle")
    parser.add_argument("--poll-interval", type=float, default=1.0, help="seconds between poller passes (at least)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the generated quotes")
    parser.add_argument("--workers", type=int, help="robot processes (default: two per core)")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "billma-load-quotes", help="quotes kept here"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    generating = time.perf_counter()
    documents = generate_quotes(args.n, args.seed, args.cache)
    print(f"{args.n} distinct quotes generated in {time.perf_counter() - generating:.0f} s", file=sys.stderr)
    run_id = uuid.uuid4().hex[:8]
    stack = None
    log_dir = Path(tempfile.mkdtemp(prefix="billma-load-"))
    if args.url:
        url = args.url.rstrip("/")
    else:
        stack = launch(log_dir / "billma-local.log", log_dir / "data", workers=args.workers)
        url = stack.url
        print(f"billma local on {url} (log: {log_dir / 'billma-local.log'})", file=sys.stderr)
    run = Run(url, [Tracked(index, document) for index, document in enumerate(documents)])
    cpu_before = group_cpu_seconds(stack.process.pid) if stack else {}
    client_cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    load_before = os.getloadavg()
    try:
        poller = threading.Thread(target=poll, args=(run, args.timeout, args.poll_interval), daemon=True)
        first = time.time()
        poller.start()
        local = threading.local()

        def client(item: Tracked) -> None:
            if not hasattr(local, "session"):
                local.session = requests.Session()
            submit(run, item, local.session, run_id)

        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(client, run.items))
        uploads_done = time.time()
        run.done_uploading.set()
        poller.join()
        cpu_after = group_cpu_seconds(stack.process.pid) if stack else {}
        client_cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        load_after = os.getloadavg()
        duplicates = duplicated_references(run, run_id, args.clients)
        written = footprint(log_dir / "data") if stack else {}
    finally:
        if stack is not None:
            stack.interrupt(timeout=30)
    restart: dict[str, Any] = {}
    journal = journal_figures(stack.log_path) if stack is not None else None
    if stack is not None:
        # The same data directory, started again: how long until ready, and is every dossier there?
        restart["data_megabytes"] = sum(f.stat().st_size for f in (log_dir / "data").rglob("*") if f.is_file()) / 1e6
        second = launch(log_dir / "billma-local-restart.log", log_dir / "data")
        run.url = second.url
        restart["ready_seconds"] = second.started_seconds
        try:
            restart["references_not_one_dossier"] = len(duplicated_references(run, run_id, args.clients))
        finally:
            second.interrupt(timeout=30)

    failed = [item for item in run.items if item.error]
    settled = [item for item in run.items if item.settled is not None]
    lost = [item for item in run.items if item.error is None and item.settled is None]
    twice = [item for item in settled if item.robot_events != 1]
    latencies = [item.settled - item.uploaded for item in settled if item.uploaded is not None and item.settled]
    last = max((item.settled for item in settled if item.settled), default=first)
    outcomes = Counter(item.outcome for item in settled)
    cores = os.cpu_count() or 1
    wall = last - first
    main_pid = stack.process.pid if stack else 0
    main_cpu = cpu_after.get(main_pid, 0.0) - cpu_before.get(main_pid, 0.0)
    workers_cpu = sum(seconds - cpu_before.get(pid, 0.0) for pid, seconds in cpu_after.items() if pid != main_pid)
    client_cpu = (client_cpu_after.ru_utime + client_cpu_after.ru_stime) - (
        client_cpu_before.ru_utime + client_cpu_before.ru_stime
    )
    per_dossier = (main_cpu + workers_cpu) / len(settled) if settled else 0.0
    result: dict[str, Any] = {
        "n": args.n,
        "clients": args.clients,
        "distinct_documents": len({document.data for document in documents}),
        "cpu_main_process_s": main_cpu,
        "cpu_worker_processes_s": workers_cpu,
        "cpu_bench_client_s": client_cpu,
        "cpu_per_dossier_s": per_dossier,
        "cpu_share_of_cores": (main_cpu + workers_cpu + client_cpu) / (wall * cores) if wall > 0 else None,
        "load_average_before_after": [load_before[0], load_after[0]],
        "upload_errors": len(failed),
        "settled": len(settled),
        "lost": len(lost),
        "robot_events_not_one": len(twice),
        "references_not_one_dossier": len(duplicates),
        "outcomes": dict(outcomes),
        "retries": dict(run.retries),
        "upload_phase_seconds": uploads_done - first,
        "total_seconds": last - first,
        "throughput_per_second": len(settled) / (last - first) if settled else 0.0,
        "latency_p50_s": statistics.median(latencies) if latencies else None,
        "latency_p95_s": percentile(latencies, 0.95) if latencies else None,
        "latency_max_s": max(latencies) if latencies else None,
        "restart": restart,
        "journal_writes_fsyncs": journal,
        "footprint": written,
        "poller_passes": run.passes,
        "poller_seconds": run.polling_seconds,
    }

    print(f"## Load: {args.n} concurrent uploads through the local stack ({args.clients} client threads)\n")
    print(
        f"Python {platform.python_version()}, {cores} CPUs; {result['distinct_documents']} distinct generated "
        f"text quotes; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after\n"
    )
    print("| figure | value |")
    print("|---|---:|")
    print(f"| dossiers created and uploaded | {args.n - len(failed)} / {args.n} |")
    print(f"| settled (not AWAITING_DOCUMENT / ANALYSING) | {len(settled)} |")
    print(f"| lost (still unsettled after {args.timeout:.0f} s) | {len(lost)} |")
    print(f"| robot outcome written ≠ once | {len(twice)} |")
    print(f"| claim references naming ≠ 1 dossier | {len(duplicates)} |")
    retried = ", ".join(f"{what} ×{count}" for what, count in sorted(run.retries.items())) or "none"
    print(f"| client retries after a 5xx or a broken connection | {retried} |")
    print(f"| outcomes | {', '.join(f'{name} {count}' for name, count in sorted(outcomes.items(), key=str))} |")
    print(f"| upload phase (s) | {result['upload_phase_seconds']:.1f} |")
    print(f"| first request → last settled (s) | {result['total_seconds']:.1f} |")
    print(f"| throughput (dossiers settled / s) | {result['throughput_per_second']:.2f} |")
    if latencies:
        print(f"| upload → settled p50 (s) | {result['latency_p50_s']:.1f} |")
        print(f"| upload → settled p95 (s) | {result['latency_p95_s']:.1f} |")
        print(f"| upload → settled max (s) | {result['latency_max_s']:.1f} |")
    print(f"| poller: passes, time spent listing and confirming (s) | {run.passes}, {run.polling_seconds:.0f} |")
    print(f"| CPU: stack main process (gateway, API functions, moto) (s) | {main_cpu:.0f} |")
    print(f"| CPU: robot worker processes (s) | {workers_cpu:.0f} |")
    print(f"| CPU: this script (clients, poller) (s) | {client_cpu:.0f} |")
    print(f"| CPU per settled dossier, stack (s) | {per_dossier:.3f} |")
    if result["cpu_share_of_cores"] is not None:
        print(f"| CPU of stack + script / ({cores} cores × wall) | {result['cpu_share_of_cores']:.2f} |")
    if journal:
        print(f"| journal: writes, fsyncs (one fsync covers the writes waiting) | {journal[0]}, {journal[1]} |")
    if restart:
        print(
            f"| restart on the same data directory ({restart['data_megabytes']:.0f} MB): ready in (s), "
            f"references not found once | {restart['ready_seconds']:.1f}, {restart['references_not_one_dossier']} |"
        )
    for item in failed[:5]:
        print(f"\nupload error (dossier {item.index}): {item.error}", file=sys.stderr)
    if written:
        print()
        print_footprint(written, "this run")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    healthy = not failed and not lost and not twice and not duplicates and not restart.get("references_not_one_dossier")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
