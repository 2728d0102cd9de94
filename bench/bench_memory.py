"""Memory benchmark: peak memory of each function for a representative invocation (a script,
not a test).

    .venv/bin/python bench/bench_memory.py [--json out.json]

Each scenario runs in a fresh Python process, as a Lambda cold start does: the process gets the
function's environment from ``template.yaml`` (pointed at a moto server running in its own
process), imports ``functions/<name>/app.py`` and calls ``lambda_handler`` once with the event
API Gateway or SQS would send. What the scenario needs beforehand (a dossier, an uploaded
document and its S3 notification, a dossier in review) is prepared by this script through the
same handlers, outside the measured process.

Scenarios: upload ``POST /dossiers``; robot on a corpus text PDF; robot on a scan-like JPEG (a
corpus page rendered at 200 dpi, rotated, speckled; OCR by Tesseract as locally); review_api
``GET /dossiers/{id}`` of an evaluated dossier; close ``POST /dossiers/{id}/closure``
(INDEMNITY_REVISED after revision and a refused REN).

Reported per scenario: peak RSS of the process after the import and after the invocation
(``VmHWM``; what Lambda's "Max Memory Used" reports), the Python heap peak during the invocation
alone (``tracemalloc``, in a second identical process: tracing inflates RSS), and the function's
``MemorySize`` in the template; and the peak RSS of the Tesseract process on the scan (the
robot's OCR runs it as a subprocess locally; the cloud uses Textract).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "infra"))
sys.path.insert(0, str(ROOT / "layers" / "billma_core"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from bench_queue import Context, start_moto, stop  # noqa: E402

from tests.sample_dossier import PORTAL_FORM  # noqa: E402

MARKER = "BENCH_MEMORY_RESULT "
FORM = {"claim_reference": "SIN-BENCH-MEM", **PORTAL_FORM}
ROLES = {"portal": "portal", "reviewer": "reviewer"}


# ---------------------------------------------------------------------------- events


def api_event(method: str, path: str, body: Any = None, role: str = "reviewer") -> dict[str, Any]:
    claims = {
        "sub": f"bench-{role}",
        "cognito:username": f"dev-{role}",
        "cognito:groups": role,
        "custom:insurer_code": "AZ",
    }
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": {"Content-Type": "application/json", "Accept": "application/json"},
        "multiValueHeaders": {},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
        "requestContext": {
            "resourcePath": path,
            "httpMethod": method,
            "stage": "v1",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "127.0.0.1"},
            "authorizer": {"claims": claims},
        },
    }


def sqs_event(body: str, queue_arn: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": "bench",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": "eu-west-3",
            }
        ]
    }


# ---------------------------------------------------------------------------- the measured process


def peak_rss_kb() -> int:
    """Peak resident set of this process (``VmHWM``). Not ``ru_maxrss``: Linux carries the
    parent's high-water mark across fork + exec, so a process started by a big parent (this
    script, with its moto client and handlers) would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def tesseract_peak_mb(jpeg_bytes: bytes) -> float | None:
    """Peak RSS of the Tesseract process on the scan (the robot's OCR subprocess, measured by
    ``/usr/bin/time`` around the same command the engine runs)."""
    import shutil

    from billma_core.reading.images import prepare_for_ocr
    from billma_core.settings import Settings

    binary, timer = shutil.which("tesseract"), shutil.which("time") or "/usr/bin/time"
    if binary is None or not Path(timer).exists():
        return None
    png = prepare_for_ocr(jpeg_bytes, Settings().max_image_pixels)
    completed = subprocess.run(
        [timer, "-f", "MAXRSS %M", binary, "-", "-", "-l", "fra", "--psm", "11", "tsv"],
        input=png,
        capture_output=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    for line in completed.stderr.decode(errors="replace").splitlines():
        if line.startswith("MAXRSS "):
            return int(line.split()[1]) / 1024
    return None


def child(function: str, event: dict[str, Any], trace: bool) -> None:
    """Import the function, call its handler once, print the figures (runs in the fresh process)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("app", ROOT / "functions" / function / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    after_import = peak_rss_kb()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = module.lambda_handler(event, Context())
    elapsed = time.perf_counter() - started
    heap_peak = tracemalloc.get_traced_memory()[1] if trace else None
    result = {
        "status": response.get("statusCode", "batchItemFailures" if response.get("batchItemFailures") else "ok"),
        "rss_after_import_kb": after_import,
        "rss_peak_kb": peak_rss_kb(),
        "heap_peak_bytes": heap_peak,
        "seconds": elapsed,
    }
    print(MARKER + json.dumps(result))


def run_child(function: str, event: dict[str, Any], environment: dict[str, str], trace: bool) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", function, *(["--trace"] if trace else [])],
        input=json.dumps(event),
        env=environment,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(MARKER):
            return dict(json.loads(line[len(MARKER) :]))
    raise RuntimeError(f"{function} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")


# ---------------------------------------------------------------------------- preparing the scenarios


class Stage:
    """Talks to the moto server through the real handlers (in this process) to prepare scenarios."""

    def __init__(self, names: dict[str, str]) -> None:
        import boto3
        from bench_queue import load_handler

        self.names = names
        self.handlers = {name: load_handler(name) for name in ("upload", "review_api", "close")}
        self.sqs = boto3.client("sqs")
        self.queue_url = self.sqs.get_queue_url(QueueName=names["robot_queue"])["QueueUrl"]
        self.queue_arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]

    def call(self, function: str, method: str, path: str, body: Any = None, role: str = "reviewer") -> Any:
        response = self.handlers[function].lambda_handler(api_event(method, path, body, role), Context())
        assert response["statusCode"] < 300, response
        return json.loads(response["body"])

    def uploaded(self, data: bytes, filename: str) -> tuple[str, str]:
        """A dossier whose document is in S3; (dossier id, body of the S3 notification)."""
        import requests

        form = {**FORM, "claim_reference": f"SIN-MEM-{uuid.uuid4().hex[:8]}"}
        ticket = self.call("upload", "POST", "/dossiers", form, role="portal")
        post = ticket["upload"]
        answer = requests.post(post["url"], data=post["fields"], files={"file": (filename, data)}, timeout=30)
        assert answer.status_code in (200, 201, 204), answer.text
        key = post["fields"]["key"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # skip anything else queued (S3's test event…)
            for message in self.sqs.receive_message(QueueUrl=self.queue_url, WaitTimeSeconds=1).get("Messages", []):
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
                records = json.loads(message["Body"]).get("Records", [])
                if any(unquote_plus(record["s3"]["object"]["key"]) == key for record in records if "s3" in record):
                    return str(ticket["dossier_id"]), message["Body"]
        raise AssertionError(f"no S3 notification for {key}")

    def forget_claims(self) -> None:
        """Drop the duplicate registry's claims, so the same corpus file is a first upload again
        (each scenario runs twice: a document seen before would stop at the duplicate check)."""
        import boto3

        db = boto3.client("dynamodb")
        table = self.names["BILLMA_TABLE_NAME"]
        pages = db.get_paginator("scan").paginate(
            TableName=table, FilterExpression="SK = :claim", ExpressionAttributeValues={":claim": {"S": "CLAIM"}}
        )
        for page in pages:
            for item in page["Items"]:
                db.delete_item(TableName=table, Key={"PK": item["PK"], "SK": item["SK"]})

    def evaluated(self, data: bytes, robot_environment: dict[str, str]) -> str:
        self.forget_claims()
        dossier_id, body = self.uploaded(data, "devis.pdf")
        run_child("robot", sqs_event(body, self.queue_arn), robot_environment, trace=False)
        return dossier_id

    def version(self, dossier_id: str) -> int:
        return int(self.call("review_api", "GET", f"/dossiers/{dossier_id}")["dossier"]["version"])

    def ready_to_close(self, dossier_id: str) -> int:
        """Assigned, revised, REN proposed then refused: INDEMNITY_REVISED may close it."""
        path = f"/dossiers/{dossier_id}"
        version = self.version(dossier_id)
        version = self.call("review_api", "POST", f"{path}/assign", {"expected_version": version})["dossier"]["version"]
        version = self.call("review_api", "PUT", f"{path}/revision", {"expected_version": version})["dossier"][
            "version"
        ]
        for decision in ("PROPOSED", "REFUSED"):
            body = {"expected_version": version, "decision": decision}
            version = self.call("review_api", "POST", f"{path}/ren", body)["dossier"]["version"]
        return int(version)


def scan_like_jpeg() -> bytes:
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "reading"))
    from reading_support import jpeg, scanned

    return bytes(jpeg(scanned((CORPUS / "05_devis-bonnet.pdf").read_bytes())[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, json.loads(sys.stdin.read()), args.trace)
        return

    from billma_cli.local.template import LocalNames, Stack

    server, names = start_moto()
    try:
        stack = Stack.from_file(ROOT / "template.yaml", LocalNames(web_origin="http://127.0.0.1:8000"))
        functions = {spec.handler_file.parent.name: spec for spec in stack.functions()}
        names["robot_queue"] = stack.resolver.physical_name("RobotQueue")
        keep = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
        aws = {key: value for key, value in os.environ.items() if key.startswith(("AWS_", "POWERTOOLS_"))}

        def environment(function: str) -> dict[str, str]:
            spec = functions[function]
            return {
                **keep,
                **spec.environment,
                **aws,
                **{key: value for key, value in names.items() if key.startswith("BILLMA_")},
                "BILLMA_OCR_ENGINE": "tesseract",  # as billma local: Textract is cloud-only
                "POWERTOOLS_LOG_LEVEL": "WARNING",
            }

        stage = Stage(names)
        inflated = (CORPUS / "04_Devis_LEFEVRE_2025_745.pdf").read_bytes()
        scan = scan_like_jpeg()

        def robot_on(data: bytes, filename: str) -> Callable[[], dict[str, Any]]:
            def prepare() -> dict[str, Any]:
                stage.forget_claims()
                _, body = stage.uploaded(data, filename)
                return sqs_event(body, stage.queue_arn)

            return prepare

        def dossier_view() -> dict[str, Any]:
            dossier_id = stage.evaluated(inflated, environment("robot"))
            return api_event("GET", f"/dossiers/{dossier_id}")

        def closure() -> dict[str, Any]:
            dossier_id = stage.evaluated(inflated, environment("robot"))
            version = stage.ready_to_close(dossier_id)
            body = {"expected_version": version, "motif": "INDEMNITY_REVISED", "reason": "OVERVALUED"}
            return api_event("POST", f"/dossiers/{dossier_id}/closure", body)

        scenarios: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
            ("upload: POST /dossiers", "upload", lambda: api_event("POST", "/dossiers", FORM, role="portal")),
            ("robot: corpus text PDF (04, 1 page)", "robot", robot_on(inflated, "devis.pdf")),
            ("robot: scan-like JPEG (OCR, Tesseract)", "robot", robot_on(scan, "scan.jpg")),
            ("review_api: GET /dossiers/{id}", "review_api", dossier_view),
            ("close: POST …/closure (INDEMNITY_REVISED)", "close", closure),
        ]
        rows = []
        for label, function, prepare in scenarios:
            plain = run_child(function, prepare(), environment(function), trace=False)
            traced = run_child(function, prepare(), environment(function), trace=True)
            rows.append(
                {
                    "scenario": label,
                    "function": function,
                    "memory_size_mb": functions[function].memory_mb,
                    "status": plain["status"],
                    "rss_after_import_mb": plain["rss_after_import_kb"] / 1024,
                    "rss_peak_mb": plain["rss_peak_kb"] / 1024,
                    "heap_peak_mb": traced["heap_peak_bytes"] / 1024 / 1024,
                    "seconds": plain["seconds"],
                }
            )
        tesseract = tesseract_peak_mb(scan)
    finally:
        stop(server)

    print("## Memory: peak per function for one representative invocation (fresh process each)\n")
    print(f"Python {platform.python_version()}, {platform.machine()}; peak RSS = VmHWM of the process\n")
    print(
        "| scenario | status | peak RSS after import (MB) | peak RSS after the call (MB) "
        "| Python heap peak of the call (MB) | call (s) | MemorySize (MB) | peak / MemorySize |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['scenario']} | {row['status']} | {row['rss_after_import_mb']:.0f} | {row['rss_peak_mb']:.0f} "
            f"| {row['heap_peak_mb']:.1f} | {row['seconds']:.2f} "
            f"| {row['memory_size_mb']} | {row['rss_peak_mb'] / row['memory_size_mb']:.0%} |"
        )
    if tesseract is not None:
        print(
            f"| (the scan's Tesseract subprocess, local OCR only) | | | {tesseract:.0f} | | | | "
            f"robot + Tesseract: {(rows[2]['rss_peak_mb'] + tesseract) / rows[2]['memory_size_mb']:.0%} |"
        )
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "tesseract_peak_mb": tesseract}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
