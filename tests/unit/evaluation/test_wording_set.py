"""The matcher on a labelled set of wordings it was not written from (``wordings.tsv``), and the
rules that make it generalise: compound work (dépose et repose, dépose + fourniture et pose),
removal never priced as supply-and-fit, included work, compound nouns, "avant peinture".

Precision and recall figures: ``.venv/bin/python bench/bench_matcher.py --failures --heldout``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from billma_core.bareme import Bareme, BaremeError, load_bareme, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict

WORDINGS = Path(__file__).with_name("wordings.tsv")
# Written after the tuning on wordings.tsv and measured once: the honest generalisation figure.
FRESH = Path(__file__).with_name("wordings_fresh.tsv")
# A contractor's shorthand (session 8): cut words, trade abbreviations, specification tokens.
SHORTHAND = Path(__file__).with_name("wordings_shorthand.tsv")
M2, ML, U, F = Unit.M2, Unit.ML, Unit.U, Unit.FORFAIT


def _labelled(path: Path = WORDINGS) -> list[tuple[str, Unit | None, str | None]]:
    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            wording, unit, code = raw.split("\t")
            cases.append((wording, Unit(unit) if unit else None, None if code == "UNMATCHED" else code))
    return cases


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


@pytest.fixture(scope="module")
def matcher(bareme: Bareme) -> Matcher:
    return matcher_for(bareme)


def test_the_set_is_large_and_covers_every_trade(bareme: Bareme) -> None:
    cases = _labelled()
    assert len(cases) >= 150
    assert sum(1 for _, _, code in cases if code is None) >= 30
    codes = {code for _, _, code in cases if code}
    assert codes <= {item.code for item in bareme.items}
    assert {bareme.item(code).trade for code in codes} == {item.trade for item in bareme.items}


# 2025.3 measures 98.9 % / 98.9 % with 2 dangerous matches on wordings.tsv, 97.7 % / 97.7 % with 1
# on wordings_fresh.tsv (2025.2: 99.2 / 99.2 % with 2; 2025.1: 89.1 / 87.0 % with 18, 93.3 / 95.4 %
# with 4). A tie between two items of the same price is no danger: both are plausible. The shorthand
# set measures 100 % / 98.4 % with none (78.1 % recall before its rules).
@pytest.mark.parametrize(
    ("path", "min_precision", "min_recall", "max_dangerous"),
    [(WORDINGS, 0.97, 0.97, 2), (FRESH, 0.95, 0.95, 1), (SHORTHAND, 0.95, 0.95, 0)],
)
def test_precision_recall_and_no_dangerous_match(
    bareme: Bareme, matcher: Matcher, path: Path, min_precision: float, min_recall: float, max_dangerous: int
) -> None:
    matched = right = with_item = found = dangerous = 0
    problems: list[tuple[str, str | None, str | None]] = []
    for wording, unit, code in _labelled(path):
        match = matcher.match(wording, unit)
        got = match.item
        with_item += code is not None
        if got is None:
            if code is not None:
                problems.append((wording, None, code))
            continue
        matched += 1
        if got.code == code:
            right += 1
            found += 1
            continue
        problems.append((wording, got.code, code))
        # Work the barème does not price, or a ceiling above the right item's (the line is judged
        # against the dearest plausible candidate): it could hide an overpriced line.
        dearest = max(c.item.unit_price_ht for c in match.candidates[: match.plausible])
        if code is None or dearest > bareme.item(code).unit_price_ht:
            dangerous += 1
    precision, recall = right / matched, found / with_item
    assert precision >= min_precision, (precision, problems)
    assert recall >= min_recall, (recall, problems)
    assert dangerous <= max_dangerous, problems


# The held-out measurement's misses (docs/heldout.md, item 7), with what they are.
HELDOUT_MISSES = [
    ("Mise en protection des lieux (films, cartons)", F, "INS-001"),
    ("Application d'un primaire isolant anti-taches", M2, "PEI-002"),
    ("Dépose et repose de plaques de plâtre BA13 endommagées", M2, "PLA-001"),
    ("Nettoyage et lessivage des surfaces avant peinture", M2, "PEI-001"),
]


@pytest.mark.parametrize(("wording", "unit", "code"), HELDOUT_MISSES)
def test_heldout_misses_are_fixed(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.best


def test_remove_and_refit_is_one_job_and_remove_then_new_a_replacement(matcher: Matcher) -> None:
    tokens, removal = matcher.words.tokens, matcher.words.removal
    assert tokens("Dépose et repose des plinthes") == tokens("dépose/repose plinthe") == ("repose", "plinthe")
    assert tokens("Démontage et remontage du radiateur") == ("repose", "radiateur")
    # Taking out then fitting new: the removal is part of the replacement.
    assert removal not in tokens("Dépose + fourniture et pose de parquet stratifié")
    assert removal not in tokens("Dépose et remplacement des plaques de plâtre")
    assert removal not in tokens("Dépose, F&P plinthes")
    assert removal in tokens("Dépose des plinthes")


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Dépose + fourniture et pose de parquet stratifié", M2, "SOL-002"),
        ("Dépose et remplacement du carrelage de sol", M2, "CAR-001"),
        ("Dépose / repose de papier peint", M2, "REV-002"),
        ("Dépose des plaques de plâtre", M2, "PLA-003"),
        ("Dépose et repose du lavabo", U, "PLO-010"),
        ("Dépose et repose radiateur", U, "PLO-015"),
        ("Dépose et repose des plinthes", ML, "SOL-012"),
        # Putting back new ones is a replacement.
        ("Dépose et repose de plinthes neuves", ML, "SOL-010"),
        ("Démontage, stockage et remontage des meubles de cuisine", F, "MEN-009"),
        ("Dépose et repose du meuble vasque", U, "MEN-009"),
        # Furniture no fitted unit names is moved for the works (the cheaper handling item), never
        # priced as fitted units taken off the wall.
        ("Dépose et repose des meubles", F, "INS-004"),
        ("Démontage et remontage des meubles de la chambre", F, "INS-004"),
    ],
)
def test_compound_work(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.best


@pytest.mark.parametrize(
    ("wording", "unit", "not_code"),
    [
        # Taking a door out is not buying one; putting the same door back is not either.
        ("Dépose de la porte intérieure", U, "MEN-001"),
        ("Dépose et repose de la porte intérieure", U, "MEN-001"),
        ("Dépose et repose des prises de courant", U, "ELE-001"),
        ("Dépose du parquet stratifié", M2, "SOL-002"),
        ("Arrachage du sol souple", M2, "SOL-005"),
    ],
)
def test_removal_or_refit_is_never_the_supply_of_a_new_thing(
    matcher: Matcher, wording: str, unit: Unit, not_code: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is None or match.item.code != not_code


@pytest.mark.parametrize(
    "wording",
    ["Remplacement de la porte de garage", "Pose d'une fenêtre de toit", "Survitrage", "Pompe de relevage"],
)
def test_a_complement_or_prefix_makes_another_thing(matcher: Matcher, wording: str) -> None:
    assert matcher.match(wording, U).item is None


def test_compound_words_are_not_similar_to_their_noun(matcher: Matcher) -> None:
    tokens = matcher.words.tokens
    assert matcher.similarity("porteentree", "porte") == 0.0
    assert matcher.similarity("portegarage", "porte") == 0.0
    assert tokens("Peinture anti-taches") == tokens("peinture antitache") != tokens("plafond taché")[:1]


def test_before_painting_is_preparation_and_two_coats_painting(matcher: Matcher) -> None:
    assert "preparation" in matcher.words.tokens("Lessivage avant mise en peinture")
    assert matcher.match("Lavage des surfaces avant peinture", M2).item.code == "PEI-001"  # type: ignore[union-attr]
    assert matcher.match("Murs : impression + 2 couches", M2).item.code == "PEI-003"  # type: ignore[union-attr]
    assert matcher.match("Murs : rebouchage, ponçage, 2 couches", M2).item.code == "PEI-003"  # type: ignore[union-attr]


def test_every_phrase_names_a_thing(bareme: Bareme, matcher: Matcher) -> None:
    """A name reduced to actions ("dépose repose wc" with the room word "wc" dropped) would match
    any removal and refitting."""
    words = matcher.words
    tokens, is_generic = words.tokens, words.is_generic
    actions = {words.removal, words.refit, "pose", "fourniture", "remplacement"}
    empty = [
        (item.code, phrase)
        for item in bareme.items
        for phrase in (item.label, *item.synonyms)
        if not [t for t in tokens(phrase) if t not in actions and not is_generic(t)]
    ]
    assert not empty


def test_includes_must_name_known_items() -> None:
    import json

    raw = json.loads(packaged_bareme_bytes())
    raw["items"][0]["includes"] = ["ZZZ-999"]
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))
    raw["items"][0]["includes"] = [raw["items"][0]["code"]]
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))


def test_previous_version_still_loads() -> None:
    # Evaluations store the version they were priced with; 2025.1 stays readable.
    assert load_bareme("packaged:2025.1").version == "2025.1"


def _verdict(wording: str, unit: Unit, price: str) -> LineEvaluation:
    bareme = load_bareme()
    context = PricingContext(
        Cover.DEGATS_DES_EAUX, Decimal("1.06"), "33", Decimal("0.15"), bareme.version, bareme.hours_per_day
    )
    line = QuoteLine(
        designation=wording, quantity=Decimal(10), unit=unit, unit_price_ht=Decimal(price), total_ht=Decimal(price) * 10
    )
    return evaluate_line(0, line, matcher_for(bareme), context)


def test_a_replacement_is_priced_with_the_removal_it_includes() -> None:
    # Laminate 45 € + removal of the floor covering 10 €, × 1.06: 55 € is fair, not overpriced.
    fair = _verdict("Dépose + fourniture et pose de parquet stratifié", M2, "55")
    assert (fair.verdict, fair.bareme_code, fair.reference_unit_price_ht) == (Verdict.OK, "SOL-002", Decimal("58.30"))
    assert "dépose de l'existant SOL-001" in fair.why
    assert _verdict("Fourniture et pose de plinthes, dépose des anciennes comprise", ML, "17").verdict is Verdict.OK
    assert _verdict("Dépose et repose de papier peint", M2, "40").verdict is Verdict.OK
    # Without the removal, or when the quote says it is not included, the laminate alone.
    assert _verdict("Parquet stratifié fourni posé", M2, "55").verdict is Verdict.OVERPRICED
    assert _verdict("Parquet stratifié fourni posé (hors dépose)", M2, "55").verdict is Verdict.OVERPRICED
    assert _verdict("Parquet stratifié fourni posé, dépose en sus", M2, "55").verdict is Verdict.OVERPRICED
    # BA13 already includes the removal of the damaged boards.
    ba13 = _verdict("Dépose et repose de plaques de plâtre BA13 endommagées", M2, "50")
    assert (ba13.verdict, ba13.bareme_code, ba13.reference_unit_price_ht) == (Verdict.OK, "PLA-001", Decimal("53.00"))


def test_removal_must_be_a_known_item_of_the_same_unit() -> None:
    import json

    raw = json.loads(packaged_bareme_bytes())
    laminate = next(i for i in raw["items"] if i["code"] == "SOL-002")
    laminate["removal"] = "SOL-011"  # removal of skirting boards, per ml
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))


def test_a_doubtful_line_keeps_every_item_it_could_be(matcher: Matcher) -> None:
    # Tiles (75 €/m²) or vinyl (35 €/m²)? Both stay candidates; the judge checks the price
    # against both (tests/unit/evaluation/test_candidates.py).
    match = matcher.match("Remplacement revêtement de sol", M2)
    plausible = {c.item.code for c in match.candidates[: match.plausible]}
    assert {"CAR-001", "SOL-005"} <= plausible
    assert match.item is not None and match.item.code in plausible
    assert sum(c.confidence for c in match.candidates[: match.plausible]) <= 1.0
    # A clear winner stays alone.
    clear = matcher.match("Peinture plafond 2 couches", M2)
    assert clear.item.code == "PEI-004" and clear.plausible == 1  # type: ignore[union-attr]


def test_a_line_that_fits_is_never_an_item_that_only_takes_out(matcher: Matcher) -> None:
    assert matcher.match("Démolition et reconstruction cloison placo", M2).item.code == "PLA-004"  # type: ignore[union-attr]
    match = matcher.match("Reconstruction du doublage", M2)
    assert match.item is None or match.item.code != "PLA-003"


@pytest.mark.parametrize(
    ("wording", "unit", "not_code"),
    [
        ("Remplacement lavabo", U, "PLO-010"),  # a new sink, not putting the old one back
        ("Poignée de porte", U, "MEN-001"),  # an accessory of a door, not a door
        ("Purge des radiateurs", F, "ELE-009"),  # a purge, not a radiator
    ],
)
def test_the_line_says_what_the_work_is(matcher: Matcher, wording: str, unit: Unit, not_code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is None or match.item.code != not_code


def test_room_headings_and_how_words_are_not_the_work(matcher: Matcher) -> None:
    assert matcher.match("Cuisine : peinture plafond", M2).item.code == "PEI-004"  # type: ignore[union-attr]
    assert matcher.match("Mise en œuvre d'une peinture 2 couches sur murs", M2).item.code == "PEI-003"  # type: ignore[union-attr]
    assert matcher.match("Plan de travail cuisine", ML).item.code == "MEN-008"  # type: ignore[union-attr]
