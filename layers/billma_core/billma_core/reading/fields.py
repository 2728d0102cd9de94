"""Header fields of a quote: contractor, SIRET, VAT number, quote number, date, site postal code.

Each field is found by its French label and a value shape, never by a position on a known
layout; candidates are ranked (label quality, document order) and checked (Luhn, SIREN of the
VAT number) so that an OCR slip in one occurrence can be outvoted by another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from billma_core.models import DocumentKind
from billma_core.reading.identifiers import siret_is_valid, vat_number_for_siren
from billma_core.reading.lines import detect_header
from billma_core.reading.numbers import cleared_with_rows
from billma_core.reading.vocabulary import looked_ahead, vocabulary

# Letters an engine reads for digits of the same shape ("3576G2907…" for 35766290…).
_OCR_DIGITS = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8", "G": "6", "Z": "2"}
)


@cache
def _siret_pattern() -> re.Pattern[str]:
    """A labelled SIRET: its label (from the vocabulary), a number mark, and fourteen digits
    as OCR may read them."""
    pattern = re.compile(
        vocabulary().siret_label
        + r"[^0-9A-Za-z]{0,12}(?:(?:"
        + vocabulary().number_mark
        # The value stops at a cell's gap or the row's end: the next cell, or the next row, may
        # be the other party's SIRET (whose label's « SI » reads as digits).
        + r")\.?\s*)?[:.]?\s*([0-9OoIlDQSBGZ|](?:[0-9OoIlDQSBGZ|.\-]|[^\S\n](?!\s\s)){12,30})",
        re.IGNORECASE,
    )
    return looked_ahead(pattern)


_BARE_SIRET = re.compile(
    r"(?<![\d\w])(\d{3}[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{5}|\d{3}[\s.]\d{3}[\s.]\d{3}[\s.]\d{3}[\s.]\d{2})(?![\d])"
)
# The same on an OCR page, a digit or two read as the letter it looks like (« 8B6 268 499 00060 »):
# grouped as printed, the key (``siret_is_valid``) to confirm the digits read back.
_OCR_FIGURE = "[0-9OIlDQSBGZ]"
_BARE_SIRET_READ = re.compile(
    rf"(?<![\d\w])({_OCR_FIGURE}{{3}}[\s.]{_OCR_FIGURE}{{3}}[\s.]{_OCR_FIGURE}{{3}}[\s.]{_OCR_FIGURE}{{5}})(?![\d\w])"
)
_SIRET_LETTERS_READ = 2  # at most: more letters than that make a word, not a number
_VAT = looked_ahead(re.compile(r"\bF\s?R\s?[-.]?\s?([0-9A-HJ-NP-Z]{2})\s?[-.]?\s?(\d{3}\s?\.?\d{3}\s?\.?\d{3})(?!\d)"))
_NUMBER_TOKEN = r"([A-Za-z0-9][A-Za-z0-9/\-_.]*\d[A-Za-z0-9/\-_.]*|\d)"  # noqa: S105 - a regex


@cache
def _number_patterns() -> list[tuple[int, re.Pattern[str]]]:
    """The shapes of a document's number, built from the vocabulary's labels (priority first)."""
    words = vocabulary()
    quote, invoice = words.quote_label, words.invoice_label
    number, title_number = words.number_mark, words.title_number_mark
    shapes = [
        # "Devis n° 2025/144", "DEVIS N°: D2505-178", "Devis numéro DEV-2025-0736", "FACTURE N° : F20260023"
        (
            0,
            re.compile(
                r"\b(?P<label>" + quote + "|" + invoice + r")\s*"
                r"(?:" + title_number + r")\.?\s*[:.]?\s*" + _NUMBER_TOKEN,
                re.IGNORECASE,
            ),
        ),
        # "Numéro de devis : 2025/850", "N° de devis 12", "Numéro de facture : FA-12"
        (
            0,
            re.compile(
                r"(?<![\w])(?:"
                + title_number
                + r")\.?\s*(?:du|de\s+la|de)\s+(?P<label>"
                + quote
                + "|"
                + invoice
                + r")\s*[:.]?\s*"
                + _NUMBER_TOKEN,
                re.IGNORECASE,
            ),
        ),
        # "DEVIS D2505-178" (no label), "Facture FA-2017-0010"
        (
            2,
            re.compile(
                r"\b(?P<label>" + quote + "|" + invoice + r")\s*[:]?\s+(?=[A-Za-z0-9/\-_.]*\d)" + _NUMBER_TOKEN,
                re.IGNORECASE,
            ),
        ),
        # "N° 2025/144", "Numéro   2025/850", "Facture N° : F20260023"
        (3, re.compile(r"(?<![\w])(?:" + number + r")\.?\s*[:.]?\s*" + _NUMBER_TOKEN, re.IGNORECASE)),
    ]
    return [(priority, looked_ahead(pattern)) for priority, pattern in shapes]


@cache
def _number_header() -> re.Pattern[str]:
    """A header cell that names the number of the value under it ("Numéro | Date | Client" grids)."""
    number, documents = vocabulary().number_mark, vocabulary().number_documents
    return re.compile(
        r"(?:(?:" + number + r")\.?(?:\s+(?:de\s+)?(?:" + documents + r"))?"
        r"|(?:" + documents + r")\s+(?:" + number + r"))\s*:?",
        re.IGNORECASE,
    )


@cache
def _other_than_number() -> re.Pattern[str]:
    """After a figure: a duration ("valable 3 mois"), a percent or an amount, not a number."""
    return re.compile(
        r"[ \t]*(?:(?:" + vocabulary().durations + r")s?(?![\w])|%|" + vocabulary().currency + r")", re.IGNORECASE
    )


@cache
def _date_pattern() -> re.Pattern[str]:
    """Dates as printed: 12/03/2025, 12.03.25, 1er mars 2025 (month names from the vocabulary), 2025-03-12."""
    pattern = re.compile(
        r"(?<!\d)(?P<d>[0-3]?\d)\s?[/.\-]\s?(?P<m>[01]?\d)\s?[/.\-]\s?(?P<y>(?:19|20)\d{2}|\d{2})(?!\d)"
        r"|(?<!\d)(?P<d2>[0-3]?\d)(?:er)?\s+(?P<mn>" + vocabulary().month_names + r")\.?\s+(?P<y2>(?:19|20)\d{2})"
        r"|(?<!\d)(?P<y3>20\d{2})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)",
        re.IGNORECASE,
    )
    return looked_ahead(pattern)


_POSTAL = re.compile(
    r"(?<![\d\w])((?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3})(?!\d)(?!\s?(?:€|eur|m²|m2|ml|\d|,))", re.IGNORECASE
)
# An e-mail, a figure, a file's name (« devis_DEV.25.841.xlsx » over a printed sheet).
_NOT_A_NAME = re.compile(r"@|^\d|_|\.[a-z]{3,4}$")
_FRENCH_PHONE = re.compile(r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.]?\d{2}){4}(?!\d)")
_PARTS = re.compile(r"\s[|–—]\s")  # the parts of a cell ("Martin SARL – 12 rue …")


@dataclass(slots=True)
class Siret:
    value: str
    valid: bool
    note: str | None = None  # French: the digit mended, and what confirms it


_POSTAL_CITY = re.compile(r"(?<!\d)(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}\s+[A-Za-zÀ-ÿ]")
_CELL_GAP = re.compile(r"\s{3,}")
# Text between wide gaps in a row (no line break): words a space or two apart, and the row's last
# space or two (the lazy ``\S.*?(?=\s{3,}|$)`` it replaces matched the same, a third slower).
_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*(?:\s{1,2}$)?")


@dataclass(slots=True)
class _Candidate:
    digits: str
    row: int
    column: int  # where the SIRET's cell (its label, if any) starts in the uncompacted row
    legal: bool
    customer: bool
    party: str | None = None  # the name heading the SIRET's block of address rows, if any
    named: bool = False  # its own cell names the seller (« Martin SARL – … – SIRET … »)


def _compact(rows: list[str]) -> str:
    """The rows with column padding cut to three spaces (labels and values stay matchable
    across a padded grid)."""
    return "\n".join(_compact_row(row) for row in rows)


# The searches for the seller's name, the SIRET and the number walk the same rows, and the
# blocks' columns the same cells, again and again: each row is cut once.
@lru_cache(maxsize=8192)
def _compact_row(row: str) -> str:
    return _CELL_GAP.sub("   ", row)


@lru_cache(maxsize=8192)
def _cells(row: str) -> tuple[re.Match[str], ...]:
    """The cells of a row (``_CELL``), left to right."""
    return tuple(_CELL.finditer(row))


cleared_with_rows(_compact_row.cache_clear, _cells.cache_clear)


def _original_columns(row: str) -> list[int]:
    """For each character of the row as compacted, its column in ``row`` (and the row's end)."""
    columns: list[int] = []
    last = 0
    for gap in _CELL_GAP.finditer(row):
        columns.extend(range(last, gap.start()))
        columns.extend([gap.start(), gap.start() + 1, gap.end() - 1])
        last = gap.end()
    columns.extend(range(last, len(row)))
    return [*columns, len(row)]


def _cell_start(row: str, column: int) -> int:
    """Start of the cell (text between wide gaps) that holds ``column``."""
    start = 0
    for gap in _CELL_GAP.finditer(row):
        if gap.end() > column:
            break
        start = gap.end()
    return start


def _cell_at(row: str, column: int) -> re.Match[str] | None:
    """The cell of ``row`` that starts near ``column`` or holds it (a block's line above a field)."""
    return next((m for m in _cells(row) if abs(m.start() - column) <= 6 or m.start() <= column < m.end()), None)


def _segment(row: str, column: int) -> str:
    cell = _cell_at(row, column)
    return cell.group() if cell is not None else ""


def _customer_heads(rows: list[str]) -> list[tuple[int, int]]:
    """Where a label heads the customer's block in the page's top half ("Client :", "Maître
    d'ouvrage : SCI …", "Adressé à"): (row, column) of each cell that opens with one; not an
    identifier's label ("N° client", "SIRET client")."""
    heads = []
    for index, row in enumerate(rows[: max(1, len(rows) // 2)]):
        for cell in _cells(row):
            cue = vocabulary().customer_cue.search(cell.group())
            if cue is not None and cue.start() <= 2 and not _ends_with_number_mark(cell.group()[: cue.start()]):
                heads.append((index, cell.start()))
    return heads


def _column_rows(rows: list[str], row: int, column: int, step: int, limit: int) -> list[tuple[int, re.Match[str]]]:
    """The cells of a block's column from ``row`` on (``step`` -1 up, 1 down), down to a blank:
    a blank row, or two rows in a row with nothing in the column. One row may hold only the
    block beside: two blocks side by side printed at different row heights interleave."""
    found: list[tuple[int, re.Match[str]]] = []
    empty = 0
    for index in range(row, max(-1, row - limit) if step < 0 else min(len(rows), row + limit), step):
        cell = _cell_at(rows[index], column)
        if cell is not None:
            found.append((index, cell))
            empty = 0
            continue
        empty += 1
        if not rows[index].strip() or empty > 1:
            break
    return found


def _customer_cells(rows: list[str]) -> set[tuple[int, int]]:
    """(row, column) of the cells of each labelled customer's block: its label's cell and the
    cells under it in the same column, down to a blank."""
    cells: set[tuple[int, int]] = set()
    for row, column in _customer_heads(rows):
        cells.add((row, column))
        cells.update((below, cell.start()) for below, cell in _column_rows(rows, row + 1, column, 1, 7))
    return cells


def _block_above(rows: list[str], row: int, column: int) -> tuple[bool | None, list[str]]:
    """The cells above the field at (``row``, ``column``) in its column, nearest first, and
    what closes them: a customer's label (True), another identifier or a legal line (False:
    the field is in no party's address block), else None."""
    block: list[str] = []
    for _, cell in _column_rows(rows, row - 1, column, -1, 11):
        segment = cell.group()
        # A row running across the column from the left (a letterhead's line) tops the block
        # without closing it: the block beside the letterhead is still a party's.
        across = cell.start() < column - 6
        if not across and (vocabulary().seller_legal_line.search(segment) or vocabulary().siret.search(segment)):
            return False, block
        cue = vocabulary().customer_cue.search(segment)
        # Across, only a label opening its row closes the block (not « syndic » in a file name).
        if cue is not None and (not across or cue.start() <= 2):
            return True, block
        if across:
            break
        block.append(segment)
    return None, block


def _party_of(block: list[str]) -> str | None:
    """The name heading an address block (``block``: its rows nearest the field first): the
    nearest name above the address's first row (a street, or a postal code and city), over a
    trade line or initials between them, under a bar or a title above the block."""
    if not any(_POSTAL_CITY.search(line) for line in block):
        return None
    # The address nearest the field (another party's block may stand further up, in a pane
    # read after it), up to its first row.
    address = next(i for i, line in enumerate(block) if _address_row(line))
    while address + 1 < len(block) and _address_row(block[address + 1]):
        address += 1
    return next((name for line in block[address + 1 :] if (name := _first_name_in(line)) is not None), None)


def _address_row(cell: str) -> bool:
    return _POSTAL_CITY.search(cell) is not None or _street_row(cell)


def _street_row(cell: str) -> bool:
    """A cell opening with a street's number and type (« 52 cours Napoléon »), not a street's
    word in other words (« Intervention en cours »)."""
    number = vocabulary().street_number.match(cell)
    return number is not None and vocabulary().street_type.match(cell, number.end()) is not None


def _same_party(name: str | None, seller_name: str | None) -> bool:
    return name is not None and seller_name is not None and name.lower() == seller_name.strip().lower()


def _customer_block(rows: list[str], row: int, column: int, seller_name: str | None) -> tuple[bool, str | None]:
    """Whether the field at (``row``, ``column``) sits in the customer's block (under a
    customer heading in the same column, or in the addressee's corner: a name and an address in
    the right half of the page's top that is not the seller's), and the name heading its
    address block. The corner is the customer's only where no label marks another block as the
    customer's: a seller may print its own block on the right and head the customer's, on the
    left, with "Client :"."""
    closed, block = _block_above(rows, row, column)
    if closed is not None:
        # Another party's identifier above closes the block: the rows between still name
        # whose block it is (a side pane's card under the customer's block).
        return closed, _party_of(block) if closed is False else None
    party = _party_of(block)
    width = max((len(r.rstrip()) for r in rows), default=0)
    addressee_corner = width > 0 and column >= 0.45 * width and row <= 0.5 * len(rows)
    if addressee_corner and any(abs(head - column) > 6 for _, head in _customer_heads(rows)):
        return False, party
    return addressee_corner and party is not None and not _same_party(party, seller_name), party


def _siret_candidates(text: str, seller_name: str | None, ocr: bool = False) -> list[_Candidate]:
    rows = text.split("\n")
    compact = _compact(rows)
    starts = [0]
    for row_text in compact.split("\n")[:-1]:
        starts.append(starts[-1] + len(row_text) + 1)

    def locate(position: int) -> tuple[int, int]:
        index = max(0, next((i for i, start in enumerate(starts) if start > position), len(starts)) - 1)
        columns = _original_columns(rows[index])  # for the few rows a match stands in
        return index, columns[min(position - starts[index], len(columns) - 1)]

    found: list[_Candidate] = []

    def add(digits: str, row: int, cell: int, own_label: str) -> None:
        # "SIRET client : …", "N° SIRET du client" name the customer's; a legal line is the seller's.
        # The legal line may wrap: its cell and the cells just above and below in the same column.
        around = range(max(0, row - 1), min(len(rows), row + 2))
        legal = any(vocabulary().seller_legal_line.search(_segment(rows[i], cell)) for i in around)
        in_block, party = _customer_block(rows, row, cell, seller_name)
        customer = vocabulary().customer_cue.search(own_label) is not None or in_block
        named = seller_name is not None and seller_name.strip().lower() in _segment(rows[row], cell).lower()
        found.append(_Candidate(digits[:14], row, cell, legal, customer and not legal and not named, party, named))

    for match in _siret_pattern().finditer(compact):
        digits = re.sub(r"\D", "", match.group(1).translate(_OCR_DIGITS))
        if len(digits) < 14:
            continue
        row, column = locate(match.start())
        label = compact[compact.rfind("\n", 0, match.start()) + 1 : match.start(1)]
        add(
            digits,
            row,
            _cell_start(rows[row], column),
            _CELL_GAP.split(label)[-1] + compact[match.start() : match.start(1)],
        )
    for row, cell, label, digits in _siret_under_label(rows):
        add(digits, row, cell, label)
    if all(candidate.customer for candidate in found):
        # No labelled SIRET but the customer's: the seller's label may be lost (a scan's noise
        # reads « SIRET » as « S:RE* »), its fourteen digits kept their shape and their key.
        bare = [*_BARE_SIRET.finditer(compact)]
        if ocr:
            bare += [
                m
                for m in _BARE_SIRET_READ.finditer(compact)
                if 1 <= sum(char.isalpha() for char in m.group(1)) <= _SIRET_LETTERS_READ
            ]
        for match in bare:
            digits = re.sub(r"\D", "", match.group(1).translate(_OCR_DIGITS))
            if siret_is_valid(digits) and all(digits != candidate.digits for candidate in found):
                row, column = locate(match.start())
                cell = _cell_start(rows[row], column)
                found.append(_Candidate(digits, row, cell, False, *_customer_block(rows, row, cell, seller_name)))
    return found


def _siret_under_label(rows: list[str]) -> list[tuple[int, int, str, str]]:
    """A SIRET label alone in its cell and its value in a cell under it, in its column (a
    sheet's label cell over its value cell): (the label's row, its cell's start, the label, the
    fourteen digits)."""
    found = []
    text = "\n".join(rows)
    labelled = {text.count("\n", 0, m.start()) for m in _siret_label().finditer(text)}
    for index in sorted(labelled):
        row = rows[index]
        for cell in _cells(row):
            if not _label_alone().fullmatch(cell.group()):
                continue
            for _, under in _column_rows(rows, index + 1, cell.start(), 1, 3):
                digits = re.sub(r"[\s.]", "", under.group().translate(_OCR_DIGITS))
                if digits.isdigit() and len(digits) == 14:
                    found.append((index, cell.start(), cell.group(), digits))
                    break
    return found


@cache
def _siret_label() -> re.Pattern[str]:
    return re.compile(vocabulary().siret_label, re.IGNORECASE)


@cache
def _label_alone() -> re.Pattern[str]:
    mark = r"(?:(?:" + vocabulary().number_mark + r")\.?\s*)?"
    return re.compile(mark + vocabulary().siret_label + r"[^0-9A-Za-z]{0,4}" + mark + r"[:.]?\s*", re.IGNORECASE)


def find_siret(text: str, seller_name: str | None = None, ocr: bool = False) -> Siret | None:
    """The seller's SIRET in the layout text of a document (columns kept): the one on the
    legal line ("SARL au capital de …, RCS …, SIRET …") first, else the first labelled one
    that is not the customer's (a "SIRET client", or one in the customer's address block).
    An OCR-damaged occurrence is replaced by a later valid one that agrees on most digits, or
    (``ocr``) mended by the VAT number's SIREN (``_mended_by_vat_number``).
    None when only the customer's is printed: a person checks who issued the document.
    ``seller_name``: the issuer's name when the caller has read it already (else read here)."""
    seller_name = seller_name or find_contractor_name(text.split("\n"))
    found = _siret_candidates(text, seller_name, ocr)
    sellers = _seller_first([c for c in found if not c.customer], seller_name)
    if not sellers:
        return None
    first = sellers[0].digits
    if siret_is_valid(first):
        return Siret(first, True)
    for other in sellers[1:]:
        if siret_is_valid(other.digits) and sum(a == b for a, b in zip(first, other.digits, strict=True)) >= 11:
            return Siret(other.digits, True)
    mended = _mended_by_vat_number(first, text) if ocr else None
    return mended or Siret(first, False)


def _seller_first(candidates: list[_Candidate], seller_name: str | None) -> list[_Candidate]:
    """The SIRETs no label gives the customer, the seller's likeliest first, from what the
    document shows: on the legal line; in a cell naming the seller (a footer's « Martin SARL –
    12 rue … – SIRET … », « Exécuté par : Martin SARL – SIRET … »); in the block the seller's
    name heads; then in document order. A SIRET in another party's address block (a name not
    the seller's over an address: a company customer's block beside the letterhead, unlabelled)
    is dropped when one of these marks another as the seller's: it may stand first, one row
    above the seller's own. A repeat is no mark: a joint quote prints each member firm's SIRET
    again by its lot."""

    def marks(candidate: _Candidate) -> tuple[bool, bool, bool]:
        return candidate.legal, candidate.named, _same_party(candidate.party, seller_name)

    if any(any(marks(c)) for c in candidates):
        candidates = [c for c in candidates if any(marks(c)) or c.party is None]
    return sorted(candidates, key=lambda c: tuple(not mark for mark in marks(c)))


def _mended_by_vat_number(siret: str, text: str) -> Siret | None:
    """A SIRET read by OCR whose key fails, one digit of its SIREN misread: the document's VAT
    number carries the SIREN under a key of its own (``vat_number_for_siren``). Mended when a
    single substitution of that one digit makes the SIREN the VAT number's, whose key checks it,
    and the whole SIRET's key then holds too. A digit of the establishment number (the last
    five) has no second witness and stays as read: a contractor's wrong SIRET is a finding."""
    sirens = set()
    for match in _VAT.finditer(text):
        key = match.group(1).upper().translate(_OCR_DIGITS)
        siren = re.sub(r"\D", "", match.group(2))
        if len(siren) == 9 and vat_number_for_siren(siren) == f"FR{key}{siren}":
            sirens.add(siren)
    head, tail = siret[:9], siret[9:]
    fits = [
        siren
        for siren in sirens
        if sum(a != b for a, b in zip(head, siren, strict=True)) == 1 and siret_is_valid(siren + tail)
    ]
    if len(fits) != 1:
        return None
    at = next(i for i, (a, b) in enumerate(zip(head, fits[0], strict=True)) if a != b)
    note = (
        f"SIRET lu {siret} : le {at + 1}e chiffre, lu « {head[at]} », est « {fits[0][at]} » comme dans "
        f"le numéro de TVA (clé vérifiée), ce qui rend la clé de Luhn du SIRET juste."
    )
    return Siret(fits[0] + tail, True, note)


def find_vat_number(text: str, siren: str | None) -> str | None:
    """The French VAT number, preferring the one that belongs to the contractor's SIREN."""
    found: list[str] = []
    for match in _VAT.finditer(text):
        key = match.group(1).upper().translate(_OCR_DIGITS)
        number = re.sub(r"\D", "", match.group(2))
        found.append(f"FR{key}{number}")
    if siren:
        for number in found:
            if number.endswith(siren):
                return number
        # OCR may garble the printed number; the key is computable from the SIREN.
        if found and any(number[4:] == siren for number in found):
            return vat_number_for_siren(siren)
    return found[0] if found else None


def find_document_kind(rows: list[str]) -> DocumentKind:
    """Invoice when the first title at the top of the first page is "Facture" (a cell of its
    own: "FACTURE", "Facture n° …", "Facture d'acompte", "Décompte général et définitif",
    "Situation n° 3"), else quote. A sentence opening with the word is no title: "Facture
    payable à réception" in a quote's terms."""
    title = _document_title(rows)
    return title[0] if title is not None else DocumentKind.QUOTE


def titled_by_nature(rows: list[str]) -> bool:
    """The document's title states it is the quote or the invoice of what it reports ("RAPPORT
    D'INTERVENTION valant FACTURE N° …"): a report's title then names no other document."""
    title = _document_title(rows)
    return title is not None and title[1]


def _document_title(rows: list[str]) -> tuple[DocumentKind, bool] | None:
    """The kind the first title at the top of the first page names, and whether it names it as
    another object's legal nature (``_stated_nature``)."""
    for row in rows[:15]:
        for cell in _CELL_GAP.split(row.strip()):
            title, stated = vocabulary().title(cell), False
            if title is None:
                title, stated = _stated_nature(cell), True
            if title is not None and _title_tail(title[1]):
                return title[0], stated
    return None


_TITLE_HEAD_WORDS = 4


def _stated_nature(cell: str) -> tuple[DocumentKind, str] | None:
    """A title stating the document's legal nature after its object ("BON D'INTERVENTION valant
    DEVIS N° …", "Rapport d'intervention tenant lieu de facture"), or that nature alone in a
    title's wrapped row ("valant FACTURE N° …"): the kind named after the nature's words. The
    object before them is a title's few words, no figure: not a sentence of the terms."""
    for nature in vocabulary().title_nature.finditer(cell):
        head = cell[: nature.start()]
        if len(head.split()) > _TITLE_HEAD_WORDS or any(char.isdigit() for char in head):
            return None
        title = vocabulary().title(cell[nature.end() :].lstrip())
        if title is not None:
            return title
    return None


_CODE = re.compile(r"\S*\d\S*")


def _title_tail(rest: str) -> bool:
    """What follows a title's word in its cell: nothing, a number ("n° 12", "FA-2025-0412", the
    "4" of "Situation n° 4 …"), a qualifier or two ("d'acompte", "de situation"), or anything
    in capitals like the title."""
    if vocabulary().referred_after.search(rest):
        return False  # "Devis n° 12 accepté le 03/02" on an invoice: the quote it carries out
    words = rest.split()
    if len(words) <= 2 or rest.isupper() or _number_mark_start().match(rest) or _CODE.match(words[0]):
        return True
    codes = (code.strip(".,;:()") for code in _CODE.findall(rest))
    return any(len(code) >= 3 and not _date_pattern().fullmatch(code) for code in codes)


@cache
def _number_mark_start() -> re.Pattern[str]:
    return re.compile(r"\W*(?:" + vocabulary().title_number_mark + r")", re.IGNORECASE)


def find_document_number(text: str, kind: DocumentKind = DocumentKind.QUOTE) -> str | None:
    """The document's own number in its layout text: labelled ("Devis n°", "Facture n°",
    "N° de devis"), under a "Numéro" header cell, after the bare title, or after "N°". An
    invoice's number is never the quote it refers to ("Suivant devis n° …"), nor a quote's
    an invoice it mentions."""
    compact = _compact(text.split("\n"))
    words = vocabulary()
    other_label = words.invoice_label if kind is DocumentKind.QUOTE else words.quote_label
    best: tuple[int, int, str] | None = None
    for priority, pattern in _number_patterns():
        for match in pattern.finditer(compact):
            label = match.groupdict().get("label")
            value = match.group(match.lastindex or 1).strip(".,;:)/-_")
            carried = False
            line_start = compact.rfind("\n", 0, match.start()) + 1
            before = compact[max(line_start, match.start() - 30) : match.start()]
            if priority == 3:
                if words.not_the_number.search(before):
                    continue
                # "… suivant le devis n°" / "ART-2026-204" (wrapped): the document word before
                # "N°" labels it.
                named = _document_word_before().search(before)
                label, before = (named.group(1), before[: named.start()]) if named else (None, before)
                # "Devis accepté n° …": the document it carries out, as "devis n° … accepté".
                carried = named is not None and named.group(2) is not None
            # The other kind's number ("Facture n° …" read on what reads as a quote) is the
            # document's own only when nothing better names it: the kind is read from a title,
            # and a document typed as sentences has none.
            other_kind = label is not None and re.fullmatch(other_label, label, re.IGNORECASE) is not None
            line_end = compact.find("\n", match.end())
            rest = compact[match.end() : line_end if line_end >= 0 else None]  # the number's own row
            if _other_than_number().match(rest[:8]):
                continue
            if priority == 2 and len(value) < 4:
                continue
            if not _plausible_number(value):
                continue
            # "Suivant devis n° …", "Marché : devis n° … accepté le …": another document's number,
            # the last resort.
            referred = bool(label) and (
                (priority == 3 and carried)
                or words.document_reference.search(before) is not None
                or words.referred_after.match(rest.lstrip(" .,:")) is not None
            )
            candidate = (5 if referred else 4 if other_kind else priority, match.start(), value)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    grid = _number_under_header(text.split("\n"))
    if grid is not None and (best is None or best[0] > 1):
        return grid
    return best[2] if best else None


@cache
def _document_word_before() -> re.Pattern[str]:
    words = vocabulary()
    after = words.referred_after.pattern
    return re.compile(
        r"(" + words.quote_label + "|" + words.invoice_label + r")(?:\s+(" + after + r"))?\W*$", re.IGNORECASE
    )


def _number_under_header(rows: list[str]) -> str | None:
    """A number in the cell under a "Numéro" header cell (same columns, next rows); not the
    "N°" column of the table of lines ("1", "1.1" under it)."""
    for index, row in enumerate(rows[:40]):
        cells = _cells(row)
        headers = [cell for cell in cells if _number_header().fullmatch(cell.group())]
        if not headers or detect_header(row) is not None:
            continue
        for header in headers:
            for below in rows[index + 1 : index + 3]:
                # The value's token under the header, even when the next cell sits close by.
                for token in re.finditer(r"\S+", below):
                    if token.start() < header.end() and header.start() < token.end():
                        value = token.group().strip(".,;:)")
                        if len(value) >= 3 and _plausible_number(value):
                            return value
                if below.strip():
                    break
    return None


def _plausible_number(value: str) -> bool:
    if not any(ch.isdigit() for ch in value) or len(value) > 30:
        return False
    # A date or an amount is not a quote number.
    if _date_pattern().fullmatch(value) or re.fullmatch(r"\d+[.,]\d{2}", value):
        return False
    return not re.fullmatch(r"0\d(?:[ .]?\d\d){4}", value)  # a phone number


def find_date(text: str) -> dt.date | None:
    """The quote's date: a date labelled "Date" (or "Devis du", "Fait le"), else the first
    date that is not a validity, a loss or a due date."""
    preferred: dt.date | None = None
    fallback: dt.date | None = None
    for match in _date_pattern().finditer(text):
        value = _to_date(match)
        if value is None:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 40) : match.start()]
        # Only the nearest label counts: "Sinistre du 19/02 – Date : 21/03" is two fields.
        # In a grid the label is the cell before the date's (« Date      05/06/2025 »).
        label = re.split(r"\s{3,}|[|–—]", before.rstrip())[-1]
        if vocabulary().other_date.search(label):
            continue
        if vocabulary().document_date.search(label):
            preferred = preferred or value
            break
        fallback = fallback or value
    return preferred or fallback


def _to_date(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("d"):
            year = int(match.group("y"))
            year += 2000 if year < 100 else 0
            return dt.date(year, int(match.group("m")), int(match.group("d")))
        if match.group("d2"):
            month = vocabulary().months[match.group("mn").lower()]
            return dt.date(int(match.group("y2")), month, int(match.group("d2")))
        return dt.date(int(match.group("y3")), int(match.group("m3")), int(match.group("d3")))
    except (ValueError, KeyError, TypeError):
        return None


def _column_segment(row: str, start: int, stop: int | None) -> str:
    lo = max(0, start - 3)
    segment = row[lo:stop] if stop is not None else row[lo:]
    # A cell runs until a wide gap: text beyond it belongs to the next column.
    if lo > 0 and lo < len(row) and row[lo - 1 : lo + 1].strip() and not row[lo - 1].isspace():
        segment = segment.split(" ", 1)[-1] if " " in segment else segment
    return segment


def _postal_codes(segment: str) -> list[str]:
    return [m.group(1).replace(" ", "") for m in _POSTAL.finditer(segment)]


def _block_postal_code(rows: list[str], index: int, start: int, end: int) -> str | None:
    """First postal code in the column under a label (same row after it, then up to six rows);
    none when the block says it is the client's address ("idem", "même adresse")."""
    row = rows[index]
    others = [m.start() for m in vocabulary().client_label.finditer(row) if m.start() > end] + [
        m.start() for m in vocabulary().site_label.finditer(row) if m.start() > end
    ]
    stop = min(others) - 1 if others else None
    left_others = [
        m.start()
        for m in list(vocabulary().client_label.finditer(row)) + list(vocabulary().site_label.finditer(row))
        if m.end() <= start
    ]
    same_row = row[end:stop] if stop is not None else row[end:]
    if vocabulary().same_as_client.search(same_row):
        return None
    codes = _postal_codes(same_row)
    if codes:
        return codes[0]
    for next_row in rows[index + 1 : index + 7]:
        if not next_row.strip():
            continue
        if start > 5 or left_others:
            segment = _column_segment(next_row, start, stop)
        else:
            # Label in the left column: its cell ends at the first wide gap.
            segment = re.split(r"\s{4,}", next_row.strip())[0] if stop is None else next_row[:stop]
        if vocabulary().same_as_client.search(segment):
            return None
        codes = _postal_codes(segment)
        if codes:
            return codes[0]
    return None


def find_site_postal_code(rows: list[str]) -> str | None:
    """Postal code of the work site: under "Adresse du chantier", "Lieu d'intervention"…,
    else the address a sentence places the works at (a contract's object), else the client's
    (an "idem adresse client" site, or a quote without a site block)."""
    site: str | None = None
    client: str | None = None
    for index, row in enumerate(rows):
        if site is None:
            match = vocabulary().site_label.search(row)
            if match is not None:
                site = _block_postal_code(rows, index, match.start(), match.end())
        if client is None:
            match = vocabulary().client_label.search(row)
            if match is not None and not _ends_with_number_mark(row[: match.start()]):
                client = _block_postal_code(rows, index, match.start(), match.end())
    return site or _sentence_postal_code(rows) or client


def _sentence_postal_code(rows: list[str]) -> str | None:
    """The postal code of the address a sentence places the works at (« Le présent marché a pour
    objet les travaux décrits à l'article 3, au 23 rue Pasteur, 75011 Paris »): the first after
    the street, in the same sentence. A paragraph's rows are read as one text, a blank row ends it."""
    text = "\n".join(" ".join(row.split()) for row in rows).replace("\n\n", "\0").replace("\n", " ")
    text = text.replace("\0", "\n")
    for match in vocabulary().site_sentence.finditer(text):
        rest = re.split(r"[;!?\n]|[.]\s+(?=[A-ZÀ-Ý])", text[match.end() :], maxsplit=1)[0]
        codes = _postal_codes(rest)
        if codes:
            return codes[0]
    return None


def find_contractor_name(rows: list[str]) -> str | None:
    """The issuer's name: in the seller's labelled block ("Vendeur : …", "ÉMETTEUR" over the
    name) when one is printed, else the first line of letters at the top of the page that is
    not a title, a label or a logo's initials, nor in the customer's labelled block."""
    labelled = _labelled_seller_name(rows)
    if labelled is not None:
        return labelled
    customer = _customer_cells(rows)
    first = next(
        (
            (index, cell.start(), name)
            for index, row in enumerate(rows[:12])
            for cell in _cells(row)
            if (index, cell.start()) not in customer and (name := _first_name_in(cell.group())) is not None
        ),
        None,
    )
    if first is not None and _heads_address(rows, first[0], first[1]):
        # The legal line names the issuer (Code de commerce R123-237): when the party it names
        # heads an address block elsewhere (a side pane's card), the first rows' block is
        # another party's (a company customer's, unlabelled, printed first).
        legal = _legal_line_name(rows, customer)
        if legal is not None and not _same_name(legal, first[2]) and _heads_block(rows, legal):
            return legal
        return first[2]
    # The first rows are another pane's (the lines', read first) or a title, a table's header:
    # the issuer is the party whose block holds its SIRET, wherever that block stands.
    return _identified_party(rows) or (first[2] if first is not None else None)


def _legal_line_name(rows: list[str], customer: set[tuple[int, int]]) -> str | None:
    """The name opening a cell of legal mentions or identifiers (a footer's « Dubois SAS –
    capital 8 000 € – RCS … », « Leroy & Fils – 12 rue … – SIRET … ») or of the name and its
    address in parts, not in the customer's labelled block."""
    for index, row in enumerate(rows):
        if not _PARTS.search(row) and _identifying(row) is None:
            continue  # most rows: neither parts nor a legal mention
        for cell in _cells(row):
            if (index, cell.start()) in customer:
                continue
            legal = _identifying(cell.group())
            if legal is not None and legal.start() > 0:
                name = _first_name_in(cell.group()[: legal.start()])
                if name is not None:
                    return name
            # A footer's one line of identity: the name, then its address or its telephone
            # (« Leroy – 12 rue … », « Leroy – Tél. 05 56 … »).
            head, *parts = _PARTS.split(cell.group())
            if any(_address_row(part) or _FRENCH_PHONE.search(part) for part in parts) and _name_in(head):
                return _name_in(head)
    return None


def _identifying(cell: str) -> re.Match[str] | None:
    """The first legal mention or identifier in ``cell`` (RCS, capital, SIRET, VAT number)."""
    found = [
        m
        for m in (vocabulary().seller_legal_line.search(cell), vocabulary().siret.search(cell), _VAT.search(cell))
        if m is not None
    ]
    return min(found, key=lambda m: m.start()) if found else None


def _same_name(one: str, other: str) -> bool:
    one, other = one.lower(), other.lower()
    return one in other or other in one


def _heads_block(rows: list[str], name: str) -> bool:
    """Whether a cell opening with ``name`` heads an address somewhere on the page."""
    return any(
        _heads_address(rows, index, cell.start())
        for index, row in enumerate(rows)
        if name.lower() in row.lower()
        for cell in _cells(row)
        if cell.group().lower().startswith(name.lower()) and _identifying(cell.group()) is None
    )


def _heads_address(rows: list[str], row: int, column: int) -> bool:
    """Whether the name at (``row``, ``column``) heads an address: a postal code and city, or a
    street, in its own cell or in the few cells under it in its column."""
    cells = [rows[row][column:], *(cell.group() for _, cell in _column_rows(rows, row + 1, column, 1, 4))]
    return any(_POSTAL_CITY.search(cell) or _street_row(cell) for cell in cells)


def _identified_party(rows: list[str]) -> str | None:
    """The name heading the address block of the SIRET taken for the seller's (no name known):
    the cells above it in its column, whatever words they hold (« Entreprise Rossi SARL »); else
    the name opening the SIRET's own cell (a footer's « Martin SARL – capital … – SIRET … »)."""
    sellers = _seller_first([c for c in _siret_candidates("\n".join(rows), None) if not c.customer], None)
    if not sellers:
        return None
    seller = sellers[0]
    above = _column_rows(rows, seller.row - 1, seller.column, -1, 11)
    party = _party_of([cell.group() for _, cell in above if cell.start() >= seller.column - 6])
    own = _CELL_GAP.split(rows[seller.row][seller.column :].strip())[0]
    # The name ends where the legal mentions start (« Martin SAS au capital de … »).
    legal = next((m.start() for m in vocabulary().seller_legal_line.finditer(own) if m.start() > 0), len(own))
    return party or _first_name_in(own[:legal])


def _labelled_seller_name(rows: list[str]) -> str | None:
    """The name a seller's label heads in the page's head: after it in its cell ("Vendeur :
    Martin SARL"), in the cell beside it, or the first name in the cells under it, in its column, down to a blank. A
    program's small line above the title ("Copie lisible – document généré …") is then passed
    over, as any line printed before the seller's block."""
    for index, row in enumerate(rows[: max(12, len(rows) // 2)]):
        for cell in _cells(row):
            label = vocabulary().seller_label.match(cell.group())
            if label is None:
                continue
            rest = _first_name_in(cell.group()[label.end() :])
            if rest is not None:
                return rest
            # A grid's label alone in its cell: its value in the next cell (« Entreprise | Martin SARL »),
            # not the other party's heading beside it (« VENDEUR | ACHETEUR »).
            beside = next((c for c in _CELL.finditer(row, cell.end()) if c.start() > cell.end()), None)
            value = beside.group() if beside is not None else ""
            name = _first_name_in(value) if not vocabulary().customer_cue.search(value) else None
            if name is not None:
                return name
            for below in rows[index + 1 : index + 4]:
                under = next((c for c in _cells(below) if abs(c.start() - cell.start()) <= 6), None)
                if under is None:
                    break
                name = _first_name_in(under.group())
                if name is not None:
                    return name
    return None


@lru_cache(maxsize=8192)
def _first_name_in(cell: str) -> str | None:
    """The first part of ``cell`` that reads as a name, its parts split by a dash or a bar
    ("Martin SARL – 12 rue …")."""
    return next((name for raw in _PARTS.split(cell) if (name := _name_in(raw)) is not None), None)


@lru_cache(maxsize=8192)
def _name_in(raw: str) -> str | None:
    """``raw`` stripped, when it reads as a company's name."""
    segment = raw.strip(" |:-–")
    letters = sum(ch.isalpha() for ch in segment)
    if letters < 4 or letters < 0.6 * len(segment.replace(" ", "")):
        return None
    if vocabulary().name_skip.search(segment) or _NOT_A_NAME.search(segment):
        return None
    if re.fullmatch(r"[A-Z]{2,4}", segment) or vocabulary().street_type.search(segment):
        return None
    # A title naming a document's number (« Détail du devis n° DEV.25.824 »), not a firm.
    if any(pattern.search(segment) for priority, pattern in _number_patterns() if priority == 0):
        return None
    return segment


@cache
def _number_mark_end() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + vocabulary().title_number_mark + r")\.?\s*$", re.IGNORECASE)


def _ends_with_number_mark(text: str) -> bool:
    """Text ending with a number mark: the label after it names an identifier ("N° client"),
    not a party's block."""
    return _number_mark_end().search(text) is not None


# The searches for the seller's name ask the same cells again (its label's block, the legal line, the
# first rows): a cell is read once.
cleared_with_rows(_name_in.cache_clear, _first_name_in.cache_clear)
