"""Classes of wordings the judge got wrong by a rule, not by a missing word (session 5): a product
named by what it prevents or treats, two works joined in one line, and a paint named as the
cheaper layer it is. Wordings written for this test, and public ones where said (the public
ones are from tests/heldout/wordings2, a development set since session 5)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billma_core.bareme import load_bareme
from billma_core.bareme.loader import BaremeError, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.evaluation.text import stem
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict
from billma_core.money import money

M2, U, F = Unit.M2, Unit.U, Unit.FORFAIT


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


def _verdict(wording: str, unit: Unit, price: str, tolerance: str = "0.15") -> LineEvaluation:
    bareme = load_bareme()
    context = PricingContext(
        Cover.DEGATS_DES_EAUX, Decimal("1.00"), "33", Decimal(tolerance), bareme.version, bareme.hours_per_day
    )
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
    cheaper = min(plausible, key=lambda code: load_bareme().item(code).unit_price_ht)
    if len(plausible) > 1:
        # The joints' filler is 25 % dearer than the smoothing: under its ceiling (17.25), a
        # smoothing inflated by 42 % (17.04) would pass. A price above the cheaper reading's
        # ceiling goes to a reviewer, told the line may be the dearer one.
        inflated = _verdict(wording, M2, "17.04")
        assert inflated.verdict is Verdict.OVERPRICED and "PLA-002" in inflated.why, inflated.why
        assert "au Billmateur de confirmer" in inflated.why
        assert cheaper == "PEI-005"
    assert _verdict(wording, M2, "13.5").verdict is Verdict.OK  # under every plausible ceiling
    overpriced = _verdict(wording, M2, "23")
    assert overpriced.verdict is Verdict.OVERPRICED, overpriced.why


@pytest.mark.parametrize("tolerance", ["0", "0.02"])
def test_a_dearer_reading_within_an_overcharge_still_accepts_the_price(tolerance: str) -> None:
    """With little tolerance the joints' filler's ceiling (15 € plus it) stays under an overcharge
    of 30 % on the smoothing's 12 €: both readings are fair, the price passes under either."""
    wording = "Enduit de jointoiement et lissage"
    judged = _verdict(wording, M2, "14.9", tolerance)
    assert judged.bareme_code == "PEI-005"
    assert judged.verdict is Verdict.OK and "PLA-002" in judged.why, judged.why


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


# Session 6: classes of the judge-alone failures on the development sets (frozen sets 1–3 and
# their wordings), each written for this test unless said.


def test_a_word_the_vocabulary_knows_is_never_mended_into_another(matcher: Matcher) -> None:
    # "éléments" (a generic word) was read as a slip for "enlèvement", so a protection line became
    # a removal (frozen set 3's "Bâche sur les éléments non concernés…").
    tokens = [tok for tok, _ in matcher.repair(matcher.words.tokens_with_detail("Bâche sur les éléments"))]
    assert matcher.words.removal not in tokens
    assert (
        matcher.words.action(
            [tok for tok, _ in matcher.repair(matcher.words.tokens_with_detail("Protection des éléments"))]
        )
        != matcher.words.removal
    )
    # A real slip (one letter lost) is still mended.
    for slip, code in (("Arachage moquette", "SOL-001"), ("Enlevment papier peint", "REV-001")):
        match = matcher.match(slip, M2)
        assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize("wording", ["Plafonnage", "Plafonnage des murs", "Plafonnage au plâtre"])
