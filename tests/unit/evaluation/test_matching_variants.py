"""The matcher on wordings it was not written from: variants, abbreviations, accents, plural,
word order, OCR noise; and gibberish left unmatched rather than matched wrongly."""

from __future__ import annotations

import random

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Unit

M2, ML, U, F, ENS, H = Unit.M2, Unit.ML, Unit.U, Unit.FORFAIT, Unit.ENS, Unit.H

VARIANTS: list[tuple[str, Unit | None, str]] = [
    # protection
    ("Protection des sols et mobiliers par bâches", F, "INS-001"),
    ("Bâchage et protection des meubles", F, "INS-001"),
    ("Mise en place de protections (sols, meubles)", F, "INS-001"),
    ("PROTECTION CHANTIER", ENS, "INS-001"),
    # travel / set-up
    ("Frais de déplacement et d'installation", F, "INS-002"),
    ("Déplacement", F, "INS-002"),
    ("Installation de chantier / repli", ENS, "INS-002"),
    ("Forfait déplacement", F, "INS-002"),
    ("Dépl. + install. chantier", F, "INS-002"),
    # wallpaper removal
    ("Dépose papier peint", M2, "REV-001"),
    ("Décollage du papier peint existant", M2, "REV-001"),
    ("Arrachage des papiers peints", M2, "REV-001"),
    ("Dépose tapisserie", M2, "REV-001"),
    ("Enlèvement toile de verre", M2, "REV-001"),
    ("Décollage pp à la vapeur", M2, "REV-001"),
    # wall painting
    ("Peinture acrylique murs 2 couches", M2, "PEI-003"),
    ("Mise en peinture des murs (2 couches velours)", M2, "PEI-003"),
    ("Murs : peinture 2 couches satinée", M2, "PEI-003"),
    ("Peinture sur murs, finition velours", M2, "PEI-003"),
    ("Application de 2 couches de peinture sur murs", M2, "PEI-003"),
    ("Réfection des peintures murales", M2, "PEI-003"),
    ("Pelnture murale 2 couches", M2, "PEI-003"),
    ("PEINTURE MURS", M2, "PEI-003"),
    ("peinture des murs : preparation des supports, 1 couche d'impression et 2 couches de finition", M2, "PEI-003"),
    ("Peinture murale 2 couches – Séjour", F, "PEI-003"),
    # ceiling painting
    ("Peinture des plafonds 2 couches mat", M2, "PEI-004"),
    ("Plafond : peinture blanche mate 2 couches", M2, "PEI-004"),
    ("Mise en peinture plafond", M2, "PEI-004"),
    ("Peint. plaf. 2 couches", M2, "PEI-004"),
    ("Peinture plafond impressi0n + 2 c0uches", M2, "PEI-004"),
    # surface preparation
    ("Lessivage des murs", M2, "PEI-001"),
    ("Préparation des supports (lessivage, rebouchage)", M2, "PEI-001"),
    ("Lessivage, dégraissage", M2, "PEI-001"),
    ("Lavage des murs et plafonds", M2, "PEI-001"),
    ("Rebouchage, ponçage", M2, "PEI-001"),
    # stain-blocking primer
    ("Sous-couche anti-tache", M2, "PEI-002"),
    ("Impression anti taches sur auréoles d'humidité", M2, "PEI-002"),
    ("Primaire bloque-taches", M2, "PEI-002"),
    ("Traitement des auréoles (impression isolante)", M2, "PEI-002"),
    # wallpaper laying
    ("Pose de papier peint (fourni)", M2, "REV-002"),
    ("Papier peint intissé fourni et posé", M2, "REV-002"),
    ("Fourniture et pose tapisserie vinyle", M2, "REV-002"),
    ("Pose de revêtement mural intissé", M2, "REV-002"),
    # plasterboard, joints
    ("Remplacement plaques de plâtre BA13", M2, "PLA-001"),
    ("F&P placo BA 13", M2, "PLA-001"),
    ("Plaque de plâtre hydrofuge fournie et posée", M2, "PLA-001"),
    ("Bandes et joints", M2, "PLA-002"),
    ("Traitement des joints de placo", M2, "PLA-002"),
    ("Bande à joint + enduit", M2, "PLA-002"),
    # floors
    ("Parquet flottant stratifié", M2, "SOL-002"),
    ("Pose de stratifié", M2, "SOL-002"),
    ("Revêtement de sol stratifié fourni posé", M2, "SOL-002"),
    ("Stratifié 8mm + sous-couche", M2, "SOL-002"),
    ("Dépose du revêtement de sol", M2, "SOL-001"),
    ("Arrachage du lino", M2, "SOL-001"),
    ("Dépose parquet endommagé", M2, "SOL-001"),
    ("Carrelage sol 45x45 fourni posé", M2, "CAR-001"),
    ("Fourniture et pose de carrelage au sol", M2, "CAR-001"),
    ("Pose carrelage grès cérame", M2, "CAR-001"),
    ("Faïence murale fournie posée", M2, "CAR-002"),
    ("Pose de faïence salle de bain", M2, "CAR-002"),
    ("Carrelage mural 20x60", M2, "CAR-002"),
    ("Plinthes bois", ML, "SOL-010"),
    ("Fourniture et pose plinthes MDF", ML, "SOL-010"),
    ("Remplacement des plinthes", ML, "SOL-010"),
    ("Dalles de faux-plafond 60x60", M2, "PLA-007"),
    ("Remplacement de dalles de plafond suspendu", M2, "PLA-007"),
    # cleaning
    ("Nettoyage fin de chantier", F, "NET-001"),
    ("Nettoyage des locaux après travaux", F, "NET-001"),
    ("Nettoyage final", ENS, "NET-001"),
    # plumbing: leak search and repair
    ("Recherche de fuite non destructive", F, "PLO-001"),
    ("Détection de fuite par caméra thermique", F, "PLO-001"),
    ("Recherche et localisation de fuite", F, "PLO-001"),
    ("Réparation de la fuite sur canalisation", F, "PLO-002"),
    ("Réparation fuite sur tuyau cuivre", F, "PLO-002"),
    ("Réparation canalisation", ENS, "PLO-002"),
    ("Remplacement du raccord défectueux", U, "PLO-004"),
    # glazing, doors, electricity, labour
    ("Remplacement double vitrage", M2, "VIT-001"),
    ("Fourniture et pose double vitrage 4/16/4", M2, "VIT-001"),
    ("Vitrage isolant fourni posé", M2, "VIT-001"),
    ("Remplacement fenêtre PVC double vitrage", U, "MEN-003"),
    ("Porte intérieure fournie posée", U, "MEN-001"),
    ("Remplacement bloc porte", U, "MEN-001"),
    ("Fourniture et pose d'une porte isoplane", U, "MEN-001"),
    ("Remplacement prise électrique", U, "ELE-001"),
    ("Prise de courant 16A fournie posée", U, "ELE-001"),
    ("Remplacement interrupteur", U, "ELE-002"),
    ("Main d'oeuvre", H, "MOE-001"),
    ("Heure de main d'œuvre", H, "MOE-001"),
    ("MO ouvrier", H, "MOE-001"),
    ("Main d'œuvre : manutention des meubles", H, "MOE-001"),
    ("M.O. peintre", H, "MOE-002"),
    ("Forfait déplacement HT", F, "INS-002"),
    ("Déplacement et remise en place du mobilier", H, "INS-008"),
    ("Déplacement et remise en place du mobilier", F, "INS-004"),
    ("Nettoyage", H, "NET-005"),
    ("Nettoyage", F, "NET-001"),
    # drying
    ("Location déshumidificateur (par jour)", U, "ASS-001"),
    ("Assèchement des murs", F, "ASS-002"),
]

