"""Layout text → ``Quote``, and whether the document is a quote at all."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from billma_core.amounts import ht_of, ttc_of, vat_of
from billma_core.checks import TOTAL_SLACK, lines_make_total, lines_sum, sum_slack, ttc_closes, vat_closes
from billma_core.labels import TOTALS
from billma_core.models import Contractor, DocumentKind, Quote, QuoteLine, note_after
from billma_core.money import format_eur, money
from billma_core.reading.arithmetic import lines_the_total_counts
from billma_core.reading.blocks import read_blocks
from billma_core.reading.counting import (
    Departure,
    blocks_apart,
    cheapest_departures,
    restating_tail,
)
from billma_core.reading.fields import (
    find_contractor_name,
    find_date,
    find_document_kind,
    find_document_number,
    find_siret,
    find_site_postal_code,
    find_vat_number,
    titled_by_nature,
)
from billma_core.reading.foot import completed
from billma_core.reading.lines import LineResult, Row, explained_vat_codes, extract_lines, page_furniture, unlabelled
from billma_core.reading.ocr_slips import figures_mended, headers_mended, labels_mended, units_in_doubt
from billma_core.reading.prose import read_prose
from billma_core.reading.roles import VAT_RATES
from billma_core.reading.spelled import stated_total
from billma_core.reading.sums import mend_by_sums, mend_lost_commas
from billma_core.reading.totals import Foot, Totals, find_totals, labels_joined
from billma_core.reading.ttc import printed_ttc, settle
from billma_core.reading.vocabulary import vocabulary
from billma_core.reading.works import works_read

_PADDING = re.compile(r" {4,}")
# A VAT code and its rate: "T1 = 10 %" in a legend, "T1   10 %   …" opening a recap row.


@dataclass(slots=True)
class Parsed:
    quote: Quote
    is_quote: bool
    has_content: bool
    line_count: int
    kind: str | None = None  # what a non-quote says it is ("une attestation")


def parse_quote(pages: list[str], ocr: bool = False) -> Parsed:
    """The quote in the layout text of its pages (``ocr``: read by OCR, whose slips the
    arithmetic of a line may repair)."""
    if not ocr:
        return _parsed(pages, ocr)
    pages = figures_mended(labels_mended(pages))
    mended = headers_mended(pages)
    if mended == pages:
        return _parsed(pages, ocr)
    # A table header's label read back changes which columns the figures fill: the reading
    # whose lines alone make the total HT is the document's.
    as_read, read_back = _parsed(pages, ocr), _parsed(mended, ocr)
    return read_back if _adds_up(read_back.quote) and not _adds_up(as_read.quote) else as_read


def _parsed(pages: list[str], ocr: bool) -> Parsed:
    rows = [Row(text, index) for index, page in enumerate(pages) for text in page.split("\n")]
    # Layout text pads columns with long runs of spaces; three keep a column boundary visible
    # and make whole-text searches several times faster.
    compact = [_PADDING.sub("   ", page) for page in pages]
    text = "\n".join(compact)
    furniture = page_furniture(rows)  # once, for the table's reading and the blocks'
    lines = extract_lines(rows, ocr, furniture)
    plain_rows = [row.text for row in rows]
    foot_rows = labels_joined(plain_rows)  # each total's label paired with its figure, once per document
    totals = find_totals(foot_rows)
    _ordered_only(lines, totals)
    _works_and_parts(lines, totals)
    _coded_vat(lines, plain_rows)
    in_words = stated_total(text)
    # The foot's figures, read once if at all: the search of its totals and the check of a printed TTC.
    foot = Foot(foot_rows, [figure for line in lines.lines for figure in (line.total_ht, line.unit_price_ht)])
    lines.lines, totals = settle(lines.lines, totals, foot, in_words)
    apart = _without_blocks_apart(lines, totals)
    table = _table_or_blocks(lines.lines, read_blocks(rows, furniture), totals.total_ht)
    # The seller's SIRET is told from the customer's by where it stands: the columns count.
    name = find_contractor_name(plain_rows)
    siret = find_siret("\n".join(pages), name, ocr)  # the name tells the seller's block from the customer's
    kind = find_document_kind(plain_rows)
    siren = siret.value[:9] if siret else None
    several_pages = len(pages) > 1
    quote = Quote(
        contractor=Contractor(
            name=name,
            siret=siret.value if siret else None,
            siret_valid=siret.valid if siret else False,
            vat_number=find_vat_number(text, siren),
            siret_note=siret.note if siret else None,
        ),
        # The number and the date sit in the first page's header; later pages only repeat them
        # (a one-page document has no other text to look in).
        number=find_document_number(pages[0], kind)
        or (find_document_number("\n".join(pages), kind) if several_pages else None),
        date=find_date(compact[0]) or (find_date(text) if several_pages else None),
        site_postal_code=find_site_postal_code(plain_rows),
        lines=lines_the_total_counts(table, totals.total_ht, totals.discounts),
        total_ht=totals.total_ht,
        total_tva=totals.total_tva,
        total_ttc=totals.total_ttc,
        total_in_words=in_words,
        kind=kind,
    )
    if apart and table is lines.lines:
        quote.totals_note = _apart_note(apart)
    if not _adds_up(quote):
        _prefer_prose(quote, rows)
    elif not lines.header_found:
        _sentence_wordings(quote, rows)
    if ocr:
        _repair_totals(quote)
        mend_lost_commas(quote)
        mend_by_sums(quote)
        quote.lines = units_in_doubt(quote.lines, plain_rows)
    quote.total_ht, quote.total_tva, quote.total_ttc = completed(
        quote.total_ht, quote.total_tva, quote.total_ttc, totals.no_vat
    )
    if not ocr:
        printed_ttc(quote, foot)  # never the reader's own sum in place of a printed total
    # Once more against the totals as repaired and completed (an OCR'd total HT may only now be known).
    quote.lines = lines_the_total_counts(quote.lines, quote.total_ht, totals.discounts)
    _line_vat(quote, totals.vat_rates)
    _confirmed_line_rates(quote, totals.vat_rates)
    head = "\n".join(_PADDING.sub("   ", line) for line in plain_rows[:15])
    quote_words = vocabulary().quote_words.search(text) is not None
    # Titles of documents that are neither quotes nor invoices (both are reviewed alike), looked
    # for at the top of the page only: a quote's small print says "attestation simplifiée".
    titled_other, other_label = vocabulary().other_document(head)
    # "RAPPORT D'INTERVENTION valant FACTURE": a report whose title states it is the invoice.
    other_title = titled_other and vocabulary().quote_title.search(head) is None and not titled_by_nature(plain_rows)
    other_kind = other_label if other_title else None
    has_content = bool(quote.lines) or quote.total_ttc is not None or quote.total_ht is not None
    titled = quote_words or kind is DocumentKind.INVOICE
    is_quote = has_content and not other_title and (titled or (len(quote.lines) >= 2 and quote.total_ht is not None))
    return Parsed(quote, is_quote, has_content, len(quote.lines), other_kind)


def _ordered_only(result: LineResult, totals: Totals) -> None:
    """A price list prints every service with its unit price, and only the ordered ones with a
    quantity and an amount: a row priced alone is read as no line, and counts only where the
    total HT needs it (less a discount printed among the totals; HT + VAT = TTC where both are
    printed). When no reading closes, every row stays as read."""
    ht, tva, ttc = totals.total_ht, totals.total_tva, totals.total_ttc
    if ht is None or all(result.prices_alone) or not any(result.prices_alone):
        return
    if tva is not None and ttc is not None and not ttc_closes(ht, tva, ttc):
        return
    alone = result.prices_alone
    units = [[] if priced else [line] for line, priced in zip(result.lines, alone, strict=True)]
    departures = [[Departure((line,))] if priced else [] for line, priced in zip(result.lines, alone, strict=True)]
    # A discount printed among the totals ("Total HT avant remise … / Remise 5 % …") is taken off them.
    sums = [ht, *(ht + amount for _, amount in totals.discounts)]
    counted = cheapest_departures(units, departures, sums)
    if counted is None:
        return
    _keep_rows(result, [index for index, priced in enumerate(alone) if not priced or index in counted])


def _works_and_parts(result: LineResult, totals: Totals) -> None:
    """The rows that are a work's parts read as their work (``works.works_read``: parts under an
    unpriced heading as the one line they make, a priced work's sub-detail left out where the
    total HT, less a discount printed among the totals, says so)."""
    ht = totals.total_ht
    sums = [] if ht is None else [ht, *(ht + amount for _, amount in totals.discounts)]
    works = works_read(result.lines, result.line_vat_rates, sums)
    if not works.lines and len(works.kept) == len(result.lines):
        return
    for index, work in works.lines.items():
        result.lines[index] = work
        result.line_vat_rates[index] = work.tva_rate
    _keep_rows(result, works.kept)


def _without_blocks_apart(result: LineResult, totals: Totals) -> list[QuoteLine]:
    """The rows the page sets apart that the total HT leaves out, taken out of ``result`` and
    returned: whole blocks (``counting.blocks_apart``: priced options after the totals, a lot or a
    payment schedule under a heading of its own, a room's heading whose take-off read as a line:
    left out, not returned, a heading), or the rows ending the lines that restate a
    printed total (``counting.restating_tail``: a payment schedule of the TTC); none when the
    rows' own reading closes (an optional word, a subtotal, a recap: ``lines_the_total_counts``)
    or the totals do not: the sum charged must be the HT read, HT + VAT = TTC all printed (or no
    VAT, the TTC the HT if printed), lest a lot's subtotal read as the total leave lots out."""
    ht, ttc = _charged(totals), totals.total_ttc
    if ht is None or len(result.blocks) != len(result.lines):
        return []
    counted = lines_the_total_counts(result.lines, ht, totals.discounts)
    if lines_make_total((line.total_ht for line in counted), ht, sum_slack(counted)):
        return []
    sums = [ht, *(ht + amount for _, amount in totals.discounts)]
    restated = [total for total in (ttc, ht) if total is not None]
    apart = blocks_apart(result.lines, result.blocks, sums) or restating_tail(result.lines, restated, sums)
    if not apart:
        return []
    left = [result.lines[index] for index in sorted(apart) if result.blocks[index] not in result.heading_blocks]
    _keep_rows(result, [index for index in range(len(result.lines)) if index not in apart])
    return left