def test_a_work_noun_is_not_the_thing_of_its_stem(matcher: Matcher, wording: str) -> None:
    # "Plafonnage" (plastering) was the ceiling light ELE-003 ("plafonnier"): a dearer item, the
    # dangerous direction. It now goes to a human or to a plaster item, never a light.
    match = matcher.match(wording, M2)
    codes = {c.item.code for c in match.candidates[: max(match.plausible, 1)]} if match.item else set()
    assert not codes & {"ELE-003", "ELE-014"}, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # Derived forms of one kind still meet.
        ("Tapissage des murs", M2, "REV-002"),
        ("Démoquettage", M2, "SOL-001"),
        ("Carreleur", Unit.H, "MOE-003"),
    ],
)
def test_derived_forms_of_one_kind_still_meet(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


def test_no_work_noun_is_read_as_the_thing_of_its_stem(matcher: Matcher) -> None:
    # Over every barème word naming a thing or a person: its work noun in -age is neither derived
    # to it nor similar to it.
    words = matcher.words
    things = [w for w in matcher._idf if w.isalpha() and words.names_a_thing(w)]
    assert len(things) > 20
    for thing in things:
        work = stem(thing, words.suffixes) + "age"
        assert matcher.similarity(work, thing) == 0.0, (work, thing)
        assert matcher._base(work) != thing, (work, thing)


def test_the_thing_endings_are_the_bareme_data() -> None:
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"]["thing_suffixes"] = []
    without = Matcher(parse_bareme(json.dumps(raw)))
    assert without.match("Plafonnage", M2).item is not None  # the ceiling light, as before
    raw["vocabulary"]["thing_suffixes"] = ["ière"]
    with pytest.raises(BaremeError) as refused:
        parse_bareme(json.dumps(raw))
    assert "thing_suffixes" in str(refused.value.details)


# Each trade's labour by the hour (the other hourly items are works: moving furniture, cleaning).
TRADE_LABOUR = ("MOE-002", "MOE-003", "MOE-004", "MOE-005", "MOE-006", "MOE-007", "PLO-013", "ELE-011")


def _trades(matcher: Matcher) -> list[tuple[str, str]]:
    # Each trade by its worker's name, its first head ("carreleur"; "carrelage" is its work).
    return [(code, matcher.bareme.item(code).heads[0]) for code in TRADE_LABOUR]


@pytest.mark.parametrize("time", ["Tarif horaire {}", "Temps passé {}", "Heures {}", "Coût horaire {}"])
def test_a_trade_s_hourly_labour_is_priced_at_that_trade_s_rate(matcher: Matcher, time: str) -> None:
    # "Tarif horaire carreleur" was the electrician's rate ELE-011 (its name shares "tarif
    # horaire"): the trade the line names decides, over every trade of the barème.
    trades = _trades(matcher)
    assert {code for code, _ in trades} == set(TRADE_LABOUR)
    for code, head in trades:
        match = matcher.match(time.format(head), Unit.H)
        assert match.item is not None and match.item.code == code, (head, match.candidates[:2])


@pytest.mark.parametrize("wording", ["Main d'œuvre", "Temps passé", "Taux horaire", "Heures de travail"])
def test_labour_naming_no_trade_is_the_general_labour(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.H)
    assert match.item is not None and match.item.code == matcher.bareme.general_labour, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # Frozen set 3 (development): PLA-003 at 15 € let a residue removal at 1.5 × its fair
        # price pass. Residues, trims, fixings of a thing are not the thing; residues taken off a
        # support are its preparation (a phrase of the vocabulary, session 10).
        ("Retrait des résidus de plâtre et de peinture", "PEI-001"),
        ("Dépose des cornières de carrelage", None),
        ("Enlèvement des agrafes de moquette", None),
        # Age and state words only qualify the thing taken out (vocabulary.qualifiers).
        ("Dépose de l'ancien revêtement de sol", "SOL-001"),
        ("Dépose des plaques de plâtre endommagées", "PLA-003"),
        ("Dépose de la vieille moquette", "SOL-001"),
        ("Arrachage de l'ancienne tapisserie", "REV-001"),
    ],
)
def test_what_an_action_is_done_to_is_the_thing_it_names_first(
    matcher: Matcher, wording: str, code: str | None
) -> None:
    match = matcher.match(wording, M2)
    assert (match.item.code if match.item else None) == code, match.candidates[:2]


def test_an_inflated_residue_removal_is_never_accepted() -> None:
    judged = _verdict("Retrait des résidus de plâtre et de peinture", M2, "15")
    assert judged.verdict is Verdict.OVERPRICED, judged.why


def test_the_day_words_are_the_bareme_data() -> None:
    # A rental per day quoted as a lump sum "(7 jours)" is judged per day (test_candidates); the
    # words of days are the barème's, and without them the line is one lump sum of one day.
    raw = json.loads(packaged_bareme_bytes())
    days = Matcher(parse_bareme(json.dumps(raw))).words.days
    found = [days.search(text) for text in ("Location (7 jours)", "location 10 j", "3 JOURS")]
    assert [m.group(1) if m else None for m in found] == ["7", "10", "3"]
    assert days.search("Joint 2 jonctions") is None
    raw["vocabulary"]["day_words"] = []
    raw["vocabulary"]["sources"].pop("day_words")
    assert Matcher(parse_bareme(json.dumps(raw))).words.days.search("Location (7 jours)") is None


@pytest.mark.parametrize("repair", ["Réparation", "Révision", "Dépannage", "Reprise"])
def test_repairing_a_whole_object_is_never_priced_as_a_new_one(matcher: Matcher, repair: str) -> None:
    # "Reprise de la porte d'entrée" was the new entrance door (1 500 €), "Réparation du
    # chauffe-eau" a new water heater (1 200 €): over every item counted by the unit that supplies
    # a new object dearer than a call-out (two hours at the general rate), a repair of it is never
    # priced as it, nor accepted under it; a fitting no dearer is what bounds its repair.
    callout = 2 * matcher.bareme.item("MOE-001").unit_price_ht
    dearer = 0
    for item in matcher.bareme.items:
        if item.unit is not U or matcher._item_repairs[matcher._index[item.code]]:
            continue
        match = matcher.match(f"{repair} {item.label}", U)
        accepted = {c.item.code for c in match.candidates[: max(match.plausible, 1)]} if match.item else set()
        if item.unit_price_ht > callout:
            dearer += 1
            assert item.code not in accepted, (item.label, match.candidates[:2])
    assert dearer >= 10, dearer


