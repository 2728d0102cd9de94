"""Matching a quote line to a barème item from its wording and unit.

Each item is known by its label and synonyms (phrases). A line is compared with every phrase at
the token level, which is what makes the score robust to word order, plurals, abbreviations
and OCR noise (rapidfuzz similarity per token), and weighed two ways:

- how much of the phrase the line contains (rare words of the barème weigh more than
  "fourniture" or "pose"), and
- how much of the line the item explains with any of its names (and, at 3/4, with the work words
  of the items it includes: painting includes the usual preparation), the first words weighing
  most: French quote lines state the work first ("Peinture des murs : préparation des
  supports…") and details after, often in parentheses, which count half. A word the barème does
  not know at all ("façade", "béton") weighs like a fairly rare one: it is probably what the
  line is about.

A phrase word absent from the line costs twice (``PHRASE_EXPONENT``): "façade de meuble" must
not explain "Ravalement de façade". Words the barème does not know are first mended when one
OCR slip or a lost space explains them. The unit then confirms or weakens the match, and so
does the action: a line that only takes something out ("dépose") goes to an item that takes out,
never to a supply-and-fit item (a dearer reference would hide an overpriced line); a line that
takes out and puts back ("dépose et repose") never goes to the supply of a reusable thing (a new
door, radiator, sink). Below ``MATCH_THRESHOLD`` the line is left unmatched rather than priced
against the wrong item: a human looks at it, unless its own evidence (its words, its unit, the
quote's trades) supports readings and its price confirms one (``Match.supported``, judged by
``verdicts._by_its_price`` under the ceiling of every such reading).

A line is judged against what it could be, not one guess (:meth:`Matcher.match`): the ranked
candidates carry a calibrated confidence, and those the matcher cannot rule out (above the
threshold, close to the best) are *plausible*: the judge calls a line overpriced only above the
ceiling of every plausible one. A line naming several works ("protection et installation de
chantier", "nettoyage et repli") is priced as the sum of the items its parts name, unless one
item names them all ("nettoyage et désinfection après sinistre").

A line is the thing it names (the barème's ``heads`` and ``excludes``, see ``BaremeItem``): an
item that says what it is ("vitrage", "fenêtre") is not a line that only names its qualifiers
("double vitrage" of a window), nor one whose first word the barème does not know (an accessory:
"Poignée de fenêtre"), nor one naming what it never prices ("façade"); among the items whose head
the line names, the one named first wins, unless the line is measured in m² and the first is a
whole object counted by the unit (the glazing of a door-window).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from billma_core.bareme.schema import Bareme, BaremeItem, Trade
from billma_core.evaluation.text import FITTING, MIN_STEM, Wording, fold, stem
from billma_core.models import Unit

# Tuned on the corpus wordings, ~100 hand-written variants, 3 600 OCR-noised lines, ~30
# out-of-barème lines and the 296 labelled wordings of tests/unit/evaluation/wordings.tsv;
# measured on wordings_fresh.tsv, written afterwards (bench/bench_matcher.py).
MATCH_THRESHOLD = 0.6
PHRASE_WEIGHT = 0.6
LINE_WEIGHT = 0.4
UNKNOWN_TOKEN_WEIGHT = 1.2
GENERIC_FACTOR = 0.3
# Quote lines name the work first ("Peinture murale 2 couches (rebouchage, ponçage inclus)"):
# an item that explains the first meaningful word gets this much more.
HEAD_BONUS = 0.1
# An item that does not explain that first meaningful word, when the barème knows it, keeps this.
HEAD_MISMATCH = 0.85
# ... and when the barème does not know that word at all (an accessory, a brand).
UNKNOWN_HEAD_MISMATCH = 0.8
PHRASE_EXPONENT = 2.0
# Words in parentheses detail the work; they count this much of a word of the work itself.
DETAIL_FACTOR = 0.5
# Words of the work an item includes ("préparation courante comprise") explain this much.
INCLUDED_FACTOR = 0.75
INCLUDED_MAX_ITEMS = 4
_MATCH_CACHE_SIZE = 50_000
_SIMILARITY_CACHE_SIZE = 200_000

# A candidate doing another action than the line keeps this much of its score.
ACTION_MISMATCH = 0.5
# Candidates the matcher cannot rule out: above the threshold and this close to the best one,
# when the best one is doubtful (scores below DOUBT_BELOW, a calibrated confidence under 90 %).
# A sure best match ("Vitre simple cassée": single glazing) is never priced at a dearer
# neighbour (double glazing), which would let an overpriced line pass.
PLAUSIBLE_MARGIN = 0.06
DOUBT_BELOW = 0.8
CANDIDATE_LIMIT = 5
# The line's words keep plausible a candidate scoring this much at least that names what the line
# names and explains a word of work the best one does not (:func:`_by_evidence`), among this many.
EVIDENCE_FLOOR = 0.25
EVIDENCE_LIMIT = 10
# A line's word is explained by an item whose names have it this well (a plural, an included work).
EXPLAINED = 0.75
# An item with head words (what it is: "vitrage", "fenêtre") the line does not name keeps this
# much: the words that only qualify it ("double vitrage" of a window) never make the match.
HEADLESS = 0.5
# A line measured in m² or ml that names the head of an item priced in that measure and of a
# whole object counted by the unit ("porte-fenêtre double vitrage", per m²) or of a lump sum prices
# the measured part (the glazing), not the object: the counted item keeps this much.
COUNTED_IN_MEASURE = 0.6
# A word the barème does not know is mended (a slip, a lost space, a cut) from this many letters;
# a shorter one only when it is written cut, with its dot ("dép."), from MIN_DOTTED_CUT letters.
MIN_REPAIRED = 5
MIN_DOTTED_CUT = 3
# Two repair words (``Vocabulary.repair_words``) are this similar: the same action.
REPAIR_SIMILARITY = 0.9
# A head or an excluded word is named by a line word this similar (a plural, a slip).
NAMED_SIMILARITY = 0.8
# Each work a line naming several works names must be recognised this well on its own words.
PART_MIN_SCORE = 0.8
# Score of the best candidate -> how often such a best candidate names the work. Refitted
# (bench_matcher.py --calibration) on every development wording: tests/unit/evaluation's three
# labelled sets and both public collections (tests/heldout/wordings, wordings2), ~800 best
# candidates, smoothed and non-decreasing; on the public ones out of fold it says what happens
# within 4 % (docs/matcher.md, session 5: the 0.7–0.9 buckets now hold 32 lines, not 8).
CALIBRATION = ((0.0, 0.0), (0.5, 0.12), (0.6, 0.63), (0.7, 0.8), (0.8, 0.88), (0.9, 0.98), (1.0, 0.98))
_PARENTHESES = re.compile(r"\([^()]*\)?")
# Where a wording's statements end: a comma, a semicolon, a full stop that is no decimal point.
_STATEMENTS = re.compile(r"[,;]|\.(?!\d)")
# The one word that ends a folded wording after « à »: the work to do on what it names.
_SAID_AFTER = re.compile(r"\ba\s+([a-z]+)[\s.]*$")

LUMP_UNITS = frozenset({Unit.FORFAIT, Unit.ENS, Unit.U})
MEASURED_UNITS = frozenset({Unit.M2, Unit.ML})
TIME_UNITS = frozenset({Unit.H, Unit.DAY})


def token_similarity(a: str, b: str, words: Wording, known: frozenset[str] = frozenset()) -> float:
    """Similarity of two normalised tokens in [0, 1]; a word with one of the vocabulary's meaning
    prefixes before the other ("dépose", "repose" for "pose") is another word, and so are two
    words of the barème (``known``) of other stems more than one letter apart, or one of them the
    other followed by a third: a word the barème knows is no slip of several letters for another,
    nor a cut of a compound ("contrecollé" is no "contrôle" and no "contre", "humide" no
    "humidité"; "carrelé" and "carrelage" share their stem)."""
    if a == b:
        return 1.0
    if a in words.causes or b in words.causes:
        # What caused a loss names no work: it is no cut nor slip of a barème word ("tronc" /
        # "tronçon", "vent" / "ventilateur").
        return 0.0
    if a in words.compounds or b in words.compounds or words.other_kind(a, b):
        # "porteentree" is not a "porte" with a typo: the complement makes it another thing; a
        # work is not the thing of its stem ("plafonnage" / "plafonnier").
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long.endswith(short) and long[: len(long) - len(short)] in words.meaning_prefixes:
        return 0.0
    both_known = a in known and b in known
    if len(short) >= 4 and long.startswith(short):
        # An abbreviation ("peint." for peinture, "plaf" for plafond) or a derived form; not a
        # word the barème knows followed by another it knows: a compound ("contre" + "collé").
        return 0.0 if both_known and long[len(short) :] in known else 0.9
    if both_known and abs(len(a) - len(b)) > 1 and stem(a, words.suffixes) != stem(b, words.suffixes):
        return 0.0
    if len(short) >= 5 and len(long) == len(short) + 1 and long.endswith(short):
        # OCR lost the first letter ("einture").
        return 0.85
    if len(short) < 4 or short.isdigit() or long.isdigit() or a[0] != b[0]:
        # Different first letters are different words more often than OCR slips
        # ("remplacement" / "déplacement").
        return 0.0
    if len(short) == 4 and len(long) > 5:
        return 0.0
    ratio = fuzz.ratio(a, b) / 100.0
    # One letter changed in a five- or six-letter word is often another word ("bande" /
    # "bonde"); longer words absorb a slip.
    return ratio if ratio >= (0.8 if len(short) >= 7 else 0.83 if len(short) >= 5 else 0.75) else 0.0


def unit_factor(line_unit: Unit | None, item_unit: Unit) -> float:
    """How much the line's unit supports the match (1 = same unit)."""
    item = Unit.FORFAIT if item_unit is Unit.ENS else item_unit
    line = Unit.FORFAIT if line_unit is Unit.ENS else line_unit
    if line is None:
        return 0.95
    if line is item:
        return 1.0
    if line in LUMP_UNITS and item in LUMP_UNITS:
        return 0.97
    if line in LUMP_UNITS and item in MEASURED_UNITS:
        # Still a match: this is how a lump sum for measured work is caught (UNMEASURED).
        return 0.9
    if {line, item} == {Unit.H, Unit.DAY}:
        # Labour by the day is the trade's hourly rate times a working day.
        return 1.0
    if item is Unit.DAY and line in LUMP_UNITS:
        # A rental per day quoted per unit or as a lump sum for a stated number of days.
        return 0.97
    if line is Unit.H or item is Unit.H:
        # Hours are priced against hourly items: a lump-sum item would misprice them.
        return 0.7
    return 0.85


@dataclass(frozen=True)
class Candidate:
    item: BaremeItem
    score: float
    text_score: float
    phrase: str
    # Calibrated: how likely this item names the work (the plausible candidates share the mass).
    confidence: float = 0.0
    # The line's own words of work (by position) this item explains, and where the line names
    # what the item is (its head) when it does one of the item's actions (None: it does not):
    # the evidence for the item, its score aside.
    explains: frozenset[int] = frozenset()
    named_at: int | None = None


def calibrated(score: float, curve: tuple[tuple[float, float], ...] = CALIBRATION) -> float:
    """How often a best candidate of this score names the work (piecewise linear on ``curve``)."""
    score = min(1.0, max(0.0, score))
    for (x0, y0), (x1, y1) in pairwise(curve):
        if score <= x1:
            return y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    return curve[-1][1]


@dataclass(frozen=True)
class Match:
    """What a wording could be: the best-supported barème item (``item``, None when nothing is
    plausible), the ranked candidates, and the works it names when it names several (``parts``)."""

    item: BaremeItem | None
    confidence: float
    best: Candidate | None
    # The line also takes out the existing and the item prices it apart (``BaremeItem.removal``):
    # the reference is the item plus that removal item.
    removal: BaremeItem | None = None
    # Best first, with their calibrated confidence; the first ``plausible`` cannot be ruled out.
    candidates: tuple[Candidate, ...] = ()
    plausible: int = 0
    # A line naming several works: each work's item, priced as their sum (``item`` is the first).
    parts: tuple[BaremeItem, ...] = ()
    # The heading the line is printed under, when the trades it names chose among the candidates.
    section: str | None = None
    # The line's own words chose the best item over a better-scored one (:func:`_by_evidence`).
    by_its_words: bool = False
    # Nothing plausible: the candidates below the threshold that the line's own evidence supports
    # (:meth:`Matcher.match_in`, :meth:`Matcher._supported`), best first, for its price to confirm or not.
    supported: tuple[Candidate, ...] = ()
    # What the line does to its thing as its reading reads it (:meth:`Matcher._action`: a fitting, a
    # removal, None), kept when nothing is plausible for the evidence of its readings.
    action: str | None = None

    @property
    def alternatives(self) -> tuple[Candidate, ...]:
        """The plausible candidates other than the best one."""
        return self.candidates[1 : self.plausible] if not self.parts else ()


