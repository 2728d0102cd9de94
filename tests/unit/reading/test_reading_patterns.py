"""``vocabulary.looked_ahead``: a pattern's opening characters looked ahead for (a speed-up of the
regex engine), its matches unchanged; a pattern whose shape does not tell them stays as it is."""

from __future__ import annotations

import re

import pytest

from billma_core.reading.vocabulary import looked_ahead, vocabulary

TEXTS = [
    "",
    "Total HT   1 200,00 €",
    "MONTANT TTC : 12,00",
    "Net à payer      980,00",
    "TVA 20 %   200,00",
    "xtotal ht, #12, n° 7, N° 8",
    "Devis du 12/03/2025, réf. 2025-03-12, 1er mars 2025",
    "Ab ab aB  - [x] ,b",
]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(match.span(), match.groups()) for match in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("source", "flags", "opening"),
    [
        (r"(?:montant|total)\s*h\.?t|\bnet\b", re.IGNORECASE, "(?=[mnt])"),
        (r"(?<!\d)(?P<d>[0-3]?\d)/(?P<m>\d\d)|(?P<y>20\d\d)-\d\d", 0, r"(?=[0-32\d])"),
        (r"\b(?:#|n\s*°)\s*(\d+)", re.IGNORECASE, r"(?=[\#n])"),
        (r"(?:\s*-)?\s+\[x\]", 0, r"(?=[\-\s])"),
        (r"a*b+", 0, "(?=[ab])"),
    ],
)
def test_opening_characters_are_looked_ahead_for_and_matches_stay(source: str, flags: int, opening: str) -> None:
    pattern = re.compile(source, flags)
    screened = looked_ahead(pattern)
    assert screened.pattern == opening + "(?:" + source + ")"
    assert screened.flags == pattern.flags
    for text in TEXTS:
        assert _matches(screened, text) == _matches(pattern, text), text


@pytest.mark.parametrize(
    "source",
    [
        r"a*",  # may match nothing: every position is a match
        r"x?\b",
        r".b",  # opens with any character
        r"[^a]b",
        r"(?i:a)b",  # its own flags
        r"(?:x|.)y",
        r"\Wb",
    ],
)
def test_a_pattern_whose_opening_is_unknown_stays_as_it_is(source: str) -> None:
    pattern = re.compile(source)
    assert looked_ahead(pattern) is pattern


def test_the_totals_labels_find_what_their_plain_shapes_find() -> None:
    """The labels as the vocabulary compiles them (looked ahead for) against the same shapes
    without the look-ahead, on rows where each names a total or does not."""
    rows = [
        "Total HT   1 200,00",
        "MONTANT T.T.C.   1 440,00 €",
        "Total général TTC : 1 440,00",
        "Net à payer   980,00",
        "TVA (20 %)   240,00",
        "Total travaux réalisés HT   980,00",
        "N° TVA intracommunautaire FR 12 345678901",
        "Prix unitaire HT   Montant HT",
        "peinture 2 couches   12 m²   25,00   300,00",
    ]
    for name, pattern in vocabulary().totals_labels:
        assert pattern.pattern.startswith("(?=["), name
        plain = re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 5 : -1], pattern.flags)
        for row in rows:
            assert _matches(pattern, row) == _matches(plain, row), (name, row)
    assert [name for name, pattern in vocabulary().totals_labels if pattern.search(rows[1])][:1] == ["ttc"]
