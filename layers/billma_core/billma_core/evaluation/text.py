"""Normalising quote wording for matching: accents, case, punctuation, abbreviations, plurals,
stop words and numbers go, so "Peint. murs 2 cches – Séjour" and "peinture des murs" meet. The
words are the barème's (``Vocabulary``); this module has the rules (:class:`Wording`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from billma_core.bareme.schema import Trade, Vocabulary

# A line that fits something (new or put back), as ``Wording.action`` says.
FITTING = "fitting"


_NUMBERISH = re.compile(r"^\d+([x.,]\d+)*[a-z]{0,2}$|^\d+x\d+.*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LETTER = re.compile(r"[a-z]")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelt out, superscripts as digits."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def _written(written: str, *, folded: bool) -> re.Pattern[str]:
    """An abbreviation as a whole written word or words ("PC", "2P+T", "VMC SF"), not inside
    another word ("PCE", "IDEM") nor a hyphenated one ("PC-portable")."""
    words = (fold(written) if folded else written).split()
    return re.compile(r"(?<![^\W_])(?<![^\W_]-)" + r"\s+".join(map(re.escape, words)) + r"(?!-?[^\W_])")


def _lemma(token: str) -> str:
    # Plural and the -aux plural; both sides of a comparison go through it, so "travaux" ->
    # "traval" is harmless as long as it is consistent.
    if len(token) <= 3 or token.isdigit():
        return token
    if token.endswith("eaux"):
        return token[:-1]
    if token.endswith("aux") and len(token) > 4:
        return token[:-3] + "al"
    if token.endswith("au") and len(token) > 4:
        # The singular of an -aux plural in -au ("tuyau" / "tuyaux", "matériau" / "matériaux")
        # meets its plural there (-eau words are caught above only in the plural; "bureau" stays).
        return token if token.endswith("eau") else token[:-2] + "al"
    if token.endswith(("s", "x")) and not token.endswith("ss"):
        token = token[:-1]
    # An adjective in -if agrees in -ive ("lames massives", "parquet massif").
    if token.endswith("ive") and len(token) > 5:
        return token[:-3] + "if"
    return token


# Where a line's head ends and what it names follows: a colon, a spaced dash, a comma.
_HEADING_MARK = re.compile(r"\s*:\s*|\s+[-–]\s+|,\s*(?!\d)")
# Where a statement ends: a comma, a semicolon, a bracket.
_STATEMENT_END = re.compile(r"[,;:()]")
# After an exclusion word, "de" or "d'" names a place ("hors d'eau", "hors de portée"), not a work.
_PLACE = re.compile(r"\s*d(?:e\b|\s*')")
# The articles before the noun an agent complement names ("par la tempête", "par l'arbre").
_ARTICLES = r"le|la|les|l\s*'?|un|une|des|du|d\s*'?"
_DETAIL = re.compile(r"\(([^()]*)\)?")
# A word cut short and marked so: letters then a dot, not a decimal point nor a code's dot ("peint.",
# "carrel.", "dép."; not "2.5" nor "m.o", which the spellings read first).
_DOTTED = re.compile(r"(?<![a-z0-9.])([a-z]+)\.(?![a-z0-9])")


class Wording:
    """How one barème reads quote wording: its vocabulary's words (``Vocabulary``), these rules.
    Built once per loaded barème, with the matcher (``Matcher.words``)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.stop_words = frozenset(vocabulary.stop_words)
        # What causes a loss (``Vocabulary.cause_words``): a word of its own, no item's word cut
        # short nor misspelt (``token_similarity``: « tronc » is no « tronçon », « vent » no
        # « ventilateur »).
        self.causes = frozenset(vocabulary.cause_words)
        self.abbreviations = dict(vocabulary.abbreviations)
        generic = frozenset(vocabulary.generic_words)
        self._generic_lemmas = generic | {_lemma(word) for word in generic}
        # What the line does to the thing, in the barème's words.
        self.removal = vocabulary.removal_word
        self.refit = vocabulary.refit_word
        self.redo = vocabulary.redo_word
        self.replacement = vocabulary.replacement_word
        self.fitting = frozenset(vocabulary.fitting_words)
        self._new_things = frozenset(vocabulary.new_words)
        self.meaning_prefixes = frozenset(vocabulary.meaning_prefixes)
        self._against = tuple(sorted(vocabulary.against_prefixes, key=len, reverse=True))
        self.against_word = vocabulary.against_word
        self.ocr_confusions = tuple(vocabulary.ocr_confusions)
        self._digit_as_letter = str.maketrans(vocabulary.ocr_digits)
        # Where a line names several works: the vocabulary's joining words, "&", "+" and a spaced
        # slash (a slash between two words, "évier/lavabo", is an alternative; commas list details:
        # "Peinture mate, plafond").
        joins = "|".join(r"\s+".join(map(re.escape, words.split())) for words in vocabulary.part_separators)
        self.part_separator = re.compile(rf"\s+(?:{joins})\s+|\s*[&+]\s*|\s+/\s+")
        # A comma before a joining word enumerates works ("Protections, nettoyage et déplacements"),
        # not a decimal comma: then it separates works as the joining word does.
        self._listing_comma = re.compile(rf",(?!\d)(?=.*\s(?:{joins})\s)")
        # What a work includes, to the end of the line, read as a parenthesis: a detail.
        including = "|".join(r"\s+".join(map(re.escape, words.split())) for words in vocabulary.inclusion_words)
        self._included = re.compile(rf"\b(?:{including})\b[^()]*$" if including else r"(?!)")
        # The same said after it, closing the line: ", peinture comprise" (not "non compris").
        included = "|".join(map(re.escape, vocabulary.included_words))
        self._included_after = re.compile(
            rf"(?<=,)\s*([^,;:()]*?[a-z][^,;:()]*?(?<!\bnon)\s+(?:{included}))\s*\.?\s*$" if included else r"(?!)"
        )
        # A thing joined by a possessive ("… et de sa sous-couche", "… et de leur ossature"), to the
        # next joining word or the end of its statement: a part of the thing named before it, taken
        # out or fitted in the same work, read as a parenthesis (``Vocabulary.possessive_words``).
        possessives = "|".join(map(re.escape, vocabulary.possessive_words))
        self._own_part = re.compile(
            rf"(?:\s+(?:{joins})\s+|\s*[&+]\s*)(?:(?:de|du|des)\s+|d\s*'\s*)?(?:{possessives})\s"
            rf"[^,;:()&+]*?(?=\s+(?:{joins})\s|\s*[&+,;:()]|\s+/\s|$)"
            if possessives
            else r"(?!)"
        )
        # A complement saying when or where a work is done ("après pompage de l'eau", "lors de la
        # reprise", "dans la cage d'escalier"), to the end of its statement or the next joining
        # word, read as a parenthesis: the work's context, not a second work nor its object.
        # (A locution's words are written with spaces or hyphens: "au-dessus de".)
        context = "|".join(r"[\s-]+".join(map(re.escape, words.split())) for words in vocabulary.context_words)
        # A purpose: its words, then an infinitive (of the first, second or third group) and what
        # follows it to the end of its statement ("… pour trouver la fuite, sans casse").
        purposes = "|".join(r"\s+".join(map(re.escape, words.split())) for words in vocabulary.purpose_words)
        self._purpose = re.compile(rf"\b(?:{purposes})\s+([a-z]+(?:er|ir|re)\b[^,;:()]*)" if purposes else r"(?!)")
        # The state a loss left the thing in: a participle agreeing with it ("souillée",
        # "souillés"), or a relative and its participle ("qui a été touché"), read as a
        # parenthesis. Not its agent ("par les fumées"), which may say the work (soot cleaning).
        relatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in vocabulary.state_words if " " in w)
        states = "|".join(map(re.escape, (w for w in vocabulary.state_words if " " not in w)))
        state = rf"\b(?:(?:{relatives or '(?!)'})\s+[a-z]+|(?:{states or '(?!)'})(?:e?s?))\b"
        self._state = re.compile(state)
        # The state with its agent complement ("taché par l'eau venue du joint
        # arraché"), to the next joining word or the end of its statement: what caused the state.
        # It keeps its words for the items it names, but what it says is done (« arraché ») is the
        # loss, never what the line does (``Wording.circumstantial``).
        agents = "|".join(map(re.escape, vocabulary.agent_words)) or r"(?!)"
        # Any participle whose agent is what caused the loss (``Vocabulary.cause_words``: « descellées
        # par la tempête », « arraché par le vent ») says a state too, whatever its verb.
        causes = "|".join(map(re.escape, vocabulary.cause_words)) or r"(?!)"
        participle = r"\b[a-z]{3,}(?:e|es|ee|ees|i|is|ie|ies)\s+"
        suffered = rf"{participle}(?=(?:{agents})\s+(?:(?:{_ARTICLES})\s+)?(?:{causes})\b)"
        self._caused = re.compile(
            rf"(?:{state}\s+|{suffered})(?:{agents})\b(?:(?!\s+(?:{joins})\s|\s*[&+]|\s+/\s).)*?"
            rf"(?=\s+(?:{joins})\s|\s*[&+,;:()]|\s+/\s|$)"
        )
        self._context = re.compile(
            rf"\b(?:{context})\b(?:(?!\s+(?:{joins})\s|\s*[&+]|\s+/\s).)*?(?=\s+(?:{joins})\s|\s*[&+,;:()]|\s+/\s|$)"
            if context
            else r"(?!)"
        )
        # What a line says it does not include (``Wording.without_excluded``): the words, where a
        # statement ends (a comma, a bracket, a colon), and whether words follow the exclusion
        # before that end ("hors dépose": the work after it; "ragréage non compris": before it).
        excluding = "|".join(r"\s+".join(map(re.escape, words.split())) for words in vocabulary.exclusion_words)
        self._excluding = re.compile(rf"\b(?:{excluding})\b" if excluding else r"(?!)")
        self._statement_end = re.compile(r"[,;:()]")
        self._words_follow = re.compile(r"[^\W_][^,;:()]*")
        # The words before what a thing is used as ("peinture … en sous-couche").
        role = "|".join(map(re.escape, vocabulary.role_words)) or r"(?!)"
        self._role = re.compile(rf"\b(?:{role})\s+([a-z0-9]+)")
        # A number of days stated in a line ("(7 jours)", "10 j"), on its own text.
        days = "|".join(map(re.escape, sorted(vocabulary.day_words, key=len, reverse=True))) or r"(?!)"
        self.days = re.compile(rf"\b(\d{{1,3}})\s*(?:{days})\b", re.IGNORECASE)
        # A trade's abbreviations (``Shorthand``): those of one case on the text as written, the
        # others once folded; the longest first ("VMC SF" before "SF").
        entries = sorted(vocabulary.shorthand, key=lambda entry: -len(entry.written))
        self._exact_shorthand = tuple(
            (_written(entry.written, folded=False), f" {entry.read_as} ") for entry in entries if entry.exact_case
        )
        self._shorthand = tuple(
            (_written(entry.written, folded=True), f" {entry.read_as} ") for entry in entries if not entry.exact_case
        )
        # Specification tokens and the trades that write them (``TradeMark``).
        self._trade_marks = tuple((re.compile(mark.pattern), frozenset(mark.trades)) for mark in vocabulary.trade_marks)
        # Ways of writing read as other words (``PhraseRule``), in order.
        self._spellings = tuple((vocabulary.pattern(rule.pattern), rule.read_as) for rule in vocabulary.spellings)
        self._phrases = tuple((vocabulary.pattern(rule.pattern), rule.read_as) for rule in vocabulary.phrases)
        # Things named by a noun and its complement, where the noun alone is another thing (the
        # entrance door is no interior door): one word each, never similar to the bare noun.
        self.compounds = frozenset(rule.read_as.strip() for rule in vocabulary.phrases if rule.one_word)
        removal = vocabulary.removal_phrases
        self._taken_out = vocabulary.pattern(removal.taken_out)
        self._new = vocabulary.pattern(removal.new)
        self._removal_not_included = vocabulary.pattern(removal.not_included)
        # Derivational endings, the longest first (``stem``), and those naming a thing or a person.
        self.suffixes = tuple(sorted(vocabulary.suffixes, key=lambda suffix: (-len(suffix), suffix)))
        self._thing_suffixes = tuple(sorted(vocabulary.thing_suffixes, key=len, reverse=True))
        self._thing_too_suffixes = tuple(vocabulary.thing_too_suffixes)
        # The endings that make a noun of an action (-age, -ement, -ure, -tion, -erie), not those of
        # a verb or its participle (-er, -e, -ée), nor a thing's.
        self._work_suffixes = tuple(
            suffix
            for suffix in self.suffixes
            if len(suffix) >= MIN_WORK_SUFFIX and suffix not in vocabulary.thing_suffixes
        )
        # A work noun's ending by its verb's: the infinitive's ("isoler": -er) and the past
        # participle's, -é of the first group, -i of the second ("isolé", "assaini"), as folded and
        # singular ("isolée" -> "isolee"). The longest ending first.
        forms = [(form, noun) for noun, verb in vocabulary.verb_endings for form in (verb, *_participles(verb))]
        self._verb_forms = tuple(sorted(forms, key=lambda pair: -len(pair[0])))
        # The words of a work: what the line does to the thing, the works done on a thing in
        # place, the repairs (``works_first``; the nouns of an action are known by their ending).
        self._heading_words = frozenset(vocabulary.heading_words)
        self._actions = frozenset({self.removal, self.refit, self.redo, self.replacement, *self.fitting})
        # Supply and fit: how a new thing comes, which naming it alone says too.
        self._manner = self.fitting - {self.replacement, self.refit}
        self._work_words = (
            self._actions
            | {word for words in vocabulary.service_words.values() for word in words}
            | {word for phrase in vocabulary.repair_words for word in phrase.split()}
        )
        self.canonical = lru_cache(maxsize=16384)(self._canonical)
        self.includes_removal = lru_cache(maxsize=8192)(self._includes_removal)
        self.tokens = lru_cache(maxsize=8192)(self._tokens)
        self.tokens_with_detail = lru_cache(maxsize=8192)(self._tokens_with_detail)
        # The old one a line takes out (``Vocabulary.old_words``), as tokens.
        self.old = frozenset(tok for word in vocabulary.old_words for tok in self.canonical(word))

    def works(self, text: str) -> list[str]:
        """The texts of the works a line names one after the other ("A et B", "A + B", "A, B et C")."""
        return [part for part in self.part_separator.split(self._listing_comma.sub(" + ", text)) if part.strip()]

    def _canonical(self, raw: str) -> tuple[str, ...]:
        """Meaningful tokens of one folded word (abbreviation expanded, singular, no stop word)."""
        out: list[str] = []
        for spelled in self.abbreviations.get(raw, raw).split():
            expanded = self._against_what(spelled, out)
            if not expanded:
                continue
            word = self._ocr_digits(expanded)
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

    def _ocr_digits(self, word: str) -> str:
        # OCR reads "o" as "0" and "l" as "1" inside words ("c0uches", "b1oc"); real codes such
        # as "ba13" or "16a" have few letters and are left alone.
        letters = sum(ch.isalpha() for ch in word)
        digits = len(word) - letters
        if letters >= 3 and 0 < digits <= 2 and word[0].isalpha() and not word[-1].isdigit():
            return word.translate(self._digit_as_letter)
        return word

    def _spelt(self, text: str) -> str:
        """The wording with its trade's abbreviations read as words, folded, its spellings read."""
        for pattern, read_as in self._exact_shorthand:
            text = pattern.sub(read_as, text)
        folded = fold(text)
        for pattern, read_as in (*self._shorthand, *self._spellings):
            folded = pattern.sub(read_as, folded)
        return folded

    def _prepare(self, text: str) -> str:
        """The wording folded, its spellings read as words, OCR digits inside words mended
        ("c0uches", so that the phrases are recognised), then its phrases read, what the work
        includes put in parentheses."""
        prepared = _WORD.sub(lambda found: self._ocr_digits(found.group()), self._spelt(text))
        prepared = self._works_after_heading(prepared)
        for pattern, read_as in self._phrases:
            read = pattern.sub(read_as, prepared)
            # A phrase read as nothing says what goes with another work ("dépose comprise"): it
            # never takes the whole wording, whose work is then the phrase's own.
            prepared = read if _LETTER.search(read) else prepared
        return self.stated(prepared)

    def is_work(self, token: str) -> bool:
        """Whether a token names a work, not a thing: an action, a service, a repair, or a noun
        of action by its ending ("peinture", "démolition"), not -age, which names things as well
        ("vitrage", "carrelage", "chauffage")."""
        return token in self._work_words or (
            self.names_a_work(token) and not self.names_a_thing(token) and not token.endswith(self._thing_too_suffixes)
        )

    def does(self, token: str) -> bool:
        """Whether a token says what the line does to the thing: take it out, put it back, fit
        it, redo it."""
        return token in self._actions

    def _meaning(self, text: str) -> list[str]:
        """The tokens of a text that say more than how or how much (not generic words, nor a
        generic head: "travaux", "travail")."""
        return [
            tok for tok in self._words_of(fold(text)) if not self.is_generic(tok) and tok not in self._heading_words
        ]

    def _works_after_heading(self, folded: str) -> str:
        """The works first when a line names them after a colon, a spaced dash or a comma: after
        a generic head ("travail preparatoire des parois : lessivage et rebouchage" is the
        walls' washing and filling; the head's complement is their object), or after the thing
        they are done to, when only works follow ("plinthes - peinture", "tuiles, remplacement").
        Otherwise the line is left as it is ("fenetre : remplacement du vitrage" names where)."""
        for found in _HEADING_MARK.finditer(folded):
            before, after = folded[: found.start()], folded[found.end() :]
            end = _STATEMENT_END.search(after)
            said, rest = (after[: end.start()], after[end.start() :]) if end else (after, "")
            # What goes where the thing was: the works, then it, then their context ("… :
            # controle apres sinistre", "simple vitrage, remplacement apres sinistre").
            context = self._context.search(said)
            said, rest = (
                (said[: context.start()].rstrip(), f" {said[context.start() :]}{rest}") if context else (said, rest)
            )
            works, head = self._words_of(said), self._words_of(before)
            if not works or not head:
                continue
            if before.split()[0] in self._heading_words and any(
                self.is_work(tok) or self.names_a_work(tok) for tok in works
            ):
                # A generic head names no thing: what follows it is works, whichever comes first
                # and whatever its ending ("masticage des irrégularités et ponçage").
                # The head's complement, from the first word that says more than the head.
                words = before.split()
                start = next((i for i, word in enumerate(words) if self._meaning(word)), len(words))
                while start and words[start - 1] in self.stop_words:
                    start -= 1
                return f"{said} {' '.join(words[start:])}{rest}"
            # After a colon the thing may be where the work is ("Plafonds : préparation et
            # peinture"), which ``Matcher._heading`` reads; after a comma only what the line
            # does to the thing ("Tuiles, remplacement"), a comma listing works or details too.
            # Supply and fit alone ("…, fourni posé") say how the thing comes, which it does
            # named alone: read first they would be the line's head, the thing a detail.
            mark = found.group().strip()
            is_work = self.does if mark == "," else self.is_work
            # ("Plaque de plâtre, dépose de l'existant" takes out the old one to fit the thing: not
            # a removal of it, see ``Matcher._action``.)
            if (
                self.is_work(works[0])
                and mark != ":"
                and not self.old.intersection(works)
                and not self.is_work(head[0])
                and all(is_work(tok) or self.is_generic(tok) for tok in works)
                and any(is_work(tok) and tok not in self._manner for tok in works)
            ):
                return f"{said} {before}{rest}"
        return folded

    def circumstantial(self, text: str) -> frozenset[str]:
        """The tokens a wording says only in its circumstances: its works' context (when or where:
        "pendant la dépose de l'ancien radiateur", "situés sous la fenêtre") and its thing's state with what
        caused it ("taché par l'eau venue du joint arraché"). A removal said there is
        when or why, never what the line does to its thing (``Matcher._action``)."""
        return frozenset(tok for found in self.circumstances(text) for tok in self._words_of(found))

    def circumstances(self, text: str) -> tuple[str, ...]:
        """The spans of a wording (folded, spelt) that say its circumstances (``circumstantial``),
        for a reader that derives their words (« descellées »: a removal) as it reads a line."""
        spelt = self._spelt(text)
        return tuple(found.group() for found in (*self._context.finditer(spelt), *self._caused.finditer(spelt)))

    def outside_circumstances(self, text: str) -> str:
        """A wording (folded, spelt) without its circumstances (``circumstances``)."""
        return self._caused.sub(" ", self._context.sub(" ", self._spelt(text)))

    def said_outside_circumstances(self, text: str) -> frozenset[str]:
        """The tokens a wording says outside its circumstances (``circumstantial``)."""
        return frozenset(self._words_of(self.outside_circumstances(text)))

    def purpose(self, text: str) -> str | None:
        """What a wording says its work is for, from the infinitive on ("Mise en pression du réseau
        pour trouver la fuite": "trouver la fuite"), folded; None when it says none."""
        found = self._purpose.search(fold(text))
        return found[1].strip() if found else None

    def stated(self, folded: str) -> str:
        """A folded wording's works as it states them: without those it excludes, what they
        include in parentheses."""
        return self.bracketed(self.without_excluded(folded))

    def without_excluded(self, folded: str) -> str:
        """A folded wording without the works it says it does not include: what follows an
        exclusion, to the end of its parenthesis or line ("pose de luminaire (hors fourniture)");
        else what precedes it, back to the start of its statement ("carrelage, plinthes et seuils
        non compris", "ragréage (non inclus)"), or of its work when that statement starts the line:
        the line's first work is its own ("dépose moquette et ragréage non compris")."""
        for found in reversed(list(self._excluding.finditer(folded))):
            after = folded[found.end() :]
            if _PLACE.match(after):
                continue
            if self._words_follow.match(after.lstrip()):
                end = found.end() + (after.find(")") if ")" in after else len(after))
                folded = f"{folded[: found.start()]} {folded[end:]}"
                continue
            before = folded[: found.start()].rstrip()
            # "Ragréage (non inclus)": the parenthesis says it of the work before it.
            opened = before.endswith("(")
            if opened:
                before = before[:-1]
            start = max((mark.end() for mark in self._statement_end.finditer(before)), default=0)
            if not start:
                start = max((mark.end() for mark in self.part_separator.finditer(before)), default=0)
            end = found.end()
            if opened and after.lstrip().startswith(")"):
                end += after.index(")") + 1
            folded = f"{folded[:start]} {folded[end:]}"
        return folded

    def bracketed(self, folded: str) -> str:
        """A folded wording with what its work includes ("carrelage (y compris colle et joints)")
        and the context it is done in ("désinfection (après pompage de l'eau)") in parentheses:
        details, not a second work. Only outside the parentheses the wording already has."""
        folded = self._included.sub(lambda found: f"({found.group()})", folded)
        folded = self._included_after.sub(lambda found: f" ({found.group(1)})", folded)
        out: list[str] = []
        position = 0
        for found in _DETAIL.finditer(folded):
            out.append(self._in_context(folded[position : found.start()]))
            out.append(found.group())
            position = found.end()
        out.append(self._in_context(folded[position:]))
        return "".join(out)

    def _in_context(self, folded: str) -> str:
        """A folded text with its context, its thing's state and the parts of its thing in
        parentheses."""
        folded = self._own_part.sub(lambda part: f" ({part.group().strip()})", folded)
        folded = self._context.sub(lambda ctx: f"({ctx.group()})", folded)
        return self._state.sub(lambda state: f"({state.group()})", folded)

    def truncated(self, text: str) -> frozenset[str]:
        """The tokens of the words a wording writes cut short with a dot ("Peint. murs", "Dép.
        carrel."): what the matcher may read as the one barème word they start."""
        return frozenset(
            tok for found in _DOTTED.finditer(self._prepare(text)) for tok in self.canonical(found.group(1))
        )

    def marked_trades(self, text: str) -> frozenset[Trade]:
        """The trades a wording's specification tokens are written by ("DV 4/16/4": glazing;
        "Câble 3G2.5": electricity); none when it has none."""
        folded = fold(text)
        return frozenset(trade for pattern, trades in self._trade_marks if pattern.search(folded) for trade in trades)

    def _includes_removal(self, text: str) -> bool:
        """Whether a line takes out the existing AND fits new ("dépose et repose de papier
        peint", "dépose + fourniture et pose de stratifié", "…, dépose comprise"), unless it says
        the removal is not included ("hors dépose", "dépose en sus")."""
        spelt = self._spelt(text)
        if self._removal_not_included.search(spelt):
            return False
        return bool(self._taken_out.search(spelt) and self._new.search(spelt))

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
            words = [self.replacement if word == self.refit else word for word in words]
        # "Fourniture et pose de plinthes, dépose des anciennes comprise": a replacement; the
        # removal is part of it (priced with it when the item says how, see ``BaremeItem.removal``).
        if self.removal in words and self.fitting.intersection(words):
            return [word for word in words if word != self.removal]
        return words

    def _tokens(self, text: str) -> tuple[str, ...]:
        """Meaningful tokens of a wording, in order."""
        return tuple(self._without_included_removal(self._words_of(self._prepare(text))))

    def _tokens_with_detail(self, text: str) -> tuple[tuple[str, bool], ...]:
        """Tokens with whether they sit in parentheses: "(rebouchage, ponçage inclus)" details the
        work named before it and should not decide what the work is."""
        prepared = self._prepare(text)
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
            word for found in self._role.finditer(self._prepare(text)) for word in self.canonical(found.group(1))[:1]
        )

    def is_generic(self, token: str) -> bool:
        return token in self._generic_lemmas

    def names_a_thing(self, word: str) -> bool:
        """Whether the word's ending names a thing or a person ("plafonnier", "carreleur"), not
        a work ("plafonnage", "carrelage")."""
        return any(word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM for suffix in self._thing_suffixes)

    def names_a_work(self, word: str) -> bool:
        """Whether the word's ending makes it the noun of an action ("redressement", "colmatage")."""
        return any(word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM for suffix in self._work_suffixes)

    def other_kind(self, a: str, b: str) -> bool:
        """Two words of one base, one naming a thing or a person and the other not: a work is not
        the thing of the same stem ("plafonnage", plastering, is no "plafonnier", a ceiling light)."""
        return self.names_a_thing(a) != self.names_a_thing(b) and stem(a, self.suffixes) == stem(b, self.suffixes)

    def nouns_of(self, word: str) -> tuple[str, ...]:
        """The work nouns a verb form may name, its longest ending first: "isoler", "isolee" ->
        "isolation", "isolement", "isolage"…; "vitrifie" -> "vitrification"; none for a word
        that ends as no verb does. Which of them is a word is the barème's to say."""
        return tuple(
            word[: -len(form)] + noun
            for form, noun in self._verb_forms
            if word.endswith(form) and len(word) - len(form) >= MIN_VERB_BASE
        )

    def normalize(self, text: str) -> str:
        return " ".join(self.tokens(text))

    def action(self, line: list[str]) -> str | None:
        """What a line's words do to the thing: take it out, take it out and put it back, fit it
        (``FITTING``), or None for words that only say what."""
        words = set(line)
        if self.refit in words:
            return self.refit
        # Taken out, then made again ("Découverture et recouverture", "Joint retiré et refait"), is
        # the thing made new where the old one was: a replacement, as supply after a removal is.
        # (Not a redo before a removal word, which says the thing's state: "Recollage des
        # carreaux descellés".)
        fitted = words & self.fitting or (self.removal in words and self.redo in line[line.index(self.removal) :])
        if self.removal in words and not fitted:
            # Taken out only; "fourniture et pose de plinthes, dépose comprise" is a replacement.
            return self.removal
        if fitted:
            return FITTING
        return None


# What follows an "against" prefix is a thing of this many letters at least ("antique" is none).
MIN_AGAINST = 4

# A verb form keeps this many letters before its ending: "isol-er"; "pos-er" is the vocabulary's.
MIN_VERB_BASE = 3


def _participles(verb_ending: str) -> tuple[str, ...]:
    """The past participle's endings of a verb ending, masculine and feminine, folded: -é of the
    first group ("-er": "-e", "-ee"), -i of the second ("-ir": "-i", "-ie"); a participle the
    vocabulary writes itself otherwise ("ouvert")."""
    if verb_ending.endswith("er"):
        return (verb_ending[:-2] + "e", verb_ending[:-2] + "ee")
    if verb_ending.endswith("ir"):
        return (verb_ending[:-2] + "i", verb_ending[:-2] + "ie")
    return ()


# A stem keeps this many letters: "dall-age" and "dall-e" meet, "p-ose" is no stem.
MIN_STEM = 4

# A nominalising ending has this many letters at least ("-age"); the shorter ones are a verb's.
MIN_WORK_SUFFIX = 3


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
