"""Queue listing benchmark: ``GET /dossiers?state=TO_REVIEW`` with 1 000 vs 10 000 dossiers
(a script, not a test).

    .venv/bin/python bench/bench_queue.py [--small 1000] [--large 10000] [--requests 60] [--json out.json]

The real ``review_api`` handler is called in-process with API Gateway events (as Lambda would),
against the template's table on a moto server. The dossiers are written straight into the table
with the repository's own item layout (``DossierRepository._meta_item``), in batches of 25, every
one in ``TO_REVIEW`` with a real robot evaluation of a corpus quote (so items have their real
size). The first page (default limit, 20) is requested ``--requests`` times per size; p50/p95 of
the handler's wall time, the handler's time minus its DynamoDB round-trips, and the handler
process's CPU time (what BillMA itself spends: insensitive to other load on the machine).

The design says listing never scans. Latency cannot show that on moto: moto answers a GSI query
by walking every item of the table (``Table.query`` iterates ``all_items()``), so the DynamoDB
share grows with the table there and not in DynamoDB. The script therefore also records what the
handler asks DynamoDB for: the operations per listing (Query on GSI1, no Scan) and the items
DynamoDB reads for them (``ScannedCount``), which is what DynamoDB's cost and latency follow.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
INFLATED = CORPUS / "04_Devis_LEFEVRE_2025_745.pdf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_moto() -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    """A moto server in its own process (so that its work does not share this process's GIL
    with the handler being measured), the template's resources on it, and the environment the
    functions get."""
    import boto3

    from billma_cli.local.resources import create_resources
    from billma_cli.local.template import LocalNames, Resolver, load_template

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.1)
    os.environ.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",  # a placeholder for moto
        AWS_DEFAULT_REGION="eu-west-3",
        POWERTOOLS_SERVICE_NAME="billma",
        POWERTOOLS_LOG_LEVEL="WARNING",
        POWERTOOLS_METRICS_NAMESPACE="BillMA",
    )
    resolver = Resolver(load_template(ROOT / "template.yaml"), LocalNames(web_origin="http://127.0.0.1:8000"))
    created = create_resources(resolver, endpoint, boto3.Session(region_name="eu-west-3"))
    names = {
        "BILLMA_TABLE_NAME": created.tables["DossierTable"],
        "BILLMA_QUOTES_BUCKET": created.buckets["QuotesBucket"],
        "BILLMA_EVENT_BUS_NAME": created.event_buses["BillmaEventBus"],
    }
    os.environ.update(names)
    return server, names


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def load_handler(function: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{function}", ROOT / "functions" / function / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Context:
    function_name = "bench"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:eu-west-3:123456789012:function:bench"
    aws_request_id = "bench"

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 30_000


def list_event(state: str) -> dict[str, Any]:
    claims = {"sub": "bench-reviewer", "cognito:username": "dev-reviewer", "cognito:groups": "reviewer"}
    return {
        "resource": "/dossiers",
        "path": "/dossiers",
        "httpMethod": "GET",
        "headers": {"Accept": "application/json"},
        "multiValueHeaders": {},
        "queryStringParameters": {"state": state},
        "multiValueQueryStringParameters": {"state": [state]},
        "pathParameters": None,
        "body": None,
        "isBase64Encoded": False,
        "requestContext": {
            "resourcePath": "/dossiers",
            "httpMethod": "GET",
            "stage": "v1",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "127.0.0.1"},
            "authorizer": {"claims": claims},
        },
    }


def sample_dossier() -> Any:
    """A TO_REVIEW dossier carrying the robot's real evaluation of the inflated corpus quote."""
    from billma_core.models import Cover, Dossier, DossierForm, DossierState
    from billma_core.robot import InMemoryDuplicateRegistry, evaluate_document

    evaluation = evaluate_document(
        INFLATED.read_bytes(),
        cover=Cover.DEGATS_DES_EAUX,
        postal_code="33400",
        registry=InMemoryDuplicateRegistry(),
        dossier_id="sample",
    )
    now = datetime.now(UTC)
    form = DossierForm(
        claim_reference="SIN-BENCH",
        date_of_loss=now.date() - timedelta(days=30),
        deductible=150,
        cover=Cover.DEGATS_DES_EAUX,
        policyholder_phone="000000000",
        policyholder_email="inconnu",
        site_postal_code="33400",
    )
    return Dossier(
        dossier_id="sample",
        state=DossierState.TO_REVIEW,
        version=3,
        form=form,
        created_by="bench",
        created_at=now,
        updated_at=now,
        waiting_since=now,
        evaluation=evaluation,
    )


