"""The barème: the network's versioned reference price schedule, as data.

``load_bareme()`` gives the packaged version (validated, cached per process); search lives in
``billma_core.bareme.search`` because it shares the evaluation's matcher.
"""

from billma_core.bareme.loader import (
    DEFAULT_VERSION,
    BaremeError,
    clear_cache,
    load_bareme,
    packaged_bareme_bytes,
    packaged_versions,
    parse_bareme,
)
from billma_core.bareme.schema import DEPARTEMENTS, Bareme, BaremeItem, Trade

__all__ = [
    "DEFAULT_VERSION",
    "DEPARTEMENTS",
    "Bareme",
    "BaremeError",
    "BaremeItem",
    "Trade",
    "clear_cache",
    "load_bareme",
    "packaged_bareme_bytes",
    "packaged_versions",
    "parse_bareme",
]
