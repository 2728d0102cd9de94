"""Lines OCR misread beyond one slip, mended by the document's sums (``reading/sums.py``).

Synthetic quotes (no engine, no PDF): fast. A contractor's arithmetic error must stay visible."""

from __future__ import annotations

from decimal import Decimal

from billma_core.checks import arithmetic_problems
from billma_core.models import Quote, QuoteLine, Unit
from billma_core.reading.sums import mend_by_sums, mend_lost_commas, plausible


def _line(quantity: str, price: str, total: str) -> QuoteLine:
    return QuoteLine(
        designation="Peinture des murs", quantity=Decimal(quantity), unit=Unit.M2,
        unit_price_ht=Decimal(price), total_ht=Decimal(total),
    )  # fmt: skip


def _quote(lines: list[QuoteLine], ht: str, rate: str = "0.10") -> Quote:
    tva = (Decimal(ht) * Decimal(rate)).quantize(Decimal("0.01"))
    return Quote(lines=lines, total_ht=Decimal(ht), total_tva=tva, total_ttc=Decimal(ht) + tva)


def _figures(quote: Quote) -> list[tuple[Decimal, Decimal, Decimal]]:
    return [(x.quantity, x.unit_price_ht, x.total_ht) for x in quote.lines]


def test_an_amount_misread_in_two_digits_is_the_product_the_total_confirms() -> None:
    # 6,59 × 15,02 = 98,98 read "86,86": the lines then add up to the total HT.
    quote = _quote([_line("12", "25.00", "300.00"), _line("6.59", "15.02", "86.86")], "398.98")
    mend_by_sums(quote)
    assert _figures(quote)[1] == (Decimal("6.59"), Decimal("15.02"), Decimal("98.98"))
    assert quote.lines[1].reading_note is not None and "86,86" in quote.lines[1].reading_note
    assert quote.lines[0].reading_note is None
    assert arithmetic_problems(quote) == []


def test_a_contractors_error_the_printed_sums_follow_stays() -> None:
    # The line is 27 € off and the total HT sums the printed amounts: no reading closes it.
    quote = _quote([_line("12", "25.00", "300.00"), _line("6.59", "15.02", "125.98")], "425.98")
    before = _figures(quote)
    mend_by_sums(quote)
    assert _figures(quote) == before
    assert any("ligne 2" in problem for problem in arithmetic_problems(quote))


def test_a_quantity_with_its_decimal_mark_moved_is_the_amount_over_the_price() -> None:
    quote = _quote([_line("93.3", "127.86", "1192.93"), _line("2", "50.00", "100.00")], "1292.93")
    mend_by_sums(quote)
    assert _figures(quote)[0] == (Decimal("9.33"), Decimal("127.86"), Decimal("1192.93"))
    assert "la quantité lue 93,3 est 9,33" in (quote.lines[0].reading_note or "")


def test_two_lines_misread_one_amount_and_one_left_by_the_total() -> None:
    # 13,65 × 44,81 = 611,66 read "611,55"; 28,07 × 9,41 = 264,14 read "29,07 … 264,11".
    lines = [_line("13.65", "44.81", "611.55"), _line("29.07", "9.41", "264.11"), _line("10", "30.00", "300.00")]
    quote = _quote(lines, "1175.80")
    mend_by_sums(quote)
    assert _figures(quote)[:2] == [
        (Decimal("13.65"), Decimal("44.81"), Decimal("611.66")),
        (Decimal("28.07"), Decimal("9.41"), Decimal("264.14")),
    ]
    assert arithmetic_problems(quote) == []


def test_nothing_mended_when_two_readings_close_the_sums() -> None:
    # Either line's product closes the total: the document does not say which amount is misread.
    lines = [_line("2", "50.05", "100.00"), _line("2", "50.05", "100.00")]
    quote = _quote(lines, "200.10")
    mend_by_sums(quote)
    assert _figures(quote) == [(Decimal("2"), Decimal("50.05"), Decimal("100.00"))] * 2


def test_nothing_mended_when_the_total_ht_is_not_confirmed() -> None:
    quote = _quote([_line("12", "25.00", "300.00"), _line("6.59", "15.02", "86.86")], "398.98")
    quote.total_ttc = None
    mend_by_sums(quote)
    assert _figures(quote)[1][2] == Decimal("86.86")