def _charged(totals: Totals) -> Decimal | None:
    """The total HT the document charges, when its totals say it is the whole sum and no lot's
    subtotal: with no VAT, the HT (or the TTC) printed, the other equal if printed; HT + VAT = TTC
    when all three are printed; when one is not (a VAT per rate not summed, a « Net à payer »
    foot), the HT printed or the TTC less the VAT, whose VAT (the TTC less it, or the VAT printed)
    is no more than the highest rate's share of it. None otherwise (an HT with no TTC nor VAT to
    hold it against says nothing)."""
    ht, tva, ttc = totals.total_ht, totals.total_tva, totals.total_ttc
    if totals.no_vat and not tva:
        ht = ttc if ht is None else ht
        return ht if ht is not None and ht > 0 and ttc in (None, ht) else None
    if ht is not None and tva is not None and ttc is not None:
        return ht if ttc_closes(ht, tva, ttc) else None
    if ht is None and ttc is not None and tva is not None:
        ht = ttc - tva
    tax = ttc - ht if ttc is not None and ht is not None else tva
    if ht is None or ht <= 0 or tax is None:
        return None
    return ht if -TOTAL_SLACK <= tax <= ht * max(VAT_RATES) / 100 + TOTAL_SLACK else None


def _apart_note(apart: list[QuoteLine]) -> str:
    """What the reviewer is told of the rows the total HT leaves out (in French)."""
    rows = " ; ".join(f"« {line.designation} » {format_eur(line.total_ht)}" for line in apart)
    return f"Lignes imprimées à part que le total HT ne compte pas (options, échéancier), non comptées : {rows}."


