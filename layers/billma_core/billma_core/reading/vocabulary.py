"""The reader's words (``vocabulary.json``): unit spellings, rows that are not lines (subtotals,
carried totals, deposits, payments made), optional and discount words. Data, not code: a new
spelling is a line in the JSON, never a new pattern."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from billma_core.models import Unit

_FILE = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    units: dict[str, Unit]  # spelling (lower-case) → unit
    lump_sum: re.Pattern[str]
    subtotal: re.Pattern[str]
    carried: re.Pattern[str]
    deposit: re.Pattern[str]
    paid: re.Pattern[str]
    optional: re.Pattern[str]
    discount: re.Pattern[str]
    prose_opener: re.Pattern[str]

    def not_a_line(self, key: str) -> bool:
        """A subtotal, a carried total, a deposit or a payment already made (``key``: the
        squeezed lower-case row)."""
        return any(p.search(key) for p in (self.subtotal, self.carried, self.deposit, self.paid))


def _phrases(words: list[str]) -> re.Pattern[str]:
    """Any of the phrases, on word boundaries, longest first; a space matches any spacing."""
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s*") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


@cache
def vocabulary() -> Vocabulary:
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    units = {spelling: Unit(code) for code, spellings in data["units"].items() for spelling in spellings}
    return Vocabulary(
        units=units,
        lump_sum=_phrases(data["lump_sum_words"]),
        subtotal=_phrases(data["subtotal"]),
        carried=_phrases(data["carried"]),
        deposit=_phrases(data["deposit"]),
        paid=_phrases(data["paid"]),
        optional=_phrases(data["optional"]),
        discount=_phrases(data["discount"]),
        prose_opener=re.compile(r"^(?:" + "|".join(re.escape(w) for w in data["prose_openers"]) + r")\s+"),
    )