def populate(client: Any, table: str, sample: Any, start: int, stop: int) -> None:
    """Dossiers ``start``..``stop - 1`` written in batches of 25 (BatchWriteItem)."""
    from boto3.dynamodb.types import TypeSerializer

    from billma_core.repository import DossierRepository

    serializer = TypeSerializer()
    origin = datetime(2025, 1, 1, tzinfo=UTC)
    batch: list[dict[str, Any]] = []
    for index in range(start, stop):
        moment = origin + timedelta(minutes=index)
        dossier = sample.model_copy(
            update={
                "dossier_id": uuid.uuid4().hex,
                "created_at": moment,
                "updated_at": moment,
                "waiting_since": moment,
                "form": sample.form.model_copy(update={"claim_reference": f"SIN-BENCH-{index:06d}"}),
            }
        )
        item = DossierRepository._meta_item(dossier)
        batch.append({"PutRequest": {"Item": {key: serializer.serialize(value) for key, value in item.items()}}})
        if len(batch) == 25 or index == stop - 1:
            pending: dict[str, Any] = {table: batch}
            while pending:
                pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
            batch = []


class DynamoRecorder:
    """Wraps the repository's client: DynamoDB operations, their time and ScannedCount."""

    def __init__(self, client: Any) -> None:
        self.calls: Counter[str] = Counter()
        self.scanned = 0
        self.seconds = 0.0
        real = client._make_api_call

        def recording(operation: str, params: dict[str, Any]) -> Any:
            started = time.perf_counter()
            try:
                response = real(operation, params)
            finally:
                self.seconds += time.perf_counter() - started
            self.calls[f"{operation}{' on ' + params['IndexName'] if 'IndexName' in params else ''}"] += 1
            self.scanned += int(response.get("ScannedCount", 0))
            return response

        client._make_api_call = recording

    def reset(self) -> None:
        self.calls.clear()
        self.scanned = 0
        self.seconds = 0.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(handler: Any, recorder: DynamoRecorder, requests: int) -> dict[str, Any]:
    event = list_event("TO_REVIEW")
    handler.lambda_handler(event, Context())  # warm: first call builds clients
    totals: list[float] = []
    own: list[float] = []
    cpu: list[float] = []
    calls: Counter[str] = Counter()
    scanned = 0
    items = 0
    for _ in range(requests):
        recorder.reset()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = handler.lambda_handler(list_event("TO_REVIEW"), Context())
        elapsed = time.perf_counter() - started
        cpu.append(time.process_time() - cpu_started)
        assert response["statusCode"] == 200, response
        items = len(json.loads(response["body"])["items"])
        totals.append(elapsed)
        own.append(elapsed - recorder.seconds)
        calls.update(recorder.calls)
        scanned += recorder.scanned
    return {
        "p50_ms": statistics.median(totals) * 1000,
        "p95_ms": percentile(totals, 0.95) * 1000,
        "own_p50_ms": statistics.median(own) * 1000,
        "own_p95_ms": percentile(own, 0.95) * 1000,
        "cpu_p50_ms": statistics.median(cpu) * 1000,
        "cpu_p95_ms": percentile(cpu, 0.95) * 1000,
        "dynamodb_calls_per_request": {name: count / requests for name, count in calls.items()},
        "scanned_per_request": scanned / requests,
        "items_per_page": items,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=60, help="first-page requests per table size")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "infra"))
    sys.path.insert(0, str(ROOT / "layers" / "billma_core"))
    server, names = start_moto()
    try:
        import boto3

        from billma_core.aws import dossier_repository

        client = boto3.client("dynamodb")
        sample = sample_dossier()
        handler = load_handler("review_api")
        recorder = DynamoRecorder(dossier_repository()._db)
        results: dict[int, dict[str, Any]] = {}
        written = 0
        for size in (args.small, args.large):
            started = time.perf_counter()
            populate(client, names["BILLMA_TABLE_NAME"], sample, written, size)
            print(f"{size - written} dossiers written in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            written = size
            results[size] = measure(handler, recorder, args.requests)
    finally:
        stop(server)

    small, large = results[args.small], results[args.large]
    print(f"## Queue: GET /dossiers?state=TO_REVIEW, first page ({args.requests} requests per size)\n")
    print(
        "review_api handler in-process, table on a moto server (its own process); "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs\n"
    )
    print(
        "| dossiers in TO_REVIEW | p50 (ms) | p95 (ms) | handler minus DynamoDB p50 (ms) | handler CPU p50 (ms) "
        "| DynamoDB calls per listing | items read (ScannedCount) | page |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---:|")
    for size, row in results.items():
        calls = ", ".join(f"{name} ×{count:g}" for name, count in row["dynamodb_calls_per_request"].items())
        print(
            f"| {size:,} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['own_p50_ms']:.1f} "
            f"| {row['cpu_p50_ms']:.1f} | {calls} | {row['scanned_per_request']:g} | {row['items_per_page']} |"
        )
    ratio = large["p50_ms"] / small["p50_ms"]
    own_ratio = large["own_p50_ms"] / small["own_p50_ms"]
    cpu_ratio = large["cpu_p50_ms"] / small["cpu_p50_ms"]
    print(
        f"| **ratio {args.large:,} / {args.small:,}** | **{ratio:.2f}** | "
        f"{large['p95_ms'] / small['p95_ms']:.2f} | {own_ratio:.2f} | **{cpu_ratio:.2f}** | | | |"
    )
    if args.json:
        payload = {
            "requests": args.requests,
            "results": results,
            "ratio_p50": ratio,
            "own_ratio_p50": own_ratio,
            "cpu_ratio_p50": cpu_ratio,
        }
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
