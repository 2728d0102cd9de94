"""What a dossier writes, read from a running ``billma local``'s data directory (a script, not a
test; ``bench_load.py`` prints it at the end of its run, before stopping the stack):

    .venv/bin/python bench/bench_footprint.py DATA_DIR [--json out.json]

The journals hold every write moto answered 2xx since the last start (``billma_cli.local.persistence``;
a clean stop compacts them into the snapshot, so read them while the stack runs): each
DynamoDB write request with its items, each S3 upload with its bytes. Reported per uploaded
document (one per dossier in ``bench_load.py``'s run): DynamoDB write requests by action, items
written and their size (DynamoDB's rule: attribute names plus values, approximated from the
typed JSON), write request units (1 per KB per item; twice that in a transaction), and the S3
bytes uploaded. Figures for ``docs/capacity.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))

from billma_cli.local.persistence import DataDirectory, Record, read_records  # noqa: E402


def attribute_size(value: dict[str, Any]) -> int:
    """Bytes of a typed DynamoDB value (strings UTF-8, numbers ~ digits/2 + 1, maps and lists
    their content plus 3 bytes)."""
    kind, content = next(iter(value.items()))
    if kind == "S":
        return len(str(content).encode())
    if kind == "N":
        return len(str(content).lstrip("-").replace(".", "")) // 2 + 1
    if kind == "B":
        return len(str(content)) * 3 // 4
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + attribute_size(v) for k, v in content.items())
    if kind == "L":
        return 3 + sum(1 + attribute_size(v) for v in content)
    if kind in ("SS", "NS", "BS"):
        return sum(len(str(v).encode()) for v in content)
    return len(json.dumps(content))


def item_size(item: dict[str, Any]) -> int:
    return sum(len(name.encode()) + attribute_size(value) for name, value in item.items())


def journal_records(data_dir: Path) -> list[Record]:
    return [
        record
        for _, path in DataDirectory(data_dir).journals()
        for record in read_records(path, repair=False)  # never cut a running stack's journal
    ]


def footprint(data_dir: Path) -> dict[str, Any]:
    """Per uploaded document: DynamoDB write requests, items, sizes, write units; S3 bytes."""
    actions: Counter[str] = Counter()
    sizes: list[int] = []
    write_units = 0
    uploads = 0
    upload_bytes = 0
    for record in journal_records(data_dir):
        if record.meta.get("kind") != "request":
            continue
        environ = record.meta["environ"]
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target:
            if environ.get("REQUEST_METHOD") == "POST" and "multipart/form-data" in environ.get("CONTENT_TYPE", ""):
                uploads += 1
                upload_bytes += len(record.body)
            continue
        action = target.partition(".")[2]
        actions[action] += 1
        body = json.loads(record.body)
        if action == "TransactWriteItems":
            for entry in body["TransactItems"]:
                operation = entry.get("Put") or entry.get("Update") or entry.get("ConditionCheck") or {}
                size = item_size(operation.get("Item") or operation.get("Key") or {})
                sizes.append(size)
                write_units += 2 * max(1, math.ceil(size / 1024))
        elif action == "PutItem":
            size = item_size(body["Item"])
            sizes.append(size)
            write_units += max(1, math.ceil(size / 1024))
        elif action == "UpdateItem":
            write_units += 1
        elif action == "BatchWriteItem":
            for requests in body["RequestItems"].values():
                for request in requests:
                    size = item_size((request.get("PutRequest") or {}).get("Item") or {})
                    sizes.append(size)
                    write_units += max(1, math.ceil(size / 1024))
    per = max(uploads, 1)
    return {
        "documents": uploads,
        "dynamodb_write_requests_per_document": {a: round(n / per, 2) for a, n in sorted(actions.items())},
        "items_written_per_document": round(len(sizes) / per, 2),
        "item_bytes_median": statistics.median(sizes) if sizes else 0,
        "item_bytes_max": max(sizes, default=0),
        "item_bytes_written_per_document": round(sum(sizes) / per),
        "write_request_units_per_document": round(write_units / per, 2),
        "upload_bytes_per_document": round(upload_bytes / per),
    }


def print_footprint(result: dict[str, Any], source: str) -> None:
    print(f"## What a dossier writes ({result['documents']} uploaded documents, journal of {source})\n")
    print("| figure | per document |")
    print("|---|---:|")
    requests = ", ".join(f"{action} {n}" for action, n in result["dynamodb_write_requests_per_document"].items())
    print(f"| DynamoDB write requests | {requests} |")
    print(f"| items written (puts, updates' keys) | {result['items_written_per_document']} |")
    print(f"| item size median / max (bytes) | {result['item_bytes_median']} / {result['item_bytes_max']} |")
    print(f"| bytes of items written | {result['item_bytes_written_per_document']} |")
    print(f"| write request units (on-demand) | {result['write_request_units_per_document']} |")
    print(f"| S3 upload (multipart body) bytes | {result['upload_bytes_per_document']} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = footprint(args.data_dir)
    if not result["documents"]:
        print("no upload in these journals", file=sys.stderr)
        return 1
    print_footprint(result, str(args.data_dir))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