def _keep_rows(result: LineResult, kept: list[int]) -> None:
    """``result`` with only the rows ``kept`` (their indexes, in order)."""
    result.lines = [result.lines[index] for index in kept]
    result.line_vat_rates = [result.line_vat_rates[index] for index in kept]
    result.line_vat_codes = [result.line_vat_codes[index] for index in kept]
    result.prices_alone = [result.prices_alone[index] for index in kept]
    result.blocks = [result.blocks[index] for index in kept] if result.blocks else []


def _coded_vat(result: LineResult, rows: list[str]) -> None:
    """The rate of each line printed with a VAT code ("T1"), as the document explains it."""
    codes = {code for code in result.line_vat_codes if code is not None}
    if not codes:
        return
    rates = explained_vat_codes(rows)
    result.lines = [
        line.model_copy(update={"tva_rate": rates[code]}) if code in rates and line.tva_rate is None else line
        for line, code in zip(result.lines, result.line_vat_codes, strict=True)
    ]


def _table_or_blocks(lines: list[QuoteLine], blocks: list[QuoteLine], total_ht: Decimal | None) -> list[QuoteLine]:
    """The lines read as blocks of labelled figures (online quote tools, ``blocks``), whose labels
    name each figure, replace the table reading when they make the total HT (or no total is
    read), or when the table found no line; the table reading stays otherwise."""
    if not blocks:
        return lines
    if not lines or total_ht is None or lines_make_total((line.total_ht for line in blocks), total_ht):
        return blocks
    return lines


