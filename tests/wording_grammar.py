"""A generator of quote-line wording structures: the barème's own wordings (labels and synonyms)
rewritten by French grammar, one axis at a time, each axis a class drawn at random.

A wording the barème holds ("Remplacement du plafonnier") is parsed as its works and their object;
an axis rewrites it ("Plafonnier remplacé", "Remplacer le plafonnier", "Plafonnier : remplacement",
"Travaux sur plafonnier : remplacement", "… endommagé par l'eau", "… suite à infiltration", "…
– séjour"). A transformed wording is labelled by its source item, or by the sum of two items when
it coordinates two works on one object ("Lessivage et peinture des murs").

The morphology (work noun -> past participle and infinitive) is the Wiktionnaire's (each verb's
entry and its nominalisations -ement, -age, -ation, -tion, -ure, -ion); the damage participles,
contexts, rooms and generic heads are those quote lines print (wording sets 3–12, the public
renovation price libraries cited there). Deterministic: a case is a function of (axis, seed), each
axis drawing from its own stream.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from billma_core.bareme.schema import Bareme

# Work noun -> (past participle, masculine singular; infinitive), Wiktionnaire.
WORKS: dict[str, tuple[str, str]] = {
    "ajustement": ("ajusté", "ajuster"),
    "application": ("appliqué", "appliquer"),
    "aspiration": ("aspiré", "aspirer"),
    "assainissement": ("assaini", "assainir"),
    "assèchement": ("asséché", "assécher"),
    "bâchage": ("bâché", "bâcher"),
    "changement": ("changé", "changer"),
    "colmatage": ("colmaté", "colmater"),
    "confinement": ("confiné", "confiner"),
    "contrôle": ("contrôlé", "contrôler"),
    "création": ("créé", "créer"),
    "débouchage": ("débouché", "déboucher"),
    "décapage": ("décapé", "décaper"),
    "décollage": ("décollé", "décoller"),
    "décontamination": ("décontaminé", "décontaminer"),
    "dégraissage": ("dégraissé", "dégraisser"),
    "démolition": ("démoli", "démolir"),
    "démontage": ("démonté", "démonter"),
    "déplacement": ("déplacé", "déplacer"),
    "dépose": ("déposé", "déposer"),
    "dépoussiérage": ("dépoussiéré", "dépoussiérer"),
    "désinfection": ("désinfecté", "désinfecter"),
    "détection": ("détecté", "détecter"),
    "enlèvement": ("enlevé", "enlever"),
    "évacuation": ("évacué", "évacuer"),
    "fermeture": ("fermé", "fermer"),
    "fourniture": ("fourni", "fournir"),
    "habillage": ("habillé", "habiller"),
    "injection": ("injecté", "injecter"),
    "installation": ("installé", "installer"),
    "isolation": ("isolé", "isoler"),
    "jointoiement": ("jointoyé", "jointoyer"),
    "lavage": ("lavé", "laver"),
    "lessivage": ("lessivé", "lessiver"),
    "lissage": ("lissé", "lisser"),
    "localisation": ("localisé", "localiser"),
    "location": ("loué", "louer"),
    "masquage": ("masqué", "masquer"),
    "montage": ("monté", "monter"),
    "nettoyage": ("nettoyé", "nettoyer"),
    "ouverture": ("ouvert", "ouvrir"),
    "peinture": ("peint", "peindre"),
    "pompage": ("pompé", "pomper"),
    "ponçage": ("poncé", "poncer"),
    "pose": ("posé", "poser"),
    "préparation": ("préparé", "préparer"),
    "protection": ("protégé", "protéger"),
    "purge": ("purgé", "purger"),
    "rabotage": ("raboté", "raboter"),
    "raccordement": ("raccordé", "raccorder"),
    "ragréage": ("ragréé", "ragréer"),
    "ratissage": ("ratissé", "ratisser"),
    "rattrapage": ("rattrapé", "rattraper"),
    "rebouchage": ("rebouché", "reboucher"),
    "réfection": ("refait", "refaire"),
    "réglage": ("réglé", "régler"),
    "remontage": ("remonté", "remonter"),
    "remplacement": ("remplacé", "remplacer"),
    "rénovation": ("rénové", "rénover"),
    "réparation": ("réparé", "réparer"),
    "repose": ("reposé", "reposer"),
    "reprise": ("repris", "reprendre"),
    "retrait": ("retiré", "retirer"),
    "révision": ("révisé", "réviser"),
    "séchage": ("séché", "sécher"),
    "traitement": ("traité", "traiter"),
    "transport": ("transporté", "transporter"),
    "vérification": ("vérifié", "vérifier"),
    "vidange": ("vidangé", "vidanger"),
    "vitrification": ("vitrifié", "vitrifier"),
}

# Works that take out, put back or supply the thing: coordinated with another on one object they
# make one priced work (a replacement, a refitting), not the sum of two items.
# A removal with another work on one object is a replacement or makes no sense ("démolition et
# montage de cloison"); a redoing ("réfection", "rénovation") includes the other works.
_ONE_WORK = frozenset(
    {
        "dépose",
        "pose",
        "repose",
        "fourniture",
        "remplacement",
        "changement",
        "enlèvement",
        "retrait",
        "démolition",
        "démontage",
        "décollage",
        "réfection",
        "rénovation",
    }
)

# The article before the object -> its gender and number, and the article of the infinitive form.
_ARTICLES: dict[str, tuple[str, str]] = {
    "du": ("m", "le"),
    "de la": ("f", "la"),
    "des": ("p", "les"),
    "de l'": ("m", "l'"),
    "d'": ("m", ""),
    "de": ("", ""),
}

# Participle and relative complements bringing words of their own (quote lines of wording sets
# 9–12: « souillés par les eaux usées », « touchée par la fuite »): the participle agrees.
DAMAGE = ("endommagé", "abîmé", "touché", "souillé", "dégradé", "sinistré", "détérioré", "noirci", "imbibé")
AGENTS = (
    "par l'eau",
    "par les eaux usées",
    "par la fuite",
    "par le sinistre",
    "par l'humidité",
    "par l'infiltration",
    "par le dégât des eaux",
    "par les fumées",
    "par l'inondation",
)
RELATIVES = ("qui a été {p} {agent}", "ayant été {p} {agent}", "{p} {agent}")
# When the work is done, as quote lines say it.
CONTEXTS = (
    "après sinistre",
    "suite à infiltration",
    "suite au dégât des eaux",
    "suite à la fuite",
    "avant travaux",
    "après séchage",
    "après assèchement des supports",
    "consécutif au sinistre",
    "suite sinistre",
    "lors de la remise en état",
    "après intervention du plombier",
)
# Where, as quote lines say it.
PLACES = (
    "– séjour",
    "(chambre 2)",
    "en cuisine",
    "salle de bains",
    "au rez-de-chaussée",
    "à l'étage",
    "pièce principale",
    "côté jardin",
    "en partie basse",
    "- dégagement",
    "du couloir",
    "chambre parentale",
)
# Heads naming no work, before the works they introduce.
GENERIC = (
    "Travaux",
    "Travail",
    "Prestation",
    "Intervention",
    "Ouvrage",
    "Travaux préparatoires",
    "Travaux de reprise",
    "Travaux de remise en état",
    "Prestations diverses",
)
GENERIC_ON = (
    "Travaux sur {o}",
    "Travail préparatoire{of}",
    "Intervention sur {o}",
    "Travaux{of}",
    "Prestation{of}",
    "Reprise{of}",
)

AXES = (
    "identity",
    "participle",
    "infinitive",
    "object_first",
    "generic_colon",
    "generic_object",
    "complement",
    "coordination",
    "context",
    "place",
    "abbreviation",
)


@dataclass(frozen=True)
class Parsed:
    """A wording as its works and their object: "Fourniture et pose de plinthes"."""

    code: str
    text: str
    works: tuple[str, ...]  # lower case, as WORKS spells them
    article: str  # a key of _ARTICLES, or "" when the object follows the works bare
    object: str  # as written, "" when the works have none
    rest: str = ""  # what follows the object: when, what for ("après sinistre", "pour repeindre")


@dataclass(frozen=True)
class Case:
    axis: str
    seed: int
    wording: str
    # The barème wordings it was made from, each with its item (two: a coordination).
    sources: tuple[tuple[str, str], ...]
    unit: str

    @property
    def expected(self) -> frozenset[str]:
        """The items the line is priced as."""
        return frozenset(code for _, code in self.sources)


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


_FOLDED_WORKS = {_fold(noun): noun for noun in WORKS}
_WORK = r"([^\W\d_]+)"
_NOMINAL = re.compile(rf"^{_WORK}(?: et {_WORK})? (de la |de l'|des |du |de |d')?(.+)$", re.IGNORECASE)
_DETAIL = re.compile(r"\s*\([^)]*\)")
# Where an object ends and the work's context begins.
_CONTEXT = re.compile(r"\s+(?=(?:après|avant|pour|suite|lors|hors|sauf|y compris|en cas)\b)", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:un|une)\s+", re.IGNORECASE)
_SUPPLIED = re.compile(r"^(.+?) fourni(?:e|s|es)? pos(?:é|ée|és|ées)$", re.IGNORECASE)


def _work(word: str | None) -> str | None:
    return _FOLDED_WORKS.get(_fold(word)) if word else None


def parse(code: str, text: str, things: frozenset[str]) -> Parsed | None:
    """Works and object of a barème wording, or None when it has another shape ("Main d'œuvre
    plaquiste", "Disjoncteur"). An object without an article must name one of the barème's
    ``things`` (its items' heads, folded): "fermeture provisoire" has none."""
    core, *rest = _CONTEXT.split(_DETAIL.sub("", text).strip(), maxsplit=1)
    parsed = _parsed(code, text, core)
    if parsed is None:
        return None
    # "d'un évier": the object is the sink.
    obj = _DETERMINER.sub("", parsed.object)
    words = _fold(obj).split()
    if obj and (not obj[0].isalpha() or (not parsed.article and words[0] not in things)):
        return None
    return Parsed(parsed.code, text, parsed.works, parsed.article, obj, rest[0] if rest else "")


def _parsed(code: str, text: str, core: str) -> Parsed | None:
    head, _, tail = core.rpartition(",")
    if head and _work(tail.strip()):  # "Tuiles, remplacement"
        return Parsed(code, text, (_work(tail.strip()) or "",), "", head.strip())
    if "," in core or ":" in core:
        return None
    supplied = _SUPPLIED.match(core)
    if supplied:  # "Moquette fournie posée"
        return Parsed(code, text, ("fourniture", "pose"), "", supplied.group(1))
    found = _NOMINAL.match(core)
    if not found:
        works = tuple(w for w in (_work(part) for part in core.split(" et ")) if w)
        return Parsed(code, text, works, "", "") if works and len(works) == len(core.split(" et ")) else None
    first, second, article, obj = found.groups()
    works = tuple(w for w in (_work(first), _work(second)) if w)
    if not _work(first) or (second and not _work(second)):
        return None
    return Parsed(code, text, works, (article or "").strip() if article != "d'" else "d'", obj.strip())


def _agreed(participle: str, gender: str, obj: str) -> str:
    plural = gender == "p" or (not gender and obj.split(maxsplit=1)[0].endswith(("s", "x")))
    feminine = gender == "f"
    out = participle + ("e" if feminine else "")
    return out + ("s" if plural and not out.endswith("s") else "")


def _gender(parsed: Parsed) -> str:
    return _ARTICLES.get(parsed.article, ("", ""))[0]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listed(words: list[str]) -> str:
    return " et ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " et " + words[-1]


def _of(parsed: Parsed) -> str:
    article = parsed.article
    if not article:
        return f" {parsed.object}"
    return f" {article}{parsed.object}" if article.endswith("'") else f" {article} {parsed.object}"


def _de(parsed: Parsed) -> str:
    """The object as a complement: its own article, else "de" ("d'" before a vowel)."""
    if parsed.article:
        return _of(parsed)
    return f" d'{parsed.object}" if _fold(parsed.object[:1]) in "aeiouyh" else f" de {parsed.object}"


def _tail(parsed: Parsed) -> str:
    return f" {parsed.rest}" if parsed.rest else ""


def nominal(parsed: Parsed) -> str:
    """The works, then their object: "Fourniture et pose de plinthes"."""
    return _capital(_listed(list(parsed.works)) + (_of(parsed) if parsed.object else "") + _tail(parsed))


class Grammar:
    """The barème's wordings, parsed, and the axes that rewrite them."""

    def __init__(self, bareme: Bareme, extra: tuple[tuple[str, str], ...] = ()) -> None:
        """``extra``: more (item code, wording) sources than the barème's own (labelled wordings)."""
        self.bareme = bareme
        self.units = {item.code: item.unit.value for item in bareme.items}
        things = frozenset(_fold(word) for item in bareme.items for head in item.heads for word in head.split())
        things |= frozenset(word[:-1] for word in things if word.endswith("s"))
        things |= frozenset(f"{word}s" for word in things)
        self.by_item: dict[str, list[Parsed]] = {}
        self.plain: dict[str, list[str]] = {}
        sources = [(item.code, text) for item in bareme.items for text in (item.label, *item.synonyms)]
        for code, text in (*sources, *extra):
            parsed = parse(code, text, things)
            if parsed:
                self.by_item.setdefault(code, []).append(parsed)
            self.plain.setdefault(code, []).append(_DETAIL.sub("", text).strip())
        heads = {item.code: {_fold(head) for head in item.heads} for item in bareme.items}
        # The words of each item's names and heads: an item naming two works prices both
        # ("nettoyage et désinfection après sinistre").
        named = [
            set(re.findall(r"[a-z]+", _fold(" ".join((item.label, *item.synonyms, *item.heads)))))
            for item in bareme.items
        ]
        # Abbreviations the vocabulary reads back to one word of a wording ("plaf" -> "plafond").
        vocabulary = bareme.vocabulary
        self.shortened: dict[str, list[str]] = {}
        for short, word in vocabulary.abbreviations.items():
            # A cut of the word ("plaf", "nett"), not another form of it ("refaire").
            if " " not in word and len(short) < len(word) and word.startswith(short):
                self.shortened.setdefault(word, []).append(short)
        self.abbreviable = {
            code: kept
            for code, texts in self.plain.items()
            if (kept := [t for t in texts if any(w in self.shortened for w in re.findall(r"[^\W\d_]+", _fold(t)))])
        }
        # Two works of two items on one object ("lessivage des murs", "peinture des murs").
        by_object: dict[str, list[Parsed]] = {}
        for parsed_list in self.by_item.values():
            for parsed in parsed_list:
                if parsed.article and len(parsed.works) == 1 and parsed.works[0] not in _ONE_WORK:
                    by_object.setdefault(_fold(f"{parsed.article} {parsed.object}"), []).append(parsed)
        self.pairs = [
            (a, b)
            for group in by_object.values()
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.code != b.code
            and a.works != b.works
            and a.rest == b.rest
            # An item whose heads name the other's work prices both ("lessivage et dépoussiérage").
            and _fold(b.works[0]) not in heads[a.code]
            and _fold(a.works[0]) not in heads[b.code]
            and not any({_fold(a.works[0]), _fold(b.works[0])} <= words for words in named)
            and self.units[a.code] == self.units[b.code]
            # One item including the other's work prices both ("peinture" includes its preparation).
            and a.code not in bareme.item(b.code).includes
            and b.code not in bareme.item(a.code).includes
        ]

    def _draw(self, rng: random.Random) -> Parsed:
        """An item, then one of its wordings that names an object: each item as likely."""
        code = rng.choice(sorted(code for code, parsed in self.by_item.items() if any(p.object for p in parsed)))
        return rng.choice([p for p in self.by_item[code] if p.object])

    def case(self, axis: str, seed: int) -> Case:
        rng = random.Random(f"{axis}:{seed}")
        if axis == "coordination":
            a, b = rng.choice(self.pairs)
            a, b = (a, b) if rng.random() < 0.5 else (b, a)
            wording = _capital(f"{a.works[0]} et {b.works[0]}{_of(a)}{_tail(a)}")
            return Case(axis, seed, wording, ((a.text, a.code), (b.text, b.code)), self.units[a.code])
        if axis in ("identity", "context", "place", "abbreviation"):
            pool = self.abbreviable if axis == "abbreviation" else self.plain
            code = rng.choice(sorted(pool))
            texts = pool[code]
            source = rng.choice(texts)
            wording = source
            if axis == "context":
                wording = f"{source} {rng.choice(CONTEXTS)}"
            elif axis == "place":
                wording = f"{source} {rng.choice(PLACES)}"
            elif axis == "abbreviation":
                words = [w for w in re.findall(r"[^\W\d_]+", _fold(source)) if w in self.shortened]
                word = rng.choice(words)
                short = rng.choice(self.shortened[word])
                spelt = rng.choice((short, short + ".", short.upper()))
                wording = re.sub(rf"(?i)\b{re.escape(word)}\b", spelt, _fold(source), count=1)
            return Case(axis, seed, _capital(wording), ((source, code),), self.units[code])
        parsed = self._draw(rng)
        gender = _gender(parsed)
        participles = [_agreed(WORKS[w][0], gender, parsed.object) for w in parsed.works]
        if axis == "participle":
            wording = f"{_capital(parsed.object)} {_listed(participles)}{_tail(parsed)}"
        elif axis == "infinitive":
            article = _ARTICLES.get(parsed.article, ("", ""))[1]
            spaced = article if article.endswith("'") or not article else f"{article} "
            wording = _capital(f"{_listed([WORKS[w][1] for w in parsed.works])} {spaced}{parsed.object}{_tail(parsed)}")
        elif axis == "object_first":
            # Not the separator the source already has ("Groupe de sécurité …, remplacement").
            written = [
                f"{_capital(parsed.object)}{separator}{_listed(list(parsed.works))}{_tail(parsed)}"
                for separator in (" : ", " – ", ", ", " - ")
            ]
            wording = rng.choice([w for w in written if w.lower() != parsed.text.lower()])
        elif axis == "generic_colon":
            works = nominal(parsed)
            wording = f"{rng.choice(GENERIC)} : {works[0].lower()}{works[1:]}"
        elif axis == "generic_object":
            head = rng.choice(GENERIC_ON).format(o=parsed.object, of=_de(parsed))
            wording = f"{head} : {_listed(list(parsed.works))}{_tail(parsed)}"
        elif axis == "complement":
            relative = rng.choice(RELATIVES)
            damaged = _agreed(rng.choice(DAMAGE), gender, parsed.object)
            works = _listed(list(parsed.works)) + _of(parsed)
            wording = _capital(f"{works} {relative.format(p=damaged, agent=rng.choice(AGENTS))}{_tail(parsed)}")
        else:
            raise ValueError(axis)
        return Case(axis, seed, wording, ((parsed.text, parsed.code),), self.units[parsed.code])
