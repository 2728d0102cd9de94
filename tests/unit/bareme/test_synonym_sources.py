"""The barème's words come from outside our heads: every synonym it gains quotes its public source,
and none makes a labelled development wording priced under a dearer wrong item.

A synonym recorded before this rule (``synonyms_before_sources.tsv``) is exempt; any other must be
a verbatim part of a wording quoted « … » in one of its item's sources, and that source must say
where it is (an address or a code-index id)."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bench.bench_matcher import load_public2
from billma_core.bareme import Bareme, load_bareme, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Unit

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1]
LEGACY = HERE / "synonyms_before_sources.tsv"
# Labelled development wordings: wording, unit, expected code(s) ("A|B" either, "A+B" a sum) or UNMATCHED.
LABELLED = [
    (TESTS / "unit" / "evaluation" / "wordings.tsv", 0),
    (TESTS / "unit" / "evaluation" / "wordings_fresh.tsv", 0),
    (TESTS / "unit" / "evaluation" / "wordings_derived.tsv", 0),
    (TESTS / "unit" / "evaluation" / "wordings_shorthand.tsv", 0),
    (TESTS / "heldout" / "wordings" / "wordings.tsv", 0),
    (TESTS / "heldout" / "wordings3" / "wordings.tsv", 1),
    (TESTS / "heldout" / "wordings4" / "wordings.tsv", 1),
]
QUOTE = re.compile(r"«\s*(.+?)\s*»")
WHERE = re.compile(r"https?://|\bid \d+")
UNITS = {unit.value for unit in Unit} | {""}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _legacy() -> set[tuple[str, str]]:
    rows = [line.split("\t") for line in LEGACY.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return {(code, _fold(synonym)) for code, synonym in rows}


def _quoted_by_a_source(synonym: str, sources: list[str]) -> bool:
    words = f" {_fold(synonym)} "
    return any(
        WHERE.search(source) and words in f" {_fold(quote)} " for source in sources for quote in QUOTE.findall(source)
    )


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def test_every_new_synonym_quotes_its_public_source(bareme: Bareme) -> None:
    legacy = _legacy()
    unsourced = [
        (item.code, synonym)
        for item in bareme.items
        for synonym in item.synonyms
        if (item.code, _fold(synonym)) not in legacy and not _quoted_by_a_source(synonym, item.sources)
    ]
    assert not unsourced
    # The rule bites: the barème gained sourced words since the list was recorded.
    assert any((item.code, _fold(s)) not in legacy for item in bareme.items for s in item.synonyms)


def test_an_unquoted_synonym_is_caught() -> None:
    assert not _quoted_by_a_source("pose de placo", ["ledabelle.com, prix du placo"])
    assert not _quoted_by_a_source("pose de placo", ["sans adresse : « Pose de placo BA13 »"])
    assert _quoted_by_a_source("pose de placo", ["https://exemple.fr/prix : « Pose de placo BA13 » 28 €/m²"])
    assert not _quoted_by_a_source("pose de plac", ["https://exemple.fr/prix : « Pose de placo BA13 »"])


def _without_new_words(legacy: set[tuple[str, str]]) -> Bareme:
    """The packaged barème as it would be without any sourced synonym or item added since the list."""
    raw: dict[str, Any] = json.loads(packaged_bareme_bytes())
    known = {code for code, _ in legacy}
    raw["items"] = [item for item in raw["items"] if item["code"] in known]
    for item in raw["items"]:
        item["synonyms"] = [s for s in item.get("synonyms", []) if (item["code"], _fold(s)) in legacy]
        names = [_fold(name) for name in (item["label"], *item["synonyms"])]
        item["heads"] = [h for h in item.get("heads", []) if any(_fold(h) in name for name in names)]
        item["includes"] = [code for code in item.get("includes", []) if code in known]
        if item.get("removal") not in known:
            item.pop("removal", None)
    return parse_bareme(json.dumps(raw))


def _labelled() -> list[tuple[str, str, Unit | None, list[frozenset[str]]]]:
    cases = []
    for path, column in LABELLED:
        for raw in path.read_text(encoding="utf-8").splitlines():
            fields = raw.split("\t")
            if raw.startswith("#") or len(fields) < column + 3 or fields[column + 1] not in UNITS:
                continue
            wording, unit, expected = fields[column : column + 3]
            alternatives = [] if expected == "UNMATCHED" else [frozenset(a.split("+")) for a in expected.split("|")]
            cases.append((path.name, wording, Unit(unit) if unit else None, alternatives))
    # Frozen set 2's public wordings are labelled by category: any of the category's items is right.
    for text, measure, codes in load_public2():
        cases.append(("wordings2", text, measure, [frozenset({code}) for code in codes]))
    return cases


def _dangerous(
    bareme: Bareme, cases: list[tuple[str, str, Unit | None, list[frozenset[str]]]], labelled_with: set[str]
) -> set[str]:
    """Wordings accepted under a dearer reference than their right pricing, or priced when the barème
    has no item for them: the matches that could let an inflated line through. A pricing under items
    no cover pays is never accepted (the line is excluded from the revision), so it is no danger; nor
    is an UNMATCHED wording priced as an item the barème did not have when it was labelled (the
    label said the item was missing, not that the work is none)."""
    matcher = matcher_for(bareme)
    known = {item.code for item in bareme.items}
    dangerous = set()
    for name, wording, unit, alternatives in cases:
        if any(not a <= known for a in alternatives):
            continue
        match = matcher.match(wording, unit)
        if match.parts:
            got, accepted = frozenset(i.code for i in match.parts), sum(i.unit_price_ht for i in match.parts)
        elif match.item is not None:
            got = frozenset({match.item.code})
            accepted = max(c.item.unit_price_ht for c in match.candidates[: max(match.plausible, 1)])
        else:
            continue
        if got in alternatives or not any(bareme.item(code).covers for code in got):
            continue
        if not alternatives and not got <= labelled_with:
            continue
        right = min((sum((bareme.item(c).unit_price_ht for c in a), Decimal(0)) for a in alternatives), default=None)
        if right is None or accepted > right:
            dangerous.add(f"{name}: {wording}")
    return dangerous


# Slow: every labelled development wording matched by two barèmes' matchers, one of them built cold (CI's slow
# step runs it; the quick test above holds each new synonym to its source).
@pytest.mark.slow
def test_no_sourced_word_makes_a_labelled_wording_dearer(bareme: Bareme) -> None:
    cases = _labelled()
    assert len(cases) > 700
    legacy = _legacy()
    labelled_with = {code for code, _ in legacy}
    before = _dangerous(_without_new_words(legacy), cases, labelled_with)
    assert _dangerous(bareme, cases, labelled_with) <= before