def _adds_up(quote: Quote) -> bool:
    """The lines make the total HT, and HT + VAT = TTC where all three are printed."""
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if not _make_ht(quote):
        return False
    return tva is None or ttc is None or ht is None or ttc_closes(ht, tva, ttc)


def _make_ht(quote: Quote) -> bool:
    """The lines make the total HT."""
    ht = quote.total_ht
    return (
        ht is not None
        and bool(quote.lines)
        and lines_make_total((line.total_ht for line in quote.lines), ht, sum_slack(quote.lines))
    )


def _prefer_prose(quote: Quote, rows: list[Row]) -> None:
    """The reading of the page as sentences (a quote written as a letter) replaces the table
    reading when it adds up and the table reading does not, or when the table found no line."""
    prose = read_prose(rows, quote.total_ht)
    if not prose.lines:
        return
    tva = prose.total_tva
    if tva is None and prose.total_ht is not None and prose.total_ttc is not None:
        tva = money(prose.total_ttc - prose.total_ht)  # the letter's HT and TTC say its VAT
    candidate = quote.model_copy(
        update={
            "lines": lines_the_total_counts(prose.lines, prose.total_ht or quote.total_ht),
            "total_ht": prose.total_ht or quote.total_ht,
            "total_tva": tva if tva is not None else quote.total_tva,
            "total_ttc": prose.total_ttc or quote.total_ttc,
        }
    )
    if _adds_up(candidate) or not quote.lines:
        quote.lines = candidate.lines
        quote.total_ht, quote.total_tva, quote.total_ttc = candidate.total_ht, candidate.total_tva, candidate.total_ttc
        return
    if candidate.total_ht == quote.total_ht and _make_ht(candidate) and not _make_ht(quote):
        quote.lines = candidate.lines  # the lines make the HT; a wrong TTC stays for the checks to name
        return
    # Neither reading adds up (a line lost to OCR): the totals that close HT + VAT = TTC are the
    # document's, and the lines nearer their HT are kept; the checks then name the difference.
    if not _totals_close(candidate) or candidate.total_ht is None:
        return
    if not _totals_close(quote):
        quote.total_ht, quote.total_tva, quote.total_ttc = candidate.total_ht, candidate.total_tva, candidate.total_ttc
    ht = quote.total_ht
    nearer = ht is not None and _distance(candidate.lines, ht) < _distance(quote.lines, ht)
    if nearer or _covers(candidate.lines, quote.lines):
        quote.lines = candidate.lines


