"""Cold start benchmark: import time of each Lambda handler (a script, not a test).

    .venv/bin/python bench/bench_cold_start.py [--rounds 7] [--json out.json]

Each measurement is a fresh Python process, as a Lambda cold start is: the process gets the
environment ``template.yaml`` gives the function (resolved with local names, as ``billma local``
does), then imports ``functions/<name>/app.py`` exactly as the runtime would (the module that
holds ``lambda_handler``; no handler call, no AWS request). Two baselines run in the same
session, interleaved with the functions: ``python -c pass`` (the interpreter alone) and
``import boto3`` (the floor of any function that talks to AWS).

Reported per subject, median of the rounds: the in-process import time (``perf_counter`` around
the import) and the whole process wall time (interpreter start-up included); the ratio of the
import time to ``import boto3``; the same for the import's CPU time (``process_time``: what the
neighbours of a shared machine disturb least); and the packages the import time goes to (``python -X importtime``, self
time of their modules summed by top-level package).

With ``--first-request``, a cold start as Lambda bills it too: ``review_api`` imported then
called once on ``GET /dossiers/{id}`` (a dossier the robot evaluated, on a moto server in its
own process), in fresh processes: the CPU time of the import, of the first request, their sum,
and of a second request for comparison. ``--baseline-layer DIR`` runs another ``billma_core``
(a copy of the package in DIR, first on ``PYTHONPATH``) interleaved with this tree's, to compare
a change. What a lazy import or pydantic's ``defer_build`` takes off the import, the first
request may pay back: both are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
sys.path.insert(0, str(ROOT / "layers" / "billma_core"))
sys.path.insert(0, str(ROOT / "bench"))

from billma_cli.local.template import LocalNames, Stack  # noqa: E402

IMPORT_SNIPPET = """
import time
started, cpu_started = time.perf_counter(), time.process_time()
{body}
print("IMPORT_SECONDS", time.perf_counter() - started, time.process_time() - cpu_started)
"""

HANDLER_IMPORT = """
import importlib.util, sys
sys.path.insert(0, {code_dir!r})
spec = importlib.util.spec_from_file_location("app", {handler_file!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
assert callable(getattr(module, {handler_name!r}))
"""


def subjects() -> dict[str, tuple[str, dict[str, str]]]:
    """name -> (python code to time, environment variables of the function)."""
    stack = Stack.from_file(ROOT / "template.yaml", LocalNames(web_origin="http://127.0.0.1:8000"))
    result: dict[str, tuple[str, dict[str, str]]] = {
        "python -c pass": ("pass", {}),
        "import boto3": ("import boto3", {}),
    }
    for function in sorted(stack.functions(), key=lambda f: f.handler_file.parent.name):
        body = HANDLER_IMPORT.format(
            code_dir=str(function.code_dir),
            handler_file=str(function.handler_file),
            handler_name=function.handler_name,
        )
        result[f"functions/{function.handler_file.parent.name}"] = (body, dict(function.environment))
    return result


FIRST_REQUEST = """
import json, sys, time
started = time.process_time()
{body}
imported = time.process_time()
sys.path.insert(0, {bench_dir!r})
from bench_queue import Context  # after the import is timed: it would import modules for the handler

event = json.loads(sys.stdin.read())
handler = getattr(module, {handler_name!r})
called = time.process_time()
assert handler(event, Context())["statusCode"] == 200
first = time.process_time()
assert handler(event, Context())["statusCode"] == 200
second = time.process_time()
print("FIRST_REQUEST", json.dumps([imported - started, first - called, second - first]))
"""


def first_request_figures(rounds: int, baseline_layer: Path | None) -> dict[str, dict[str, float]]:
    """Medians of the CPU time (ms) of review_api's import, first and second ``GET /dossiers/{id}``
    in fresh processes (CPU: moto's answers, in another process, are not counted, and the
    neighbours of a shared machine count less), against a moto server holding a dossier the
    robot evaluated; by variant: ``billma_core`` of this tree, and ``baseline_layer`` (a folder
    holding another ``billma_core``, first on ``PYTHONPATH``) interleaved with it if given."""
    from bench_memory import CORPUS, Stage, api_event
    from bench_queue import start_moto, stop

    stack = Stack.from_file(ROOT / "template.yaml", LocalNames(web_origin="http://127.0.0.1:8000"))
    functions = {spec.handler_file.parent.name: spec for spec in stack.functions()}
    server, names = start_moto()
    try:
        names["robot_queue"] = stack.resolver.physical_name("RobotQueue")
        aws = {key: value for key, value in os.environ.items() if key.startswith("AWS_")}

        def environment(function: str) -> dict[str, str]:
            settings = {key: value for key, value in names.items() if key.startswith("BILLMA_")}
            variables = {**functions[function].environment, **settings, "POWERTOOLS_LOG_LEVEL": "WARNING"}
            return {**base_environment(), **variables, **aws, "BILLMA_OCR_ENGINE": "tesseract"}

        quote = (CORPUS / "04_Devis_LEFEVRE_2025_745.pdf").read_bytes()
        dossier_id = Stage(names).evaluated(quote, environment("robot"))
        event = json.dumps(api_event("GET", f"/dossiers/{dossier_id}"))
        spec = functions["review_api"]
        body = HANDLER_IMPORT.format(
            code_dir=str(spec.code_dir), handler_file=str(spec.handler_file), handler_name=spec.handler_name
        )
        snippet = FIRST_REQUEST.format(body=body, handler_name=spec.handler_name, bench_dir=str(ROOT / "bench"))
        variants = {"this tree": environment("review_api")}
        if baseline_layer is not None:
            variants[f"baseline {baseline_layer}"] = {**environment("review_api"), "PYTHONPATH": str(baseline_layer)}
        samples: dict[str, list[list[float]]] = defaultdict(list)
        for _ in range(rounds + 1):  # the first round warms the OS file cache; variants interleaved
            for name, variables in variants.items():
                completed = subprocess.run(
                    [sys.executable, "-c", snippet], input=event, env=variables,
                    capture_output=True, text=True, cwd=ROOT, check=False,
                )  # fmt: skip
                match = re.search(r"FIRST_REQUEST (\[.*\])", completed.stdout)
                if match is None:
                    raise RuntimeError(f"review_api failed:\n{completed.stderr[-2000:]}")
                samples[name].append(json.loads(match.group(1)))
    finally:
        stop(server)
    return {
        name: {
            "import_ms": statistics.median(sample[0] for sample in kept[1:]) * 1000,
            "first_request_ms": statistics.median(sample[1] for sample in kept[1:]) * 1000,
            "import_and_first_request_ms": statistics.median(sample[0] + sample[1] for sample in kept[1:]) * 1000,
            "second_request_ms": statistics.median(sample[2] for sample in kept[1:]) * 1000,
        }
        for name, kept in samples.items()
    }


def base_environment() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    environment = {key: os.environ[key] for key in keep if key in os.environ}
    # What the Lambda runtime sets; no endpoint: importing must not need AWS.
    environment.update(
        AWS_DEFAULT_REGION="eu-west-3",
        AWS_REGION="eu-west-3",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",  # a placeholder, never sent
        AWS_LAMBDA_FUNCTION_NAME="bench",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return environment


def run_once(code: str, environment: dict[str, str], importtime: bool = False) -> tuple[float, float, float, str]:
    """(import seconds, import CPU seconds, process wall seconds, stderr) of one fresh interpreter."""
    snippet = IMPORT_SNIPPET.format(body=code)
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-c", snippet]
    started = time.perf_counter()
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"{code[:60]!r} failed:\n{completed.stderr[-2000:]}")
    match = re.search(r"IMPORT_SECONDS ([0-9.e-]+) ([0-9.e-]+)", completed.stdout)
    assert match, completed.stdout
    return float(match.group(1)), float(match.group(2)), wall, completed.stderr


def heaviest_packages(importtime_log: str, top: int = 4) -> list[tuple[str, float]]:
    """Top-level packages by the summed *self* time of their modules (``-X importtime``):
    where the import time goes, whoever imported them."""
    totals: dict[str, float] = defaultdict(float)
    for line in importtime_log.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if match:
            totals[match.group(2).split(".")[0]] += int(match.group(1)) / 1e6
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="fresh processes per subject (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--first-request", action="store_true", help="also time review_api's import + first GET /dossiers/{id}"
    )
    parser.add_argument(
        "--baseline-layer",
        type=Path,
        help="with --first-request: a folder holding another billma_core to compare with, interleaved",
    )
    args = parser.parse_args()

    environment = base_environment()
    cases = subjects()
    imports: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    walls: dict[str, list[float]] = defaultdict(list)
    for code, variables in cases.values():  # warm the OS file cache once
        run_once(code, {**environment, **variables})
    for _ in range(args.rounds):  # interleaved: a slow moment of the machine hits every subject
        for name, (code, variables) in cases.items():
            seconds, cpu, wall, _ = run_once(code, {**environment, **variables})
            imports[name].append(seconds)
            cpus[name].append(cpu)
            walls[name].append(wall)
    heavy = {
        name: heaviest_packages(run_once(code, {**environment, **variables}, importtime=True)[3])
        for name, (code, variables) in cases.items()
        if name.startswith("functions/")
    }

    boto3_import = statistics.median(imports["import boto3"])
    boto3_cpu = statistics.median(cpus["import boto3"])
    rows: list[dict[str, Any]] = []
    for name in cases:
        median_import = statistics.median(imports[name])
        median_cpu = statistics.median(cpus[name])
        rows.append(
            {
                "subject": name,
                "import_ms": round(median_import * 1000, 1),
                "import_ms_min": round(min(imports[name]) * 1000, 1),
                "process_ms": round(statistics.median(walls[name]) * 1000, 1),
                "ratio_to_boto3": round(median_import / boto3_import, 2) if name != "python -c pass" else None,
                "import_cpu_ms": round(median_cpu * 1000, 1),
                "cpu_ratio_to_boto3": round(median_cpu / boto3_cpu, 2) if name != "python -c pass" else None,
                "heaviest": [(package, round(seconds * 1000, 1)) for package, seconds in heavy.get(name, [])],
            }
        )

    print(f"## Cold start: handler import time (median of {args.rounds} fresh processes)\n")
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs\n")
    print(
        "| subject | import (ms) | min (ms) | process wall (ms) | × import boto3 | import CPU (ms) | CPU × boto3 "
        "| where the import time goes (ms, self time by package) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        ratio = "—" if row["ratio_to_boto3"] is None else f"{row['ratio_to_boto3']:.2f}"
        cpu_ratio = "—" if row["cpu_ratio_to_boto3"] is None else f"{row['cpu_ratio_to_boto3']:.2f}"
        heaviest = ", ".join(f"{package} {ms:.0f}" for package, ms in row["heaviest"])
        print(
            f"| {row['subject']} | {row['import_ms']:.1f} | {row['import_ms_min']:.1f} | {row['process_ms']:.1f} "
            f"| {ratio} | {row['import_cpu_ms']:.1f} | {cpu_ratio} | {heaviest} |"
        )
    first: dict[str, dict[str, float]] = {}
    if args.first_request:
        first = first_request_figures(args.rounds, args.baseline_layer)
        print(
            f"\n### review_api: import, then GET /dossiers/{{id}} twice: CPU time (median of {args.rounds} "
            "fresh processes)\n"
        )
        print("| billma_core | import (ms) | first request (ms) | import + first request (ms) | second request (ms) |")
        print("|---|---:|---:|---:|---:|")
        for name, figures in first.items():
            print(
                f"| {name} | {figures['import_ms']:.1f} | {figures['first_request_ms']:.1f} "
                f"| **{figures['import_and_first_request_ms']:.1f}** | {figures['second_request_ms']:.1f} |"
            )
    if args.json:
        report: dict[str, Any] = {"rounds": args.rounds, "rows": rows, "first_request": first}
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
