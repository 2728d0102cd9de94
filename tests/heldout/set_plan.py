"""What the generators of the frozen sets share beside rendering: a family set's plan of
documents (``families2.py`` onwards: its scenarios, its covers, their shuffled order), the name a
sender gives a file, and how a truth or a manifest file is written (every generator). The one driver
of sets 4 onwards, on top of these, is ``family_set.py``."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.heldout.catalog import BDG, DDE

# (family, scenario, cover, media, invoice) of one document.
Planned = tuple[str, str, str, str, bool]


def family_plan(
    seed: int,
    families: Sequence[str],
    text_scenarios: Mapping[str, Sequence[str]],
    text_cover: Callable[[str, int, str], str],
    invoices: Mapping[str, Sequence[int]],
    scans: Sequence[tuple[str, str, str, str]],
    scan_invoice: Callable[[int, str], bool],
) -> list[Planned]:
    """Every document of a set, in a shuffled upload order: each family's text PDFs (its k-th
    scenario under ``text_cover(family, k, scenario)``, an invoice when k is in its ``invoices``), then the
    scans and photos ``(family, media, scenario, cover)``, the k-th an invoice by ``scan_invoice``."""
    docs: list[Planned] = []
    for family in families:
        for k, scenario in enumerate(text_scenarios[family]):
            docs.append((family, scenario, text_cover(family, k, scenario), "text_pdf", k in invoices.get(family, ())))
    for k, (family, media, scenario, cover) in enumerate(scans):
        docs.append((family, scenario, cover, media, scan_invoice(k, family)))
    random.Random(seed).shuffle(docs)
    return docs


TEXT_STEMS = ("devis_client", "document", "envoi", "piece_jointe", "pdf_artisan")


def file_stem(rng: random.Random, media: str, text_stems: tuple[str, ...] = TEXT_STEMS) -> str:
    """The name a sender gives the file: a scanner's or a phone's, or a PDF sent as it is."""
    if media != "text_pdf":
        return rng.choice(["scan", "photo", "IMG", "numerisation", "doc"])
    return rng.choice(list(text_stems))


def write_json(path: Path, value: Any) -> None:
    """A truth or a manifest as the frozen sets hold them: indented UTF-8 JSON, a final newline."""
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def among_fair(count: int, *faults: str) -> tuple[str, ...]:
    """A family's text scenarios: ``count`` documents, the odd ones ``faults`` in turn, the even ones
    fair (the fifth priced for its region), so each planted fault stands between fair quotes."""
    return tuple(faults[k // 2] if k % 2 else "regional_fair" if k == 4 else "fair" for k in range(count))


def covers_in_turn(covers: Sequence[str], glazier: Callable[[str, str], bool]) -> Callable[[str, int, str], str]:
    """The k-th text document's cover, from ``covers`` in turn; a glass breakage only for the families
    and scenarios a glazier's quote is drawn with (``glazier(family, scenario)``), water damage for
    the others."""

    def cover(family: str, k: int, scenario: str) -> str:
        if covers[k] == BDG and not glazier(family, scenario):
            return DDE
        return covers[k]

    return cover


def covers_by_index(covers: Sequence[str]) -> Callable[[str, int, str], str]:
    """The k-th text document's cover, ``covers[k]``; a not-covered quote under water damage (the
    work its generator adds, a leak repair or a glazing, is what the cover leaves out)."""

    def cover(family: str, k: int, scenario: str) -> str:
        return DDE if scenario == "not_covered" else covers[k]

    return cover
