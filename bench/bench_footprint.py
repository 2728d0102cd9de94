"""What a dossier writes, read from a ``billma local`` data directory (a script, not a test):

    .venv/bin/python bench/bench_footprint.py DATA_DIR [--json out.json]

The journal holds every write moto answered 2xx (``billma_cli.local.persistence``): each
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

from billma_cli.local.persistence import JOURNAL_FILE, read_records  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    actions: Counter[str] = Counter()
    sizes: list[int] = []
    write_units = 0
    uploads = 0
    upload_bytes = 0
    for record in read_records(args.data_dir / JOURNAL_FILE, repair=False):
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
    if not uploads:
        print("no upload in this journal", file=sys.stderr)
        return 1
    result = {
        "documents": uploads,
        "dynamodb_write_requests_per_document": {a: round(n / uploads, 2) for a, n in sorted(actions.items())},
        "items_written_per_document": round(len(sizes) / uploads, 2),
        "item_bytes_median": statistics.median(sizes) if sizes else 0,
        "item_bytes_max": max(sizes, default=0),
        "item_bytes_written_per_document": round(sum(sizes) / uploads),
        "write_request_units_per_document": round(write_units / uploads, 2),
        "upload_bytes_per_document": round(upload_bytes / uploads),
    }
    print(f"## What a dossier writes ({uploads} uploaded documents, journal of {args.data_dir})\n")
    print("| figure | per document |")
    print("|---|---:|")
    requests = ", ".join(f"{action} {n}" for action, n in result["dynamodb_write_requests_per_document"].items())
    print(f"| DynamoDB write requests | {requests} |")
    print(f"| items written (puts, updates' keys) | {result['items_written_per_document']} |")
    print(f"| item size median / max (bytes) | {result['item_bytes_median']} / {result['item_bytes_max']} |")
    print(f"| bytes of items written | {result['item_bytes_written_per_document']} |")
    print(f"| write request units (on-demand) | {result['write_request_units_per_document']} |")
    print(f"| S3 upload (multipart body) bytes | {result['upload_bytes_per_document']} |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