def test_what_ocr_could_print_for_an_amount() -> None:
    assert plausible(Decimal("86.86"), Decimal("98.98"))
    assert plausible(Decimal("611.55"), Decimal("611.66"))
    assert not plausible(Decimal("125.98"), Decimal("98.98"))  # 27 € more: another length
    assert not plausible(Decimal("1086.86"), Decimal("98.98"))
    assert plausible(Decimal("29.07"), Decimal("28.07"), amount=False)
    assert not plausible(Decimal("29.07"), Decimal("28.17"), amount=False)


def test_a_line_dearer_than_the_whole_quote_lost_its_comma() -> None:
    # 4 × 94,42 = 377,68 read "4  9442  37768": it closes as read, but no line costs more than the
    # quote; a quantity that lost its comma (13,29 read 1329) likewise.
    quote = _quote(
        [_line("4", "9442", "37768"), _line("1329", "15.55", "20666"), _line("6.05", "76.30", "461.62")], "1045.96"
    )
    mend_lost_commas(quote)
    assert _figures(quote) == [
        (Decimal("4"), Decimal("94.42"), Decimal("377.68")),
        (Decimal("13.29"), Decimal("15.55"), Decimal("206.66")),
        (Decimal("6.05"), Decimal("76.30"), Decimal("461.62")),
    ]
    assert quote.lines[0].reading_note is not None and "377,68" in quote.lines[0].reading_note
    assert quote.lines[2].reading_note is None


def test_a_whole_amount_under_the_total_or_with_no_single_culprit_stays() -> None:
    # 4 × 1 200 = 4 800 fits under the total: whole euros are printed so. 1 200 × 300 exceeds it,
    # but either factor may have lost the comma: the row does not say which.
    quote = _quote([_line("4", "1200", "4800"), _line("1200", "300", "360000")], "5000.00")
    before = _figures(quote)
    mend_lost_commas(quote)
    assert _figures(quote) == before


def test_with_the_totals_cut_short_the_tva_bounds_the_lines() -> None:
    # The engine cut the TTC to « 3,25 » and lost the total HT: the TVA read (381,66 €) is at most
    # the smallest rate's share of the HT, so no line costs 37 768 €; a line under that bound stays.
    quote = Quote(
        lines=[_line("4", "9442", "37768"), _line("4", "6100", "24400"), _line("10", "181.70", "1817")],
        total_tva=Decimal("381.66"), total_ttc=Decimal("3.25"),
    )  # fmt: skip
    mend_lost_commas(quote)
    assert _figures(quote) == [
        (Decimal("4"), Decimal("94.42"), Decimal("377.68")),
        (Decimal("4"), Decimal("61.00"), Decimal("244.00")),
        (Decimal("10"), Decimal("181.70"), Decimal("1817")),
    ]
    note = quote.lines[0].reading_note
    assert note is not None and "381,66" in note and "377,68" in note


def test_a_closed_foot_keeps_its_own_bound_whatever_the_tva() -> None:
    # HT + TVA = TTC: the total HT bounds the lines, never the looser bound the TVA would give.
    quote = _quote([_line("4", "9442", "37768"), _line("2", "250", "500")], "877.68")
    mend_lost_commas(quote)
    assert _figures(quote)[0] == (Decimal("4"), Decimal("94.42"), Decimal("377.68"))
    assert quote.lines[0].reading_note is not None and "total du document" in quote.lines[0].reading_note


def test_a_quantity_that_lost_its_one_decimal_in_a_line_dearer_than_the_quote() -> None:
    # 21,5 m² read « 215 »: 215 × 10,42 = 2 240,30 costs more than the whole quote (and is no
    # whole amount, so not two figures lost); 21,5 × 10,42 = 224,03 fits under the total.
    quote = _quote([_line("215", "10.42", "2240.30"), _line("6.05", "76.30", "461.62")], "685.65")
    mend_lost_commas(quote)
    assert _figures(quote) == [
        (Decimal("21.5"), Decimal("10.42"), Decimal("224.03")),
        (Decimal("6.05"), Decimal("76.30"), Decimal("461.62")),
    ]
    note = quote.lines[0].reading_note
    assert note is not None and "21,5" in note and "224,03" in note
    # Under the total, the same line stays as read.
    quote = _quote([_line("215", "10.42", "2240.30"), _line("6.05", "76.30", "461.62")], "2701.92")
    mend_lost_commas(quote)
    assert _figures(quote)[0] == (Decimal("215"), Decimal("10.42"), Decimal("2240.30"))