GIBBERISH = [
    "Lorem ipsum dolor sit amet",
    "xqzt wvvb kkrp",
    "Acompte 30 % à la commande",
    "Garantie décennale AXA n° 123456",
    "Conditions générales de vente",
    "Frais de dossier",
    "Sous-total",
]


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return matcher_for(load_bareme())


@pytest.mark.parametrize(("wording", "unit", "code"), VARIANTS)
def test_variant_matches_its_item(matcher, wording: str, unit: Unit | None, code: str) -> None:  # type: ignore[no-untyped-def]
    match = matcher.match(wording, unit)
    assert match.item is not None, f"{wording!r}: unmatched (best {match.best})"
    assert match.item.code == code, f"{wording!r}: {match.item.code} ({match.confidence:.2f}) instead of {code}"


@pytest.mark.parametrize("wording", GIBBERISH)
def test_gibberish_is_left_unmatched(matcher, wording: str) -> None:  # type: ignore[no-untyped-def]
    assert matcher.match(wording, Unit.FORFAIT).item is None


def test_accents_case_and_plural_do_not_matter(matcher) -> None:  # type: ignore[no-untyped-def]
    tokens = matcher.words.tokens
    assert tokens("PEINTURE DES MURS") == tokens("peinture du mur") == tokens("Peintures des murs")
    assert tokens("Décollage") == tokens("decollage")
    assert tokens("Main d’œuvre") == tokens("main d'oeuvre")


