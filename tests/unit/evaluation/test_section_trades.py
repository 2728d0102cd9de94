"""The heading a line is printed under is evidence of its trade: under "LOT 2 CARRELAGE" a line
the matcher reads as a soft floor or as tiles is the tiles. A heading only chooses among the
candidates the line's own words allow (it narrows, never widens), keeps the works every site
has, and a room or an unknown heading says nothing. The PDFs are drawn with fpdf2 and read
from their bytes by the reader, which gives each line its heading (``QuoteLine.section``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_candidates import WORDINGS
from test_verdicts_decision import Line, judge, make_quote

from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Cover, Outcome, Quote, Unit, Verdict
from billma_core.money import money
from billma_core.reading import read_document
from tests.french_amounts import french
from tests.unit.reading.unseen_layouts import rows_pdf

M2 = Unit.M2
WATER = Cover.DEGATS_DES_EAUX
# The matcher reads it as a soft floor (SOL-005, 35 €/m²) or as floor tiles (CAR-001, 75 €/m²).
NEW_FLOOR = "Pose d'un nouveau revêtement de sol"
# Joints of plasterboard (PLA-002, 15 €/m²) or of tiles (CAR-005, 20 €/m²).
JOINTS = "Jointage"


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _under(section: str | None, *lines: Line) -> Quote:
    quote: Quote = make_quote(*lines)
    for line in quote.lines:
        line.section = section
    return quote


# ------------------------------------------------------------------------- what a heading names


@pytest.mark.parametrize(
    ("heading", "trades"),
    [
        ("Lot 3 – Peinture", {Trade.PAINTING}),
        ("LOT 2 CARRELAGE", {Trade.TILING}),
        ("Plomberie – sanitaires", {Trade.PLUMBING}),
        ("Lot 05 Plâtrerie - Isolation - Faux plafonds", {Trade.PLASTERING}),
        ("Peinture - revêtements muraux", {Trade.PAINTING, Trade.WALL_COVERING}),
        # "Sols" names soft floors and tiles alike; "sols souples" and "sols durs" one of them.
        ("Sols", {Trade.FLOORING, Trade.TILING}),
        ("Revêtements de sols souples", {Trade.FLOORING}),
        ("REVETEMENTS DE SOLS DURS", {Trade.TILING}),
        ("Sols souples / faïence", {Trade.FLOORING, Trade.TILING}),
        ("Menuiseries extérieures", {Trade.CARPENTRY, Trade.GLAZING}),
        # Rooms, and headings naming no trade the barème has, say nothing.
        ("Salle de bains", set()),
        ("CUISINE", set()),
        ("Chambre 1", set()),
        ("Démolition", set()),
        ("Divers", set()),
    ],
)
def test_a_heading_names_the_trades_of_its_words(bareme: Bareme, heading: str, trades: set[Trade]) -> None:
    assert matcher_for(bareme).heading_trades(heading) == trades


def test_every_trade_name_of_the_vocabulary_names_its_trade(bareme: Bareme) -> None:
    # Each name, printed as a heading, names at least its own trade: no name is lost to the
    # normaliser (a stop word, an abbreviation read as another word).
    matcher = matcher_for(bareme)
    for trade, names in bareme.vocabulary.trade_names.items():
        for name in names:
            assert trade in matcher.heading_trades(f"Lot 4 - {name.upper()}"), (trade, name)


# ------------------------------------------------------------------------- the rule, pure


def test_a_trade_heading_keeps_the_candidates_of_its_trade(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    alone = matcher.match_in(JOINTS, M2, frozenset())
    assert [c.item.code for c in alone.candidates[: alone.plausible]] == ["PLA-002", "CAR-005"]
    tiles = matcher.match_in(JOINTS, M2, frozenset(), "Carrelage - faïence")
    assert [c.item.code for c in tiles.candidates[: tiles.plausible]] == ["CAR-005"]
    assert tiles.section == "Carrelage - faïence"
    plaster = matcher.match_in(JOINTS, M2, frozenset(), "PLATRERIE")
    assert [c.item.code for c in plaster.candidates[: plaster.plausible]] == ["PLA-002"]


@pytest.mark.parametrize("heading", ["Salle de bains", "Électricité", "Lot 1 - Divers", None])
def test_a_room_or_a_heading_of_another_trade_says_nothing(bareme: Bareme, heading: str | None) -> None:
    # "Électricité" names none of the line's candidates' trades: the line keeps both.
    matcher = matcher_for(bareme)
    under = matcher.match_in(JOINTS, M2, frozenset(), heading)
    assert under == matcher.match_in(JOINTS, M2, frozenset())
    assert under.section is None


def test_the_heading_never_makes_a_candidate_plausible(bareme: Bareme) -> None:
    # A sure line is left as it is, even under another trade's heading: the heading chooses only
    # among what the line's own words allow.
    matcher = matcher_for(bareme)
    sure = matcher.match_in("Peinture des murs 2 couches", M2, frozenset(), "LOT 2 CARRELAGE")
    assert sure.item is not None and sure.item.code == "PEI-003" and sure.section is None


@pytest.mark.slow  # every site's works over the barème: CI's slow step runs it
def test_the_works_every_site_has_stay_under_a_trade_heading(bareme: Bareme) -> None:
    # The candidates of the heading's trade come first; those of the every-site trades (site
    # set-up, cleaning, labour) stay plausible after them; another trade's are ruled out.
    matcher = matcher_for(bareme)
    every_site = frozenset(bareme.every_site_trades)
    for wording in WORDINGS:
        for unit in (None, *Unit):
            alone = matcher.match_in(wording, unit, frozenset())
            plausible = alone.candidates[: alone.plausible]
            trades = {c.item.trade for c in plausible}
            if alone.parts or len(trades) < 2 or not trades & every_site or trades <= every_site:
                continue
            heading_trade = next(iter(sorted(trades - every_site)))
            heading = bareme.vocabulary.trade_names[heading_trade][0]
            under = matcher.match_in(wording, unit, frozenset(), heading)
            kept = [c.item for c in under.candidates[: under.plausible]]
            assert kept[0].trade is heading_trade
            assert {i.code for i in kept} == {
                c.item.code for c in plausible if c.item.trade is heading_trade or c.item.trade in every_site
            }
            return
    pytest.skip("no barème name is doubtful between an every-site work and another trade")


# ------------------------------------------------------------------------- verdicts


def test_a_fair_tiled_floor_under_a_tiling_heading_is_priced_as_tiles(bareme: Bareme) -> None:
    fair: Line = (NEW_FLOOR, "12", M2, "78", "10")
    # Without the heading the soft floor is the best reading; the tiles, far dearer, do not
    # accept its price: a reviewer chooses.
    alone = judge(_under(None, fair), bareme, cover=WATER).lines[0]
    assert (alone.bareme_code, alone.verdict) == ("SOL-005", Verdict.OVERPRICED)
    assert "CAR-001" in alone.why
    under = judge(_under("LOT 2 CARRELAGE", fair), bareme, cover=WATER)
    line = under.lines[0]
    assert (line.bareme_code, line.verdict) == ("CAR-001", Verdict.OK), line.why
    assert "« LOT 2 CARRELAGE »" in line.why
    assert under.outcome is Outcome.AUTO_VALIDATED
    # Under a room's heading nothing changes.
    room = judge(_under("Salle de bains", fair), bareme, cover=WATER).lines[0]
    assert (room.bareme_code, room.verdict) == ("SOL-005", Verdict.OVERPRICED)


def test_an_inflated_line_under_a_heading_is_still_overpriced(bareme: Bareme) -> None:
    fair = judge(_under("LOT 2 CARRELAGE", (NEW_FLOOR, "12", M2, "78", "10")), bareme, cover=WATER).lines[0]
    assert fair.reference_unit_price_ht is not None
    inflated = money(fair.reference_unit_price_ht * Decimal("1.3"))
    judged = judge(_under("LOT 2 CARRELAGE", (NEW_FLOOR, "12", M2, str(inflated), "10")), bareme, cover=WATER)
    assert judged.lines[0].verdict is Verdict.OVERPRICED
    assert judged.outcome is not Outcome.AUTO_VALIDATED
    # Under a soft floors' heading the tiles' price is the soft floor's overcharge.
    soft = judge(_under("Sols souples", (NEW_FLOOR, "12", M2, "78", "10")), bareme, cover=WATER).lines[0]
    assert (soft.bareme_code, soft.verdict) == ("SOL-005", Verdict.OVERPRICED)
    assert [c.bareme_code for c in soft.candidates] == ["SOL-005"]


# ------------------------------------------------------------------------- real PDFs, read


def _pdf(rows: list[str]) -> bytes:
    body = [
        "Chantier : 12 rue des Tanneurs 33000 Bordeaux",
        "Désignation                                   Qté    U     P.U. HT     Montant HT",
        *rows,
    ]
    return rows_pdf(body, font="DejaVuSansMono.ttf", size=7, row=4)


def _floor_quote(heading: str, price: str) -> list[str]:
    total = money(Decimal(12) * Decimal(price))
    amount = french(total)
    unit_price = f"{Decimal(price):.2f}".replace(".", ",")
    tva = money(total * Decimal("0.1"))
    ttc = total + tva
    return [
        heading,
        f"Pose d'un nouveau revêtement de sol             12     m²    {unit_price:>6}     {amount:>9}",
        f"                                              Total HT               {amount:>9}",
        f"                                              TVA 10 %               {str(tva).replace('.', ','):>9}",
        f"                                              Total TTC              {str(ttc).replace('.', ','):>9}",
    ]


@pytest.mark.parametrize(
    ("heading", "price", "code", "verdict"),
    [
        ("LOT 2 CARRELAGE", "78", "CAR-001", Verdict.OK),  # fair tiles under the tiling lot
        ("LOT 2 CARRELAGE", "104", "CAR-001", Verdict.OVERPRICED),  # the same inflated by 30 %
        ("Sols souples :", "78", "SOL-005", Verdict.OVERPRICED),  # a soft floor at a tiles' price
        ("SALLE DE BAINS", "78", "SOL-005", Verdict.OVERPRICED),  # a room says nothing
    ],
)
def test_a_read_pdf_line_is_judged_in_the_trade_of_its_heading(
    bareme: Bareme, heading: str, price: str, code: str, verdict: Verdict
) -> None:
    reading = read_document(_pdf(_floor_quote(heading, price)))
    assert reading.quote is not None
    (line,) = reading.quote.lines
    assert line.section == heading.rstrip(" :")
    judged = judge(reading.quote, bareme, cover=WATER).lines[0]
    assert (judged.bareme_code, judged.verdict) == (code, verdict), judged.why
