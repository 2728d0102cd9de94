"""Classes of wordings the judge got wrong by a rule, not by a missing word (session 5): a product
named by what it prevents or treats, two works joined in one line, and a paint named as the
cheaper layer it is. Wordings written for this test, and public ones where said (the public
ones are from tests/heldout/wordings2, a development set since session 5)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from billma_core.bareme import load_bareme
from billma_core.bareme.loader import packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict

M2, U, F = Unit.M2, Unit.U, Unit.FORFAIT


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # Public (ledabelle.com, demarrezlestravaux.fr): "appliquer un produit destiné à prévenir
        # l'apparition des moisissures".
        ("Produit anti-moisissures avant peinture", "ASS-004"),
        ("Application de produits anti-humidité et anti-moisissures", "ASS-004"),
        # Written for this test.
        ("Pulvérisation d'un produit anti-moisissure sur les murs", "ASS-004"),
        ("Traitement anti-mousse des murs", "ASS-004"),
        ("Application d'un fixateur anti-taches", "PEI-002"),
        ("Sous-couche antitache sur auréoles", "PEI-002"),
    ],
)
def test_a_product_against_a_thing_is_its_treatment(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # An "anti-" word qualifying an object the line names first leaves the object as it is.
        ("Vitrage feuilleté anti-effraction", M2, "VIT-001"),
        ("Carrelage antidérapant", M2, "CAR-001"),
        ("Groupe de sécurité anti-calcaire 3/4", U, "PLO-016"),
        # Products against a thing no item treats stay with a human.
        ("Pose d'un clapet anti-retour", U, None),
        ("Grille anti-pigeons", U, None),
        ("Film anti-UV sur vitrage", M2, None),
    ],
)
def test_an_anti_word_is_no_treatment_of_what_the_line_names(
    matcher: Matcher, wording: str, unit: Unit, code: str | None
) -> None:
    match = matcher.match(wording, unit)
    assert (match.item.code if match.item else None) == code, match.candidates[:2]


def test_the_against_prefix_and_its_treatment_are_the_bareme_data(matcher: Matcher) -> None:
    tokens = matcher.words.tokens
    assert tokens("Produit anti-moisissures") == tokens("produit antimoisissure")
    assert tokens("Produit anti-moisissures") == tokens("produit traitement moisissures")
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"]["against_prefixes"] = []
    raw["vocabulary"]["sources"].pop("against_prefixes")
    without = Matcher(parse_bareme(json.dumps(raw)))
    assert without.words.tokens("Produit anti-moisissures") == ("produit", "anti", "moisissure")


def _verdict(wording: str, unit: Unit, price: str) -> LineEvaluation:
    bareme = load_bareme()
    context = PricingContext(Cover.DEGATS_DES_EAUX, Decimal("1.00"), "33", Decimal("0.15"), bareme.version)
    line = QuoteLine(
        designation=wording, quantity=Decimal(10), unit=unit, unit_price_ht=Decimal(price), total_ht=Decimal(price) * 10
    )
    return evaluate_line(0, line, matcher_for(bareme), context)


@pytest.mark.parametrize(
    "wording",
    [
        # Public (frozen set 2's wordings, a development set): one filler for the joints and the
        # smoothing.
        "Enduit de jointoiement et lissage",
        # A room after the last work does not make it another work.
        "Enduit de jointoiement et lissage – Couloir",
        # Written for this test.
        "Enduit de jointoiement et ratissage des murs",
        "Bandes à joints et enduit de lissage",
    ],
)
def test_one_item_naming_each_work_less_well_than_its_own_is_one_of_them(matcher: Matcher, wording: str) -> None:
    """The joints' filler (PLA-002, 15 €) is plausible, with a smoothing filler (PEI-005, 12 €)
    when the line may be it, never their sum (27 €), which would let an inflated line pass."""
    match = matcher.match(wording, M2)
    assert not match.parts
    plausible = {c.item.code for c in match.candidates[: match.plausible]}
    assert "PLA-002" in plausible and plausible <= {"PLA-002", "PEI-005"}
    assert _verdict(wording, M2, "14.26").verdict is Verdict.OK  # fair for the joints' filler
    overpriced = _verdict(wording, M2, "23")
    assert overpriced.verdict is Verdict.OVERPRICED, overpriced.why


@pytest.mark.parametrize(
    ("wording", "unit", "parts", "code"),
    [
        # Two works no item names together: their sum (public: a painter's price rules).
        ("Protection & installation chantier", F, ("INS-001", "INS-002"), None),
        # Written for this test.
        ("Protection des sols et nettoyage de fin de chantier", F, ("INS-001", "NET-001"), None),
        # One item names both works and reads each as well as any: that item.
        ("Nettoyage et désinfection après sinistre", F, (), "NET-003"),
    ],
)
def test_two_works_are_summed_only_when_no_item_names_both(
    matcher: Matcher, wording: str, unit: Unit, parts: tuple[str, ...], code: str | None
) -> None:
    match = matcher.match(wording, unit)
    assert tuple(item.code for item in match.parts) == parts
    if code is not None:
        assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # Public (constructeurtravaux.fr, paint after water damage: "Anti-humidité 1,5 à 7 €").
        ("Peinture anti-humidité en sous-couche", "PEI-002"),
        # Written for this test.
        ("Peinture mate en primaire d'accrochage", "PEI-002"),
        ("Laine de verre en isolation des cloisons", "PLA-010"),
        ("Enduit en ratissage complet", "PEI-005"),
    ],
)
def test_a_paint_used_as_a_layer_is_that_layer(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:2]
    # The dearer work it is also a name of is not plausible: an inflated layer is flagged.
    assert all(c.item.unit_price_ht <= match.item.unit_price_ht for c in match.candidates[1 : match.plausible])


def test_an_inflated_undercoat_is_overpriced_and_a_fair_one_passes() -> None:
    wording = "Peinture anti-humidité en sous-couche"
    assert _verdict(wording, M2, "10.50").verdict is Verdict.OK
    inflated = _verdict(wording, M2, "19.59")  # 1.96 x the undercoat, under the wall painting's ceiling
    assert inflated.verdict is Verdict.OVERPRICED, inflated.why


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # "en" before a material or a place says what of, or where, not a layer.
        ("Cloison en placo", "PLA-004"),
        ("Cloison en plaques de plâtre sur ossature métallique", "PLA-004"),
        ("Lambris PVC fourni posé en plafond", "REV-004"),
        ("Paroi de douche en verre trempé", "VIT-003"),
        ("Peinture des murs en deux couches", "PEI-003"),
        ("Peinture en finition 2 couches", "PEI-003"),
    ],
)
def test_en_before_no_layer_changes_nothing(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


def test_the_role_words_are_the_bareme_data() -> None:
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"]["role_words"] = []
    raw["vocabulary"]["sources"].pop("role_words")
    without = Matcher(parse_bareme(json.dumps(raw)))
    # A wording no barème synonym names as the layer: only the role words say it is one.
    wording = "Peinture acrylique en sous-couche"
    with_roles = matcher_for(load_bareme()).match(wording, M2)
    assert with_roles.item is not None and with_roles.item.code == "PEI-002"
    match = without.match(wording, M2)
    assert match.item is not None and match.item.code == "PEI-003"


# Round 2: a work joined to the preparation its item already includes; a measured site line.
@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # The ceilings' painting (PEI-004) includes the preparation (PEI-001): the line is the
        # ceilings' painting, not the walls' one its first words read best.
        ("Préparation + peinture de plafonds", "PEI-004"),
        ("Préparation et peinture du plafond", "PEI-004"),
        ("Rebouchage et peinture plafond", "PEI-004"),
        ("Préparation + peinture des murs", "PEI-003"),
        ("Ponçage, rebouchage et peinture des murs", "PEI-003"),
    ],
)
def test_an_included_work_joined_to_its_item_is_that_item(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:3]
    assert not match.parts  # never the sum of the painting and the preparation it includes


def test_a_fair_prepared_ceiling_passes_and_an_inflated_one_is_overpriced() -> None:
    wording = "Préparation + peinture de plafonds"
    fair = _verdict(wording, M2, "35")  # the ceilings' painting, above the walls' ceiling (34.50)
    assert fair.verdict is Verdict.OK, fair.why
    inflated = _verdict(wording, M2, "45")
    assert inflated.verdict is Verdict.OVERPRICED, inflated.why


@pytest.mark.parametrize(
    ("wording", "unit", "parts", "code"),
    [
        # The other way: a preparation alone is the preparation, and two works neither of which
        # includes the other are still their sum.
        ("Préparation des supports", M2, (), "PEI-001"),
        ("Protection des sols et nettoyage de fin de chantier", F, ("INS-001", "NET-001"), "INS-001"),
    ],
)
def test_works_none_includes_keep_their_reading(
    matcher: Matcher, wording: str, unit: Unit, parts: tuple[str, ...], code: str
) -> None:
    match = matcher.match(wording, unit)
    assert tuple(item.code for item in match.parts) == parts
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # A site-protection or cleaning line measured in m² is the item priced in m², not the lump
        # sum of the same work: priced per m² at a forfait, an inflated line would pass.
        ("Pose de bâches de protection", M2, "INS-003"),
        ("Protection des sols par film polyane", M2, "INS-003"),
        ("Nettoyage de fin de travaux", M2, "NET-002"),
        # The other way: the same wordings as a lump sum stay the lump-sum items.
        ("Pose de bâches de protection", F, "INS-001"),
        ("Nettoyage de fin de travaux", F, "NET-001"),
        ("Nettoyage et lessivage en fin de travaux", F, "NET-001"),
    ],
)
def test_a_measured_site_line_is_the_measured_item(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:3]


def test_an_inflated_protection_per_m2_is_overpriced() -> None:
    wording = "Pose de bâches de protection"
    assert _verdict(wording, M2, "4").verdict is Verdict.OK
    inflated = _verdict(wording, M2, "20")  # far under the 80 € lump sum it was priced at before
    assert inflated.verdict is Verdict.OVERPRICED, inflated.why
    assert _verdict(wording, F, "80").verdict is Verdict.OK
