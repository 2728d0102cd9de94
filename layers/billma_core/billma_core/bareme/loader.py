"""Loading a barème version: the packaged file by default, or a newer one a deployment points at.

The pure core never talks to S3: for an ``s3://`` source the caller hands in a ``fetch`` callable
(the Lambda adapter wraps boto3), so this module stays importable and testable without AWS.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from billma_core.bareme.schema import Bareme
from billma_core.errors import BillmaError

DEFAULT_VERSION = "2025.3"
_PACKAGE_DATA = "billma_core.bareme"

Fetch = Callable[[str], bytes]

_lock = threading.Lock()
_cache: dict[str, Bareme] = {}


class BaremeError(BillmaError):
    """A barème that cannot be loaded or does not pass its schema."""

    status = 500
    code = "bareme_error"


def parse_bareme(data: bytes | str) -> Bareme:
    """Validate a barème document (JSON text or bytes)."""
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaremeError(f"barème illisible (JSON invalide) : {exc}") from exc
    try:
        return Bareme.model_validate(raw)
    except ValidationError as exc:
        raise BaremeError("barème invalide", details=exc.errors(include_url=False, include_context=False)) from exc


def packaged_bareme_bytes(version: str = DEFAULT_VERSION) -> bytes:
    return resources.files(_PACKAGE_DATA).joinpath(f"data/bareme-{version}.json").read_bytes()


def packaged_versions() -> list[str]:
    names = [p.name for p in resources.files(_PACKAGE_DATA).joinpath("data").iterdir()]
    return sorted(n.removeprefix("bareme-").removesuffix(".json") for n in names if n.endswith(".json"))


def load_bareme(source: str | None = None, *, fetch: Fetch | None = None) -> Bareme:
    """The barème for ``source``, validated once per process (per cold start) and cached.

    ``source``: ``None`` for the packaged default version, ``"packaged:<version>"``, a local path,
    or an ``s3://bucket/key`` URI which needs ``fetch`` (URI -> bytes) from the caller.
    """
    key = source or f"packaged:{DEFAULT_VERSION}"
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        bareme = parse_bareme(_read(key, fetch))
        _cache[key] = bareme
        return bareme


def _read(key: str, fetch: Fetch | None) -> bytes:
    if key.startswith("packaged:"):
        version = key.removeprefix("packaged:")
        try:
            return packaged_bareme_bytes(version)
        except FileNotFoundError as exc:
            raise BaremeError(f"version de barème inconnue : {version}") from exc
    if key.startswith("s3://"):
        if fetch is None:
            raise BaremeError("barème sur S3 : aucune fonction de lecture fournie (fetch)")
        return fetch(key)
    try:
        return Path(key).read_bytes()
    except OSError as exc:
        raise BaremeError(f"barème introuvable : {key}") from exc


def clear_cache(*sources: str) -> None:
    """Forget these loaded sources, every one when none is named (tests; a warm container keeps its
    barème on purpose)."""
    with _lock:
        if not sources:
            _cache.clear()
        for source in sources:
            _cache.pop(source, None)
