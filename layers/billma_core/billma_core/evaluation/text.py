"""Normalising quote wording for matching: accents, case, punctuation, abbreviations, plurals,
stop words and numbers go, so "Peint. murs 2 cches – Séjour" and "peinture des murs" meet. The
words are the barème's (``Vocabulary``); this module has the rules (:class:`Wording`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from billma_core.bareme.schema import Vocabulary

# A line that fits something (new or put back), as ``Wording.action`` says.
FITTING = "fitting"


_BA13 = re.compile(r"\bba\s*(\d{2})\b")
_FP = re.compile(r"\bf\s*[&+/]\s*p\b")
# The claim, not the work: "suite à dégât des eaux" says why, the rest of the line says what.
_CLAIM = re.compile(r"\bdegats?\s+(?:des\s+)?eaux?\b")
# A room ("salle d'eau") whose words would otherwise read as water.
_WATER_ROOM = re.compile(r"\bsalles?\s+d\s*'?\s*eau\b")
# The kitchen as the room heading or suffix of a line ("Cuisine : peinture plafond", "… – Cuisine"),
# not the kitchen furniture of "meubles de cuisine".
_KITCHEN_ROOM = re.compile(r"^\s*cuisine\s*[:\-–]|[\-–/(]\s*cuisine\s*\)?\s*$")
# "Mise en œuvre" is how, not the labour ("main d'œuvre").
_IMPLEMENTATION = re.compile(r"\bmise\s+en\s+oeuvre\b")
_MO = re.compile(r"\bm\s*\.\s*o\b\.?")
_NUMBERISH = re.compile(r"^\d+([x.,]\d+)*[a-z]{0,2}$|^\d+x\d+.*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, superscripts as digits."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def _lemma(token: str) -> str:
    # Plural and the -aux plural; both sides of a comparison go through it, so "travaux" ->
    # "traval" is harmless as long as it is consistent.
    if len(token) <= 3 or token.isdigit():
        return token
    if token.endswith("eaux"):
        return token[:-1]
    if token.endswith("aux") and len(token) > 4:
        return token[:-3] + "al"
    if token.endswith(("s", "x")) and not token.endswith("ss"):
        return token[:-1]
    return token


_DIGIT_AS_LETTER = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b"})


def _ocr_digits(word: str) -> str:
    # OCR reads "o" as "0" and "l" as "1" inside words ("c0uches", "b1oc"); real codes such as
    # "ba13" or "16a" have few letters and are left alone.
    letters = sum(ch.isalpha() for ch in word)
    digits = len(word) - letters
    if letters >= 3 and 0 < digits <= 2 and word[0].isalpha() and not word[-1].isdigit():
        return word.translate(_DIGIT_AS_LETTER)
    return word


_SOUS_COUCHE = re.compile(r"\bs[o0]us[\s-]*c\s*[o0]uch[ec]")
# Things named by a noun and its complement, where the noun alone is another thing: the entrance
# door is not an interior door, a garage door or a roof window is no joinery item of the barème.
# Each becomes one word (never similar to the bare noun, see ``COMPOUND_WORDS``).
_COMPOUNDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bportes?\s+d\s*'?\s*entree"), "porteentree"),
    (re.compile(r"\bportes?\s+(?:de\s+|du\s+)?garage"), "portegarage"),
    (re.compile(r"\bfenetres?\s+de\s+toit"), "fenetretoit"),
    (re.compile(r"\bpompes?\s+(?:a\s+)?chaleur"), "pompechaleur"),
    (re.compile(r"\bpompes?\s+de\s+relevage"), "pomperelevage"),
)
COMPOUND_WORDS = frozenset(word for _, word in _COMPOUNDS)
# "Plinthes à peindre", "toile de verre à peindre": a product sold unfinished, not painting work.
_TO_PAINT = re.compile(r"\ba\s+peindre\b")
# Two coats is a finished paint job: "impression + 2 couches sur murs" paints the walls.
# The primer before them is part of it ("impression + 2 couches" is not a stain primer).
_TWO_COATS = re.compile(r"\b(?:imp[a-z0-9]*\.?\s*(?:\+|et|,|puis)?\s*)?(?:2|deux)\s*(?:couches?|cches?|cc)\b")
# Before painting is preparation: "lessivage avant peinture" prepares, it does not clean up.
_BEFORE_PAINTING = re.compile(r"\bavant\s+(?:la\s+|les\s+)?(?:mise\s+en\s+peinture|peinture|de\s+peindre|pose)\b")
# Taking out and putting back is one job, the re-fitting ("dépose et repose des meubles"); taking
# out then supplying or fitting new is a replacement: the removal is part of it, not the work.
_REMOVAL = (
    r"(?:depos(?:e|es|er|ee|ees)?|demont(?:age|er|e)|enlevement|retrait|arrach(?:age|er|e|ee)|decoll(?:age|er|e|ee|ement)"
    r"|demoli(?:tion|r|e)?|piquage)"
)
_AND = r"\s*(?:et|/|\+|-|&|,)?\s*(?:puis\s+)?"
_REMOVE_REFIT = re.compile(rf"\b{_REMOVAL}{_AND}(?:repos(?:e|es|er)|remont(?:age|er|e))\b")
_REMOVE_THEN_NEW = re.compile(rf"\b{_REMOVAL}{_AND}(?=(?:remplacement|fourniture|fourn|pose|f\s*[&+/]\s*p)\b)")
_DETAIL = re.compile(r"\(([^()]*)\)?")
_REMOVAL_WORD = re.compile(rf"\b{_REMOVAL}\b")
_NEW_WORD = re.compile(
    r"\b(?:repos(?:e|es|er)|remont(?:age|er|e)|remplacement|reconstruction|fourniture|fourn|pose|posee?s?)\b"
)
_REMOVAL_EXCLUDED = re.compile(
    rf"\b(?:hors|sans|non\s+compris\w*)\s+(?:la\s+|le\s+|l\s*'\s*)?{_REMOVAL}|\b{_REMOVAL}\s+(?:non\s+compris|en\s+sus|exclu|a\s+part|en\s+option)"
)


@lru_cache(maxsize=8192)
def includes_removal(text: str) -> bool:
    """Whether a line takes out the existing AND fits new ("dépose et repose de papier peint",
    "dépose + fourniture et pose de stratifié", "…, dépose comprise"), unless it says the removal
    is not included ("hors dépose", "dépose en sus")."""
    prepared = fold(text)
    prepared = _FP.sub(" fourniture pose ", prepared)
    if _REMOVAL_EXCLUDED.search(prepared):
        return False
    return bool(_REMOVAL_WORD.search(prepared) and _NEW_WORD.search(prepared))


def _prepare(text: str) -> str:
    folded = fold(text)
    folded = _FP.sub(" fourniture pose ", folded)
    folded = _MO.sub(" main oeuvre ", folded)
    folded = _CLAIM.sub(" ", folded)
    folded = _WATER_ROOM.sub(" ", folded)
    folded = _KITCHEN_ROOM.sub(" ", folded)
    folded = _IMPLEMENTATION.sub(" pose ", folded)
    folded = _BA13.sub(r" ba\1 ", folded)
    # OCR digits inside words first ("c0uches"), so that the phrases below are recognised.
    folded = _WORD.sub(lambda found: _ocr_digits(found.group()), folded)
    # One word each: "sous" alone ("sous-total") must not evoke an undercoat, and the entrance
    # door is not a door in the "entrée" (hall), a room name dropped as a stop word.
    for pattern, word in _COMPOUNDS:
        folded = pattern.sub(f" {word} ", folded)
    folded = _TO_PAINT.sub(" ", folded)
    folded = _TWO_COATS.sub(" peinture couche ", folded)
    folded = _BEFORE_PAINTING.sub(" preparation ", folded)
    folded = _REMOVE_REFIT.sub(" repose ", folded)
    folded = _REMOVE_THEN_NEW.sub(" ", folded)
    return _SOUS_COUCHE.sub(" souscouche ", folded)


class Wording:
    """How one barème reads quote wording: its vocabulary's words (``Vocabulary``), these rules.
    Built once per loaded barème, with the matcher (``Matcher.words``)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.stop_words = frozenset(vocabulary.stop_words)
        self.abbreviations = dict(vocabulary.abbreviations)
        generic = frozenset(vocabulary.generic_words)
        self._generic_lemmas = generic | {_lemma(word) for word in generic}
        # What the line does to the thing, in the barème's words.
        self.removal = vocabulary.removal_word
        self.refit = vocabulary.refit_word
        self.redo = vocabulary.redo_word
        self.fitting = frozenset(vocabulary.fitting_words)
        self._new_things = frozenset(vocabulary.new_words)
        self.meaning_prefixes = frozenset(vocabulary.meaning_prefixes)
        self._against = tuple(sorted(vocabulary.against_prefixes, key=len, reverse=True))
        self.against_word = vocabulary.against_word
        self.ocr_confusions = tuple(vocabulary.ocr_confusions)
        # Where a line names several works: the vocabulary's joining words, "&", "+" and a spaced
        # slash (a slash between two words, "évier/lavabo", is an alternative; commas list details:
        # "Peinture mate, plafond").
        joins = "|".join(r"\s+".join(map(re.escape, words.split())) for words in vocabulary.part_separators)
        self.part_separator = re.compile(rf"\s+(?:{joins})\s+|\s*[&+]\s*|\s+/\s+")
        # The words before what a thing is used as ("peinture … en sous-couche").
        role = "|".join(map(re.escape, vocabulary.role_words)) or r"(?!)"
        self._role = re.compile(rf"\b(?:{role})\s+([a-z0-9]+)")
        self.canonical = lru_cache(maxsize=16384)(self._canonical)
        self.tokens = lru_cache(maxsize=8192)(self._tokens)
        self.tokens_with_detail = lru_cache(maxsize=8192)(self._tokens_with_detail)

    def _canonical(self, raw: str) -> tuple[str, ...]:
        """Meaningful tokens of one folded word (abbreviation expanded, singular, no stop word)."""
        out: list[str] = []
        for spelled in self.abbreviations.get(raw, raw).split():
            expanded = self._against_what(spelled, out)
            if not expanded:
                continue
            word = _ocr_digits(expanded)
            if word != expanded:
                word = self.abbreviations.get(word, word)
            lemma = _lemma(word)
            lemma = self.abbreviations.get(lemma, lemma) if lemma != word else lemma
            # A lone letter that is not a stop word ("M ain d'œuvre") is kept for the matcher to
            # glue back to the next word, or drop.
            if lemma in self.stop_words or word in self.stop_words or _NUMBERISH.match(lemma):
                continue
            out.append(lemma)
        return tuple(out)

    def _against_what(self, word: str, out: list[str]) -> str:
        """A product named by what it prevents or treats ("anti-moisissures", "antitache",
        "produit anti-humidité") is the treatment of that thing, not its opposite: the
        vocabulary's word for a treatment goes to ``out``, and the thing is what is left of the
        word (nothing for the prefix written apart)."""
        for prefix in self._against:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and (not rest or (len(rest) >= MIN_AGAINST and rest.isalpha())):
                out.append(self.against_word)
                return rest
        return word

    def _words_of(self, text: str) -> list[str]:
        out: list[str] = []
        for raw in _NON_WORD.split(text):
            if raw:
                out.extend(self.canonical(raw))
        return out

    def _without_included_removal(self, words: list[str]) -> list[str]:
        # "Dépose et repose de plinthes neuves" puts back new ones: a replacement, not a refitting.
        if self.refit in words and self._new_things.intersection(words):
            words = ["remplacement" if word == self.refit else word for word in words]
        # "Fourniture et pose de plinthes, dépose des anciennes comprise": a replacement; the
        # removal is part of it (priced with it when the item says how, see ``BaremeItem.removal``).
        if self.removal in words and self.fitting.intersection(words):
            return [word for word in words if word != self.removal]
        return words

    def _tokens(self, text: str) -> tuple[str, ...]:
        """Meaningful tokens of a wording, in order."""
        return tuple(self._without_included_removal(self._words_of(_prepare(text))))

    def _tokens_with_detail(self, text: str) -> tuple[tuple[str, bool], ...]:
        """Tokens with whether they sit in parentheses: "(rebouchage, ponçage inclus)" details the
        work named before it and should not decide what the work is."""
        prepared = _prepare(text)
        out: list[tuple[str, bool]] = []
        position = 0
        for found in _DETAIL.finditer(prepared):
            out.extend((tok, False) for tok in self._words_of(prepared[position : found.start()]))
            out.extend((tok, True) for tok in self._words_of(found.group(1) or ""))
            position = found.end()
        out.extend((tok, False) for tok in self._words_of(prepared[position:]))
        words = self._without_included_removal([tok for tok, _ in out])
        if len(words) == len(out):
            return tuple((word, detail) for word, (_, detail) in zip(words, out, strict=True))
        kept = set(words)
        return tuple((tok, detail) for tok, detail in out if tok in kept)

    def roles(self, text: str) -> tuple[str, ...]:
        """The words naming what the line's thing is used as: the first word after a role word
        ("Peinture anti-humidité en sous-couche": an undercoat)."""
        return tuple(
            word for found in self._role.finditer(_prepare(text)) for word in self.canonical(found.group(1))[:1]
        )

    def is_generic(self, token: str) -> bool:
        return token in self._generic_lemmas

    def normalize(self, text: str) -> str:
        return " ".join(self.tokens(text))

    def action(self, line: list[str]) -> str | None:
        """What a line's words do to the thing: take it out, take it out and put it back, fit it
        (``FITTING``), or None for words that only say what."""
        words = set(line)
        if self.refit in words:
            return self.refit
        if self.removal in words and not words & self.fitting:
            # Taken out only; "fourniture et pose de plinthes, dépose comprise" is a replacement.
            return self.removal
        if words & self.fitting:
            return FITTING
        return None


# What follows an "against" prefix is a thing of this many letters at least ("antique" is none).
MIN_AGAINST = 4

# A stem keeps this many letters: "dall-age" and "dall-e" meet, "p-ose" is no stem.
MIN_STEM = 4


def stem(word: str, suffixes: tuple[str, ...]) -> str:
    """The base a trade noun is derived from, by the barème's derivational endings: "carrelage"
    and "carreler" give "carrel", "jointoiement" and "jointoyer" "jointoi", "calorifugeage" and
    "calorifuge" "calorifug". The longest ending goes first, then a final one left ("-e")."""
    for _ in range(2):
        cut = next(
            (len(suffix) for suffix in suffixes if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM), 0
        )
        if not cut:
            break
        word = word[:-cut]
    # "jointoyer" / "jointoiement": the y of the verb is an i before a consonant.
    return word.replace("y", "i")
