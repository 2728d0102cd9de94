"""Start-up of ``billma local`` with data on disk against an empty start (a script, not a test):

    .venv/bin/python bench/bench_start.py DATA_DIR [--rounds 3] [--json out.json]

``DATA_DIR`` is a data directory left by a run (``bench_load.py`` prints where its own is). Each
round starts ``billma local`` on a copy of it and on a new empty directory, in turn, and times
the process from its launch to ``/health`` answering 200 (interpreter, imports, moto, snapshot
and journals loaded, handlers imported). Reported: the medians, their ratio (the cost of the data,
whatever the machine's load) and the size of what was loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from billma_cli.local.launcher import launch


def ready_seconds(data_dir: Path, log_path: Path) -> float:
    stack = launch(log_path, data_dir)
    stack.interrupt(timeout=30)
    return stack.started_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="billma-start-"))
    loaded = work / "loaded"
    shutil.copytree(args.data_dir, loaded)
    size = sum(path.stat().st_size for path in loaded.rglob("*") if path.is_file()) / 1e6
    with_data: list[float] = []
    empty: list[float] = []
    for round_number in range(args.rounds):
        with_data.append(ready_seconds(loaded, work / "with-data.log"))
        empty.append(ready_seconds(work / f"empty-{round_number}", work / "empty.log"))
    log_lines = (work / "with-data.log").read_text(errors="replace").splitlines()
    restored = next((line for line in reversed(log_lines) if "données locales" in line), "")
    result = {
        "data_megabytes": size,
        "with_data_seconds": with_data,
        "empty_seconds": empty,
        "median_with_data": statistics.median(with_data),
        "median_empty": statistics.median(empty),
        "ratio": statistics.median(with_data) / statistics.median(empty),
        "load_average": os.getloadavg()[0],
        "restored": restored,
    }
    print(f"## Start-up with {size:.0f} MB of data against an empty start ({args.rounds} rounds, interleaved)\n")
    print(f"load average {result['load_average']:.1f}; {restored.split(' : ', 1)[-1]}\n")
    print("| start | median (s) | all (s) |")
    print("|---|---:|---|")
    print(f"| with the data | {result['median_with_data']:.1f} | {', '.join(f'{s:.1f}' for s in with_data)} |")
    print(f"| empty | {result['median_empty']:.1f} | {', '.join(f'{s:.1f}' for s in empty)} |")
    print(f"| ratio | {result['ratio']:.2f} | |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
