"""A contractor's shorthand (issue 12, session 8): words cut short, with or without their dot,
read as the one barème word they start; a trade's abbreviations ("PC", "DV", "VMC SF"), barème
data with a source each, read as its words, case-aware where the case tells them apart. Wordings
written for this test; none is a line of a wordings set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billma_core.bareme import load_bareme
from billma_core.bareme.loader import BaremeError, packaged_bareme_bytes, parse_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import MIN_DOTTED_CUT, MIN_REPAIRED, Matcher
from billma_core.models import Unit

M2, U, ML = Unit.M2, Unit.U, Unit.ML


def _words(matcher: Matcher, wording: str) -> list[str]:
    return [tok for tok, _ in matcher.read(wording)]


def test_a_dotted_cut_is_the_word_it_starts(matcher: Matcher) -> None:
    assert "radiateur" in _words(matcher, "Rempl. radiat. élec.")
    assert "faience" in _words(matcher, "Faïen. murale")


def test_a_short_cut_counts_only_with_its_dot(matcher: Matcher) -> None:
    # "ragr" alone may be anything; written "ragr." it is the one barème word it starts.
    assert "ragr" in _words(matcher, "ragr sol")
    assert "ragreage" in _words(matcher, "ragr. sol")


def test_a_cut_of_a_word_the_vocabulary_drops_is_dropped(matcher: Matcher) -> None:
    # "séj." is the living room, where the work is, not what it is.
    assert _words(matcher, "Séj. peinture murs") == _words(matcher, "Séjour peinture murs")


def test_a_cut_starting_words_of_two_meanings_is_left_as_written(matcher: Matcher) -> None:
    # "vitr." starts "vitre" and "vitrification": no reading is taken for it.
    assert "vitr" in _words(matcher, "Vitr. salon")


def test_a_decimal_point_marks_no_cut(matcher: Matcher) -> None:
    assert matcher.words.truncated("Câble 3G2.5 et gaine") == frozenset()
    assert matcher.words.truncated("Dép. carrel. existant") == {"depose", "carrel"}


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_cut_reads_only_as_a_word_it_starts(matcher: Matcher, data: st.DataObject) -> None:
    """Any cut of a barème word is read as nothing, or as one word that cut starts (or a word the
    vocabulary rewrites it to): never as another word."""
    words = sorted(tok for tok, _ in matcher._known_words if len(tok) > MIN_REPAIRED)
    word = data.draw(st.sampled_from(words))
    cut = word[: data.draw(st.integers(MIN_DOTTED_CUT, len(word) - 1))]
    reading = matcher._completed(cut)
    assert reading is None or any(known.startswith(cut) and read == reading for known, read in matcher._known_words)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # Cut words.
        ("Rempl. radiat. élec.", U, "ELE-009"),
        ("Faïen. murale", M2, "CAR-002"),
        ("Ragré. sol", M2, "SOL-007"),
        ("Interr. va-et-vient", U, "ELE-002"),
        # Removal and refitting written cut: the refitting item, never new skirting.
        ("Dép./rep. plinthes", ML, "SOL-012"),
        ("Dép. et rep. radiateur", U, "PLO-015"),
        # A trade's abbreviations.
        ("PC 16A en saillie", U, "ELE-001"),
        ("Rempl. ID 63A type AC", U, "ELE-005"),
        ("DV feuilleté 44.2/16/4", M2, "VIT-001"),
        ("Inter VV saillie", U, "ELE-002"),
        ("Caisson VMC SF autoréglable", U, "ELE-010"),
        ("Ballon ECS 150 L vertical", U, "PLO-012"),
        ("LVT à coller", M2, "SOL-005"),
    ],
)
def test_shorthand_wordings_are_priced_at_their_item(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


def test_a_cut_of_intervention_is_no_switch(matcher: Matcher) -> None:
    # "inter." is an intervention as often as a switch: a plumber's hour stays a plumber's.
    match = matcher.match("Inter. plombier 1 h", Unit.H)
    assert match.item is not None and match.item.code == "PLO-013"


def test_a_case_aware_abbreviation_is_read_only_in_its_capitals(matcher: Matcher) -> None:
    # "PC" is a socket; "pc", a piece counted, is not.
    assert "prise" in matcher.words.tokens("PC 16A")
    assert "prise" not in matcher.words.tokens("3 pc")
    # Nor inside another word, hyphenated or not.
    assert "prise" not in matcher.words.tokens("PCE 16")
    assert "prise" not in matcher.words.tokens("Reprise PC-portable")


def test_every_abbreviation_has_its_source() -> None:
    raw = json.loads(packaged_bareme_bytes())
    assert raw["vocabulary"]["shorthand"]
    raw["vocabulary"]["shorthand"][0]["source"] = ""
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))


def test_an_abbreviation_has_one_reading() -> None:
    raw = json.loads(packaged_bareme_bytes())
    first = raw["vocabulary"]["shorthand"][0]
    raw["vocabulary"]["shorthand"].append({**first, "read_as": "prise"})
    with pytest.raises(BaremeError) as refused:
        parse_bareme(json.dumps(raw))
    assert "shorthand" in str(refused.value.details)


def test_every_abbreviation_cites_where_it_is_written_so() -> None:
    """Each entry names its source (an address or a code index id) and quotes the abbreviation as
    that source writes it."""
    for entry in load_bareme().vocabulary.shorthand:
        assert re.search(r"https?://|\bids? \d+", entry.source), entry.written
        quoted = " ".join(re.findall(r"«\s*(.+?)\s*»", entry.source))
        assert (entry.written in quoted) if entry.exact_case else (entry.written.lower() in quoted.lower()), entry


@pytest.mark.parametrize(
    ("wording", "trade"),
    [
        ("Rempl. vitrage 4/16/4", Trade.GLAZING),
        ("Feuilleté 44.2/16/4 argon", Trade.GLAZING),
        ("Ligne en 3G2.5 sous ICTA", Trade.ELECTRICITY),
        ("Câble 3x1,5 mm²", Trade.ELECTRICITY),
        ("Différentiel 30mA", Trade.ELECTRICITY),
        ("Socle 2P+T", Trade.ELECTRICITY),
        ("Tube multicouche Ø16", Trade.PLUMBING),
    ],
)
def test_specification_tokens_mark_their_trade(matcher: Matcher, wording: str, trade: Trade) -> None:
    assert trade in matcher.words.marked_trades(wording)


@pytest.mark.parametrize("wording", ["Cloison 72/48", "Carrelage 60x60", "Devis du 12/03/2024", "Peinture 2 couches"])
def test_sizes_and_dates_mark_no_trade(matcher: Matcher, wording: str) -> None:
    assert matcher.words.marked_trades(wording) == frozenset()


DEVELOPMENT = [
    line.split("\t")[:2]
    for line in (Path(__file__).with_name("wordings.tsv")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
MARKS = ["4/16/4", "3G2.5", "30mA", "2P+T", "Ø32"]


@settings(max_examples=150, deadline=None)
@given(line=st.sampled_from(DEVELOPMENT), mark=st.sampled_from(MARKS))
def test_a_mark_never_widens_the_candidates_nor_raises_a_ceiling(matcher: Matcher, line: list[str], mark: str) -> None:
    """Whatever the line, a specification token only rules out plausible candidates of other
    trades: the plausible ones it keeps were plausible, none dearer, and a line it alone would
    name stays unmatched."""
    wording, unit = line[0], Unit(line[1]) if line[1] else None
    before = matcher.match(wording, unit)
    after = matcher._marked(before, f"{wording} {mark}")
    kept = after.candidates[: after.plausible]
    assert {c.item.code for c in kept} <= {c.item.code for c in before.candidates[: before.plausible]}
    if kept:
        dearest = max(c.item.unit_price_ht for c in before.candidates[: before.plausible])
        assert max(c.item.unit_price_ht for c in kept) <= dearest
    assert (after.item is None) == (before.item is None)
    assert matcher.match(mark, unit).item is None
