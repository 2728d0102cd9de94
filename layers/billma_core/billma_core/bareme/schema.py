"""The barème's shape, validated when a version is loaded: a bad file never reaches the robot."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import ConfigDict, Field, PrivateAttr, field_validator, model_validator

from billma_core.geo import departement_of
from billma_core.models import Cover, LazyModel, Unit
from billma_core.money import Money

T = TypeVar("T")

# Every département: metropolitan 01-95 (20 split into 2A/2B) and the five overseas ones.
DEPARTEMENTS: tuple[str, ...] = (
    *(f"{n:02d}" for n in range(1, 96) if n != 20),
    "2A",
    "2B",
    "971",
    "972",
    "973",
    "974",
    "976",
)
# Guard rails on the data, not on the market: a coefficient or price outside them is a typo.
MIN_COEFFICIENT = Decimal("0.80")
MAX_COEFFICIENT = Decimal("1.50")
# The barème's rules of the trade (beside its items, coefficients and vocabulary), each with a source.
_RULES = ("hours_per_day", "general_labour", "every_site_trades", "repair_callout_hours")
_CODE = re.compile(r"^[A-Z]{3}-\d{3}$")
_AFFIX = re.compile(r"^[a-z]+$")
_KIND = re.compile(r"^[a-z]+(?:_[a-z]+)*$")
_TOKEN = re.compile(r"^[a-z0-9]+$")
_PHRASE = re.compile(r"^[a-z0-9]+(?: [a-z0-9]+)*$")
_PART_NAME = re.compile(r"\{[a-z_]+\}")
_READ_AS = re.compile(r"^[a-z0-9 \\]*$")


class Trade(StrEnum):
    """Lot of work an item belongs to."""

    SITE_SETUP = "site_setup"
    DRYING = "drying"
    CLEANING = "cleaning"
    PAINTING = "painting"
    WALL_COVERING = "wall_covering"
    PLASTERING = "plastering"
    FLOORING = "flooring"
    TILING = "tiling"
    CARPENTRY = "carpentry"
    PLUMBING = "plumbing"
    ELECTRICITY = "electricity"
    GLAZING = "glazing"
    ROOFING = "roofing"
    LABOUR = "labour"


def _plain(text: str) -> str:
    """Lower case without accents, hyphens as spaces: how names and heads are compared."""
    decomposed = unicodedata.normalize("NFKD", text.replace("-", " ").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class BaremeItem(LazyModel):
    """One reference price: what the network pays for one unit of this work, HT, national."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    trade: Trade
    label: str = Field(min_length=3)
    synonyms: list[str] = Field(default_factory=list)
    unit: Unit
    unit_price_ht: Money = Field(gt=0, le=Decimal("20000"))
    covers: list[Cover]
    needs_measurements: bool
    # A thing that can be taken out and put back as it is (a door, a radiator, a sink): a line
    # "dépose et repose" of it is labour, never this item's supply and fitting.
    reusable: bool = False
    # Items whose work this one's price includes (painting includes the usual preparation): a
    # line naming both is this item, not the included one.
    includes: list[str] = Field(default_factory=list)
    # The item pricing the removal of the existing (laminate -> removal of the floor covering),
    # added to this one when a line takes out and fits new ("dépose + fourniture et pose").
    removal: str | None = None
    # Why the item is not payable, by cover ("*": under any cover), shown to the reviewer.
    exclusion_notes: dict[str, str] = Field(default_factory=dict)
    # What the item is: the work or object a line must name to be this item ("vitrage" for the
    # glazing, "fenêtre" for the window); the other words of its names only qualify it ("double
    # vitrage" of a window, "électrique" of a check). Empty: any of its names will do.
    heads: list[str] = Field(default_factory=list)
    # Objects or places the item never prices ("façade" for interior painting, "fosse" for draining
    # the heating): a line naming one (outside its parentheses) is not this item.
    excludes: list[str] = Field(default_factory=list)
    # Laid on the same surface as another work, under or behind it (levelling under a floor, a
    # filler or primer under paint, insulation behind plasterboard): a line per m² naming it and
    # that work is priced as their sum, where "walls and ceiling" per m² is one or the other.
    layer: bool = False
    # The works on its thing in place the item prices that neither supply nor replace it
    # (``Vocabulary.service_words`` kinds: "check", "clean"…): a line doing one of them on a thing
    # is never priced at an item that does not (« Révision de la vitre » is no new glazing).
    services: list[str] = Field(default_factory=list)
    # The other ways a line names the work, by kind, each a name of the item that says what it is
    # as a head does: what the work leaves (« propre », « surface lisse »), the acts it is made of
    # (« masticage », « balayage »), the role of what it lays (« bloquant », « d'accrochage ») and
    # what its thing is made of and how it is laid (« grès cérame », « double encollage »,
    # « havraise »). A line naming one is the item however far from its label; sourced in ``sources``.
    results: list[str] = Field(default_factory=list)
    acts: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    make_up: list[str] = Field(default_factory=list)
    # Where the item's words and price come from (public price guides, libraries, catalogues).
    sources: list[str] = Field(default_factory=list)

    @property
    def known_by(self) -> tuple[str, ...]:
        """The item's names by its result, its acts, its role and its make-up (see ``results``)."""
        return (*self.results, *self.acts, *self.roles, *self.make_up)

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError(f"code d'article invalide {value!r} (attendu « ABC-123 »)")
        return value

    @field_validator("synonyms", "heads", "excludes", "results", "acts", "roles", "make_up", "sources")
    @classmethod
    def _no_blank_word(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("mot vide")
        return value

    @model_validator(mode="after")
    def _heads_are_names(self) -> BaremeItem:
        # A head the item's names do not have would rule out its own label and synonyms.
        names = [_plain(name) for name in (self.label, *self.synonyms)]
        missing = [head for head in self.heads if not any(_plain(head) in name for name in names)]
        if missing:
            raise ValueError(f"{self.code} : têtes absentes du libellé et des synonymes {missing}")
        # And a name without any head would not be the item (its heads say what it is).
        headless = [name for name in names if self.heads and not any(_plain(head) in name for head in self.heads)]
        if headless:
            raise ValueError(f"{self.code} : noms sans aucune tête {headless}")
        both = sorted({_plain(h) for h in self.heads} & {_plain(e) for e in self.excludes})
        if both:
            raise ValueError(f"{self.code} : mots à la fois tête et exclusion {both}")
        return self

    @model_validator(mode="after")
    def _measured_units_need_measurements(self) -> BaremeItem:
        # Work priced per m², ml or hour cannot be checked without the quantity in that unit.
        if self.unit in (Unit.M2, Unit.ML, Unit.H) and not self.needs_measurements:
            raise ValueError(f"{self.code} : un article au {self.unit.value} exige des métrés")
        if self.unit in (Unit.FORFAIT, Unit.ENS) and self.needs_measurements:
            raise ValueError(f"{self.code} : un forfait ne peut pas exiger de métrés")
        return self

    @field_validator("exclusion_notes")
    @classmethod
    def _notes_keyed_by_cover(cls, value: dict[str, str]) -> dict[str, str]:
        allowed = {c.value for c in Cover} | {"*"}
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValueError(f"exclusion_notes : garanties inconnues {unknown}")
        return value

    def payable_under(self, cover: Cover) -> bool:
        return cover in self.covers

    def exclusion_note(self, cover: Cover) -> str | None:
        return self.exclusion_notes.get(cover.value) or self.exclusion_notes.get("*")


class PhraseRule(LazyModel):
    """A way of writing read as other words (folded text, a regular expression): "f&p" is
    "fourniture pose", "suite à dégât des eaux" says why and is dropped, "porte d'entrée" is one
    word. ``{name}`` stands for the vocabulary's ``pattern_parts``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str = Field(min_length=1)
    read_as: str
    # The phrase is one thing, another than its first noun ("porte de garage" is no "porte").
    one_word: bool = False

    @field_validator("read_as")
    @classmethod
    def _folded_words(cls, value: str) -> str:
        if not _READ_AS.match(value):
            raise ValueError(f"remplacement non normalisé {value!r} (minuscules sans accent, chiffres, \\1)")
        return value


class Shorthand(LazyModel):
    """A trade's abbreviation as contractors write it ("PC" for a socket, "DV" for double glazing,
    "VMC SF"), the barème's words it stands for, and where it is written so (a glossary, a trade
    software's catalogue, a manufacturer's): one public source per entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # As written: letters, digits, "+" or "/", words apart by a space.
    written: str = Field(pattern=r"^[^\W_]+(?:[ +/][^\W_]+)*$")
    read_as: str = Field(pattern=_PHRASE.pattern)
    # Only in these capitals: "PC" is a socket, "pc" a piece; "ID" a differential switch.
    exact_case: bool = False
    source: str = Field(min_length=1)