def test_word_order_does_not_matter(matcher) -> None:  # type: ignore[no-untyped-def]
    a = matcher.match("Peinture plafond 2 couches", Unit.M2)
    b = matcher.match("2 couches plafond peinture", Unit.M2)
    assert a.item is not None and b.item is not None
    assert a.item.code == b.item.code == "PEI-004"


def test_opposite_prefixes_are_not_similar(matcher) -> None:  # type: ignore[no-untyped-def]
    assert matcher.similarity("depose", "pose") == 0.0
    assert matcher.similarity("repose", "pose") == 0.0
    assert matcher.similarity("pelnture", "peinture") >= 0.8
    assert matcher.similarity("plaf", "plafond") >= 0.85


def test_unit_breaks_ties_between_lump_and_measured_items(matcher) -> None:  # type: ignore[no-untyped-def]
    assert matcher.match("Nettoyage de fin de chantier", Unit.FORFAIT).item.code == "NET-001"
    assert matcher.match("Nettoyage de fin de chantier", Unit.M2).item.code == "NET-002"


def test_confidence_is_between_zero_and_one(matcher) -> None:  # type: ignore[no-untyped-def]
    for wording, unit, _ in VARIANTS[:20]:
        assert 0.0 <= matcher.match(wording, unit).confidence <= 1.0


OUT_OF_BAREME = [
    "Remplacement de la chaudière gaz",
    "Ravalement de façade",
    "Élagage des arbres",
    "Remplacement du compteur d'eau",
    "Installation climatisation réversible",
    "Diagnostic amiante avant travaux",
    "Traitement de charpente",
    "Pose de clôture grillagée",
    "Remplacement portail",
    "Étude thermique",
    "Honoraires de maîtrise d'oeuvre",
    "Fourniture de matériaux divers",
    "Transport du matériel",
    "Remplacement de la hotte aspirante",
    "Mise en conformité gaz",
    "Pose de moustiquaire",
    "Travaux de remise en état suite à dégât des eaux",
]


@pytest.mark.parametrize("wording", OUT_OF_BAREME)
def test_work_outside_the_bareme_is_not_forced_onto_an_item(matcher, wording: str) -> None:  # type: ignore[no-untyped-def]
    assert matcher.match(wording, Unit.FORFAIT).item is None


_CONFUSIONS = [("i", "l"), ("o", "0"), ("m", "rn"), ("e", "c"), ("l", "1"), ("é", "e"), ("a", "o"), ("u", "v")]


def _ocr_noise(text: str, rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        wrong, right = rng.choice(_CONFUSIONS)
        spots = [i for i in range(len(text)) if text.startswith(wrong, i)]
        if spots:
            i = rng.choice(spots)
            return text[:i] + right + text[i + len(wrong) :]
        return text
    i = rng.randrange(len(text))
    return text[:i] + text[i + 1 :] if kind < 0.8 else text[:i] + " " + text[i:]


@pytest.mark.slow  # a drawn sweep: CI's slow step runs it
def test_one_ocr_slip_rarely_changes_the_item(matcher) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    wrong, unmatched, total = [], 0, 0
    for wording, unit, code in VARIANTS:
        for _ in range(5):
            noisy = _ocr_noise(wording, rng)
            match = matcher.match(noisy, unit)
            total += 1
            if match.item is None:
                unmatched += 1
            elif match.item.code != code:
                wrong.append((noisy, match.item.code, code))
    # Known miss: "Dé collage" (a space inside the word after a stop word) reads as "collage".
    assert len(wrong) <= total // 100, wrong
    assert unmatched / total < 0.05
