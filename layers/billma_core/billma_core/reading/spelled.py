"""Amounts written in French words ("trois cent soixante et un euros et trente-neuf centimes").

A tender's price schedule writes each unit price in words beside its figures, and a quote may
state its total in words ("Arrêté le présent devis à la somme de …"). Such a phrase is no part of
a line's wording; it is a second statement of a figure, held against the figures. The words are
data (``number_words.json``); the grammar (tens added, "quatre-vingts" multiplied, "cent" and
"mille" scaling what stands before them) is code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz.distance import Levenshtein

from billma_core.reading.numbers import one_edit

NUMBER_WORDS_FILE = Path(__file__).with_name("number_words.json")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CENTS_PER_EURO = 100
_TENS_AFTER_FOUR = 20  # "quatre-vingts": four twenties


class NumberWordsFile(BaseModel):
    """The schema of ``number_words.json``."""

    model_config = ConfigDict(extra="forbid")
    about: str
    values: dict[str, int] = Field(min_length=1)
    hundred: list[str] = Field(min_length=1)
    thousand: list[str] = Field(min_length=1)
    million: list[str] = Field(min_length=1)
    and_: list[str] = Field(alias="and", min_length=1)
    currency: list[str] = Field(min_length=1)
    cents: list[str] = Field(min_length=1)
    total_statements: list[str] = Field(min_length=1)  # what states the document's sum ("à la somme de")


@dataclass(frozen=True, slots=True)
class Spelled:
    """An amount found in words, and the characters of the row it spans."""

    value: Decimal
    start: int
    end: int


@cache
def _words() -> NumberWordsFile:
    return NumberWordsFile.model_validate(json.loads(NUMBER_WORDS_FILE.read_text(encoding="utf-8")))


def _number_word(word: str) -> bool:
    data = _words()
    return word in data.values or word in data.hundred or word in data.thousand or word in data.million


def _value(words: list[str]) -> int:
    """The whole number the words spell (number words and "et" only)."""
    data = _words()
    total, current, previous = 0, 0, None
    for word in words:
        if word in data.and_:
            continue
        if word in data.hundred:
            current = (current or 1) * 100
        elif word in data.thousand:
            total, current = total + (current or 1) * 1000, 0
        elif word in data.million:
            total, current = total + (current or 1) * 1_000_000, 0
        elif data.values[word] == _TENS_AFTER_FOUR and previous == 4 and current % 100 == 4:
            current += 4 * _TENS_AFTER_FOUR - 4  # "quatre-vingt(s)": 4 × 20
        else:
            current += data.values[word]
        previous = data.values.get(word)
    return total + current


def _run(words: list[str], index: int) -> int:
    """Index past the run of number words (and "et" between them) opening at ``index``."""
    data = _words()
    end = index
    while end < len(words):
        word = words[end]
        # "et" only between two number words ("soixante et un"), never opening or closing a run.
        joining = word in data.and_ and index < end < len(words) - 1
        if not (_number_word(word) or (joining and _number_word(words[end + 1]))):
            break
        end += 1
    return end


_CENTS_REACH = 8  # words after "euros" within which a cents word means cents are stated


def _cents_stated(words: list[str]) -> bool:
    """A cents word among the words after an amount's "euros", before any other amount's."""
    data = _words()
    for word in words:
        if word in data.cents:
            return True
        if word in data.currency:
            return False
    return False


_SLIP_MIN = 4  # letters a word needs for one letter off to still name it ("cing", not "sis")


@cache
def _spellings() -> tuple[str, ...]:
    data = _words()
    known = [*data.values, *data.hundred, *data.thousand, *data.million, *data.currency, *data.cents]
    return tuple(word for word in known if len(word) >= _SLIP_MIN)


_LOOSE_MIN = 7  # letters a word needs for two letters off to still name it ("cisiquante", "cenumes")


@cache
def _through_slips(word: str, loose: bool = False) -> str:
    """The number word OCR misread by one letter ("cing", "curos", "centmes"), when exactly
    one is that near; ``loose``: also by two for a word of seven letters or more ("cisiquante",
    "centiunes"), when exactly one is within two and none within one; else the word as read."""
    if len(word) < _SLIP_MIN or word in _spellings() or word in _words().and_:
        return word
    near = {known for known in _spellings() if one_edit(word, known)}
    if not near and loose and len(word) >= _LOOSE_MIN:
        near = {known for known in _spellings() if Levenshtein.distance(word, known, score_cutoff=2) <= 2}
    return near.pop() if len(near) == 1 else word


def spelled_amounts(text: str, ocr: bool = False, loose: bool = False) -> list[Spelled]:
    """Every amount in euros written in words in ``text`` ("… euros [et … centimes]"); read by
    OCR (``ocr``), a word one letter off a number word is read as that word; ``loose``, a long
    word two letters off as well (``_through_slips``): only for a caller whose figures then
    confirm the amount (a line's unit price or total), as the words alone do not."""
    data = _words()
    tokens = list(_WORD.finditer(text))
    words = [t.group().lower() for t in tokens]
    if ocr:
        words = [_through_slips(word, loose) for word in words]
    found: list[Spelled] = []
    index = 0
    while index < len(words):
        end = _run(words, index)
        if end == index or end >= len(words) or words[end] not in data.currency:
            index = max(end, index + 1)
            continue
        euros = _value(words[index:end])
        last = end
        cents = 0
        after = end + 1
        if after < len(words) and words[after] in data.and_:
            after += 1
        cents_end = _run(words, after)
        if cents_end > after and cents_end < len(words) and words[cents_end] in data.cents:
            cents = _value(words[after:cents_end])
            last = cents_end
        elif after > end + 1 or _cents_stated(words[after : end + _CENTS_REACH]):
            # "… euros et" not followed by cents the parser reads ("et trente-cing centimes",
            # "el quarante et un centimes": a word misread by OCR): the amount is left unread
            # rather than read short.
            index = after
            continue
        if cents < _CENTS_PER_EURO:
            value = Decimal(euros) + Decimal(cents) / _CENTS_PER_EURO
            found.append(Spelled(value.quantize(Decimal("0.01")), tokens[index].start(), tokens[last].end()))
        index = last + 1
    return found


_STATEMENT_REACH = 60  # characters: "à la somme de :" stands just before its amount


def stated_total(text: str) -> Decimal | None:
    """The document's sum as a sentence states it in words ("Arrêté le présent devis à la somme
    de : deux mille … euros toutes taxes comprises"): the last such amount, or None."""
    flat = " ".join(text.split())
    lower = flat.lower()
    statements = _words().total_statements
    if not any(phrase in lower for phrase in statements):
        return None  # most documents: no statement, so no amount it states (no words to spell out)
    stated = [
        found.value
        for found in spelled_amounts(flat)
        if any(_states(lower[max(found.start - _STATEMENT_REACH, 0) : found.start], phrase) for phrase in statements)
    ]
    return stated[-1] if stated else None


def _states(before: str, phrase: str) -> bool:
    """The statement stands right before the amount, a colon at most between them: a word the
    parser does not know ("troi mille …") leaves the amount unread rather than read short."""
    at = before.rfind(phrase)
    return at >= 0 and _JUST_BEFORE.fullmatch(before[at + len(phrase) :]) is not None


_JUST_BEFORE = re.compile(r"[\s:]*")