def _sentence_wordings(quote: Quote, rows: list[Row]) -> None:
    """Lines read outside any table whose sentences give the very same figures (a letter, numbered
    paragraphs): each takes its sentence's wording, the words before its figures ("Plaques BA13
    en 2.5 par 1.20 m. Soit 12,59 m² au prix de …"), not the longest run of words between them."""
    prose = read_prose(rows, quote.total_ht).lines
    figures = [(line.quantity, line.unit_price_ht, line.total_ht) for line in quote.lines]
    if figures != [(line.quantity, line.unit_price_ht, line.total_ht) for line in prose]:
        return
    lines = []
    for line, sentence in zip(quote.lines, prose, strict=True):
        # The figures' labels are no wording ("Pose de prises  PU :"), and a sentence read from the
        # row's start names no work where the wording follows the figures ("Qté 2 u  PU : 65,00 € =
        # 130,00 €  Remplacement …"): only their labels stand before them.
        words = sentence.designation.split()
        wording = " ".join(words[: unlabelled(words)])
        update = {"designation": wording, "room": line.room or sentence.room}
        lines.append(line.model_copy(update=update) if wording else line)
    quote.lines = lines


def _totals_close(quote: Quote) -> bool:
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    return ht is not None and tva is not None and ttc is not None and ht > 0 and ttc_closes(ht, tva, ttc)


def _covers(lines: list[QuoteLine], others: list[QuoteLine]) -> bool:
    """``lines`` read every amount ``others`` read, and more."""
    mine, theirs = Counter(line.total_ht for line in lines), Counter(line.total_ht for line in others)
    return len(lines) > len(others) and not theirs - mine


def _distance(lines: list[QuoteLine], total_ht: Decimal) -> Decimal:
    return abs(lines_sum(lines) - total_ht)


def _repair_totals(quote: Quote) -> None:
    """HT + TVA ≠ TTC on an OCR'd quote because one of them lost or gained a digit or its
    decimal mark ("395473" for "3 954,73", "424,97" for "2 424,97"): the one the two others
    recompute, when it is the only such slip. A total off by 100 € is left as printed."""
    if quote.total_ht is not None and quote.lines:
        # "123140" for "1 231,40": the lines' sum, when it has the very same digits.
        read_sum = lines_sum(quote.lines)
        if read_sum != quote.total_ht and _same_digits(quote.total_ht, read_sum):
            _mended(quote, "total_ht", read_sum, "la somme des lignes")
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if ht is None or tva is None or ttc is None or ttc_closes(ht, tva, ttc):
        return
    if _cut_short(ttc, ttc_of(ht, tva)):
        _mended(quote, "total_ttc", ttc_of(ht, tva), _THE_OTHERS["total_ttc"])
        return
    # The TVA is never the one repaired: "30" for "130" would hide a TTC 100 € too high.
    fixes = {
        name: value
        for name, read, value in (("total_ttc", ttc, ttc_of(ht, tva)), ("total_ht", ht, ht_of(ttc, tva)))
        if value > 0 and _digit_slip(read, value)
    }
    if len(fixes) == 2 and quote.lines:
        # Both explain it: the lines' sum tells which HT is right.
        read_sum = lines_sum(quote.lines)
        if abs(read_sum - ht) <= Decimal("0.02"):
            fixes.pop("total_ht")
        elif abs(read_sum - fixes["total_ht"]) <= Decimal("0.02"):
            fixes.pop("total_ttc")
    if len(fixes) == 1:
        name, value = fixes.popitem()
        _mended(quote, name, value, _THE_OTHERS[name])
        return
    _cents_mended(quote)


def _cents_mended(quote: Quote) -> None:
    """HT + TVA ≠ TTC by a digit of the cents OCR misread in one of them ("4 897,51" for
    4 897,61: a cents cell's "6" read "5"): the total whose printed cents differ by one digit
    from the value the two others give it, when that value closes both of the foot's equations
    (HT + TVA = TTC, and the TVA one rate's share of the HT to the cent) and no other total
    does. A digit of the euros is never mended this way: a TTC off by 100 € may be the
    contractor's error."""
    ht, tva, ttc = quote.total_ht, quote.total_tva, quote.total_ttc
    if ht is None or tva is None or ttc is None:
        return
    due = {
        "total_ttc": (ttc, ttc_of(ht, tva), ht, tva),
        "total_tva": (tva, money(ttc - ht), ht, money(ttc - ht)),
        "total_ht": (ht, ht_of(ttc, tva), ht_of(ttc, tva), tva),
    }
    fixes = {
        name: value
        for name, (read, value, base, vat) in due.items()
        if value > 0 and any(vat_of(base, rate) == vat for rate in VAT_RATES if rate > 0) and _cents_slip(read, value)
    }
    if len(fixes) == 1:
        name, value = fixes.popitem()
        _mended(quote, name, value, _THE_OTHERS[name])


