"""A line is judged against every item it could be: overpriced only above the ceiling of each
plausible candidate; a line naming several works priced as their sum; labour by the hour or the
day at the trade's rate. The property tests (hypothesis) hold for any quote drawn from the
barème's own names and the public held-out wordings."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_verdicts_decision import PROTECTION, SETTINGS, Line, judge, make_quote

from billma_core.bareme import Bareme, BaremeError, load_bareme, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Cover, Outcome, Unit, Verdict
from billma_core.money import money

F, M2, H, U = Unit.FORFAIT, Unit.M2, Unit.H, Unit.U
# Gironde (the quotes' site): coefficient 1.06, tolerance 15 %.
COEF = Decimal("1.06")
PUBLIC = Path(__file__).resolve().parents[2] / "heldout" / "wordings" / "wordings.tsv"


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _ceiling(reference: Decimal) -> Decimal:
    return money(money(reference * COEF) * Decimal("1.15"))


# ------------------------------------------------------------------- several works in one line


def test_a_line_naming_two_works_is_priced_as_their_sum(bareme: Bareme) -> None:
    # Set-up 50 + protection 80 = 130 € HT × 1.06 = 137.80; ceiling 158.47.
    fair = judge(
        make_quote(("Installation de chantier et protection des sols", "1", F, "150", "10"), PROTECTION), bareme
    )
    line = fair.lines[0]
    assert line.verdict is Verdict.OK, line.why
    assert line.bareme_code == "INS-002+INS-001"
    assert line.reference_unit_price_ht == Decimal("137.80")
    assert "INS-002" in line.why and "INS-001" in line.why
    # Each work on its own, real items a reviewer can pick in one click; the sum is the reference.
    assert [c.bareme_code for c in line.candidates] == ["INS-002", "INS-001"]
    inflated = judge(make_quote(("Installation de chantier et protection des sols", "1", F, "160", "10")), bareme)
    assert inflated.lines[0].verdict is Verdict.OVERPRICED
    assert inflated.lines[0].revised_total_ht == Decimal("137.80")


def test_closing_the_site_and_cleaning_is_two_works(bareme: Bareme) -> None:
    line = judge(make_quote(("Fermeture du chantier et nettoyage", "1", F, "175", "10")), bareme).lines[0]
    assert line.bareme_code == "INS-002+NET-001" and line.verdict is Verdict.OK, line.why


def test_a_part_not_covered_is_left_out_of_the_revision(bareme: Bareme) -> None:
    # Leak search (covered, 250 × 1.06 = 265) and the repair of its cause (not covered).
    wording = "Recherche de fuite et réparation de la canalisation"
    line = judge(make_quote((wording, "1", F, "500", "10")), bareme).lines[0]
    assert line.verdict is Verdict.NOT_COVERED and line.bareme_code == "PLO-001+PLO-002"
    assert line.revised_total_ht == Decimal("265.00")
    assert line.why.startswith("En partie (PLO-002) non pris en charge")


def test_one_item_naming_every_part_is_not_a_sum(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    assert not matcher.match("Nettoyage et désinfection après sinistre", M2).parts
    assert not matcher.match("Ponçage et vitrification du parquet", M2).parts
    # Walls and ceiling per m²: each m² is one or the other, never both.
    both = matcher.match("Peinture des murs et plafond", M2)
    assert not both.parts
    assert {c.item.code for c in both.candidates[: both.plausible]} == {"PEI-003", "PEI-004"}


def test_a_layer_and_the_work_on_it_per_m2_are_priced_as_their_sum(bareme: Bareme) -> None:
    # Levelling (20) under a vinyl floor (35): both on each m², 55 € HT × 1.06 = 58.30.
    line = judge(make_quote(("Ragréage et pose de sol vinyle", "20", M2, "58", "10")), bareme).lines[0]
    assert line.bareme_code == "SOL-007+SOL-005" and line.verdict is Verdict.OK, line.why
    assert line.reference_unit_price_ht == Decimal("58.30")
    matcher = matcher_for(bareme)
    # A board and its insulation have one composite item (issue 12): the lining, not their sum.
    lining = matcher.match("Doublage placo + laine de verre", M2)
    assert not lining.parts and lining.item is not None and lining.item.code == "PLA-005"
    # Two finishes per m² are one or the other, as before; the barème's layers decide.
    assert not matcher.match("Carrelage sol et faïence murale", M2).parts
    raw = json.loads(packaged_bareme_bytes())
    for item in raw["items"]:
        item.pop("layer", None)
    assert not Matcher(parse_bareme(json.dumps(raw))).match("Ragréage et pose de sol vinyle", M2).parts


# ----------------------------------------------------------------------------------- labour


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("Temps passé", "MOE-001"),
        ("Heure de plombier", "PLO-013"),
        ("Main d'œuvre électricien", "ELE-011"),
        ("Main d'œuvre carreleur", "MOE-003"),
        ("Temps passé peintre", "MOE-002"),
    ],
)
def test_labour_by_the_hour_is_priced_at_the_trades_rate(bareme: Bareme, wording: str, code: str) -> None:
    rate = bareme.item(code).unit_price_ht
    line = judge(make_quote((wording, "6", H, str(rate), "10"), PROTECTION), bareme).lines[0]
    assert line.bareme_code == code and line.verdict is Verdict.OK, line.why
    assert line.reference_unit_price_ht == money(rate * COEF)


def test_labour_by_the_day_is_a_working_day_of_hours(bareme: Bareme) -> None:
    # 8 h × 45 € × 1.06 = 381.60 per day; ceiling 438.84.
    fair = judge(make_quote(("Journée de main d'œuvre", "2", Unit.DAY, "400", "10")), bareme).lines[0]
    assert fair.verdict is Verdict.OK and fair.reference_unit_price_ht == Decimal("381.60"), fair.why
    assert "8 h par jour" in fair.why
    inflated = judge(make_quote(("Journée de main d'œuvre", "2", Unit.DAY, "500", "10")), bareme).lines[0]
    assert inflated.verdict is Verdict.OVERPRICED and inflated.revised_total_ht == Decimal("763.20")


def test_hours_of_work_no_item_names_are_priced_as_labour(bareme: Bareme) -> None:
    line = judge(make_quote(("Petite réparation diverse", "4", H, "45", "10"), PROTECTION), bareme).lines[0]
    assert line.verdict is Verdict.OK and line.bareme_code == bareme.general_labour, line.why
    assert "à confirmer" in line.why
    inflated = judge(make_quote(("Petite réparation diverse", "4", H, "90", "10"), PROTECTION), bareme).lines[0]
    assert inflated.verdict is Verdict.OVERPRICED
    # The same wording as a lump sum says nothing of the time spent: a human looks.
    lump = judge(make_quote(("Petite réparation diverse", "1", F, "180", "10"), PROTECTION), bareme).lines[0]
    assert lump.verdict is Verdict.UNMATCHED


def test_general_labour_must_be_an_hourly_item() -> None:
    raw = json.loads(packaged_bareme_bytes())
    raw["general_labour"] = "INS-001"  # a lump sum
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))


def test_a_rental_per_day_quoted_as_a_lump_sum_counts_the_days_it_states(bareme: Bareme) -> None:
    # Dehumidifier rental ASS-001: 30 € per day × 1.06 = 31.80; 7 days = 222.60, ceiling 36.57 a day.
    wording = "Mise en place d'un déshumidificateur (7 jours)"
    fair = judge(make_quote((wording, "1", F, "250", "10"), PROTECTION), bareme).lines[0]
    assert fair.bareme_code == "ASS-001" and fair.verdict is Verdict.OK, fair.why
    assert "7 j" in fair.why
    inflated = judge(make_quote((wording, "1", F, "260", "10"), PROTECTION), bareme).lines[0]
    assert inflated.verdict is Verdict.OVERPRICED and inflated.revised_total_ht == Decimal("222.60")


def test_a_replaced_electrical_fitting_has_an_item(bareme: Bareme) -> None:
    line = judge(make_quote(("Remplacement appareillage électrique", "3", U, "65", "10"), PROTECTION), bareme).lines[0]
    assert line.bareme_code == "ELE-013" and line.verdict is Verdict.OK, line.why


# ------------------------------------------------------------------ doubtful lines, candidates


def test_a_doubtful_line_is_overpriced_only_above_every_plausible_item(bareme: Bareme) -> None:
    # Tiles CAR-001 (75 €) or vinyl SOL-005 (35 €)?
    wording = "Remplacement revêtement de sol"
    dearest = _ceiling(Decimal("75"))
    at_vinyl = judge(make_quote((wording, "20", M2, "36", "10")), bareme).lines[0]
    at_tiles = judge(make_quote((wording, "20", M2, str(dearest), "10")), bareme).lines[0]
    above = judge(make_quote((wording, "20", M2, str(dearest + Decimal("0.01")), "10")), bareme).lines[0]
    assert at_vinyl.verdict is Verdict.OK and at_tiles.verdict is Verdict.OK, at_tiles.why
    assert above.verdict is Verdict.OVERPRICED
    codes = [c.bareme_code for c in above.candidates]
    assert {"CAR-001", "SOL-005"} <= set(codes) and codes[0] == above.bareme_code
    other = next(code for code in codes[1:] if code in {"CAR-001", "SOL-005"})
    assert other in above.why  # the why names the other candidate
    # Revised at the best-supported one.
    best = next(c for c in above.candidates if c.bareme_code == above.bareme_code)
    assert above.revised_total_ht == money(best.reference_unit_price_ht * 20)


def test_a_sure_match_is_never_accepted_at_a_dearer_neighbour(bareme: Bareme) -> None:
    # Single glazing VIT-002 (150 €/m²) scores close to double glazing VIT-001 (350 €/m²), but the
    # line says which it is: twice the single-glazing price is overpriced.
    quote = make_quote(("Vitre simple cassée, remplacement", "2", M2, "300", "10"), PROTECTION)
    line = judge(quote, bareme, cover=Cover.BRIS_DE_GLACE).lines[0]
    assert line.bareme_code == "VIT-002" and line.verdict is Verdict.OVERPRICED, line.why
    assert [c.bareme_code for c in line.candidates] == ["VIT-002"]


def test_candidates_carry_site_prices_and_ceilings(bareme: Bareme) -> None:
    line = judge(make_quote(("Peinture des murs 2 couches", "40", M2, "30", "10"), PROTECTION), bareme).lines[0]
    assert line.candidates[0].bareme_code == "PEI-003"
    assert line.candidates[0].reference_unit_price_ht == Decimal("31.80")
    assert line.candidates[0].ceiling_unit_price_ht == Decimal("36.57")
    assert 0 < line.candidates[0].confidence <= 1


def test_an_unmatched_line_shows_the_nearest_items(bareme: Bareme) -> None:
    line = judge(make_quote(("Diagnostic amiante avant travaux", "1", F, "150", "10"), PROTECTION), bareme).lines[0]
    assert line.verdict is Verdict.UNMATCHED
    assert line.candidates and all(c.confidence < 0.5 for c in line.candidates)


# ---------------------------------------------------------------------------------- properties


def _wordings(bareme: Bareme) -> list[str]:
    names = [name for item in bareme.items for name in (item.label, *item.synonyms)]
    public = [
        raw.split("\t")[0]
        for raw in PUBLIC.read_text(encoding="utf-8").splitlines()
        if raw.strip() and not raw.startswith("#") and raw.split("\t")[2] != "UNMATCHED"
    ]
    return sorted({*names, *public})


WORDINGS = _wordings(load_bareme())


def _priced_line(bareme: Bareme, wording: str, quantity: int) -> tuple[Line, Decimal] | None:
    """The line at its reference price (its best candidate's, or the sum of the works it names)
    and the highest ceiling it may be accepted under, or None when the line is not judged on its
    price (unmatched, not covered, not measurable)."""
    match = matcher_for(bareme).match(wording, None)
    if match.item is None:
        return None
    unit = match.item.unit
    probe = judge(make_quote((wording, str(quantity), unit, "1", "10")), bareme, cover=Cover.AUTRE).lines[0]
    if probe.verdict is not Verdict.OK or not probe.candidates:
        return None
    # The line's own reference (the best candidate's, or the sum of the works it names).
    reference = probe.reference_unit_price_ht
    assert reference is not None
    own_ceiling = money(reference * (1 + SETTINGS.price_tolerance))
    highest = max(own_ceiling, *(c.ceiling_unit_price_ht for c in probe.candidates))
    return (wording, str(quantity if unit not in (F, Unit.ENS) else 1), unit, str(reference), "10"), highest


lines = st.tuples(st.sampled_from(WORDINGS), st.integers(min_value=1, max_value=30))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(
    drawn=st.lists(lines, min_size=1, max_size=5), pick=st.integers(min_value=0, max_value=4), extra=st.integers(1, 300)
)
def test_a_price_above_every_plausible_ceiling_is_overpriced_and_never_auto_validated(
    drawn: list[tuple[str, int]], pick: int, extra: int
) -> None:
    bareme = load_bareme()
    priced = [_priced_line(bareme, wording, quantity) for wording, quantity in drawn]
    assume(all(p is not None for p in priced))
    quote_lines = [p[0] for p in priced if p is not None]
    highest = [p[1] for p in priced if p is not None]
    index = pick % len(quote_lines)
    wording, quantity, unit, _, rate = quote_lines[index]
    # Anywhere above the highest ceiling: one cent to three times it.
    raised = highest[index] + money(highest[index] * extra / 100) + Decimal("0.01")
    quote_lines[index] = (wording, quantity, unit, str(raised), rate)
    evaluation = judge(make_quote(*quote_lines), bareme, cover=Cover.AUTRE)
    assert evaluation.lines[index].verdict is Verdict.OVERPRICED, evaluation.lines[index].why
    assert evaluation.outcome is not Outcome.AUTO_VALIDATED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(drawn=st.lists(lines, min_size=1, max_size=5))
def test_a_quote_at_its_best_candidates_reference_prices_is_auto_validated(drawn: list[tuple[str, int]]) -> None:
    bareme = load_bareme()
    priced = [_priced_line(bareme, wording, quantity) for wording, quantity in drawn]
    assume(all(p is not None for p in priced))
    quote = make_quote(*(p[0] for p in priced if p is not None))
    # Nothing else flagged: in BillMA's scope (650 – 6 500 € TTC).
    assume(quote.total_ttc is not None and Decimal(650) <= quote.total_ttc <= Decimal(6500))
    evaluation = judge(quote, bareme, cover=Cover.AUTRE)
    assert all(line.verdict is Verdict.OK for line in evaluation.lines), [line.why for line in evaluation.lines]
    assert evaluation.outcome is Outcome.AUTO_VALIDATED, evaluation.reason
