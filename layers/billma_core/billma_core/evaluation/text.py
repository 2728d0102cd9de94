"""Normalising quote wording for matching: accents, case, punctuation, abbreviations, plurals,
stop words and numbers go, so "Peint. murs 2 cches – Séjour" and "peinture des murs" meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


# Words that carry no meaning for the kind of work: articles, prepositions, numerals, units,
# rooms (the room is where, not what) and words of the quote's own vocabulary.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _words(
    """
    a au aux avec ce ces cet cette d dans de des du en et l la le les leur n no ou par pour sa ses
    son suivant selon sur un une y yc etc cf dont qui que
    deux trois quatre cinq
    compris comprise comprises inclus incluse inclut
    apres avant
    m m2 ml mm cm mc h ens fft forf forfait forfaitaire u unite pce pces piece pieces qte
    entree sejour salon chambre couloir degagement bureau buanderie cellier garage palier dressing
    salle bain bains manger wc toilette toilettes sdb
    """
)

# Words that describe how much or how, not what: they may match but weigh little.
GENERIC_WORDS = _words(
    """
    fourniture fourni pose application remplacement refection reprise realisation travaux mise
    prestation complet complete existant existante neuf neuve nouveau nouvelle ensemble lot
    intervention type finition support surface total totale element divers diverse
    """
)

# Abbreviations seen on quotes, expanded before matching (keys are normalised tokens).
ABBREVIATIONS: dict[str, str] = {
    "fp": "fourniture pose",
    "fourn": "fourniture",
    "fournit": "fourniture",
    "fourni": "fourniture",
    "fournie": "fourniture",
    "fournis": "fourniture",
    "fournies": "fourniture",
    "posee": "pose",
    "posees": "pose",
    "poses": "pose",
    "poser": "pose",
    "deposer": "depose",
    "pp": "papier peint",
    "mo": "main oeuvre",
    "moe": "main oeuvre",
    "mdo": "main oeuvre",
    "plaf": "plafond",
    "elec": "electrique",
    "elect": "electrique",
    "rempl": "remplacement",
    "remplt": "remplacement",
    "rplt": "remplacement",
    "remplacer": "remplacement",
    "remplace": "remplacement",
    "prot": "protection",
    "impr": "impression",
    "placoplatre": "placo",
    "canal": "canalisation",
    "canalis": "canalisation",
    "evac": "evacuation",
    "depl": "deplacement",
    "instal": "installation",
    "inst": "installation",
    "tx": "travaux",
    "dv": "double vitrage",
    "murale": "mur",
    "murales": "mur",
    "mural": "mur",
    "muraux": "mur",
    "peint": "peint",
    "ptr": "peinture",
    "pein": "peinture",
    "peintures": "peinture",
    "lessiv": "lessivage",
    "nett": "nettoyage",
    "protec": "protection",
    "lino": "linoleum",
    "cable": "cablage",
}

_BA13 = re.compile(r"\bba\s*(\d{2})\b")
_FP = re.compile(r"\bf\s*[&+/]\s*p\b")
_NUMBERISH = re.compile(r"^\d+([x.,]\d+)*[a-z]{0,2}$|^\d+x\d+.*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


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


_GENERIC_LEMMAS = frozenset(GENERIC_WORDS | {_lemma(w) for w in GENERIC_WORDS})


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """Meaningful tokens of a wording, in order."""
    folded = fold(text)
    folded = _FP.sub(" fourniture pose ", folded)
    folded = _BA13.sub(r" ba\1 ", folded)
    out: list[str] = []
    for raw in _NON_WORD.split(folded):
        if not raw:
            continue
        expanded = ABBREVIATIONS.get(raw, raw)
        for word in expanded.split():
            lemma = _lemma(word)
            lemma = ABBREVIATIONS.get(lemma, lemma) if lemma != word else lemma
            if lemma in STOP_WORDS or word in STOP_WORDS or _NUMBERISH.match(lemma):
                continue
            if len(lemma) == 1:
                continue
            out.append(lemma)
    return tuple(out)


def is_generic(token: str) -> bool:
    return token in _GENERIC_LEMMAS


def normalize(text: str) -> str:
    return " ".join(tokens(text))