# What gives a mended total its value, in a reviewer's words.
_THE_OTHERS = {
    "total_ht": "le total TTC et la TVA",
    "total_tva": "les totaux HT et TTC",
    "total_ttc": "le total HT et la TVA",
}


def _mended(quote: Quote, name: str, value: Decimal, source: str) -> None:
    """Set a total OCR misread to the value ``source`` gives it, and say so: the reviewer sees
    what was printed and why the robot reads otherwise."""
    printed: Decimal = getattr(quote, name)
    setattr(quote, name, money(value))
    note = f"{TOTALS[name]} lu {format_eur(printed)} à l'OCR, corrigé en {format_eur(value)} d'après {source}."
    quote.totals_note = note_after(quote.totals_note, note)


def _cents_slip(read: Decimal, value: Decimal) -> bool:
    """``read`` is ``value`` with one digit of its cents read otherwise."""
    printed, due = f"{read:.2f}", f"{value:.2f}"
    return printed[:-2] == due[:-2] and sum(a != b for a, b in zip(printed[-2:], due[-2:], strict=True)) == 1


def _cut_short(read: Decimal, value: Decimal) -> bool:
    """``read`` is the start of ``value`` whose end the engine lost ("8" for "8 848,99"): a
    whole number, ten times smaller at least, whose digits open those of ``value``."""
    if read != read.to_integral_value() or read <= 0 or read * 10 > value:
        return False
    return f"{value:.2f}".replace(".", "").startswith(str(int(read)))


def _same_digits(read: Decimal, value: Decimal) -> bool:
    printed = f"{read:.2f}".replace(".", "").lstrip("0")
    due = f"{value:.2f}".replace(".", "").lstrip("0")
    return due in (printed, printed[:-2]) if printed.endswith("00") else printed == due


def _digit_slip(read: Decimal, value: Decimal) -> bool:
    """``read`` is ``value`` with its decimal mark moved or one digit dropped or added."""
    printed = f"{read:.2f}".replace(".", "").lstrip("0")
    due = f"{value:.2f}".replace(".", "").lstrip("0")
    candidates = {printed, printed[:-2].lstrip("0")} if printed.endswith("00") else {printed}
    for text in candidates:
        if text == due:
            return True
        longer, shorter = (text, due) if len(text) > len(due) else (due, text)
        if len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))):
            return True
    return False


def _confirmed_line_rates(quote: Quote, rates: list[Decimal]) -> None:
    """The lines' rates that nothing on their rows confirms (``QuoteLine.rate_unconfirmed``: a
    bare percentage, no VAT column) are their VAT rates only where the totals say so. Where the
    quote prints one VAT rate and the lines make its total HT, the VAT printed decides: made by
    that rate on those lines and not by the percentages rate by rate, these are another column's
    (a wear rate « Vét. 20 % », a share), and the lines take the printed rate. Otherwise (both
    close, or neither) the rows' rates stand: an error the document makes is the checks' to say."""
    if len(rates) != 1 or not any(line.rate_unconfirmed for line in quote.lines):
        return
    lines, ht, tva = quote.lines, quote.total_ht, quote.total_tva
    if ht is None or tva is None or not lines_make_total((line.total_ht for line in lines), ht, sum_slack(lines)):
        return
    printed = [line.model_copy(update={"tva_rate": rates[0]}) if line.rate_unconfirmed else line for line in lines]
    if vat_closes(printed, tva) and not vat_closes(lines, tva):
        quote.lines = printed


def _line_vat(quote: Quote, rates: list[Decimal]) -> None:
    """A quote with one VAT rate applies it to every line that does not print its own."""
    if len(rates) != 1:
        return
    rate = rates[0]
    quote.lines = [
        line if line.tva_rate is not None else line.model_copy(update={"tva_rate": rate}) for line in quote.lines
    ]