@pytest.mark.parametrize(
    "wording", ["Réparation prise électrique", "Réparation d'un interrupteur", "Réparation d'un spot"]
)
def test_repairing_a_fitting_no_dearer_than_a_callout_is_bounded_by_its_replacement(
    matcher: Matcher, wording: str
) -> None:
    # Two public labellers price "Réparation <fitting>" as the fitting's replacement: below a
    # call-out's labour, repairing costs what replacing does (the indemnity bound).
    match = matcher.match(wording, U)
    assert match.item is not None and match.item.trade.value == "electricity", match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # Items that are the repair keep it; a repair of a measured work is its redoing.
        ("Réglage porte", U, "MEN-002"),
        ("Réparation fuite", F, "PLO-002"),
        ("Reprise d'enduit plâtre", M2, "PLA-008"),
        ("Remplacement du chauffe-eau", U, "PLO-012"),
    ],
)
def test_repair_items_and_replacements_keep_their_reading(
    matcher: Matcher, wording: str, unit: Unit, code: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # Taking out and mounting again is a refit, however the mounting is worded (wordings set 3,
        # development since session 5: "Démontage et montage des radiateurs").
        ("Démontage et montage des radiateurs", "PLO-015"),
        ("Démontage et montage de la porte", "MEN-012"),
        ("Démontage puis remontage du radiateur", "PLO-015"),
    ],
)
def test_taking_out_and_mounting_again_is_a_refit(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, U)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@settings(max_examples=40, deadline=None)
@given(
    code=st.sampled_from(TRADE_LABOUR),
    time=st.sampled_from(["Tarif horaire {}", "Temps passé {}", "Heures {}", "Main d'œuvre {} (heure)"]),
    extra=st.integers(min_value=1, max_value=5000),
)
def test_a_trade_s_hour_above_that_trade_s_ceiling_is_overpriced(code: str, time: str, extra: int) -> None:
    # A line naming a trade is never accepted under another trade's dearer rate.
    item = load_bareme().item(code)
    ceiling = money(item.unit_price_ht * Decimal("1.15"))
    price = ceiling + Decimal(extra) / 100
    judged = _verdict(time.format(item.heads[0]), Unit.H, str(price))
    assert judged.verdict is Verdict.OVERPRICED, judged.why


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # A fitting the line says is not done does not make it a replacement: "Dépose de carrelage
        # sans repose" was the new floor tiling (75 € against 20 €; wordings set 3, development).
        ("Dépose de carrelage sans repose", M2, "CAR-003"),
        ("Dépose des plinthes sans repose", Unit.ML, "SOL-011"),
        ("Dépose de carrelage, repose non comprise", M2, "CAR-003"),
        ("Dépose de la porte sans remplacement", U, None),
        # The barème prices a washbasin's removal alone (PLO-017, issue 12 session 9).
        ("Dépose lavabo hors repose", U, "PLO-017"),
        # Said, the fitting stays.
        ("Dépose et repose de plinthes", Unit.ML, "SOL-012"),
        ("Dépose et remplacement du carrelage", M2, "CAR-001"),
    ],
)
def test_a_fitting_said_not_done_is_no_replacement(
    matcher: Matcher, wording: str, unit: Unit, code: str | None
) -> None:
    match = matcher.match(wording, unit)
    assert (match.item.code if match.item else None) == code, match.candidates[:2]


# ------------------------------------------------------------------- session 7 (helper 13a)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # "redressement" starts a name of the plaster skim only ("redressement plâtre"): a line
        # naming that work, under another derived form too, is that item, not a headless guess.
        ("Redressement des murs", M2, "PLA-008"),
        ("Redressage du plafond", M2, "PLA-008"),
        # A word that is no name's first word is no item's own work: the line stays a human's.
        ("Transport du matériel", F, None),
        # A name's first word that names no action is no item's own work either ("mise à
        # disposition d'une benne" does not make any provision a skip).
        ("Mise à disposition du matériel", F, None),
    ],
)
def test_the_first_word_of_one_item_s_names_only_says_what_the_line_is(
    matcher: Matcher, wording: str, unit: Unit, code: str | None
) -> None:
    match = matcher.match(wording, unit)
    assert (match.item.code if match.item else None) == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # A painter's "remise en état" of a wall or a ceiling is its preparation (public painters'
        # pages: « Remise en état des murs » — « Fissures, enduits et préparation avant toute
        # finition »), whatever state it is said to be in.
        ("Remise en état des murs", "PEI-001"),
        ("Remise en état du plafond en mauvais état", "PEI-001"),
        ("Remise en état des cloisons", "PEI-001"),
        # So is its repair (« Réparation de plâtre et gypse » — « Remise en état des murs avant
        # peinture »): the cheapest reading of the surface's making good.
        ("Réparation des murs", "PEI-001"),
    ],
)
def test_making_good_a_wall_or_ceiling_is_its_preparation(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    "wording",
    [
        # Making good the premises or the floors is cleaning, the network an electrician's work.
        "Remise en état des locaux, dépoussiérage",
        "Remise en état du réseau électrique",
        "Réparation de fuite sur canalisation",
    ],
)
def test_making_good_anything_else_is_no_preparation(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, F)
    assert match.item is None or match.item.code != "PEI-001", match.candidates[:2]
