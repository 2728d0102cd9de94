"""``billma`` with RapidOCR's raw answers kept on disk, keyed by what the engine is given (a bench tool).

    .venv/bin/python bench/ocr_cache.py CACHE_DIR evaluate --json --cover … FILES…

OCR is the slow part of reading a scan (seconds per call on this machine). The reader's own
steps before the engine (survey, turn, crops, bands) are deterministic, so the same document
gives the engine the same images: a call seen before is answered from the cache, a new one
(an image step changed, a new document) runs the engine and is kept. A change after the engine
is thus measured in seconds; a change of what the engine is given pays real OCR on the calls it
changes only. ``bench_heldout.py --ocr-cache DIR`` and ``bench_reader_fuzz.py --scans`` use it.
The key is o17's (session 10): its cache of sets 1–9 replays here as it is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Seconds spent in the engine, calls made, calls answered from the cache (this process).
TALLY = {"seconds": 0.0, "calls": 0, "hits": 0}


def _key(image: Any, **steps: Any) -> str:
    digest = hashlib.sha256()
    if isinstance(image, bytes | bytearray):
        digest.update(image)
    elif hasattr(image, "tobytes") and hasattr(image, "size") and hasattr(image, "mode"):  # a PIL image
        digest.update(image.tobytes())
        digest.update(repr((image.size, image.mode)).encode())
    else:
        import numpy as np

        array = np.asarray(image)
        digest.update(array.tobytes())
        digest.update(repr(array.shape).encode())
    digest.update(repr(sorted(steps.items())).encode())
    return digest.hexdigest()


def install(cache: Path) -> None:
    """Answer RapidOCR's calls from ``cache`` when seen, else run the engine and keep its answer."""
    from billma_core.reading.ocr import rapid

    engine_call = rapid._run
    cache.mkdir(parents=True, exist_ok=True)

    def cached_run(image: Any, **steps: Any) -> Any:
        path = cache / f"{_key(image, **steps)}.pkl"
        if path.exists():
            TALLY["hits"] += 1
            return pickle.loads(path.read_bytes())
        started = time.perf_counter()
        result = engine_call(image, **steps)
        TALLY["seconds"] += time.perf_counter() - started
        TALLY["calls"] += 1
        kept = SimpleNamespace(
            **{name: getattr(result, name, None) for name in ("boxes", "txts", "scores", "word_results", "cls_res")}
        )
        partial = path.with_suffix(f".{os.getpid()}.tmp")  # parallel groups: never a half-written answer
        partial.write_bytes(pickle.dumps(kept))
        partial.replace(path)
        return kept

    rapid._run = cached_run


def main(argv: list[str]) -> int:
    os.environ.setdefault("BILLMA_OCR_ENGINE", "rapidocr")
    install(Path(argv[0]))
    from billma_cli.cli import main as billma

    code = billma(argv[1:])
    calls, seconds, hits = TALLY["calls"], TALLY["seconds"], TALLY["hits"]
    sys.stderr.write(f"ocr-cache: {calls} engine calls in {seconds:.0f} s, {hits} replayed\n")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