@dataclass(frozen=True)
class _Phrase:
    item_index: int
    text: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    # How much each word explains of a line: a word of the phrase's parentheses ("Carrelage fourni
    # posé (colle et joints compris)") details the item and explains a line's word half.
    strengths: tuple[float, ...]


class Matcher:
    """Index of a barème's phrases; build once per barème with :func:`matcher_for`."""

    def __init__(self, bareme: Bareme, threshold: float = MATCH_THRESHOLD) -> None:
        self.bareme = bareme
        self.threshold = threshold
        self.words = words = Wording(bareme.vocabulary)

        @lru_cache(maxsize=_SIMILARITY_CACHE_SIZE)
        def similarity(a: str, b: str) -> float:
            if a != b and a in self._repairs and b in self._repairs:
                # One repair is another's word: "Dépannage d'une fuite" is the leak's "réparation".
                return REPAIR_SIMILARITY
            if a != b and a in self._same_act and self._same_act.get(b) == self._same_act[a]:
                # Two words of one act in place are each other's: an « audit » of the
                # installation is its « contrôle », its « vérification », its « diagnostic ».
                return REPAIR_SIMILARITY
            return token_similarity(a, b, words, self._bareme_words)

        # Similarity of two normalised tokens in [0, 1] (:func:`token_similarity`), cached.
        self.similarity: Callable[[str, str], float] = similarity
        per_item, document_frequency = _names_by_item(bareme, words)
        n = len(bareme.items)
        self._idf = {
            tok: math.log(1.0 + n / df) * (GENERIC_FACTOR if words.is_generic(tok) else 1.0)
            for tok, df in document_frequency.items()
        }
        self._vocabulary = tuple(self._idf)
        # Every word of the barème's names: one is never a slip for another (:func:`token_similarity`).
        self._bareme_words = frozenset(self._idf)
        self._phrases = [
            _Phrase(
                index,
                text,
                tuple(tok for tok, _ in marked),
                tuple(self._idf[tok] for tok, _ in marked),
                tuple(DETAIL_FACTOR if detail else 1.0 for _, detail in marked),
            )
            for index, phrases in enumerate(per_item)
            for text, marked in phrases
        ]
        # The actions each item's names do: take out, take out and put back, fit, or None for a
        # name that only says what ("plinthes").
        self._action_words = frozenset({words.removal, words.refit, words.redo, words.replacement, *words.fitting})
        self._item_actions: list[frozenset[str | None]] = [
            frozenset(words.action([tok for tok, _ in marked]) for _, marked in phrases) for phrases in per_item
        ]
        # The items whose every name only takes out ("Dépose de …").
        self._only_removes = [actions == frozenset({words.removal}) for actions in self._item_actions]
        self._included_words = _included_words(bareme, per_item, document_frequency, words)
        # What each item is and what it never prices, as words (see ``BaremeItem.heads``).
        self._heads = [_word_phrases(item.heads, words) for item in bareme.items]
        self._head_words = frozenset(tok for heads in self._heads for phrase in heads for tok in phrase)
        # The word an item's name starts with, when no other item's names have it: "redressement"
        # (plâtre) is the plaster skim's own work, "planche" (de condamnation) the boarding-up's own
        # thing. Named by a line, it says what the line is as the item's heads do. (Not an action:
        # "Mise à disposition d'une benne" starts with no word of its own.)
        self._own_words = [
            frozenset(
                first
                for _, marked in phrases
                if not words.is_generic(first := marked[0][0])
                and document_frequency[first] == 1
                and first.isalpha()
                and first not in self._action_words
            )
            for phrases in per_item
        ]
        self._excludes = [_word_phrases(item.excludes, words) for item in bareme.items]
        # The item's names by its result, its acts, its role or its make-up (``BaremeItem.results``…):
        # each says what the line is as a head does (« Mur ratissé, lisse » is the smoothing).
        self._known_by = [_word_phrases(list(item.known_by), words) for item in bareme.items]
        # Every word that says what an item is or never prices: a line word naming a barème thing.
        self._thing_words = frozenset(
            tok for phrases in (*self._heads, *self._excludes) for phrase in phrases for tok in phrase
        )
        # Every word of each item's names (details included), to tell whether it names a work.
        self._item_words = [frozenset(tok for _, marked in phrases for tok, _ in marked) for phrases in per_item]
        self._index = {item.code: index for index, item in enumerate(bareme.items)}
        # The trades of works every site has: a quote's other lines never rule them out.
        self._every_site = frozenset(bareme.every_site_trades)
        # The trades' names as headings print them (``Vocabulary.trade_names``), as words.
        self._trade_names = _trade_names(bareme, words)
        # Each trade's own hourly labour item, the one whose heads name that trade ("Main d'œuvre
        # plombier": plomberie): a labour line of a known trade is priced at that trade's rate.
        self._trade_hours = self._hourly_items_by_trade()
        # The same read from the label too when an hourly item has no heads ("Heure de nettoyage":
        # cleaning): a line whose own words name that trade is priced at its rate
        # (:meth:`_of_trade`); a quote's trades alone never choose it (:meth:`_labour_in`).
        self._named_hours = self._hourly_items_by_trade(labels=True)
        # The words of a loss (``Vocabulary.loss_words``), and the items whose own names say their
        # work follows one ("Nettoyage et désinfection après sinistre").
        losses = sorted(bareme.vocabulary.loss_words, key=len, reverse=True)
        self._loss = re.compile(rf"\b(?:{'|'.join(map(re.escape, losses))})\b") if losses else None
        self._after_loss = [
            any(self._mentions_loss(name) for name in (item.label, *item.synonyms)) for item in bareme.items
        ]
        # The trades that price a hire by the day (the drying appliances), and that hire.
        self._daily_trades = {item.trade: item for item in bareme.items if item.unit is Unit.DAY}
        # The words of a hire (``Vocabulary.hire_words``): a line naming one is never labour.
        hires = "|".join(r"\s+".join(map(re.escape, w.split())) for w in bareme.vocabulary.hire_words)
        self._hire = re.compile(rf"\b(?:{hires})\b") if hires else None
        # Repair words (``Vocabulary.repair_words``) and the items one of whose names repairs.
        self._repair_words = frozenset(
            tok for text in bareme.vocabulary.repair_words for tok, _ in words.tokens_with_detail(text)
        )
        self._item_repairs = [bool(item_words & self._repair_words) for item_words in self._item_words]
        # The repair words that only say the action, not what an item is (« réglage » is the
        # door adjustment's head): each reads as the others.
        one_word_heads = {phrase[0] for heads in self._heads for phrase in heads if len(phrase) == 1}
        # The items each one-word head names: "revêtement" is a wall covering's and a tiling's.
        self._head_items: dict[str, frozenset[int]] = {
            word: frozenset(i for i, heads in enumerate(self._heads) if (word,) in heads) for word in one_word_heads
        }
        self._repairs = self._repair_words - one_word_heads
        # The words of the works in place whose kind names one act (``Vocabulary.same_act_services``),
        # by kind; not an item's one-word head, which says what the item is.
        self._same_act = {
            word: kind
            for kind in bareme.vocabulary.same_act_services
            for word in bareme.vocabulary.service_words.get(kind, ())
            if word not in one_word_heads
        }
        # The nouns naming a work by the covering it gives (``Vocabulary.covering_words``) or by the
        # place or surface it covers (``Vocabulary.surface_words``): either names what the work
        # gives where, the thing named after it what it is.
        self._surfaces = frozenset(
            tok for text in bareme.vocabulary.surface_words for tok, _ in words.tokens_with_detail(text)
        )
        self._covering = self._surfaces | frozenset(
            tok for text in bareme.vocabulary.covering_words for tok, _ in words.tokens_with_detail(text)
        )
        # The new objects a repair is not: those dearer than a repair call-out's labour at the
        # barème's general hourly rate (``Bareme.repair_callout_hours``). Below that, repairing a
        # fitting costs about what replacing it does, and the replacement bounds the repair.
        general = bareme.item(bareme.general_labour).unit_price_ht if bareme.general_labour else Decimal(0)
        callout = bareme.repair_callout_hours * general
        self._not_repaired_as = [
            item.unit is Unit.U and not repairing and item.unit_price_ht > callout
            for item, repairing in zip(bareme.items, self._item_repairs, strict=True)
        ]
        # The works each item includes and does itself (the painting's preparation), not the
        # removal of the existing it includes: that one's head is the thing taken out.
        self._included_works = {
            item.code: tuple(code for code in item.includes if not self._only_removes[self._index[code]])
            for item in bareme.items
        }
        # The works on a thing in place that neither supply nor replace it, by word
        # (``Vocabulary.service_words``), and those each item prices: its own and those of the
        # items it includes (the painting's cleaning and filling); a thing priced by the time it is
        # worked or used (an hour of labour, a day's hire) is priced for any work in that time.
        self._service_of = {word: kind for kind, words in bareme.vocabulary.service_words.items() for word in words}
        every_service = frozenset(bareme.vocabulary.service_words)
        self._item_services = [
            every_service
            if item.unit in TIME_UNITS
            else frozenset(item.services).union(*(bareme.item(code).services for code in item.includes))
            for item in bareme.items
        ]
        # The things fitted one by one: the heads of the items counted by the unit that name no
        # work ("point lumineux", "prise", "lavabo"; not "rabotage"). A work in place whose word
        # alone names something else (``Vocabulary.thing_services``: "déplacement", a trip) done
        # to one is priced by an item of that work whose names say that thing (:meth:`_action_factor`).
        self._thing_services = frozenset(bareme.vocabulary.thing_services)
        self._fitted_things = frozenset(
            phrase
            for item, heads in zip(bareme.items, self._heads, strict=True)
            if item.unit is Unit.U
            for phrase in heads
            if not self._names_a_work(phrase[0])
        )
        # The items every name of which does a work in place ("Déplacement d'une prise"): they sell
        # no thing, and a line fitting one is not theirs.
        self._in_place_only = [
            all(
                next((tok for tok, _ in marked if not words.is_generic(tok)), None) in self._service_of
                for _, marked in phrases
            )
            for phrases in per_item
        ]
        # Words that only qualify an object (size, material, colour, position) and makers' names.
        vocabulary = bareme.vocabulary
        self._qualifiers = frozenset(
            tok for text in (*vocabulary.qualifiers, *vocabulary.brands) for tok, _ in words.tokens_with_detail(text)
        )
        # Derivational morphology (``Vocabulary.suffixes``): each barème word by its stem, so that
        # a line naming the work by another derived form of it ("dallage" for "dalle", "ponçage"
        # for "poncer") is read as the barème's word. One word per stem, the shortest.
        self._removal_prefixes = tuple(sorted(vocabulary.removal_prefixes, key=len, reverse=True))
        self._redo_prefixes = tuple(sorted(vocabulary.redo_prefixes, key=len, reverse=True))
        self._not_derived = frozenset(vocabulary.not_derived)
        # A work and the thing of its stem are other words (``Wording.other_kind``): one word each.
        self._by_stem: dict[tuple[str, bool], str] = {}
        for tok in sorted(self._idf, key=lambda word: (len(word), word)):
            if tok.isalpha() and len(tok) > MIN_STEM and not words.is_generic(tok) and tok not in words.compounds:
                self._by_stem.setdefault(self._stem_key(tok), tok)
        # Words the normaliser rewrites ("arrachage" -> dépose), recognised when misspelt; not those
        # it reads as supply or fitting: an unknown word one slip from one ("affaissé", a state,
        # from "abaissé", a result) would price a line as a new thing, dearer.
        supplied = words.fitting - {words.replacement, words.refit}
        self._spelled_out = tuple(
            word
            for word, reading in words.abbreviations.items()
            if len(word) >= 6 and not supplied.intersection(reading.split())
        )
        # Every word a cut may stand for, with how the matcher reads it (``_completed``): the
        # barème's words, one per stem, the words the normaliser rewrites, and the words it drops
        # (read as nothing: a room, "séj.").
        self._known_words = tuple(
            [(tok, (self._by_stem.get(self._stem_key(tok), tok),)) for tok in self._idf if tok.isalpha()]
            + [(word, reading) for word in words.abbreviations if word.isalpha() and (reading := words.canonical(word))]
            + [(word, ()) for word in words.stop_words if word.isalpha()]
        )
        self._completions: dict[str, tuple[str, ...] | None] = {}
        self._phrases_by_token: dict[str, list[int]] = defaultdict(list)
        for index, phrase in enumerate(self._phrases):
            for tok in set(phrase.tokens):
                self._phrases_by_token[tok].append(index)
        # The same wordings come back from quote to quote (one contractor, one template).
        self._matches: dict[tuple[str, Unit | None], Match] = {}

    def weight(self, token: str) -> float:
        if token in self._idf:
            return self._idf[token]
        return UNKNOWN_TOKEN_WEIGHT * (GENERIC_FACTOR if self.words.is_generic(token) else 1.0)

    def _named_at(self, words: tuple[str, ...], phrase: tuple[str, ...]) -> int | None:
        """Where the line's words first name the phrase, when they name every word of it (any order)."""
        # Same first letter: a word that lost its first one is another word here ("réparation" names
        # no "préparation").
        found = [
            [
                at
                for at, word in enumerate(words)
                if word[0] == tok[0] and self.similarity(word, tok) >= NAMED_SIMILARITY
            ]
            for tok in phrase
        ]
        return min(at for ats in found for at in ats) if found and all(found) else None

    def read(self, text: str) -> tuple[tuple[str, bool], ...]:
        """A wording's words as the matcher compares them: normalised (``Wording``), each marked
        when it sits in parentheses, then mended (:meth:`repair`)."""
        return self._named_in_parentheses(self.repair(self.words.tokens_with_detail(text), self.words.truncated(text)))

    def _named_in_parentheses(self, marked: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, bool], ...]:
        """A line whose first word of work is a head several items share names which of them it
        is in parentheses ("Revêtement mural (faïence)": a tiling, not a wallpaper): a head of one
        of those items there counts as a word of the work, not a detail."""
        head = next((tok for tok, detail in marked if not detail and not self.words.is_generic(tok)), None)
        sharing = self._head_items.get(head, frozenset()) if head is not None else frozenset()
        if len(sharing) < 2:
            return marked
        return tuple((tok, detail and not self._head_items.get(tok, frozenset()) & sharing) for tok, detail in marked)

    def repair(
        self, line: tuple[tuple[str, bool], ...], truncated: frozenset[str] = frozenset()
    ) -> tuple[tuple[str, bool], ...]:
        """Words the barème does not know, mended when a cut (a word written short: "carrel."
        ``truncated`` marks those written with a dot), one OCR slip or a lost or extra space
        explains them ("rnurale" -> mur, "papierpeint" -> papier peint, "M ain" -> main);
        others are kept as they are, lone letters dropped."""
        merged: list[tuple[str, bool]] = []
        index = 0
        while index < len(line):
            tok, detail = line[index]
            if index + 1 < len(line) and (tok not in self._idf or line[index + 1][0] not in self._idf):
                joined = self.words.canonical(tok + line[index + 1][0])
                if self._known(joined):
                    merged.extend((part, detail) for part in joined)
                    index += 2
                    continue
            merged.append((tok, detail))
            index += 1
        out: list[tuple[str, bool]] = []
        for tok, detail in merged:
            if len(tok) > 1:
                out.extend((fixed, detail) for fixed in self._repair_token(tok, tok in truncated))
        return tuple(out)

    def _known(self, toks: tuple[str, ...]) -> bool:
        return bool(toks) and all(t in self._idf for t in toks)

    def _repair_token(self, tok: str, dotted: bool = False) -> tuple[str, ...]:
        known = (self._idf, self._covering, self._qualifiers, self.words.compounds, self.words.causes)
        if any(tok in words for words in known) or self.words.is_generic(tok):
            # A word the vocabulary knows is that word, never a slip for another ("éléments" is
            # no "enlèvement", "pourtour" no "pour tour"), nor the start of one: a qualifier only
            # qualifies ("luminaire étanche" names no "étanchéité"), a fixed phrase read as one
            # word is that word ("main courante" is no labour, "prise de terre" no socket).
            return (tok,)
        if len(tok) < MIN_REPAIRED:
            # A short word is a cut only when written with its dot ("dép.", "ens."); else it may
            # be anything (a code, a unit, another word), or a barème word with one letter taken
            # for its look-alike ("soi" for "sol").
            completed = self._completed(tok) if dotted and len(tok) >= MIN_DOTTED_CUT else None
            if completed is None and len(tok) >= MIN_DOTTED_CUT:
                completed = self._confused(tok)
            return (tok,) if completed is None else completed
        derived = self._derived(tok)
        if derived:
            return derived
        completed = self._completed(tok)
        if completed is not None:
            return completed
        confused = self._confused(tok)
        if confused is not None:
            return confused
        for word in self._spelled_out:
            # Words the normaliser rewrites ("arrachage" -> dépose) are not in the barème's
            # vocabulary themselves; a misspelt one (a slip: one letter more, less or changed) is
            # recognised here.
            if word[0] == tok[0] and abs(len(word) - len(tok)) <= 1 and fuzz.ratio(word, tok) >= 80:
                return self.words.canonical(word)
        for cut in range(2, len(tok) - 2):
            if tok[:cut] in self.words.meaning_prefixes:
                # "survitrage" is not a "vitrage", "désinfection" no "infection".
                continue
            left, right = self.words.canonical(tok[:cut]), self.words.canonical(tok[cut:])
            # "dedalles": a lost space after a stop word counts too.
            if self._known(right) and (not left or self._known(left)):
                return left + right
        return (tok,)

    def _confused(self, tok: str) -> tuple[str, ...] | None:
        """The barème's words ``tok`` reads as with one of OCR's letter confusions undone ("rnur"
        -> mur), or None."""
        for wrong, replacement in self.words.ocr_confusions:
            start = tok.find(wrong)
            while start != -1:
                fixed = self.words.canonical(tok[:start] + replacement + tok[start + len(wrong) :])
                if self._known(fixed):
                    return fixed
                start = tok.find(wrong, start + 1)
        return None

    def _completed(self, cut: str) -> tuple[str, ...] | None:
        """A word written short ("carrel", "peint", "radiat"), read as the one word of the barème it
        starts: a word of its names, a word its vocabulary rewrites ("démont" -> dépose), or a word
        it drops (nothing: "séj." is the room). Words of one stem are one word ("carrel":
        carrelage, carreler); a cut that starts two words of different meaning ("plac": placard,
        placo) is no word (None), the line keeps it as written."""
        if cut not in self._completions:
            readings = {reading for word, reading in self._known_words if word.startswith(cut) and word != cut}
            self._completions[cut] = next(iter(readings)) if len(readings) == 1 else None
        return self._completions[cut]

    def _base(self, word: str) -> str | None:
        """The barème word ``word`` is, or is derived from the same base as."""
        if word in self._idf:
            return word
        if word in self._not_derived or not word.isalpha():
            return None
        return self._by_stem.get(self._stem_key(word))

    def _stem_key(self, word: str) -> tuple[str, bool]:
        return stem(word, self.words.suffixes), self.words.names_a_thing(word)

    def _derived(self, tok: str) -> tuple[str, ...]:
        """A word the barème does not know, read by its derivation: another derived form of a
        barème word ("dallage" -> dalle), or a prefix taking it out ("démoquettage" -> dépose
        moquette) or doing it again ("recarrelage" -> réfection carrelage). The rest after the
        prefix must itself be a barème word or derived from one, so a word sharing the prefix by
        chance ("revêtement", "détail") is left alone."""
        base = self._base(tok)
        if base:
            return (base,)
        if tok in self._not_derived:
            return ()
        # A verb's infinitive or past participle names its work noun ("isolé": isolation;
        # "rénover": rénovation, which the vocabulary reads as réfection).
        for noun in self.words.nouns_of(tok):
            base = self._base(noun)
            reading = (base,) if base else self.words.canonical(noun)
            if self._known(reading):
                return reading
        for prefixes, action in ((self._removal_prefixes, self.words.removal), (self._redo_prefixes, self.words.redo)):
            for prefix in prefixes:
                rest = tok[len(prefix) :]
                if tok.startswith(prefix) and len(rest) > MIN_STEM and (base := self._base(rest)):
                    return (action, base)
        return ()

    def _action(
        self,
        marked: tuple[tuple[str, bool], ...],
        sims: list[dict[str, float]],
        head: int,
        heading: int,
        wording: str,
    ) -> str | None:
        """What a line does to the thing (:meth:`Wording.action`), except a removal of its own
        object that follows the line's own work: a step of that work, not what the line does, when
        the removal takes out what no item names ("Nettoyage de fin de chantier et enlèvement des
        emballages") or, said in the line's own words, when the line's head is a work its heading
        names before a colon, the rest its steps ("Assèchement technique : installation, suivi,
        retrait des appareils"; not two works joined: "Nettoyage et dépose des plinthes"). A removal
        naming nothing after it says what is done to the line's thing ("Couverture déposée"). A
        removal after the line's own thing (not a heading's: "Parquet : dépose de l'ancien") that
        takes out the old one (``Vocabulary.old_words``) or nothing the line has not named before
        it puts that thing in its place, a fitting ("Habillage des murs en plaque de plâtre, dépose
        de l'ancienne", "Cloison, dépose de l'ancienne cloison")."""
        line = [tok for tok, _ in marked]
        action = self.words.action(line)
        removal = self.words.removal
        own = [tok for tok, detail in marked if not detail]
        # The circumstances' words as the line's are read, derived (« descellées »: a removal).
        said_in = {tok for span in self.words.circumstances(wording) for tok, _ in self.read(span)}
        if (
            action == removal
            and removal in said_in
            and removal not in (outside := {tok for tok, _ in self.read(self.words.outside_circumstances(wording))})
        ):
            # A removal said only in the line's circumstances (``Wording.circumstantial``) is when
            # or what caused the loss, whatever the line's head: "Protection du parquet pendant
            # la dépose de l'ancien radiateur" protects, "Peinture du mur taché par l'eau venue du
            # joint arraché" paints.
            return self.words.action([tok for tok in line if tok in outside])
        if action == removal and removal not in own and self.words.is_work(line[head]):
            # A removal said only in the line's context or details is when or how, not what the
            # line does to its thing when it names its own work: "Désinfection des sols après
            # retrait des eaux souillées" disinfects (not "Plinthes (dépose)", whose head is a thing).
            return self.words.action(own)
        if action != removal or line[head] == removal or removal not in line[head:]:
            return action
        at = line.index(removal, head)
        rest = line[at + 1 :]
        in_heading = sum(not detail for _, detail in marked[:head]) < heading
        said_before = all(tok in line[: at + 1] or self.words.is_generic(tok) for tok in rest)
        if not in_heading and rest and (self.words.old.intersection(rest) or said_before):
            return FITTING
        done_to = next((i for i in range(at + 1, len(line)) if not self.words.is_generic(line[i])), None)
        if done_to is None:
            return action
        step = not marked[at][1] and head < heading and self.words.is_work(line[head])
        # What no item is (no item's head: "poussières", which only a protection item's words say)
        # is taken out as a step of the line's own work ("Nettoyage du logement,
        # enlèvement des poussières": a cleaning; not "Nettoyage et dépose des plinthes").
        nothing = line[done_to] not in self._head_words and self.words.is_work(line[head])
        return None if step or ((not sims[done_to] or nothing) and line[done_to].isalpha()) else action

    def rank(self, wording: str, unit: Unit | None = None, limit: int = 5) -> list[Candidate]:
        """The best items for a wording, best first (one candidate per item). A line naming after
        a heading's colon an action and an item's thing (:meth:`_acted_on`) is read both ways, as
        that thing ("Porte blindée : remplacement de la serrure": a lock) and as the whole wording
        ("Assèchement des maçonneries : pose, relevés et retrait des appareils": the drying, its
        steps listed), and the better supported reading kept: the one whose best item scores more."""
        return self._rank(wording, unit, limit)[0]

    def _rank(self, wording: str, unit: Unit | None, limit: int) -> tuple[list[Candidate], str | None]:
        """:meth:`rank`'s candidates and what the line does to its thing as the reading kept reads it."""
        ranked, as_object, action = self._ranked(wording, unit, limit, object_first=True)
        if not as_object:
            return ranked, action
        whole, _, whole_action = self._ranked(wording, unit, limit, object_first=False)
        return (whole, whole_action) if whole and (not ranked or whole[0].score > ranked[0].score) else (ranked, action)

    def _ranked(
        self, wording: str, unit: Unit | None, limit: int, object_first: bool
    ) -> tuple[list[Candidate], bool, str | None]:
        """:meth:`rank`'s candidates, whether the line was read as the object of its action after a
        heading (only when ``object_first``), and what the line does to its thing."""
        marked = self.read(wording)
        if not marked:
            return [], False, None
        line = [tok for tok, _ in marked]
        sims = self._similarities(marked)
        best_phrase, item_explained = self._best_phrases(sims)
        qualifying = self._qualifying(wording, line, sims)
        work = [i for i, (tok, detail) in enumerate(marked) if not self.words.is_generic(tok) and not detail]
        # What the line is: its first word of work that does not only qualify ("Grande fenêtre
        # PVC", "Atlantic chauffe-eau 200 L"), else its first word of work.
        head = next((i for i in work if i not in qualifying), work[0] if work else 0)
        # A covering noun first ("Habillage des murs en plaque de plâtre") says what the work gives,
        # the thing named after it what it is: that thing is the line's head, unless the covering
        # noun is already a name of that thing's trade ("Revêtement mural toile": a wall covering).
        material = self._material(line, work, head, unit)
        redone = self._redone_in(line, work, head, unit) if material is None else None
        if redone is not None:
            # "Rampant sous toiture refait en plaques de plâtre": what a thing is made again in
            # is what the line fits, the thing redone only where.
            qualifying = qualifying | frozenset(range(head, redone))
            head = redone
        elif material is not None and not self._trades_named(line[material], unit) & self._trades_named(line[head]):
            if line[head] in self._surfaces:
                # The place the work covers and whose it is ("Pourtour de baignoire en faïence")
                # only say where: weighed as qualifiers, as a room would be.
                qualifying = qualifying | frozenset(range(head, material))
            head = material
        # The line's own words (not its parentheses' details) name what it is and where.
        named = tuple(tok for tok, detail in marked if not detail)
        heading = self._heading(wording, named)
        acted_on = self._acted_on(marked, line, qualifying, heading, unit) if object_first else None
        as_object = acted_on is not None and acted_on > head
        if acted_on is not None and acted_on > head:
            # "Porte blindée : remplacement de la serrure": what the action after the heading is
            # done to is the line's thing (a lock), the heading whose part it is and where; its
            # words only qualify, as a room would.
            qualifying = qualifying | frozenset(range(head, acted_on))
            head = acted_on
        position = [1.0 / (1.0 + 0.3 * i) for i in range(len(line))]
        line_weights = [
            self.weight(tok) * position[i] * (GENERIC_FACTOR if i in qualifying else 1.0) for i, tok in enumerate(line)
        ]
        line_total = sum(line_weights) or 1.0
        head_penalty = self._head_penalty(line[head])
        # The line repairs what it names when its first word of meaning is a repair word, or its
        # last one in the statement that names the thing: "Réparation de la porte d'entrée", "Porte
        # d'entrée à réparer" (not a step listed alone after the rest: "…, poignée, réglage."). A
        # heading before a colon naming only a repair and its occasion, then a fitting, says why:
        # "Réparation après effraction : remplacement de la serrure" replaces the lock (but
        # "Réparation fenêtre : remplacement de la crémone" repairs the window, no new one).
        occasion = all(tok in self._repair_words or self.words.is_generic(tok) for tok in named[:heading])
        fits = self.words.action(list(named[heading : heading + 1])) == FITTING
        said = named[heading:] if heading and occasion and fits else line
        meaning = [tok for tok in said if tok in self._repair_words or not self.words.is_generic(tok)]
        last_statement = self.words.tokens(_STATEMENTS.split(wording.rstrip(" .,;"))[-1])
        repairs = bool(meaning) and (
            meaning[0] in self._repair_words or (meaning[-1] in self._repair_words and len(last_statement) > 1)
        )
        service = self._service(named, wording)
        things = self._things_in_place(named) if service in self._thing_services else ()
        action = self._action(marked, sims, head, heading, wording)
        repaired = next(
            (i for i, tok in enumerate(line) if tok not in self._repair_words and tok not in self._action_words),
            None,
        )
        if repairs and action == self.words.removal and repaired is not None and self.words.removal in line[repaired:]:
            # A line that repairs a thing takes it out nowhere: a removal word after the thing says
            # the state the loss left it in ("Reprise de couverture sur zone arrachée", "Reprise
            # de la tapisserie décollée"; not "Réparation et dépose du luminaire").
            action = None
        # A line that says its thing is made again and takes nothing out ("Parquet refait dans le
        # séjour") puts a new one in: never an item that only takes out.
        redone = action is None and self.words.redo in [tok for tok, detail in marked if not detail]
        # The head's words are a heading's before a colon ("Véranda : remplacement du vitrage").
        in_heading = sum(not detail for _, detail in marked[:head]) < heading
        # A first word the barème does not know names something no item is: an accessory
        # ("Poignée de fenêtre"), a job on the thing ("Détartrage chauffe-eau"), or a brand.
        # (Not a heading's: "Véranda : remplacement du vitrage" names where.)
        unknown_first = not sims[head] and line[head].isalpha() and not in_heading
        # The same after the action: what a removal or a fitting is done to, when the barème does
        # not know it, is no item's thing named after it ("Retrait des résidus de plâtre" takes out
        # residues, not plasterboard).
        thing = next((i for i in work if i not in qualifying and line[i] not in self._action_words), None)
        unknown_thing = (
            thing is not None
            and thing != head
            and not sims[thing]
            and line[thing].isalpha()
            and sum(not detail for _, detail in marked[:thing]) >= heading
        )
        ranked: list[Candidate] = []
        # Items with head words the line names, and where it names them first.
        agreeing: dict[str, int] = {}
        for item_index, (phrase_cov, text) in best_phrase.items():
            explained = item_explained[item_index]
            included = self._included_words[item_index]
            if included:
                # "Peinture des murs (préparation courante comprise)": the preparation words of a
                # painting line belong to the painting item.
                explained = [
                    max(e, INCLUDED_FACTOR * max((row.get(tok, 0.0) for tok in included), default=0.0))
                    for e, row in zip(explained, sims, strict=True)
                ]
            line_cov = sum(w * e for w, e in zip(line_weights, explained, strict=True)) / line_total
            text_score = PHRASE_WEIGHT * phrase_cov + LINE_WEIGHT * line_cov + HEAD_BONUS * explained[head]
            if explained[head] < 0.5:
                # "Purge des radiateurs" is a purge, not a radiator: the item must explain the
                # work the line names first.
                text_score *= head_penalty
            item = self.bareme.items[item_index]
            object_factor, named_at = self._object(
                item_index,
                named,
                heading,
                unknown_first,
                unknown_thing,
                None if material is None else (line[material], self._trades_named(line[material], unit)),
            )
            action_factor = self._action_factor(action, item_index, repairs, service, things, redone)
            if named_at is not None and action_factor == 1.0:
                # An item doing another action than the line ("Démolition plafond en plâtre" is no
                # ceiling to build) is not the line, whatever head it shares with it.
                agreeing[item.code] = named_at
            score = text_score * unit_factor(unit, item.unit) * action_factor * object_factor
            explains = frozenset(i for i in work if explained[i] >= EXPLAINED)
            explains |= self._heads_named(item_index, line, work)
            ranked.append(Candidate(item, round(score, 4), round(text_score, 4), text, explains=explains))
        ranked = self._used_as(ranked, agreeing, self.words.roles(wording))
        ranked = _the_line_head(ranked, agreeing, unit, self._included_works)
        ranked = [
            replace(c, named_at=agreeing[c.item.code])
            if c.item.code in agreeing and action in self._item_actions[self._index[c.item.code]]
            else c
            for c in ranked
        ]
        ranked.sort(key=lambda c: (-c.score, c.item.code))
        return ranked[:limit], as_object, action

    def _service(self, named: tuple[str, ...], wording: str) -> str | None:
        """The kind of work the line does on a thing in place that neither supplies nor replaces it
        (``Vocabulary.service_words``): named by its first word of meaning ("Nettoyage des vitres"),
        or first after a heading's colon ("Tableau électrique : resserrage des connexions"), or by
        the one word that ends it after « à » ("Vitre à nettoyer"; not "Réparation de fuite après
        recherche"); None for a line that does none."""
        _, colon, after = wording.partition(":")
        said = _SAID_AFTER.search(fold(wording))
        words = [
            *self._meaning(named)[:1],
            *(self._meaning(self.words.tokens(after))[:1] if colon else ()),
            *(self.words.canonical(said[1]) if said else ()),
        ]
        return next((self._service_of[tok] for tok in words if tok in self._service_of), None)

    def _things_in_place(self, named: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The things fitted one by one a line doing a work in place names ("Déplacement d'un point
        lumineux": the light point, not a trip)."""
        return tuple(phrase for phrase in self._fitted_things if self._named_at(named, phrase) is not None)

    def _meaning(self, words: tuple[str, ...]) -> list[str]:
        """The words of meaning: those that say more than how or how much, and the works' words."""
        return [tok for tok in words if tok in self._service_of or not self.words.is_generic(tok)]

    def _used_as(self, ranked: list[Candidate], agreeing: dict[str, int], roles: tuple[str, ...]) -> list[Candidate]:
        """A line saying it is used as a layer names that layer: "Peinture anti-humidité en
        sous-couche" is an undercoat, not the wall painting (an inflated undercoat must not pass
        under the painting's ceiling). Only a layer (``BaremeItem.layer``): "en" before a material
        or a place ("cloison en placo", "posé en plafond") says what of, or where. The items whose
        head the line names elsewhere leave ``agreeing`` and keep ``HEADLESS`` of their score."""
        if not roles:
            return ranked
        used_as = {
            code
            for code in agreeing
            if self.bareme.items[self._index[code]].layer
            and any(
                len(phrase) == 1 and self._named_at(roles, phrase) is not None
                for phrase in self._heads[self._index[code]]
            )
        }
        if not used_as:
            return ranked
        others = set(agreeing) - used_as
        for code in others:
            del agreeing[code]
        return [replace(c, score=round(c.score * HEADLESS, 4)) if c.item.code in others else c for c in ranked]

    def _qualifying(self, wording: str, line: list[str], sims: list[dict[str, float]]) -> frozenset[int]:
        """The line's words that only qualify the object it names: the barème's qualifiers and
        brands, and a maker's name written as one (a word in capitals the barème does not know,
        in a line that is not all capitals: "ATLANTIC chauffe-eau"). A word that merely starts
        the line with a capital cannot be told from an accessory ("Poignée de fenêtre") by its
        shape: only the vocabulary's brands are skipped there."""
        capitals: set[str] = set()
        if any(ch.islower() for ch in wording):
            for raw in re.findall(r"[^\W\d_]{3,}", wording):
                if raw.isupper():
                    capitals.update(tok for tok, _ in self.words.tokens_with_detail(raw))
        return frozenset(
            i for i, tok in enumerate(line) if tok in self._qualifiers or (tok in capitals and not sims[i])
        )

    def _acted_on(
        self,
        marked: tuple[tuple[str, bool], ...],
        line: list[str],
        qualifying: frozenset[int],
        heading: int,
        unit: Unit | None,
    ) -> int | None:
        """Where the line names, after a heading before a colon, the object of the action that
        follows it, when that object is the one-word head of an item in the line's measure: "Porte
        blindée : remplacement de la serrure" replaces a lock (the door is whose it is), "Faïence
        fissurée : remplacement de 4 carreaux" tiles one by one. None when there is no heading, no
        action first after it, or its object is no item's thing ("Réparation fenêtre :
        remplacement de la crémone" names no item after the action)."""
        if not heading:
            return None
        after = [i for i, (_, detail) in enumerate(marked) if not detail][heading:]
        if not after or line[after[0]] not in self._action_words:
            return None
        thing = next(
            (
                i
                for i in after[1:]
                if i not in qualifying and line[i] not in self._action_words and not self.words.is_generic(line[i])
            ),
            None,
        )
        if thing is None or not self._trades_named(line[thing], unit):
            return None
        return thing

    def _heading(self, wording: str, words: tuple[str, ...]) -> int:
        """How many of the line's first words are a heading before a colon, when words follow it:
        "Fenêtre : remplacement du vitrage" names where (the window), then the work (the glazing)."""
        before, colon, after = wording.partition(":")
        said = self.words.tokens_with_detail(after)
        # What follows must name a thing: "Poignée de porte : remplacement" names only the work,
        # and the handle before it is its thing, not where it is.
        if not colon or all(tok in self._action_words or self.words.is_generic(tok) for tok, _ in said):
            return 0
        heading = tuple(tok for tok, detail in self.read(before) if not detail)
        return len(heading) if words[: len(heading)] == heading and len(heading) < len(words) else 0

    def _object(
        self,
        item_index: int,
        words: tuple[str, ...],
        heading: int,
        unknown_first: bool,
        unknown_thing: bool,
        material: tuple[str, frozenset[Trade]] | None = None,
    ) -> tuple[float, int | None]:
        """Whether the line is the thing the item prices, and where it names the item's head
        (a heading's words after the work's): it names none of the objects the item never prices
        ("peinture de façade" is no interior painting), and the item's head when it has one
        ("Diagnostic amiante" names no electrical check) — first, for a whole object counted by
        the unit, when the line's first word is one the barème does not know ("Poignée de fenêtre"
        is no window). A covering noun names the item after the thing the line names after it
        (``material``: "Habillage … en plaque de plâtre" is plasterboard before panelling), unless
        the item's names say that thing too ("Revêtement mural vinyle" is a wall covering) or the
        item is of that thing's trade ("Revêtement mural toile" may be any wall covering)."""
        if any(self._named_at(words, phrase) is not None for phrase in self._excludes[item_index]):
            return 0.0, None
        heads = self._heads[item_index]
        if not heads:
            return 1.0, None
        if (unknown_first and self.bareme.items[item_index].unit is Unit.U) or unknown_thing:
            # A part of a whole object counted by the unit, or a job on it, is not the object; nor
            # is a thing the barème does not know that the line's action is done to.
            return HEADLESS, None
        covers_only = (
            material is not None
            and not self._says(item_index, material[0])
            and self.bareme.items[item_index].trade not in material[1]
        )
        positions = [
            at if at >= heading and not (covers_only and set(phrase) <= self._covering) else at + len(words)
            for phrase in (*heads, *self._known_by[item_index], *((word,) for word in self._own_words[item_index]))
            if (at := self._named_at(words, phrase)) is not None
            and not self._part_of_another(item_index, words, at, phrase)
        ]
        return (1.0, min(positions)) if positions else (HEADLESS, None)

    def _part_of_another(self, item_index: int, words: tuple[str, ...], at: int, phrase: tuple[str, ...]) -> bool:
        """Whether a surface the item's head is (``Vocabulary.surface_words``: « tablier », « jouée »)
        is, in this line, the part of another trade's thing: the first thing the line names after it
        is the one-word head of items none of which is of the item's trade, and the item's names do
        not say it (« Tablier de baignoire » is the bath's, « Tablier de volet roulant » the
        shutter's). A word naming two trades' objects is the object of the thing it belongs to."""
        if len(phrase) != 1 or phrase[0] not in self._surfaces:
            return False
        things = (word for word in words[at + 1 :] if word in self._head_items and word not in self._surfaces)
        owner = next(things, None)
        if owner is None or self._says(item_index, owner):
            return False
        return self.bareme.items[item_index].trade not in self._trades_named(owner)

    def _material(self, line: list[str], work: list[int], head: int, unit: Unit | None) -> int | None:
        """Where the line names what its first word, a covering noun or a surface, is made of: the
        first later word of work that is the one-word head of an item in the line's measure
        ("plaque", "faïence", "lambris"; not the kitchen units of "… de la cuisine en plaques");
        None otherwise. A surface that is an item's own thing in the line's measure is that thing
        ("Tablier de volet roulant" counted by the unit), not a place."""
        if line[head] not in self._covering or (line[head] in self._surfaces and self._trades_named(line[head], unit)):
            return None
        return next(
            (i for i in work if i > head and line[i] not in self._covering and self._trades_named(line[i], unit)),
            None,
        )

    def _redone_in(self, line: list[str], work: list[int], head: int, unit: Unit | None) -> int | None:
        """Where the line names what the thing it names first is made again in: the first word of
        work after a redo word (« refait », « réfection ») that follows the head and is the
        one-word head of an item in the line's measure ("Sol refait en stratifié", "Rampant refait
        en plaques de plâtre"), when the head itself is no such item's in that measure; else None."""
        redo = next((i for i in range(head + 1, len(line)) if line[i] == self.words.redo), None)
        if redo is None or self._trades_named(line[head], unit):
            return None
        return next((i for i in work if i > redo and self._trades_named(line[i], unit)), None)

    def _trades_named(self, word: str, unit: Unit | None = None) -> frozenset[Trade]:
        """The trades of the items whose one-word head the word is (in the line's measure, when given)."""
        return frozenset(
            item.trade
            for item in (self.bareme.items[i] for i in self._head_items.get(word, frozenset()))
            if unit is None or _same_measure(unit, item.unit)
        )

    def _says(self, item_index: int, word: str) -> bool:
        """Whether one of the item's names has that word (a plural, a slip)."""
        return any(
            tok[0] == word[0] and self.similarity(word, tok) >= NAMED_SIMILARITY for tok in self._item_words[item_index]
        )

    def _heads_named(self, item_index: int, line: list[str], work: list[int]) -> frozenset[int]:
        """The line's words of work that name one of the item's heads whole ("revêtements scellés"
        for the tiles' "revêtement scellé"): what the item is explains them as its names do."""
        words = tuple(line[i] for i in work)
        return frozenset(
            i
            for phrase in (*self._heads[item_index], *self._known_by[item_index])
            if self._named_at(words, phrase) is not None
            for i in work
            for tok in phrase
            if line[i][0] == tok[0] and self.similarity(line[i], tok) >= NAMED_SIMILARITY
        )

    def _similarities(self, marked: tuple[tuple[str, bool], ...]) -> list[dict[str, float]]:
        """Similarity of each line token with each barème token, computed once per line."""
        sims: list[dict[str, float]] = []
        for tok, detail in marked:
            factor = DETAIL_FACTOR if detail else 1.0
            row = {}
            for vocab in self._vocabulary:
                s = self.similarity(tok, vocab)
                if s:
                    row[vocab] = s * factor
            sims.append(row)
        return sims

    def _head_penalty(self, head: str) -> float:
        """The barème knows the head word, or it is a word it does not know ("Poignée de porte",
        "Groupe de sécurité du chauffe-eau": an accessory of the thing the item prices)."""
        if self.words.is_generic(head):
            return 1.0
        if head in self._idf:
            return HEAD_MISMATCH
        if head.isalpha():
            return UNKNOWN_HEAD_MISMATCH
        return 1.0

    def _best_phrases(
        self, sims: list[dict[str, float]]
    ) -> tuple[dict[int, tuple[float, str]], dict[int, list[float]]]:
        """Per item: its best phrase, and the line words any of its phrases explains (an item is
        known by all its names: "nettoyage et lessivage des surfaces" is explained by two
        names of the preparation item, by one of the cleaning item)."""
        # Only phrases sharing at least one (similar) word with the line can score.
        candidates = sorted({index for row in sims for vocab in row for index in self._phrases_by_token[vocab]})
        best_phrase: dict[int, tuple[float, str]] = {}
        item_explained: dict[int, list[float]] = {}
        for phrase in (self._phrases[index] for index in candidates):
            covered = 0.0
            missing = 0.0
            explained = item_explained.setdefault(phrase.item_index, [0.0] * len(sims))
            for ptok, pweight, strength in zip(phrase.tokens, phrase.weights, phrase.strengths, strict=True):
                top = 0.0
                for i, row in enumerate(sims):
                    s = row.get(ptok, 0.0)
                    explained[i] = max(explained[i], s * strength)
                    top = max(top, s)
                covered += pweight * top
                if top == 0.0:
                    missing += pweight
            if covered == 0.0:
                continue
            # A phrase with a word absent from the line ("façade de meuble" for "ravalement de
            # façade") falls well below one that is all there, even slightly misspelt.
            total_weight = sum(phrase.weights) or 1.0
            phrase_cov = covered / total_weight * (1.0 - missing / total_weight) ** (PHRASE_EXPONENT - 1.0)
            current = best_phrase.get(phrase.item_index)
            if current is None or phrase_cov > current[0]:
                best_phrase[phrase.item_index] = (phrase_cov, phrase.text)
        return best_phrase, item_explained

    def _action_factor(
        self,
        action: str | None,
        item_index: int,
        repairs: bool,
        service: str | None,
        things: tuple[tuple[str, ...], ...] = (),
        redone: bool = False,
    ) -> float:
        """Removal work is never priced as supply-and-fit: a line that only takes something out goes
        to an item that takes out; a line that takes out and puts back goes to a re-fitting item,
        never to the supply of a new door or radiator; a line that repairs a whole object counted
        by the unit, dearer than a call-out, is no new one ("Réparation du chauffe-eau" is no water
        heater); a line doing a work on a thing in place (:meth:`_service`) goes to an item pricing
        that work, never to one supplying the thing ("Révision de la vitre" is no new glazing,
        "Nettoyage du radiateur" no new radiator), and when it names the thing fitted one by one it
        is done to, to an item whose names say that thing or to time ("Déplacement d'un point
        lumineux" moves the light point: not the contractor's trip). (The other way
        round, a fitting line that lands on a removal item, is left alone: that errs on the cheap,
        reviewed side.)"""
        if service is not None and service not in self._item_services[item_index]:
            return ACTION_MISMATCH
        if (
            things
            and self.bareme.items[item_index].unit not in TIME_UNITS
            and not any(set(thing) <= self._item_words[item_index] for thing in things)
        ):
            return ACTION_MISMATCH
        if repairs and self._not_repaired_as[item_index]:
            return ACTION_MISMATCH
        removal, refit = self.words.removal, self.words.refit
        if redone and self._only_removes[item_index]:
            return ACTION_MISMATCH  # made again, not taken out ("Parquet refait")
        if action == removal and removal not in self._item_actions[item_index]:
            return ACTION_MISMATCH
        if action == refit and self.bareme.items[item_index].reusable and refit not in self._item_actions[item_index]:
            return ACTION_MISMATCH
        if action == refit and self._only_removes[item_index]:
            return ACTION_MISMATCH  # taken out and put back, not only taken out ("Plinthes déposées puis reposées")
        if action == FITTING and (
            self._only_removes[item_index]
            or self._item_actions[item_index] == frozenset({refit})
            or self._in_place_only[item_index]
        ):
            # "Reconstruction du doublage" fits new: never an item that only takes out, nor one
            # that puts the old one back ("Remplacement lavabo" is no "dépose et repose"), nor a
            # work on the thing in place ("Remplacement prise" is no "déplacement de prise").
            return ACTION_MISMATCH
        return 1.0

    def match(self, wording: str, unit: Unit | None = None) -> Match:
        key = (wording, unit)
        cached = self._matches.get(key)
        if cached is None:
            read = self._match(wording, unit)
            if read.item is None:
                read = self._for_its_purpose(wording, unit) or self._after_its_first_step(wording, unit) or read
            cached = self._of_trade(self._marked(read, wording), self.heading_trades(wording))
            if len(self._matches) < _MATCH_CACHE_SIZE:
                self._matches[key] = cached
        return cached

    def _for_its_purpose(self, wording: str, unit: Unit | None) -> Match | None:
        """A line the barème cannot read whole is the work its purpose names, when an item's names
        say that purpose's verb: "Mise en pression du réseau pour trouver la fuite" is a leak search
        (the pressure is its means), "Déshumidificateurs installés afin d'assécher les murs" the
        drying. Not a purpose that only names the object of another work: "… pour accéder à la
        canalisation" is no pipe repair (no item's names say « accéder »)."""
        purpose = self.words.purpose(wording)
        if purpose is None:
            return None
        read = self._match(purpose, unit)
        if read.item is None or read.parts or read.best is None or 0 not in read.best.explains:
            return None
        return read

    def _after_its_first_step(self, wording: str, unit: Unit | None) -> Match | None:
        """A line the barème cannot read whole, naming two works joined, the first the removal of
        what no item is (no item's head: "emballages"), is its second work: "Enlèvement des
        emballages et nettoyage des pièces en fin de chantier" cleans, the packaging's removal a
        step of that cleaning, as when it is said after it ("Nettoyage de fin de chantier et
        enlèvement des emballages", :meth:`_action`). Not a removal of what an item names
        ("Dépose des plinthes et nettoyage": the plinths' removal is a work of its own), nor a
        second work an item does not read whole by its first word."""
        works = self.words.works(_PARENTHESES.sub(" ", self.words.stated(fold(wording))))
        if len(works) != 2:
            return None
        step, rest = works
        said = [tok for tok, detail in self.read(step) if not detail]
        things = [tok for tok in said[1:] if not self.words.is_generic(tok)]
        if (
            not said
            or said[0] != self.words.removal
            or not things
            or any(tok in self._head_words or not tok.isalpha() for tok in things)
            or self._match(step, unit).item is not None
        ):
            return None
        read = self._match(rest, unit)
        if read.item is not None and not read.parts and read.best is not None and 0 in read.best.explains:
            return read
        return None

    def _marked(self, match: Match, wording: str) -> Match:
        """A line's specification tokens say its trade ("4/16/4" is the glazier's, "3G2.5" and
        "30mA" the electrician's): of its plausible candidates, those of that trade are its reading,
        the others ruled out. Like a trade's words, they never widen the candidates nor raise a
        ceiling: a line they alone would name stays unmatched."""
        trades = self.words.marked_trades(wording)
        return _narrowed(match, lambda item: item.trade in trades) if trades else match

    def match_in(self, wording: str, unit: Unit | None, trades: frozenset[Trade], section: str | None = None) -> Match:
        """What a wording could be on a quote whose sure lines are of ``trades`` (see
        :meth:`sure_trades`), printed under the heading ``section``: the evidence rules out
        plausible candidates (:func:`_ruled_out`): the line's unit (a per-m² line is no lump sum),
        then the trades the heading names (:meth:`heading_trades`: "Dépose de revêtement" under
        "Lot 2 Carrelage" is the tiles' removal), then the quote's trades ("Bâche" on a
        quote of interior works is a protection, not the roof's tarpaulin). A line the barème
        cannot read whole but whose first words name a work, the rest only qualifying where it is
        done (:meth:`_qualified_work`), is what the work alone, so ruled, could be (each of its
        plausible readings kept: "Jointage sur support non angulaire") when the rest names no thing
        but the best reading's own ("Bâche sur les éléments non concernés et scotch de masquage":
        the masking is protection too). Ruling out only narrows
        the ceilings a price is checked against: it never accepts a price the whole set refused. A
        line nothing is plausible for carries the readings its evidence supports among the quote's
        and its heading's trades (:meth:`_supported`), for its price alone to confirm or not."""
        heading = _Heading(section, self.heading_trades(section), self._every_site) if section else None
        read = self._read_in(wording, unit, trades, heading)
        if read.item is not None or read.parts:
            return read
        named = trades | (heading.trades if heading is not None else frozenset())
        return replace(read, supported=self._supported(read, unit, named))

    def _supported(self, match: Match, unit: Unit | None, trades: frozenset[Trade]) -> tuple[Candidate, ...]:
        """The readings the evidence of a line nothing is plausible for allows, below the threshold:
        the candidates in its measure, of a trade the quote's sure lines or the line's heading are of,
        scoring ``EVIDENCE_FLOOR`` at least, that explain one of its words of work or name what they
        are (``Candidate.named_at``: its head, with one of its actions), but never an item that only
        takes out for a line that fits new (``Match.action``: "Remplacement des plaques de plâtre" is no
        "Dépose de plaques de plâtre"). Only those that name what they are can be confirmed by the
        line's price, and only under every other one's ceiling (``verdicts._by_its_price``). Best
        first, the first with the calibrated confidence of its score, the others sharing what it
        leaves (:func:`_with_confidence`); none when no candidate names."""
        if unit is None or not trades:
            return ()
        kept = [
            c
            for c in match.candidates
            if (c.named_at is not None or c.explains)
            and not (match.action == FITTING and self._only_removes[self._index[c.item.code]])
            and c.score >= EVIDENCE_FLOOR
            and _same_measure(unit, c.item.unit)
            and c.item.trade in trades
        ]
        if not any(c.named_at is not None for c in kept):
            return ()
        return _with_confidence(kept, len(kept))

    def _read_in(self, wording: str, unit: Unit | None, trades: frozenset[Trade], heading: _Heading | None) -> Match:
        """:meth:`match_in`'s reading, before the evidence of a line nothing is plausible for."""
        match = self.match(wording, unit)
        if match.item is not None:
            return self._labour_in(_ruled_out(match, unit, trades, self._every_site, heading), heading, trades)
        qualified = self._qualified_work(wording)
        if qualified is None:
            return match
        work, naming = qualified
        read = _ruled_out(self.match(work, unit), unit, trades, self._every_site, heading)
        if read.item is None or read.parts or read.best is None:
            # None, or several works: a human chooses.
            return match
        if not naming <= {tok for phrase in self._heads[self._index[read.item.code]] for tok in phrase}:
            # The rest names another thing the barème prices ("… de toiture"): not only where.
            return match
        # What the work alone could be, each of its plausible readings kept ("Jointage": the joints
        # of plasterboard or of tiles), no surer than a match at the threshold: the reviewer is told
        # to confirm it.
        candidates = _with_confidence(list(read.candidates), read.plausible, doubted=True)
        best = candidates[0]
        return Match(
            best.item, best.confidence, best, candidates=candidates, plausible=read.plausible, section=read.section
        )

    def _hourly_items_by_trade(self, labels: bool = False) -> dict[Trade, BaremeItem]:
        named: dict[Trade, set[str]] = defaultdict(set)
        for item in self.bareme.items:
            if item.unit is Unit.H and item.code != self.bareme.general_labour:
                names = " ".join(item.heads) or (item.label if labels else "")
                for trade in self.heading_trades(names):
                    named[trade].add(item.code)
        return {trade: self.bareme.item(code) for trade, (code, *more) in named.items() if not more}

    def _of_trade(self, match: Match, trades: frozenset[Trade]) -> Match:
        """A line read as the barème's general labour ("Hr élec", an hour no item names) whose own
        words name a trade is that trade's labour: priced at the trade's hourly item, the general
        labour still plausible after it (issue 12: "labour by the hour is priced at the trade's
        hourly rate"). Words naming no trade ("Main d'œuvre", "Temps passé") may be any trade's
        hour: the general labour first, every trade's hourly item plausible after it (of the trades
        named, when several are), for the heading or the quote's trades to narrow
        (:meth:`_labour_in`)."""
        general = self.bareme.general_labour
        if match.item is None or match.item.code != general or match.parts or match.best is None:
            return match
        hourly = {self._named_hours[trade].code for trade in trades if trade in self._named_hours}
        if len(hourly) != 1:
            # No trade named (or several): any of them, the general labour first.
            hours = sorted(hourly or {item.code for item in self._trade_hours.values()})
            kept = [match.best, *(replace(match.best, item=self.bareme.item(code), phrase=code) for code in hours)]
            candidates = _with_confidence(kept, len(kept))
            others = tuple(c for c in match.candidates if c.item.code not in {general, *hours})
            best = replace(candidates[0], confidence=match.confidence)
            return Match(
                best.item,
                match.confidence,
                best,
                candidates=(best, *candidates[1:], *others),
                plausible=len(kept),
                section=match.section,
            )
        item = self.bareme.item(hourly.pop())
        own = replace(match.best, item=item, phrase=item.label)
        general_read = replace(match.best, confidence=round(1.0 - match.confidence, 3))
        others = tuple(c for c in match.candidates if c.item.code not in (item.code, general))
        return Match(
            item,
            match.confidence,
            own,
            candidates=(replace(own, confidence=match.confidence), general_read, *others),
            plausible=2,
            section=match.section,
        )

    def _labour_in(self, match: Match, heading: _Heading | None, trades: frozenset[Trade]) -> Match:
        """A labour line that may be any trade's hour (:meth:`_of_trade`) is the hour of the trade
        its heading names ("Main d'œuvre" under "Lot 4 – Plomberie"), else of the trades the
        quote's sure lines are of: that trade's hourly item first, the general labour plausible
        after it; of several trades, the general labour first and their hours after it; of trades
        with no hourly item, the general labour alone. Only ever narrows the candidates the words
        allow (the contract of :meth:`match_in`): a ceiling above every one of them is never reached."""
        general = self.bareme.general_labour
        plausible = match.candidates[: match.plausible]
        trade_of = {item.code: trade for trade, item in self._trade_hours.items()}
        if match.parts or not plausible or plausible[0].item.code != general:
            return match
        if not any(c.item.code in trade_of for c in plausible):
            return match
        first = plausible[0]
        if heading is not None:
            own = [c for c in plausible if trade_of.get(c.item.code) in heading.trades]
            if len(own) == 1:
                return replace(_kept(match, [own[0], first]), section=heading.text)
        own = [c for c in plausible if trade_of.get(c.item.code) in trades]
        if len(own) == 1:
            return _kept(match, [own[0], first])
        if own or trades - self._every_site:
            # Several trades, or trades with no hourly item of their own: the general labour first.
            return _kept(match, [first, *own])
        return match

    def heading_trades(self, section: str | None) -> frozenset[Trade]:
        """The trades a heading names ("Lot 3 – Peinture", "PLOMBERIE SANITAIRE", "Sols souples /
        faïence"), by the vocabulary's trade names; none for a room ("Salle de bains") or a heading
        the vocabulary does not know. A name inside a longer one found there is the longer one's
        ("sol" in "revêtement de sol souple" is the soft floors only)."""
        words = self.words.tokens(section) if section else ()
        found = [
            (start, start + len(name), named)
            for name, named in self._trade_names
            for start in range(len(words) - len(name) + 1)
            if words[start : start + len(name)] == name
        ]
        return frozenset(
            trade
            for start, end, named in found
            if not any(s <= start and end <= e and e - s > end - start for s, e, _ in found)
            for trade in named
        )

    def sure_trades(self, wording: str, unit: Unit | None) -> frozenset[Trade]:
        """The trades a line surely is of: every plausible candidate's when they share one, each
        part's for a line naming several works; none when it is doubtful or unmatched."""
        match = self.match(wording, unit)
        if match.item is None:
            return frozenset()
        if match.parts:
            return frozenset(item.trade for item in match.parts)
        trades = frozenset(c.item.trade for c in match.candidates[: max(match.plausible, 1)])
        return trades if len(trades) == 1 else frozenset()

    def _qualified_work(self, wording: str) -> tuple[str, frozenset[str]] | None:
        """The work a line names first, when the words after it may only qualify where it is done:
        a generic word the barème knows ("sur support", "sur les éléments"), then words, one of
        them at least unknown to it ("Jointage sur support non angulaire"); with the rest's words
        that name a barème thing (an item's head or excluded word), which the caller checks. A word
        the barème does not know right after the work is what the work is done to ("Diagnostic
        amiante", "Retrait des résidus"): that line keeps no reading. The work must name more than
        an action."""
        words = [tok for tok, detail in self.read(wording) if not detail]
        start = next((i for i, tok in enumerate(words) if self.words.is_generic(tok)), 0)
        work, tail = words[:start], words[start:]
        if not work or not all(tok in self._idf for tok in work) or set(work) <= self._action_words:
            return None
        unknown = [tok for tok in tail if tok not in self._idf and tok.isalpha()]
        naming = frozenset(tok for tok in tail if tok in self._thing_words and not self.words.is_generic(tok))
        return (" ".join(work), naming) if unknown else None

    def _match(self, wording: str, unit: Unit | None) -> Match:
        hire = self._names_a_hire(wording)
        if unit is Unit.DAY or hire:
            # Every item, so that the hire priced by the day is among them however far its words are.
            ranked, action = self._rank(wording, unit, limit=len(self.bareme.items))
        else:
            ranked, action = self._rank(wording, unit, limit=EVIDENCE_LIMIT)
        if unit in MEASURED_UNITS:
            # A line measured in m² or ml is a measured work, never an hour of labour: "Main
            # d'œuvre peinture murs" per m² is the painting, labour only.
            ranked = [c for c in ranked if c.item.unit not in TIME_UNITS]
        hired = None
        if unit is Unit.DAY:
            # A line priced by the day, of a trade that prices its hire by the day, is that hire or
            # a day's labour, never the trade's lump sum: "Appareil de séchage, tarif journalier"
            # checked against the whole drying set-up would let an inflated daily hire pass. (A
            # scaffold, whose trade has no daily price, is still checked against its lump sum.)
            # When the line's best reading is such a lump sum, the line names that trade's work:
            # its daily hire is the line, however far its words are from the hire's names.
            named = ranked[0] if ranked and ranked[0].score >= self.threshold else None
            if named is not None and named.item.unit not in TIME_UNITS:
                hired = self._daily_trades.get(named.item.trade)
            ranked = [c for c in ranked if c.item.unit in TIME_UNITS or c.item.trade not in self._daily_trades]
        if hire:
            # A hire is never labour, whatever time it is counted by ("Appareil d'assèchement loué,
            # tarif par jour" is no day of a worker).
            ranked = [c for c in ranked if c.item.unit is not Unit.H]
        ranked = ranked[:EVIDENCE_LIMIT]
        if not ranked:
            return Match(None, 0.0, None)
        plausible = [c for c in ranked if self._plausible(c, ranked[0])]
        doubted = False
        headed = self._headed(wording, plausible, ranked, unit)
        if headed is not None:
            # The line names first the one-word work an item is, the rest its object and context
            # ("Désinfection des sols souillés par les eaux usées"): that item stays plausible,
            # whatever other items the complement's words bring nearer.
            plausible, doubted = [*plausible, headed] if plausible else [headed], True
        if plausible:
            plausible, doubted = _by_evidence(plausible, ranked, unit)
            doubted = doubted or headed is not None
            if self._mentions_loss(wording):
                plausible, after = self._after_a_loss(plausible, ranked, unit)
                doubted = doubted or after
            ranked = [*plausible, *(c for c in ranked if c not in plausible)]
        ranked = ranked[: max(CANDIDATE_LIMIT, len(plausible))]
        top = ranked[0]
        candidates = _with_confidence(ranked, len(plausible), doubted)
        confidence = candidates[0].confidence
        parts, summed = self._parts(wording, unit, top if plausible else None)
        if len(parts) == 1:
            # The work that includes the others: first, the whole line's reading still plausible.
            # The line's words chose it: the quote's other trades do not rule it out.
            (own,) = parts
            either = [own, *(c for c in plausible if c.item != own.item)]
            shared = _with_confidence(either, len(either))
            return Match(
                own.item, shared[0].confidence, own, candidates=shared, plausible=len(shared), by_its_words=True
            )
        if parts and not summed:
            # One item has a name for every work the line names but reads one of them less well
            # than that work's own item ("Enduit de jointoiement et lissage": a smoothing filler or
            # the joints' filler): the line is one of them, the whole's item first, never their sum.
            either = [top, *(c for c in parts if c.item != top.item)]
            shared = _with_confidence(either, len(either))
            return Match(top.item, shared[0].confidence, top, candidates=shared, plausible=len(shared))
        if parts and (
            parts[0].item.unit in TIME_UNITS
            or (
                parts[0].item.unit in MEASURED_UNITS
                and len({c.item.trade for c in parts}) == 1
                and sum(not c.item.layer and c.item.code not in {p.item.removal for p in parts} for c in parts) > 1
            )
        ):
            # "Peinture murs et plafond" per m²: each m² is one of them, not both; the line may be
            # either, so both are plausible (never their sum). A layer and the work on it
            # ("Ragréage et sol vinyle", "Doublage placo + laine de verre"), and the removal of what
            # the new one replaces ("Dépose moquette et pose sol vinyle"), are both on each m².
            # An hour is of one trade at a time ("Main d'œuvre plomberie et électricité").
            parts.sort(key=lambda c: -c.score)
            shared = _with_confidence(parts, len(parts))
            return Match(parts[0].item, shared[0].confidence, parts[0], candidates=shared, plausible=len(shared))
        if parts:
            # The line is as sure as its least sure part.
            least = round(min(calibrated(c.score) for c in parts), 3)
            priced = tuple(replace(c, confidence=least) for c in parts)
            return Match(
                parts[0].item,
                priced[0].confidence,
                top,
                candidates=priced,
                plausible=len(priced),
                parts=tuple(c.item for c in parts),
            )
        if not plausible:
            labour = self._labour(ranked, unit, hired)
            if labour is not None:
                others = tuple(c for c in candidates if c.item != labour.item)
                return Match(labour.item, labour.confidence, labour, candidates=(labour, *others), plausible=1)
            return Match(None, confidence, top, candidates=candidates, action=action)
        removal = None
        if top.item.removal and self.words.includes_removal(wording):
            removal = self.bareme.item(top.item.removal)
        return Match(top.item, confidence, top, removal, candidates, len(plausible), by_its_words=doubted)

    def _headed(
        self, wording: str, plausible: list[Candidate], ranked: list[Candidate], unit: Unit | None
    ) -> Candidate | None:
        """The candidate not yet plausible that is the work the line names first, the rest its
        object and context ("Désinfection des sols souillés par les eaux usées"): the line's own
        first word of work is a work in place (``Vocabulary.service_words``) and one item's
        one-word head, that item prices that work, and on any object (its heads all name works:
        a disinfection of premises) or on one the line names (a leak search is of a leak: not
        "Recherche de la cause des coupures"). It does the line's action, in its measure, with some
        evidence (``EVIDENCE_FLOOR``)."""
        own = [tok for tok, _ in self.words.tokens_with_detail(wording) if not self.words.is_generic(tok)]
        work = [tok for tok, detail in self.read(wording) if not detail and not self.words.is_generic(tok)]
        if not work or own[:1] != work[:1] or work[0] not in self._service_of:
            return None
        items = self._head_items.get(work[0], frozenset())
        if len(items) != 1:
            return None
        (index,) = items
        heads = self._heads[index]
        on_anything = all(any(map(self._names_a_work, phrase)) for phrase in heads)
        if self._service_of[work[0]] not in self._item_services[index] or not (
            on_anything or any(self._named_at(tuple(work[1:]), phrase) is not None for phrase in heads)
        ):
            return None
        return next(
            (
                c
                for c in ranked
                if self._index[c.item.code] == index
                and c not in plausible
                and c.named_at is not None
                and c.score >= EVIDENCE_FLOOR
                and (unit is None or _same_measure(unit, c.item.unit))
            ),
            None,
        )

    def _names_a_hire(self, text: str) -> bool:
        return self._hire is not None and self._hire.search(fold(text)) is not None

    def _mentions_loss(self, text: str) -> bool:
        return self._loss is not None and self._loss.search(fold(text)) is not None

    def _after_a_loss(
        self, plausible: list[Candidate], ranked: list[Candidate], unit: Unit | None
    ) -> tuple[list[Candidate], bool]:
        """A line that says its work follows a loss ("Nettoyage dégât des eaux", "… après sinistre")
        is the barème's item of that work whose own names say so (the cleaning after a loss, not the
        end-of-works one), when one explains every word of work the best one explains, in the
        line's measure and trade: it comes first, the best-scored one stays plausible after it, and
        the match is less sure. The loss words alone read as nothing, so no rule on the words
        sees them; the line keeps its reading when no such item is near."""
        top = plausible[0]
        if self._after_loss[self._index[top.item.code]]:
            return plausible, False
        after = [
            c
            for c in ranked
            if self._after_loss[self._index[c.item.code]]
            and c.score >= EVIDENCE_FLOOR
            and (unit is None or _same_measure(unit, c.item.unit))
            and (
                (c.item.trade == top.item.trade and c.explains >= top.explains)
                or (c.named_at is not None and (top.named_at is None or c.named_at <= top.named_at))
            )
        ]
        if not after:
            return plausible, False
        best = max(after, key=lambda c: c.score)
        return [best, *(c for c in plausible if c is not best)], True

    def _labour(self, ranked: list[Candidate], unit: Unit | None, hired: BaremeItem | None = None) -> Candidate | None:
        """A line counted in hours or days that no item names is labour: the nearest item priced
        by the hour, else the barème's general labour item, with the confidence of a match at the
        threshold (the reviewer is told to confirm it). A day line its words put near an item priced
        by the day is that item ("Loc. déshu. /j": the dehumidifier's daily hire), not eight hours
        of labour, which would let a hire priced as a day's labour pass; so is ``hired``, the daily
        hire of the trade whose work the line names (:meth:`_match`)."""
        if unit not in (Unit.H, Unit.DAY):
            return None
        own = next((c for c in ranked if c.item.unit is unit and c.score >= EVIDENCE_FLOOR), None)
        if own is None and hired is not None:
            own = next((c for c in ranked if c.item == hired), Candidate(hired, 0.0, 0.0, hired.label))
        if unit is Unit.DAY:
            # A day is labour when the line's words name labour; else it is the hire its words
            # come nearest, however far ("Ventilation de séchage laissée sur place, coût par
            # journée" names no worker: a day of the drying hire, not of the general labour).
            own = (
                own
                or next((c for c in ranked if c.item.unit is Unit.H and c.score >= EVIDENCE_FLOOR), None)
                or next((c for c in ranked if c.item.unit is unit and c.score > 0), None)
            )
        hourly = own or next((c for c in ranked if c.item.unit is Unit.H and c.score > 0), None)
        if hourly is None and self.bareme.general_labour is not None:
            item = self.bareme.item(self.bareme.general_labour)
            hourly = Candidate(item, 0.0, 0.0, item.label)
        if hourly is None:
            return None
        return replace(hourly, confidence=round(calibrated(self.threshold), 3))

    def _plausible(self, candidate: Candidate, top: Candidate) -> bool:
        if candidate is top:
            return candidate.score >= self.threshold
        return (
            top.score < DOUBT_BELOW
            and candidate.score >= self.threshold
            and candidate.score >= top.score - PLAUSIBLE_MARGIN
        )

    def _parts(self, wording: str, unit: Unit | None, whole: Candidate | None) -> tuple[list[Candidate], bool]:
        """The items of a line naming several works, one per work, or [] when it names one (or
        one item names them all), and whether the line is their sum (else it is one of them). A
        part that names no work by itself ("… des murs et plafond", "prises et interrupteurs")
        shares the work of the part before it. A heading before a colon ("Plafonds : préparation,
        sous-couche et 2 couches") says where each of them is done."""
        outside = _PARENTHESES.sub(" ", self.words.stated(fold(wording)))
        before, colon, after = outside.partition(":")
        heading = before if colon and self.words.tokens_with_detail(after) else ""
        listed = self.words.works(after if heading else outside)
        texts = self._shared_objects(listed)
        # Works done to one object each name their own work and object: none borrows another's.
        shared = texts != listed
        if len(texts) < 2:
            return [], False
        texts = [f"{heading}: {text}" if heading else text for text in texts]
        found: list[tuple[str, Candidate]] = []
        for index, text in enumerate(texts):
            first = (texts[0], found[0][1]) if index and found and not shared else None
            part = self._part(text, first, unit)
            if part is not None and part[1].score >= PART_MIN_SCORE and all(part[1].item != c.item for _, c in found):
                found.append(part)
        if len(found) < 2 or len({_lump(c.item.unit) for _, c in found}) > 1:
            return [], False
        parts = [c for _, c in found]
        codes = {c.item.code for c in parts}
        # What each part could be, not only its best-scored item: "Nettoyage des murs" may be the
        # walls' preparation (:func:`_by_evidence`).
        readings = set(codes)
        for text, _ in found:
            read = self.match(text, unit)
            readings.update(c.item.code for c in read.candidates[: read.plausible])
        including = [c for c in parts if set(c.item.includes) & readings]
        if including:
            # One of them includes the others ("Préparation + peinture des plafonds", "Nettoyage
            # des murs et deux couches de peinture": the painting includes its preparation): the
            # line is that one, whatever the whole line reads first.
            return including[:1], False
        composite = self._composite(wording, found, unit)
        if composite is not None:
            return [composite], False
        if (
            whole is not None
            and whole.score >= min(c.score for c in parts)
            and (not shared or all(self._names(whole.item, text) for text, _ in found))
        ):
            # One item reads the whole line as well as its parts are read apart (of two works
            # done to one object, only an item naming both: "Recherche et réparation de la fuite"
            # is no leak search alone).
            return [], False
        removing = {c.item.code for c in parts if c.item.removal in codes}
        if removing:
            # The removal the item prices apart ("dépose et remplacement"): the line is that item
            # and its removal, as the whole line reads it; else ("Dépose moquette, ragréage et pose
            # sol vinyle": not a carpet) the works it names, each its own item.
            return ([], False) if whole is not None and whole.item.code in removing else (parts, True)
        if whole is not None and all(self._names(whole.item, text) for text, _ in found):
            # One item has a name for the work of each part ("Nettoyage et désinfection", "Ponçage
            # et vitrification du parquet", "Joints de plaques, bandes et enduit"): the line is that
            # item, or, when a part's own item reads that part better, one of the parts' items.
            if all(self._reads(whole.item, text, unit) for text, _ in found):
                return [], False
            return parts, False
        return parts, True

    def _shared_objects(self, texts: list[str]) -> list[str]:
        """Works coordinated before the one object they are done to ("Recherche et réparation de la
        fuite", "Grattage et rejointoiement des joints"): a work named alone, its next part naming
        another work and what it is done to, is done to that too. Only works (a noun of an action
        by its ending, a repair, a service on a thing in place), not a fitting or a removal, whose
        pair (« dépose et repose », « fourniture et pose ») is one work the vocabulary reads."""
        if len(texts) != 2:
            # "Rebouchage, masticage des irrégularités et enduit": a list's works each name their own.
            return texts
        work, done = texts
        own = [tok for tok, _ in self.read(work)]
        raw = done.split()
        following = [self.words.canonical(word) for word in raw]
        first = next((at for at, toks in enumerate(following) if toks), None)
        if (
            len(own) == 1
            and self._names_a_work(own[0])
            and first is not None
            and any(following[first + 1 :])
            and self._names_a_work(following[first][0])
        ):
            return [" ".join([work, *raw[first + 1 :]]), done]
        return texts

    def _names_a_work(self, word: str) -> bool:
        """Whether a word of a line names a work: a noun of an action by its ending, a repair, a
        service on a thing in place; not a fitting or a removal."""
        return word not in self._action_words and (
            word in self._service_of or word in self._repair_words or self.words.names_a_work(word)
        )

    def _composite(self, wording: str, found: list[tuple[str, Candidate]], unit: Unit | None) -> Candidate | None:
        """The barème's one item for a work and what it includes, when the line names them apart
        ("Placo + laine de verre (doublage)": the insulated lining, not a board plus an insulation):
        an item that includes one part's item and has a name for the work of every other part. The
        whole line's best-read such item, as sure as the line's least sure part."""
        codes = {c.item.code for _, c in found}
        lump = _lump(found[0][1].item.unit)
        composites = [
            item
            for item in self.bareme.items
            if item.code not in codes
            and _lump(item.unit) == lump
            and set(item.includes) & codes
            and all(self._names(item, text) for text, c in found if c.item.code not in item.includes)
        ]
        if not composites:
            return None
        scores = {c.item.code: c.score for c in self.rank(wording, unit, limit=len(self.bareme.items))}
        best = max(scores.get(item.code, 0.0) for item in composites)
        # Words that do not say which ("Placo + laine de verre": a lining or a partition) price
        # the line at the cheaper one, so the dearer one never lets a price through by a guess.
        item = min(
            (item for item in composites if scores.get(item.code, 0.0) >= best - PLAUSIBLE_MARGIN),
            key=lambda item: item.unit_price_ht,
        )
        least = min(c.score for _, c in found)
        return Candidate(item, least, least, item.label)

    def _part(self, text: str, first: tuple[str, Candidate] | None, unit: Unit | None) -> tuple[str, Candidate] | None:
        """The best item for one part of a line, with the part's own words. A short part after
        the first may only name another thing for the same work: read with the first part's
        words, it is the first part's item again ("Peinture sur murs et cloisons"), or another
        work ("Installation prises et interrupteurs": installation of switches)."""
        ranked = self.rank(text, unit, limit=1)
        best = ranked[0] if ranked else None
        own = [tok for tok, _ in self.read(text)]
        another_work = (
            first is not None
            and best is not None
            and best.score >= PART_MIN_SCORE
            and best.item.trade != first[1].item.trade
            and bool(own)
            and self.words.names_a_work(own[0])
        )
        if first is not None and not another_work:
            # (A part whose first word is a work its own item of another trade reads surely is that
            # work: "Repli de chantier et nettoyage" names the cleaning.)
            words = first[0].split()
            # Its words of meaning: a room after it ("lissage – couloir") does not make it longer.
            n = len(self.words.tokens(text)) or len(text.split())
            if len(words) > n:
                kept = words[:-n]
                if self._drops_the_act(first[0], " ".join(kept), text):
                    # A further step done to the same thing ("Laine de verre retirée et évacuée",
                    # "Isolant : enlèvement et mise en sacs") stands for no word of the first part:
                    # the thing keeps the act the first part does to it.
                    kept = words
                shared = self.rank(" ".join([*kept, text]), unit, limit=1)
                if shared and shared[0].item == first[1].item and shared[0].score >= PART_MIN_SCORE:
                    return (text, shared[0])
                if shared and (best is None or shared[0].score > best.score):
                    best = shared[0]
        return (text, best) if best is not None else None

    def _drops_the_act(self, first: str, kept: str, part: str) -> bool:
        """Whether a part that does nothing to a thing by itself (no fitting, removal or refit:
        "évacuée", "mise en sacs"), read in place of the first part's last words, would drop what
        the first part does to its thing (its removal, its fitting)."""
        act = self.words.action([tok for tok, _ in self.read(first)])
        return (
            act is not None
            and self.words.action([tok for tok, _ in self.read(part)]) is None
            and self.words.action([tok for tok, _ in self.read(kept)]) != act
        )

    def _names(self, item: BaremeItem, text: str) -> bool:
        """Whether one of the item's names has the word of the work that part of the line names
        (its first word: "installation de chantier" is an installation, whatever the site)."""
        words = [tok for tok, _ in self.read(text)]
        vocabulary = self._item_words[self._index[item.code]]
        return bool(words) and any(self.similarity(words[0], word) >= 0.8 for word in vocabulary)

    def _reads(self, item: BaremeItem, text: str, unit: Unit | None) -> bool:
        """Whether the item reads that part of the line about as well as the part's own best item:
        a shared first word is not always the same work ("enduit de jointoiement" is no "enduit de
        lissage")."""
        ranked = self.rank(text, unit, limit=CANDIDATE_LIMIT)
        own = next((c.score for c in ranked if c.item == item), 0.0)
        return not ranked or own >= ranked[0].score - PLAUSIBLE_MARGIN


_Names = list[list[tuple[str, tuple[tuple[str, bool], ...]]]]


def _trade_names(bareme: Bareme, words: Wording) -> tuple[tuple[tuple[str, ...], frozenset[Trade]], ...]:
    """Each trade name as words, with every trade it names."""
    named: dict[tuple[str, ...], set[Trade]] = defaultdict(set)
    for trade, names in bareme.vocabulary.trade_names.items():
        for name in names:
            if tokens := words.tokens(name):
                named[tokens].add(trade)
    return tuple((name, frozenset(trades)) for name, trades in named.items())


def _word_phrases(texts: list[str], words: Wording) -> tuple[tuple[str, ...], ...]:
    phrases = (tuple(tok for tok, _ in words.tokens_with_detail(text) if len(tok) > 1) for text in texts)
    return tuple(words for words in phrases if words)


def _the_line_head(
    ranked: list[Candidate], agreeing: dict[str, int], unit: Unit | None, works: dict[str, tuple[str, ...]]
) -> list[Candidate]:
    """Among the items whose head the line names, the line is the one it names first ("Cloison
    placo BA13" is a partition, "Plafond placo" a ceiling, not plasterboard) — except that a line
    measured in m² or ml is no whole object counted by the unit, nor a lump sum, when it also names
    an item priced in its measure ("Porte-fenêtre double vitrage", per m², is the glazing; "Pose de
    bâches de protection", per m², the protection per m²)."""
    units = {c.item.code: c.item.unit for c in ranked}
    later: dict[str, float] = {}
    if unit in MEASURED_UNITS and any(units[code] is unit for code in agreeing):
        later = {code: COUNTED_IN_MEASURE for code in agreeing if units[code] in LUMP_UNITS}
    # The work an item includes is its own: "rebouchage, ponçage, 2 couches" names the painting's
    # preparation first, and the painting includes it.
    heads = {
        code: min([at, *(agreeing[part] for part in works.get(code, ()) if part in agreeing)])
        for code, at in agreeing.items()
        if code not in later
    }
    first = min(heads.values(), default=0)
    later |= {code: HEAD_MISMATCH for code, at in heads.items() if at > first}
    # A line counted by the unit naming first the head of an item counted so and of a measured one
    # ("Remplacement de carreaux de faïence", 3 u) is the counted thing (tiles replaced one by one),
    # not the measured work (a tiling per m²).
    named_first = {code for code, at in heads.items() if at == first}
    if unit is Unit.U and any(units[code] is Unit.U for code in named_first):
        later |= {code: HEAD_MISMATCH for code in named_first if units[code] in MEASURED_UNITS}
    # An item of no particular thing (its trade's general item, no heads) yields to the item of
    # its trade and unit whose head the line names: "Tarif horaire menuisier" is the joiner's hour.
    named = {(c.item.trade, c.item.unit) for c in ranked if c.item.code in agreeing}
    later |= {c.item.code: HEAD_MISMATCH for c in ranked if not c.item.heads and (c.item.trade, c.item.unit) in named}
    return [replace(c, score=round(c.score * later[c.item.code], 4)) if c.item.code in later else c for c in ranked]


def _names_by_item(bareme: Bareme, words: Wording) -> tuple[_Names, dict[str, int]]:
    """Each item's names (label, synonyms, and its names by result, acts, role and make-up) as marked
    words, and in how many items each word is."""
    per_item: _Names = []
    document_frequency: dict[str, int] = defaultdict(int)
    for item in bareme.items:
        phrases = []
        seen: set[str] = set()
        for text in (item.label, *item.synonyms, *item.known_by):
            marked = tuple((tok, detail) for tok, detail in words.tokens_with_detail(text) if len(tok) > 1)
            if marked:
                phrases.append((text, marked))
                seen.update(tok for tok, _ in marked)
        per_item.append(phrases)
        for tok in seen:
            document_frequency[tok] += 1
    return per_item, document_frequency


def _included_words(
    bareme: Bareme, per_item: _Names, document_frequency: dict[str, int], words: Wording
) -> list[frozenset[str]]:
    """The work words of the items each item includes: those of the included item found in few
    items ("ponçage", "rebouchage"), not the surfaces it shares with many ("mur", "plafond")."""
    codes = {item.code: index for index, item in enumerate(bareme.items)}
    return [
        frozenset(
            tok
            for code in item.includes
            if code in codes
            for _, marked in per_item[codes[code]]
            for tok, _ in marked
            if document_frequency[tok] <= INCLUDED_MAX_ITEMS and not words.is_generic(tok)
        )
        for item in bareme.items
    ]


@dataclass(frozen=True)
class _Heading:
    """The heading a line is printed under, as printed, and the trades it names."""

    text: str
    trades: frozenset[Trade]
    every_site: frozenset[Trade]


def _ruled_out(
    match: Match,
    unit: Unit | None,
    trades: frozenset[Trade],
    every_site: frozenset[Trade],
    heading: _Heading | None = None,
) -> Match:
    """The match with the plausible candidates the line's evidence rules out: first those the
    line's unit contradicts (a per-m² line is no lump sum, an hour is an hour), then those of
    another trade than its heading names (:func:`_under_heading`), then those of another trade
    than the quote's (works every site has are of every quote), unless the line's own words chose
    its reading ("Nettoyage des surfaces avant mise en peinture" is the painter's preparation on a
    quote with no painting line). Each rule applies only when it leaves some candidates and drops
    some; the match is otherwise as is."""
    read = match
    if unit is not None:
        match = _narrowed(match, lambda item: _same_measure(unit, item.unit))
    if heading is not None and heading.trades:
        match = _under_heading(match, heading)
    if trades and not (read.by_its_words and match.item == read.item):
        match = _narrowed(match, lambda item: item.trade in trades or item.trade in every_site)
    return match


def _under_heading(match: Match, heading: _Heading) -> Match:
    """A line printed under a heading naming trades is of them when its own words allow it: the
    plausible candidates of those trades come first, the best-supported of them the line's
    reading; those of the works every site has stay plausible after them (a cleaning line in a
    painting lot), the others are ruled out. A heading naming none of the line's plausible
    candidates' trades says nothing: the candidates are never widened, a ceiling never raised."""
    plausible = match.candidates[: match.plausible]
    if match.parts or len(plausible) < 2:
        return match
    own = [c for c in plausible if c.item.trade in heading.trades]
    if not own:
        return match
    kept = [*own, *(c for c in plausible if c not in own and c.item.trade in heading.every_site)]
    if kept == list(plausible):
        return match
    return replace(_kept(match, kept), section=heading.text)


def _same_measure(line: Unit, item: Unit) -> bool:
    """Whether a line in ``line`` units can be priced by an item in ``item`` units: the same
    measure, a lump sum or a count for a lump sum, hours and days, a rental per day for a lump sum."""
    return _lump(line) is _lump(item) or {line, item} == {Unit.H, Unit.DAY} or (item is Unit.DAY and line in LUMP_UNITS)


def _narrowed(match: Match, fits: Callable[[BaremeItem], bool]) -> Match:
    plausible = match.candidates[: match.plausible]
    if match.parts or len(plausible) < 2:
        return match
    kept = [c for c in plausible if fits(c.item)]
    if not kept or len(kept) == len(plausible):
        return match
    return _kept(match, kept)


def _kept(match: Match, kept: list[Candidate]) -> Match:
    """The match with only the ``kept`` plausible candidates, in that order; the others ruled out."""
    ranked = [*kept, *(c for c in match.candidates if c not in kept)]
    candidates = _with_confidence(ranked, len(kept))
    best = candidates[0]
    removal = match.removal if best.item == match.item else None
    return Match(best.item, best.confidence, best, removal, candidates, len(kept), section=match.section)


def _lump(unit: Unit) -> Unit:
    return Unit.FORFAIT if unit in LUMP_UNITS else unit


def _by_evidence(
    plausible: list[Candidate], ranked: list[Candidate], unit: Unit | None
) -> tuple[list[Candidate], bool]:
    """The plausible candidates as the line's words support them, not only as they score, and
    whether the words put the best-scored one in doubt. A candidate that names what the line
    names first (``Candidate.named_at``: its head, no later than the best one's, with one of its
    actions), in the line's measure, and explains every word of work the best one explains and
    more (a purpose, a material, a substrate the best one leaves unexplained: "avant mise en
    peinture", "scellés") is the best-supported reading, whatever its score: the best-scored one
    stays plausible after it, and the match is less sure."""
    top = plausible[0]
    wider = [
        c
        for c in ranked
        if c not in plausible
        and c.named_at is not None
        and (top.named_at is None or c.named_at <= top.named_at)
        and c.score >= EVIDENCE_FLOOR
        and (unit is None or _same_measure(unit, c.item.unit))
        and c.explains > top.explains
    ]
    if not wider:
        return plausible, False
    best = max(wider, key=lambda c: (len(c.explains), c.score))
    return [best, *plausible], True


def _with_confidence(ranked: list[Candidate], plausible: int, doubted: bool = False) -> tuple[Candidate, ...]:
    """The best candidate's confidence is calibrated from its score (no more than a match at the
    threshold's when the line's words put it in doubt: :func:`_by_evidence`); the other plausible
    ones share what it leaves, by score; the ruled-out ones keep a tenth of their calibrated score."""
    top = calibrated(ranked[0].score)
    if doubted:
        top = min(top, calibrated(MATCH_THRESHOLD))
    others = ranked[1:plausible]
    total = sum(c.score for c in others) or 1.0
    out = [replace(ranked[0], confidence=round(top, 3))]
    out += [replace(c, confidence=round((1.0 - top) * c.score / total, 3)) for c in others]
    out += [replace(c, confidence=round(0.1 * calibrated(c.score), 3)) for c in ranked[max(plausible, 1) :]]
    return tuple(out)


def matcher_for(bareme: Bareme) -> Matcher:
    """The barème's matcher, built on first use and kept with the barème."""
    return bareme.derived("matcher", Matcher)