class TradeMark(LazyModel):
    """A specification token only one trade (or a few) writes, as a regular expression over folded
    text: a glazing composition ("4/16/4"), a cable section ("3G2.5"), a differential's sensitivity
    ("30mA"), a pipe's diameter ("Ø14"). Evidence of the line's trade, never of its work."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pattern: str = Field(min_length=1)
    trades: list[Trade] = Field(min_length=1)
    source: str = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"expression invalide {value!r} : {exc}") from exc
        return value


class RemovalPhrases(LazyModel):
    """Whether a line takes out the existing and fits new: the words of taking out, of fitting
    new, and of a removal not included ("hors dépose")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    taken_out: str
    new: str
    not_included: str


class Vocabulary(LazyModel):
    """How the barème reads quote wording, as data: the words of quote lines that are no work and
    no object of the barème, the spellings that mean one word, the affixes of trade nouns, each
    list with its public source (``sources``, by list name). The matcher keeps only the rules."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Words that only qualify an object: size, material, colour, position ("Grande fenêtre PVC"
    # is a window). A line's first such word is not what it is.
    qualifiers: list[str] = Field(default_factory=list)
    # Makers of the objects the barème prices ("Atlantic chauffe-eau 200 L" is a water heater).
    brands: list[str] = Field(default_factory=list)
    # Derivational morphology of trade nouns (folded, unaccented): the endings that make a noun of
    # a trade verb or noun ("carrelage", "jointoiement", "plâtrerie" for carreler, jointoyer,
    # plâtre), the prefixes that take the thing out ("décarrelage") or do it again
    # ("recarrelage"), and words that only look derived ("portage" is no door work).
    suffixes: list[str] = Field(default_factory=list)
    # The endings that name a thing or a person ("plafonnier", "carreleur"), never
    # the work on the same base ("plafonnage", "carrelage"): the two are other words.
    thing_suffixes: list[str] = Field(default_factory=list)
    # The endings of nouns of action that name the thing too ("vitrage", "carrelage", "chauffage"):
    # such a word alone says no work.
    thing_too_suffixes: list[str] = Field(default_factory=list)
    # The endings of a work noun and of its verb ("isolation" / "isoler", "assainissement" /
    # "assainir"): a line naming the work by the verb's infinitive or past participle ("Isoler
    # les combles", "Plafonnier remplacé") names that noun.
    verb_endings: list[tuple[str, str]] = Field(default_factory=list)
    removal_prefixes: list[str] = Field(default_factory=list)
    redo_prefixes: list[str] = Field(default_factory=list)
    not_derived: list[str] = Field(default_factory=list)
    # The rest is folded (lower case, no accent), as the matcher compares words.
    # Words that say nothing of the kind of work (articles, numerals, units, rooms: the room is
    # where, not what) are dropped; words of how and how much ("fourniture", "finition") weigh little.
    stop_words: list[str]
    generic_words: list[str]
    # One spelling per word: an abbreviation or a variant -> the barème's word(s) ("fp" ->
    # "fourniture pose", "arrachage" -> "depose", "croisee" -> "fenetre").
    abbreviations: dict[str, str]
    # A trade's abbreviations, read as the barème's words before anything else (``Shorthand``).
    shorthand: list[Shorthand] = Field(default_factory=list)
    # Specification tokens and the trades that write them (``TradeMark``).
    trade_marks: list[TradeMark] = Field(default_factory=list)
    # What the line does to the thing, in the barème's words: take it out, take it out and put it
    # back, do it again; the words of fitting something (new); the words saying a thing is new.
    removal_word: str
    refit_word: str
    redo_word: str
    # What taking out and putting back new things is ("dépose et repose de plinthes neuves").
    replacement_word: str
    fitting_words: list[str]
    new_words: list[str]
    # The adjectives of the old one a line takes out (« dépose de l'ancienne », « … de l'existant »):
    # taken out after the line's own work, it is the thing that work puts new in its place.
    old_words: list[str] = Field(default_factory=list)
    # Prefixes that turn a word into its opposite or another job: "dépose" is not "pose".
    meaning_prefixes: list[str]
    # Prefixes naming a product by what it prevents or treats ("anti-moisissures") and the
    # barème's word for such a treatment ("traitement"): "produit anti-X" treats X.
    against_prefixes: list[str]
    against_word: str
    # Letters OCR confuses (read, meant), tried on a word the barème does not know.
    ocr_confusions: list[tuple[str, str]]
    # Digits OCR reads for letters inside a word ("c0uches"): digit -> letter.
    ocr_digits: dict[str, str]
    # The words joining two works in one line ("et", "puis", "ainsi que").
    part_separators: list[str]
    # The words before what a work includes ("carrelage y compris colle et joints"): a detail of
    # the work, not a second one.
    inclusion_words: list[str] = Field(default_factory=list)
    # The participles after what a work includes, closing the line's last statement ("Porte
    # d'entrée fournie posée, peinture comprise"): what is between the comma and them is a detail
    # of the work, not a second one (never after "non": "non compris" excludes).
    included_words: list[str] = Field(default_factory=list)
    # The possessives of the third person ("son", "sa", "ses", "leur", "leurs"): a thing joined to
    # a line by one ("dépose de la moquette et de sa thibaude") is a part of the thing named before
    # it, done in the same work: a detail of that work, never a second one.
    possessive_words: list[str] = Field(default_factory=list)
    # The words before a work's context, when or where it is done ("désinfection après pompage
    # de l'eau", "enduit dans la cage d'escalier"): a detail of the work.
    context_words: list[str] = Field(default_factory=list)
    # The words before a work's purpose, an infinitive and its object ("mise en pression du réseau
    # pour trouver la fuite", "afin d'assécher les murs"): what the work is for, which may name it.
    purpose_words: list[str] = Field(default_factory=list)
    # The past participles (masculine singular, folded) and relatives saying the state a loss left
    # the thing in ("souillés par les eaux usées", "qui a été touché par la fuite"): a detail of
    # the work, as a context is, never a second work nor its object.
    state_words: list[str] = Field(default_factory=list)
    # The prepositions introducing the agent complement of a state participle ("mouillé par la
    # pluie"): what caused the state, read with it as a detail.
    agent_words: list[str] = Field(default_factory=list)
    # The nouns naming what causes a loss (a storm, hail, a fallen tree: « arrachées par le vent »,
    # « descellées par la tempête », « brisés par le tronc »): after an agent word, any participle
    # before them says the state the loss left the thing in, never what the line does to it.
    cause_words: list[str] = Field(default_factory=list)
    # The heads naming no work before a colon ("Travaux de reprise : …", "Travail préparatoire des
    # parois : …"): the works follow the colon, the head's complement is their object.
    heading_words: list[str] = Field(default_factory=list)
    # The nouns naming a work by the covering it gives a surface, not by what it is made of
    # (« habillage », « revêtement », « parement »): the thing the line names after one (« … en
    # plaque de plâtre », « … céramique ») says which item it is.
    covering_words: list[str] = Field(default_factory=list)
    # The nouns naming the place or surface a work covers (« tablier de baignoire », « pourtour »,
    # « crédence » aside, « retour de mur », « soubassement »): like a covering noun, the thing the
    # line names after one (« … en faïence », « … en lambris ») says which item it is.
    surface_words: list[str] = Field(default_factory=list)
    # The words saying a line does not include a work, before it ("hors fourniture", "sauf
    # plinthes") or after it ("ragréage non compris", "évacuation à la charge du client"): that
    # work is not in the line's price.
    exclusion_words: list[str] = Field(default_factory=list)
    # The words before what a thing is used as ("peinture … en sous-couche" is an undercoat).
    role_words: list[str]
    # The words of a number of days in a lump-sum line ("Déshumidificateur (7 jours)").
    day_words: list[str] = Field(default_factory=list)
    # The words saying a line hires a thing ("location", "loué", "mise à disposition"): a hire,
    # never labour, whatever time it is counted by.
    hire_words: list[str] = Field(default_factory=list)
    # The words of repairing what a line names ("Réparation du chauffe-eau" is no new one).
    repair_words: list[str] = Field(default_factory=list)
    # The words of a work on a thing in place that neither supplies nor replaces it, by kind
    # ("check": vérification, contrôle; "clean": nettoyage; "protect": protection…).
    service_words: dict[str, list[str]] = Field(default_factory=dict)
    # The kinds of those works whose word alone names something else ("déplacement": the
    # contractor's trip): a line doing one to a thing fitted one by one is that work on that thing,
    # priced by an item of the work whose names say the thing, or by time, never by the others.
    thing_services: list[str] = Field(default_factory=list)
    # The kinds of those works whose words all name one act ("check": a « contrôle », an
    # « inspection », an « audit » of an installation are the same visit): each word reads as the others.
    same_act_services: list[str] = Field(default_factory=list)
    # The words that say a work follows a loss ("suite à dégât des eaux", "après sinistre"): the
    # evidence for an item whose own names say so (the cleaning after a loss, not the final one).
    loss_words: list[str] = Field(default_factory=list)
    # The names of the trades as quotes print them in a heading ("Lot 3 – Peinture", "PLOMBERIE
    # SANITAIRE", "Sols souples"), folded: the trades a line under such a heading is of. A name
    # several trades share ("revetement de sol": soft floors or tiles) is under each of them.
    trade_names: dict[Trade, list[str]] = Field(default_factory=dict)
    # Ways of writing read as other words, in order: written forms first ("f&p", "m.o", "ba 13"),
    # then, after OCR digits are mended, phrases (the claim, the room, compound nouns, "2 couches",
    # "dépose et repose"…). Regular expressions over folded text; ``{name}`` is a pattern part.
    spellings: list[PhraseRule]
    phrases: list[PhraseRule]
    pattern_parts: dict[str, str]
    removal_phrases: RemovalPhrases
    # Where each list comes from, by its name (the three action words: "actions").
    sources: dict[str, str] = Field(default_factory=dict)

    @field_validator("qualifiers", "brands")
    @classmethod
    def _no_blank_word(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("mot vide")
        return value

    @field_validator(
        "suffixes",
        "thing_suffixes",
        "thing_too_suffixes",
        "removal_prefixes",
        "redo_prefixes",
        "not_derived",
        "generic_words",
        "fitting_words",
        "new_words",
        "old_words",
        "meaning_prefixes",
        "against_prefixes",
    )
    @classmethod
    def _folded_letters(cls, value: list[str]) -> list[str]:
        # Compared with folded words: lower case, no accent, letters only.
        return _all_match(value, _AFFIX, "affixes ou mots non normalisés", "lettres minuscules sans accent")

    @field_validator("stop_words")
    @classmethod
    def _folded_tokens(cls, value: list[str]) -> list[str]:
        return _all_match(value, _TOKEN, "mots non normalisés", "minuscules sans accent, chiffres")

    @field_validator("removal_word", "refit_word", "redo_word", "replacement_word", "against_word")
    @classmethod
    def _folded_word(cls, value: str) -> str:
        if not _AFFIX.match(value):
            raise ValueError(f"mot non normalisé {value!r} (lettres minuscules sans accent)")
        return value

    @field_validator(
        "part_separators",
        "inclusion_words",
        "included_words",
        "possessive_words",
        "context_words",
        "purpose_words",
        "state_words",
        "agent_words",
        "cause_words",
        "heading_words",
        "covering_words",
        "surface_words",
        "exclusion_words",
        "role_words",
        "day_words",
        "hire_words",
        "repair_words",
        "loss_words",
    )
    @classmethod
    def _folded_phrases(cls, value: list[str]) -> list[str]:
        return _all_match(value, _PHRASE, "mots non normalisés", "lettres minuscules sans accent")

    @field_validator("service_words")
    @classmethod
    def _one_kind_per_service_word(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        _all_match(list(value), _KIND, "sortes de travaux non normalisées", "minuscules et _")
        for words in value.values():
            _all_match(words, _AFFIX, "mots de travaux non normalisés", "lettres minuscules sans accent")
        seen = [word for words in value.values() for word in words]
        twice = sorted({word for word in seen if seen.count(word) > 1})
        if twice:
            raise ValueError(f"service_words : mots de plusieurs sortes {twice}")
        return value

    @field_validator("trade_names")
    @classmethod
    def _folded_trade_names(cls, value: dict[Trade, list[str]]) -> dict[Trade, list[str]]:
        for names in value.values():
            _all_match(names, _PHRASE, "noms de corps d'état non normalisés", "lettres minuscules sans accent")
        return value

    @field_validator("abbreviations")
    @classmethod
    def _folded_spellings(cls, value: dict[str, str]) -> dict[str, str]:
        wrong = [f"{k} -> {v}" for k, v in value.items() if not _TOKEN.match(k) or not _PHRASE.match(v)]
        if wrong:
            raise ValueError(f"abréviations non normalisées {wrong} (minuscules sans accent)")
        return value

    @field_validator("shorthand")
    @classmethod
    def _one_reading_per_shorthand(cls, value: list[Shorthand]) -> list[Shorthand]:
        # Case-aware entries are told apart as written, the others folded.
        seen = [entry.written if entry.exact_case else entry.written.lower() for entry in value]
        twice = sorted({written for written in seen if seen.count(written) > 1})
        if twice:
            raise ValueError(f"abréviations de métier en double {twice}")
        return value

    @field_validator("verb_endings")
    @classmethod
    def _folded_ending_pairs(cls, value: list[tuple[str, str]]) -> list[tuple[str, str]]:
        _all_match([ending for pair in value for ending in pair], _AFFIX, "terminaisons non normalisées", "a-z")
        return value

    @field_validator("ocr_digits")
    @classmethod
    def _digits_for_letters(cls, value: dict[str, str]) -> dict[str, str]:
        wrong = [
            f"{k} -> {v}"
            for k, v in value.items()
            if not (len(k) == 1 and k.isdigit() and _AFFIX.match(v) and len(v) == 1)
        ]
        if wrong:
            raise ValueError(f"chiffres lus pour des lettres invalides {wrong}")
        return value

    @field_validator("ocr_confusions")
    @classmethod
    def _letters(cls, value: list[tuple[str, str]]) -> list[tuple[str, str]]:
        wrong = [pair for pair in value if not all(_AFFIX.match(side) for side in pair) or pair[0] == pair[1]]
        if wrong:
            raise ValueError(f"confusions de lettres invalides {wrong}")
        return value

    def pattern(self, text: str) -> re.Pattern[str]:
        """A pattern of the vocabulary with its parts put in."""
        for name, part in self.pattern_parts.items():
            text = text.replace("{" + name + "}", part)
        return re.compile(text)

    @model_validator(mode="after")
    def _patterns_compile(self) -> Vocabulary:
        rules = [rule.pattern for rule in (*self.spellings, *self.phrases)]
        removal = self.removal_phrases
        wrong = []
        for text in (*rules, removal.taken_out, removal.new, removal.not_included):
            try:
                if _PART_NAME.search(self.pattern(text).pattern):
                    wrong.append(f"{text!r} : partie inconnue")
            except re.error as exc:
                wrong.append(f"{text!r} : {exc}")
        if wrong:
            raise ValueError(f"expressions invalides {wrong}")
        return self

    @model_validator(mode="after")
    def _every_list_has_its_source(self) -> Vocabulary:
        named = {
            name
            for name, value in self
            if name != "sources" and (isinstance(value, list | dict | RemovalPhrases)) and value
        }
        missing = sorted(named - set(self.sources))
        unknown = sorted(set(self.sources) - set(type(self).model_fields) - {"actions"})
        blank = sorted(name for name, source in self.sources.items() if not source.strip())
        if missing or unknown or blank:
            raise ValueError(f"vocabulary.sources : sans source {missing}, listes inconnues {unknown}, vides {blank}")
        return self


class Bareme(LazyModel):
    """A versioned barème: items and one regional coefficient per département."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    effective_date: dt.date
    currency: str = "EUR"
    source: str | None = None
    coefficients: dict[str, Decimal]
    # A line of labour by the day is priced at this many hours of the trade's hourly item.
    hours_per_day: Decimal = Field(gt=0, le=12)
    # The hourly item a line counted in hours or days is priced at when no item names its work
    # ("Petite réparation diverse", 3 h): an hour of work is labour.
    general_labour: str | None = None
    # The trades of the works every site has, whatever its other trades (setting up, cleaning,
    # labour): the trades of a quote's sure lines never rule them out (``Matcher.match_in``).
    every_site_trades: list[Trade] = Field(min_length=1)
    # A repair call-out's labour, in hours at the general rate (``general_labour``): a new object
    # dearer than that is not what a line repairing it prices, one no dearer bounds its repair.
    repair_callout_hours: Decimal = Field(gt=0, le=8)
    # Where each of the rules above comes from, by field name (items and vocabulary have theirs).
    sources: dict[str, str] = Field(default_factory=dict)
    items: list[BaremeItem] = Field(min_length=1)
    vocabulary: Vocabulary

    # What is derived from the barème (the matcher's index), built once per loaded version.
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def derived(self, name: str, build: Callable[[Bareme], T]) -> T:
        """``build(self)``, computed on first use and kept with this barème."""
        if name not in self._derived:
            self._derived[name] = build(self)
        value: T = self._derived[name]
        return value

    @field_validator("currency")
    @classmethod
    def _euro(cls, value: str) -> str:
        if value != "EUR":
            raise ValueError("le barème est en euros (EUR)")
        return value

    @field_validator("coefficients")
    @classmethod
    def _all_departements(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        missing = [d for d in DEPARTEMENTS if d not in value]
        unknown = [d for d in value if d not in DEPARTEMENTS]
        if missing or unknown:
            raise ValueError(f"coefficients : départements manquants {missing}, inconnus {unknown}")
        wrong = {d: str(c) for d, c in value.items() if not MIN_COEFFICIENT <= c <= MAX_COEFFICIENT}
        if wrong:
            raise ValueError(f"coefficients hors de [{MIN_COEFFICIENT}, {MAX_COEFFICIENT}] : {wrong}")
        return value

    @model_validator(mode="after")
    def _unique_codes(self) -> Bareme:
        counts = Counter(i.code for i in self.items)
        dupes = [code for code, n in counts.items() if n > 1]
        if dupes:
            raise ValueError(f"codes d'article en double : {sorted(dupes)}")
        return self

    @model_validator(mode="after")
    def _includes_known_items(self) -> Bareme:
        codes = {i.code for i in self.items}
        unknown = sorted({code for i in self.items for code in i.includes if code not in codes or code == i.code})
        if unknown:
            raise ValueError(f"includes : articles inconnus {unknown}")
        units = {i.code: i.unit for i in self.items}
        wrong = sorted(
            i.code
            for i in self.items
            if i.removal is not None and (units.get(i.removal) is not i.unit or i.removal == i.code)
        )
        if wrong:
            raise ValueError(f"removal : article de dépose inconnu ou d'une autre unité pour {wrong}")
        return self

    @model_validator(mode="after")
    def _services_are_known(self) -> Bareme:
        kinds = set(self.vocabulary.service_words)
        unknown = sorted(
            {service for i in self.items for service in i.services if service not in kinds}
            | set(self.vocabulary.thing_services) - kinds
            | set(self.vocabulary.same_act_services) - kinds
        )
        if unknown:
            raise ValueError(f"services : sortes de travaux absentes de vocabulary.service_words {unknown}")
        return self

    @model_validator(mode="after")
    def _general_labour_is_hourly(self) -> Bareme:
        if self.general_labour is not None and not any(
            i.code == self.general_labour and i.unit is Unit.H for i in self.items
        ):
            raise ValueError(f"general_labour : {self.general_labour} n'est pas un article à l'heure du barème")
        return self

    @model_validator(mode="after")
    def _repairs_have_a_callout_rate(self) -> Bareme:
        # A repair is bounded by a call-out at the general rate: no rate, no bound.
        if self.vocabulary.repair_words and self.general_labour is None:
            raise ValueError("vocabulary.repair_words : general_labour (le taux d'un déplacement) manque")
        return self

    @model_validator(mode="after")
    def _every_rule_has_its_source(self) -> Bareme:
        rules = {name for name in _RULES if name in self.model_fields_set and getattr(self, name) is not None}
        missing = sorted(rules - set(self.sources))
        unknown = sorted(set(self.sources) - set(_RULES))
        blank = sorted(name for name, source in self.sources.items() if not source.strip())
        if missing or unknown or blank:
            raise ValueError(f"sources : règles sans source {missing}, inconnues {unknown}, vides {blank}")
        return self

    @model_validator(mode="after")
    def _qualifiers_are_no_heads(self) -> Bareme:
        # A word that says what a thing is cannot only qualify it.
        heads = {_plain(head) for item in self.items for head in item.heads}
        words = {_plain(word) for word in (*self.vocabulary.qualifiers, *self.vocabulary.brands)}
        both = sorted(heads & words)
        if both:
            raise ValueError(f"vocabulary : mots à la fois qualificatifs et têtes d'article {both}")
        return self

    def item(self, code: str) -> BaremeItem:
        for candidate in self.items:
            if candidate.code == code:
                return candidate
        raise KeyError(code)

    def coefficient_for(self, postal_code: str | None) -> tuple[Decimal, str | None]:
        """Regional coefficient of a work site and its département; 1.00 (national) when unknown."""
        departement = departement_of(postal_code) if postal_code else None
        if departement is None or departement not in self.coefficients:
            # Monaco, Saint-Pierre-et-Miquelon, a mistyped code: the national price.
            return Decimal("1.00"), None
        return self.coefficients[departement], departement


def _all_match(values: list[str], pattern: re.Pattern[str], what: str, form: str) -> list[str]:
    """``values`` when every one matches ``pattern``; else the schema's error naming the others."""
    wrong = [v for v in values if not pattern.match(v)]
    if wrong:
        raise ValueError(f"{what} {wrong} ({form})")
    return values
