"""Classes of wordings the judge got wrong by a rule (session 5, round 2): a work joined to the
preparation its item already includes. Wordings written for this test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict

M2, F = Unit.M2, Unit.FORFAIT


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def _verdict(wording: str, unit: Unit, price: str) -> LineEvaluation:
    bareme = load_bareme()
    context = PricingContext(Cover.DEGATS_DES_EAUX, Decimal("1.00"), "33", Decimal("0.15"), bareme.version)
    line = QuoteLine(
        designation=wording, quantity=Decimal(10), unit=unit, unit_price_ht=Decimal(price), total_ht=Decimal(price) * 10
    )
    return evaluate_line(0, line, matcher_for(bareme), context)


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
