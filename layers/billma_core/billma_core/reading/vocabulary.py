"""The reader's words (``vocabulary.json``): unit spellings, rows that are not lines (subtotals,
carried totals, deposits, payments made), optional and discount words, the document's title,
the titles of other documents, the seller's legal line, the customer's cues and labels, and
what names a number that is not the document's. Data, not code: a new spelling is a line in
the JSON, never a new pattern. The lists about parties and titles carry their public source."""

from __future__ import annotations

import json
import re
import re._parser as _regex_parser
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from billma_core.models import DocumentKind, Unit

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.json")


_MAX_HEADER_WORDS = 8
_FORMULA_SIGNS = frozenset(("x", "×"))
_DECIMAL_DIGIT = re.compile(r"\d")  # each is ``str.isdigit`` (not every such is: "²")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    units: dict[str, Unit]  # spelling (lower-case) → unit
    unit_look_alikes: dict[str, list[Unit]]  # what OCR reads for a short unit spelling → the units it may be
    # The units a look-alike is only where the line's wording names them (the hour: « taux horaire »).
    unit_named_by: dict[Unit, re.Pattern[str]]
    unit_opened_by: dict[Unit, re.Pattern[str]]  # … or by the words opening the wording
    counted_units: frozenset[Unit]  # the units that count things (whole quantities): the piece
    unit_letter_twins: dict[int, str]  # each letter a fax confuses → its twin's (``str.translate``)
    unit_phrases: list[tuple[re.Pattern[str], str]]  # the spellings of several words → the unit's code
    unit_phrase: re.Pattern[str]  # any of them (a row without one needs no rewriting)
    lump_sum: re.Pattern[str]
    subtotal: re.Pattern[str]
    carried: re.Pattern[str]
    deposit: re.Pattern[str]
    paid: re.Pattern[str]
    withheld: re.Pattern[str]  # an amount the customer keeps back ("Retenue de garantie 5 %")
    optional: re.Pattern[str]
    breakdown: re.Pattern[str]  # a row splitting the total ("dont fournitures"), not adding to it
    work_part: re.Pattern[str]  # a priced sub-row naming a work's part alone ("Pose", "Fourniture : … réf.")
    discount: re.Pattern[str]
    not_a_line_words: re.Pattern[str]  # any of subtotal, carried, deposit, paid, withheld: one search, not five
    deduction_words: re.Pattern[str]  # any of deposit, paid, withheld
    aid: re.Pattern[str]  # an energy-renovation aid taken off the TTC ("Prime CEE", "Reste à charge")
    prose_opener: re.Pattern[str]
    price_connector: re.Pattern[str]  # at the end of a wording cut before its price
    connector_words: frozenset[str]  # the one-word connectors ("le", "l'unité", "soit")
    header_designation: re.Pattern[str]
    header_roles: list[tuple[str, re.Pattern[str]]]  # column role → its labels, in matching order
    header_continuation: frozenset[str]
    titles: list[tuple[DocumentKind, re.Pattern[str]]]  # the document's own title, at a cell's start
    title_nature: re.Pattern[str]  # the words by which a title states its legal nature ("… valant facture")
    other_titles: list[tuple[str, re.Pattern[str]]]  # French label ("un constat") → its title at a row's start
    other_title: re.Pattern[str]  # any of those titles (most heads hold none: one search, not one a title)
    other_anywhere: re.Pattern[str]  # other documents named anywhere in the page's head ("constat amiable")
    seller_legal_line: re.Pattern[str]  # the seller's legal mentions and the words that name it
    seller_label: re.Pattern[str]  # a label heading the seller's block, at a cell's start ("Vendeur :")
    customer_cue: re.Pattern[str]
    client_label: re.Pattern[str]  # with the colon after it
    not_the_number: re.Pattern[str]  # the words before a figure that make it another number
    quote_label: str  # alternation of the words that name a quote ("devis", "offre de prix")
    quote_words: re.Pattern[str]  # anywhere in a document, the words that make it a quote
    invoice_label: str  # … an invoice
    document_reference: re.Pattern[str]  # ending the words before "devis n° …": another document's ("suivant")
    referred_after: re.Pattern[str]  # after "devis n° …": another document's ("accepté le …")
    months: dict[str, int]  # month name or abbreviation (lower-case) → month number
    month_names: str  # their alternation, longest first
    other_date: re.Pattern[str]  # the words before a date that make it another date (the loss, validity)
    document_date: re.Pattern[str]  # the words before a date that make it the document's
    site_label: re.Pattern[str]  # the label of the site's address
    site_sentence: re.Pattern[str]  # a sentence naming the works, up to the street of their address
    totals_labels: list[tuple[str, re.Pattern[str]]]  # "ttc", "net", "ht", "tva_total", "tva", matched in order
    totals_words: frozenset[str]  # the words of three letters or more the totals' labels are made of ("total", "tva")
    header_words: frozenset[str]  # the same of a table header's labels ("désignation", "quantité", "prix")
    no_vat: re.Pattern[str]  # the mention of a seller outside VAT
    totals_screen: tuple[str, ...]  # a row holding none of these words has no totals label
    vat_noise: re.Pattern[str]  # "TVA" that labels no amount: the VAT number, "au taux de", "non applicable"
    vat_code_legend: re.Pattern[str]  # the legend of per-line VAT codes ("Codes TVA : T1 = 10 %")
    tax_marks: dict[str, str]  # the marks "ht", "ttc", "tva" → the total each names ("total_ht", …)
    tax_mark: str  # alternation of those marks, with or without their dots ("H.T.")
    tax_mark_words: dict[str, re.Pattern[str]]  # each mark alone as a word, with or without its dots ("T.T.C.")
    vat_marks: tuple[str, ...]  # the VAT mark with and without its dots ("tva", "t.v.a")
    amount_ends: tuple[str, ...]  # the currency's names and the marks HT, TTC that may end a priced row
    header_screen: tuple[str, ...]  # a row holding none of these words is no table header
    quote_title: re.Pattern[str]  # the quote's own title ("devis"), anywhere
    same_as_client: re.Pattern[str]  # a site "idem", "même adresse" as the client's
    number_mark: str  # alternation of the marks that name a number on their own ("n°", "numéro")
    title_number_mark: str  # … and those that do beside the document's name ("Devis réf. 12")
    number_documents: str  # alternation of what a "N° de …" header numbers ("devis", "pièce")
    durations: str  # alternation of the durations after a figure that is no number ("3 mois")
    siret_label: str  # the SIRET label, its letters dotted or spaced as printed or OCR'd
    siret: re.Pattern[str]  # the word SIRET
    footer: re.Pattern[str]  # the words of a legal, bank or contact footer
    currency: str  # alternation of the currency's signs and names ("€", "eur")
    currency_tokens: frozenset[str]  # a row's token that is the currency or a tax mark after an amount
    loose_marks: frozenset[str]  # … of which those never glued to a figure as its currency ("e", "ht")
    operator_words: frozenset[str]  # words between a line's figures ("x", "à", "par", "soit")
    times_words: frozenset[str]  # … of which those that multiply ("x", "à")
    takeoff_labels: frozenset[str]  # a take-off's letters between its figures ("4,20 l 3,10")
    size_units: frozenset[str]  # a size's unit after its figure, never an amount's ("1120 mm")
    tick: re.Pattern[str]  # a tick opening a row before its wording ("X   Dépose …"): group 1 the indent
    note_marks: frozenset[str]  # a footnote's call or a box after a row's last figure ("¹", "☐")
    per_unit: re.Pattern[str]  # a price's currency and the words to its unit ("€ HT le m²"): group "cur"
    unit_label_opening: re.Pattern[str]  # the link word opening a unit's label ("Le mètre carré :")
    totals_row: re.Pattern[str]  # a totals row, on squeezed rows ("total ht", "montant ttc", "net à payer")
    section_index: re.Pattern[str]  # a section's heading by its number or label ("2.1 Peinture", "Lot n° 3 …")
    section_numbered: re.Pattern[str]  # a heading opening on a numbered label ("Lot n° 3", "Phase 2")
    section_index_prefix: re.Pattern[str]  # that number or lot, to take off the heading's name
    name_skip: re.Pattern[str]  # a header label, not the company's name, at a cell's start
    street_type: re.Pattern[str]  # a type of street: an address, not a name
    street_number: re.Pattern[str]  # a cell opening on a street's number, its suffix or not ("12 bis, ")
    connecting_word: str  # the words a designation cut at a row's end stops on ("de", "avec", "l'")
    note_opener: re.Pattern[str]  # the words opening a note under a line ("y compris", "Nota", "voir")
    unit_links: frozenset[str]  # the words before a unit that say a price is per it ("au", "à", "l'", "le", "par")
    page_mention: re.Pattern[str]  # a legal, bank, contact or terms mention: a row that is no line
    rooms: re.Pattern[str]  # every room's spellings, a group "r<i>" per room ("q<i>": its number or qualifier)
    room_names: list[tuple[str, bool]]  # group i's display name, and whether a number or qualifier may follow
    bare_total: re.Pattern[str]  # a total without HT or TTC opening a cell ("Total", "Montant total :")
    sum_to_pay: re.Pattern[str]  # words that say a figure is the sum to pay, with no total's head ("à régler")

    @property
    def vat_mark(self) -> re.Pattern[str]:
        """The VAT mark of a totals row ("TVA", "T.V.A")."""
        return next(pattern for name, pattern in self.totals_labels if name == "tva")

    def title(self, cell: str) -> tuple[DocumentKind, str] | None:
        """The kind a cell opening with the document's title names ("FACTURE N° …" → invoice),
        and the rest of the cell after the title's word."""
        for kind, pattern in self.titles:
            match = pattern.match(cell)
            if match is not None:
                return kind, cell[match.end() :]
        return None

    def other_document(self, head: str) -> tuple[bool, str | None]:
        """Whether the head of a page (its first rows) titles another kind of document, and what
        it calls itself in French ("un constat"), when one of its rows opens with the title."""
        if self.other_title.search(head) is not None:
            for label, pattern in self.other_titles:
                if pattern.search(head):
                    return True, label
        return self.other_anywhere.search(head) is not None, None

    def header_words_only(self, key: str) -> bool:
        """A row made of table-header words only (``key``: squeezed lower-case): the second
        row of a header whose labels wrap."""
        if _DECIMAL_DIGIT.search(key):
            return False  # most rows: figures in them (a cheap screen before the words are split)
        # A take-off's formula note ("Métré : Nb x Long. x Haut./Larg. – déductions = Quantité"):
        # its signs and the "x" of a product are no words.
        words = [word for word in re.split(r"[\s/]+", key) if word not in _FORMULA_SIGNS and _has_letter(word)]
        if not words or len(words) > _MAX_HEADER_WORDS or any(ch.isdigit() for ch in key):
            return False  # most rows: figures in them, or too long to be labels
        return all(
            word in self.header_continuation
            or self.header_designation.fullmatch(word)
            or any(pattern.fullmatch(word) for _, pattern in self.header_roles)
            for word in words
        )

    def not_a_line(self, key: str) -> bool:
        """A subtotal, a carried total, a deposit, a payment already made or an amount withheld
        (``key``: the squeezed lower-case row)."""
        return self.not_a_line_words.search(key) is not None

    def deduction(self, key: str, after_total: bool = False) -> bool:
        """A deposit, a payment already made or an amount withheld: what a document takes off
        its total to print the sum still due; ``after_total`` (a total read above), an aid too
        (above the totals, a line may name the aid it qualifies for)."""
        return self.deduction_words.search(key) is not None or (after_total and self.aid.search(key) is not None)


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def _phrases(words: Collection[str], flags: int = 0, *, starts: bool = True, ends: bool = True) -> re.Pattern[str]:
    """Any of the phrases, on word boundaries, longest first; a space matches any spacing; a
    phrase ending with an apostrophe ("avis d'") runs into the next word. Without ``ends``,
    stems run on ("intracom" in "intracommunautaire"); without ``starts`` either, marks glue
    to what comes before ("n°" in "Devisn°")."""
    alternatives = sorted(
        (
            re.escape(w).replace(r"\ ", r"\s*") + ("" if not ends or w.endswith(("'", "’")) else r"(?![\w])")
            for w in words
        ),
        key=len,
        reverse=True,
    )
    # The first letters, looked ahead for: the regex engine then skips to them instead of trying
    # every alternative at every position of a page (several times faster on long alternations).
    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    boundary = r"(?<![\w])" if starts else ""
    return re.compile(rf"(?=[{firsts}]){boundary}(?:" + "|".join(alternatives) + r")", flags)


@cache
def currency_pattern() -> re.Pattern[str]:
    """The currency's signs and names (``Vocabulary.currency``), compiled once, case ignored."""
    return re.compile(vocabulary().currency, re.IGNORECASE)


@cache
def tax_mark_pattern() -> re.Pattern[str]:
    """The tax marks (``Vocabulary.tax_mark``), compiled once."""
    return re.compile(vocabulary().tax_mark)


def looked_ahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern behind a look-ahead for the characters its matches open with, when its shape
    tells them (literals, classes, digits, spaces, through groups, alternatives, repeats and
    zero-width assertions), as ``_phrases`` does for words: the engine then fails at once at
    the other positions instead of trying every alternative (three to four times faster on
    the totals' labels). The matches are the same: the look-ahead only says what they open
    with. Unchanged when the shape does not tell (a pattern that may match nothing, or open
    with any character)."""
    found = _openings(_regex_parser.parse(pattern.pattern, pattern.flags).data)
    if found is None or found[1] or not found[0]:
        return pattern
    try:
        return re.compile("(?=[" + "".join(sorted(found[0])) + "])(?:" + pattern.pattern + ")", pattern.flags)
    except re.error:  # inline flags that must open the pattern
        return pattern


_OPENING_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _openings(items: Any) -> tuple[set[str], bool] | None:
    """What a sequence of parsed regex items may open with (as parts of a character class), and
    whether it may match nothing; None when it may open with anything, or its shape is not
    one ``looked_ahead`` knows."""
    openings: set[str] = set()
    for op, value in items:
        found = _item_openings(str(op), value)
        if found is None:
            return None
        openings |= found[0]
        if not found[1]:
            return openings, False
    return openings, True


def _item_openings(op: str, value: Any) -> tuple[set[str], bool] | None:
    if op == "LITERAL":
        return {re.escape(chr(value))}, False
    if op == "IN":
        parts: set[str] = set()
        for kind, item in value:
            if str(kind) == "LITERAL":
                parts.add(re.escape(chr(item)))
            elif str(kind) == "RANGE":
                parts.add(re.escape(chr(item[0])) + "-" + re.escape(chr(item[1])))
            elif str(kind) == "CATEGORY" and str(item) in _OPENING_CATEGORIES:
                parts.add(_OPENING_CATEGORIES[str(item)])
            else:
                return None  # a negated class, another category
        return parts, False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True  # zero-width: the next item opens the match
    if op == "SUBPATTERN":
        _, added, removed, inner = value
        return None if added or removed else _openings(inner.data)
    if op == "BRANCH":
        parts, empty = set(), False
        for alternative in value[1]:
            found = _openings(alternative.data)
            if found is None:
                return None
            parts |= found[0]
            empty = empty or found[1]
        return parts, empty
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        least, _, inner = value
        found = _openings(inner.data)
        return None if found is None else (found[0], found[1] or least == 0)
    return None


Words = Annotated[list[str], Field(min_length=1)]


class Section(BaseModel):
    """A part of the file: its words (the fields of each kind of part) and their public source."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)


class TableHeader(Section):
    """Labels of a table header's columns, by the role of the column."""

    designation: list[str]
    qty: list[str]
    pu: list[str]
    total: list[str]
    tva: list[str]
    discount: list[str]
    unit: list[str]
    continuation: list[str]  # words of a header's second row ("Prix" / "unitaire", "HT")
    takeoff: list[str]  # a line's take-off columns and their formula note ("Nb", "Long.", "Déduct.")


class UnitWords(Section):
    """Each unit's spellings: the trades' words and abbreviations, and the codes e-invoicing
    programs print for it."""

    spellings: dict[Unit, list[str]]


class UnitLookAlikes(Section):
    """What an engine reads for a unit's short spelling at a low resolution, and those spellings;
    the units such a reading is only where the line's wording names them, and those words."""

    read: dict[str, list[str]]
    named_source: str = Field(min_length=20)
    named: dict[Unit, Words]
    opening: dict[Unit, Words]  # … or the words opening it (« Main d'œuvre électricien »)
    counted: list[Unit]  # the units that count things: a quantity with a fraction is none of them
    twins_source: str = Field(min_length=20)
    twins: list[tuple[str, str]]  # letters a faxed page's engine confuses (« f » and « t »)


class SourcedWords(Section):
    """A list of words with the public source it comes from."""

    words: Words


class DocumentReferences(Section):
    """The words before another document's name and number ("suivant", "Marché :", with a
    determiner: "remplace le"), and after them ("accepté le …")."""

    words: Words
    determiners: Words
    after: Words


class RowMarks(Section):
    """What follows or links the figures of a priced row without being a word of its wording."""

    currency_forms: Words  # the currency glued or dotted ("€ht", "eur.")
    loose_marks: Words  # the euro's "e", HT and TTC: currency marks standing apart from a figure
    operator_words: Words  # "x", "à", "par", "soit"
    times_words: Words  # the operation words that multiply: "x", "à"
    takeoff_labels: Words  # a take-off's letters between its figures ("L 4,20 l 3,10")
    size_units: Words  # a size's unit after its figure: "mm", "cm"
    per_unit_words: Words  # what links a price to its unit: "€/m²", "€ le m²", "€ de l'heure"
    ticks: Words  # a tick opening an ordered row of a price list: "x", "✓", "[x]"
    note_marks: Words  # the signs of a footnote's call or a box after a row's last figure: "¹", "†", "☐"


class TotalsRow(Section):
    """Words that make a row a totals row: "total" opening it or followed by what it totals,
    "montant" followed by a total's qualifier, the sum to pay."""

    opening: Words
    after_opening: Words
    amount: Words
    after_amount: Words
    to_pay: Words


class SectionLabels(Section):
    """Words opening a section's heading: numbered ("Lot n° 2"), followed by a colon ("Pièce :"),
    or alone ("Zone 1")."""

    numbered: Words
    labelled: Words
    loose: Words


class OtherDocuments(Section):
    """Titles of documents that are neither quotes nor invoices, by their French label."""

    titles: dict[str, list[str]] = Field(min_length=1)
    anywhere: Words


class NumberContext(Section):
    """Words before a figure that make it another number than the document's: at the end of
    the words before it, or anywhere on its row before it."""

    ends_with: Words
    anywhere: Words


class QuoteAndInvoice(Section):
    """Words for a quote and for an invoice (their titles, or what names them before their number)."""

    quote: Words
    invoice: Words


class DateWords(Section):
    """Month names, and the words before a date that say whose date it is."""

    months: dict[str, int] = Field(min_length=12)
    other_date_stems: Words  # anywhere in the label, inflected or glued
    other_date_words: Words  # whole words only ("au")
    document_date_ends: Words  # at the end of the label
    signed_at: Words  # "fait" in "fait à Lyon, le"

    @field_validator("months")
    @classmethod
    def _twelve_months(cls, months: dict[str, int]) -> dict[str, int]:
        if set(months.values()) != set(range(1, 13)):
            raise ValueError("chaque mois de 1 à 12, et eux seuls, doit avoir au moins un nom")
        return months


class SiteLabels(Section):
    """Labels of the site's address: anywhere, before a colon, or ending a row."""

    anywhere: Words
    before_colon: Words
    row_end: Words
    same_as_client: Words  # the site is the client's address
    sentence_works: Words  # a sentence naming the works …
    sentence_at: Words  # … then the place at an address ("… les travaux … au 23 rue Pasteur, 75011 Paris")


class TotalsWords(Section):
    """The labels of the totals: the words that open them, the marks HT, TVA, TTC (written
    with or without dots and spaces between their letters), and the payable total."""

    heads: Words
    ttc_heads: Words
    qualifiers: Words
    ht_qualifiers: Words
    ttc: str = Field(min_length=2)
    ttc_words: Words  # the mark TTC written out ("toutes taxes comprises")
    ttc_ocr: list[str]
    ht: str = Field(min_length=2)
    ht_words: Words
    ht_alone: Words
    vat: str = Field(min_length=2)
    vat_total_alone: Words
    to_pay: Words
    sum_to_pay: Words  # the sum to pay said with no total's head, before or after its figure ("à régler")
    no_vat_stems: Words
    vat_noise: Words  # stems of rows where "TVA" labels no amount
    vat_code_legend: Words  # the legend of a per-line VAT code ("Codes TVA : T1 = 10 %"): no amount, no line


class NumberMarks(Section):
    """The marks before a document's number, what a "N° de …" header numbers, and the
    durations after a figure that make it no number."""

    number: Words  # a number on their own ("N° 2025/144")
    beside_title: Words  # only beside the document's name ("Devis réf. 12")
    documents: Words
    durations: Words  # stems ("an" for "an", "ans")


class CompanyIdentifiers(Section):
    """The labels of the seller's establishment number."""

    siret: Words


class PageMentions(Section):
    """What a page prints besides its lines: whole words, stems, and signs (an e-mail's "@")."""

    words: Words
    stems: Words
    signs: Words


class Rooms(Section):
    """Rooms by their display name, and the rooms a number or a qualifier may follow."""

    names: dict[str, list[str]] = Field(min_length=1)
    numbered: dict[str, list[str]]  # display name → qualifiers ("Chambre" → "parentale")


class VocabularyFile(BaseModel):
    """The schema of ``vocabulary.json``: a misspelt key or a unit code that does not exist
    fails at load, not silently at reading."""

    model_config = ConfigDict(extra="forbid")
    about: str
    units: UnitWords
    unit_look_alikes: UnitLookAlikes
    lump_sum_words: Words
    subtotal: Words
    carried: Words
    deposit: Words
    paid: Words
    withheld: SourcedWords
    aid: SourcedWords
    breakdown: SourcedWords
    work_parts: SourcedWords
    discount_works: SourcedWords
    optional: Words
    discount: Words
    prose_openers: Words
    price_connectors: Words
    table_header: TableHeader
    document_titles: QuoteAndInvoice
    title_natures: SourcedWords
    other_documents: OtherDocuments
    seller_legal_line: SourcedWords
    seller_labels: SourcedWords
    customer_cues: SourcedWords
    client_labels: SourcedWords
    quote_words: SourcedWords
    number_context: NumberContext
    document_labels: QuoteAndInvoice
    document_references: DocumentReferences
    dates: DateWords
    site_labels: SiteLabels
    totals: TotalsWords
    totals_row: TotalsRow
    number_marks: NumberMarks
    company_identifiers: CompanyIdentifiers
    footer: SourcedWords
    currency: SourcedWords
    row_marks: RowMarks
    header_labels: SourcedWords
    street_types: SourcedWords
    house_number_suffixes: SourcedWords
    rooms: Rooms
    section_labels: SectionLabels
    page_mentions: PageMentions
    connecting_words: SourcedWords
    note_openers: SourcedWords


def _per_unit(data: dict[str, Any]) -> re.Pattern[str]:
    """A figure's currency, its tax mark and the words that make it a price per unit, up to the
    unit ("28,00 €/m²", "77,42 € le m²", "12,50 € HT / ml", "45,00 € de l'heure")."""

    def longest_first(words: Collection[str]) -> str:
        return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))

    marks = data["row_marks"]
    currency = longest_first([*data["currency"]["words"], *marks["currency_forms"]])
    tax = longest_first([mark for mark in marks["loose_marks"] if len(mark) > 1])
    links = "|".join(
        r"\s*/\s*" if word == "/" else r"\s+" + longest_first([word]) + (r"\s*" if word[-1] in "'’" else r"\s+")
        for word in sorted(marks["per_unit_words"], key=len, reverse=True)
    )
    units = longest_first(
        [spelling for spellings in data["units"]["spellings"].values() for spelling in spellings if " " not in spelling]
    )
    return re.compile(
        rf"(?<=\d)(?P<cur>\s*(?:{currency})(?:\s*(?:{tax}))?)(?:{links})(?=(?:{units})(?![\w²]))", re.IGNORECASE
    )


@cache
def vocabulary() -> Vocabulary:
    data = VocabularyFile.model_validate(json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))).model_dump()
    units = {spelling: Unit(code) for code, spellings in data["units"]["spellings"].items() for spelling in spellings}
    phrases = {code: [s for s in spellings if " " in s] for code, spellings in data["units"]["spellings"].items()}
    return Vocabulary(
        units=units,
        unit_look_alikes={read: [units[s] for s in alike] for read, alike in data["unit_look_alikes"]["read"].items()},
        unit_named_by={Unit(code): _phrases(words) for code, words in data["unit_look_alikes"]["named"].items()},
        unit_opened_by={Unit(code): _phrases(words) for code, words in data["unit_look_alikes"]["opening"].items()},
        counted_units=frozenset(Unit(code) for code in data["unit_look_alikes"]["counted"]),
        unit_letter_twins=str.maketrans({second: first for first, second in data["unit_look_alikes"]["twins"]}),
        unit_phrases=[(_phrases(words, re.IGNORECASE), code) for code, words in phrases.items() if words],
        unit_phrase=_phrases([w for words in phrases.values() for w in words], re.IGNORECASE),
        lump_sum=_phrases(data["lump_sum_words"]),
        subtotal=_phrases(data["subtotal"]),
        carried=_phrases(data["carried"]),
        deposit=_phrases(data["deposit"]),
        paid=_phrases(data["paid"]),
        withheld=_phrases(data["withheld"]["words"]),
        not_a_line_words=_phrases(
            [*data["subtotal"], *data["carried"], *data["deposit"], *data["paid"], *data["withheld"]["words"]]
        ),
        deduction_words=_phrases([*data["deposit"], *data["paid"], *data["withheld"]["words"]]),
        aid=_phrases(data["aid"]["words"]),
        optional=_phrases(data["optional"]),
        breakdown=_phrases(data["breakdown"]["words"]),
        # The part's word alone, or before a colon naming the supply ("Fourniture : Solvina réf. …").
        work_part=re.compile("^(?:" + _phrases(data["work_parts"]["words"]).pattern + r")\s*(?::.*)?$", re.IGNORECASE),
        # A discount word, unless it names a work there (« remise en état »: ``discount_works``).
        discount=re.compile(
            f"(?!{_phrases(data['discount_works']['words']).pattern})(?:{_phrases(data['discount']).pattern})"
        ),
        prose_opener=re.compile(r"^(?:" + "|".join(re.escape(w) for w in data["prose_openers"]) + r")\s+"),
        price_connector=re.compile(
            r"(?:^|(?<=[\s(]))(?:"
            + "|".join(sorted((re.escape(w) for w in data["price_connectors"]), key=len, reverse=True))
            + r")\s*$",
            re.IGNORECASE,
        ),
        connector_words=frozenset(word for word in data["price_connectors"] if " " not in word),
        header_designation=_phrases(data["table_header"]["designation"], re.IGNORECASE),
        header_roles=[
            (role, _phrases(labels, re.IGNORECASE))
            for role, labels in data["table_header"].items()
            if role not in ("source", "designation", "continuation", "takeoff")
        ],
        header_continuation=frozenset(data["table_header"]["continuation"] + data["table_header"]["takeoff"]),
        titles=[
            (DocumentKind.INVOICE, _opening(data["document_titles"]["invoice"])),
            (DocumentKind.QUOTE, _opening(data["document_titles"]["quote"])),
        ],
        title_nature=_phrases(data["title_natures"]["words"], re.IGNORECASE),
        other_titles=[
            (label, _opening(spellings, re.MULTILINE)) for label, spellings in data["other_documents"]["titles"].items()
        ],
        other_title=_opening(
            [spelling for spellings in data["other_documents"]["titles"].values() for spelling in spellings],
            re.MULTILINE,
        ),
        other_anywhere=_phrases(data["other_documents"]["anywhere"], re.IGNORECASE),
        seller_legal_line=_phrases(
            [*data["seller_legal_line"]["words"], *data["seller_labels"]["words"]], re.IGNORECASE
        ),
        seller_label=re.compile(
            r"^\W{0,2}" + _phrases(data["seller_labels"]["words"]).pattern + r"\s*(?::\s*|$)", re.IGNORECASE
        ),
        customer_cue=_phrases(data["customer_cues"]["words"], re.IGNORECASE),
        quote_words=_phrases(data["quote_words"]["words"], re.IGNORECASE),
        client_label=re.compile(_phrases(data["client_labels"]["words"]).pattern + r"\s*:?", re.IGNORECASE),
        not_the_number=re.compile(
            _phrases(data["number_context"]["ends_with"]).pattern
            + r"\W*$|"
            + _phrases(data["number_context"]["anywhere"]).pattern,
            re.IGNORECASE,
        ),
        quote_label=_alternation(data["document_labels"]["quote"]),
        invoice_label=_alternation(data["document_labels"]["invoice"]),
        document_reference=re.compile(
            _phrases(data["document_references"]["words"]).pattern
            + r"(?:\W+"
            + _phrases(data["document_references"]["determiners"]).pattern
            + r")*\W*$",
            re.IGNORECASE,
        ),
        referred_after=_phrases(data["document_references"]["after"], re.IGNORECASE),
        months=data["dates"]["months"],
        month_names=_alternation(data["dates"]["months"]),
        other_date=re.compile(
            _alternation(data["dates"]["other_date_stems"]) + "|" + _phrases(data["dates"]["other_date_words"]).pattern,
            re.IGNORECASE,
        ),
        document_date=re.compile(
            "(?:"
            + _phrases(data["dates"]["document_date_ends"]).pattern
            # "fait à Lyon, le": the place between the word and "le"
            + r"|(?<![\w])(?:"
            + _alternation(data["dates"]["signed_at"])
            + r")\s+[àa]\s+[\w\s'-]+,\s*le\b)\W*$",
            re.IGNORECASE,
        ),
        site_label=_site_label(data["site_labels"]),
        totals_labels=_totals_labels(data["totals"]),
        totals_words=_totals_words(data["totals"]),
        header_words=frozenset(
            word
            for role, labels in data["table_header"].items()
            if role != "source"
            for label in labels
            for word in label.split()
            if len(word) >= 3 and word.isalpha()
        ),
        no_vat=looked_ahead(re.compile(_alternation(data["totals"]["no_vat_stems"]), re.IGNORECASE)),
        totals_screen=_totals_screen(data["totals"]),
        vat_noise=_phrases(
            [*data["totals"]["vat_noise"], *data["totals"]["vat_code_legend"]], re.IGNORECASE, starts=False, ends=False
        ),
        vat_code_legend=_phrases(data["totals"]["vat_code_legend"], re.IGNORECASE),
        tax_marks={
            data["totals"][mark]: total
            for mark, total in (("ht", "total_ht"), ("ttc", "total_ttc"), ("vat", "total_tva"))
        },
        tax_mark_words={
            data["totals"][mark]: re.compile(
                rf"(?<!\w)(?<!\w\.){_initials(data['totals'][mark], spaced=False)}\.?(?!\.?\w)", re.IGNORECASE
            )
            for mark in ("ht", "ttc", "vat")
        },
        tax_mark=r"(?:"
        + "|".join(_initials(data["totals"][mark], spaced=False) for mark in ("ht", "ttc", "vat"))
        + r")(?![a-z])",
        vat_marks=(data["totals"]["vat"], ".".join(data["totals"]["vat"])),
        amount_ends=(
            *data["currency"]["words"],
            *(form for mark in ("ht", "ttc") for form in (data["totals"][mark], ".".join(data["totals"][mark]))),
        ),
        header_screen=_screen(
            label.split()[0] for role in ("qty", "pu", "total") for label in data["table_header"][role]
        ),
        quote_title=_phrases(data["document_titles"]["quote"], re.IGNORECASE),
        same_as_client=_phrases(data["site_labels"]["same_as_client"], re.IGNORECASE),
        number_mark=_phrases(data["number_marks"]["number"], starts=False, ends=False).pattern,
        title_number_mark=_phrases(
            data["number_marks"]["number"] + data["number_marks"]["beside_title"], starts=False, ends=False
        ).pattern,
        number_documents=_alternation(data["number_marks"]["documents"]),
        durations=_alternation(data["number_marks"]["durations"]),
        siret_label=r"(?<![\w])(?:"
        + "|".join(_initials(word, spaced=True, dotted=False) for word in data["company_identifiers"]["siret"])
        + r")(?![\w])",
        siret=_phrases(data["company_identifiers"]["siret"], re.IGNORECASE),
        footer=_phrases(data["footer"]["words"], re.IGNORECASE),
        # Names as whole words ("EURL" is no euro), signs as they come ("450€HT").
        currency="|".join(
            sorted(
                (re.escape(w) + (r"(?![\w])" if w[-1].isalnum() else "") for w in data["currency"]["words"]),
                key=len,
                reverse=True,
            )
        ),
        currency_tokens=frozenset(
            (*data["currency"]["words"], *data["row_marks"]["currency_forms"], *data["row_marks"]["loose_marks"])
        ),
        loose_marks=frozenset(data["row_marks"]["loose_marks"]),
        operator_words=frozenset(data["row_marks"]["operator_words"]),
        times_words=frozenset(data["row_marks"]["times_words"]),
        takeoff_labels=frozenset(data["row_marks"]["takeoff_labels"]),
        size_units=frozenset(data["row_marks"]["size_units"]),
        # Followed by a letter, never by a figure: "x 3" multiplies.
        tick=re.compile(rf"^(\s*)(?:{_alternation(data['row_marks']['ticks'])})(?=\s+[^\W\d_])", re.IGNORECASE),
        note_marks=frozenset(data["row_marks"]["note_marks"]),
        per_unit=_per_unit(data),
        unit_label_opening=re.compile(
            "^(?:"
            + "|".join(
                re.escape(word) + (r"\s*" if word[-1] in "'’" else r"\s+")
                for word in sorted(data["row_marks"]["per_unit_words"], key=len, reverse=True)
                if word != "/"
            )
            + ")",
            re.IGNORECASE,
        ),
        totals_row=_totals_row(data),
        section_index=re.compile(
            rf"^\s*(?:{_SECTION_NUMBER}|{_lot(data)}|(?:{_alternation(data['section_labels']['labelled'])})\s*:"
            rf"|(?:{_alternation(data['section_labels']['loose'])})\s*:?)[.)\-:]?\s+\S",
            re.IGNORECASE,
        ),
        section_numbered=re.compile(rf"^\s*{_lot(data)}\b", re.IGNORECASE),
        section_index_prefix=re.compile(rf"^\s*(?:{_SECTION_NUMBER}|{_lot(data)})[.)\-:]?\s+", re.IGNORECASE),
        name_skip=re.compile(
            "^"
            + _phrases(
                data["header_labels"]["words"] + data["document_labels"]["quote"] + data["document_labels"]["invoice"]
            ).pattern,
            re.IGNORECASE,
        ),
        street_type=_phrases(data["street_types"]["words"], re.IGNORECASE),
        street_number=re.compile(rf"\s*{_house_number(data)}[\s,]+", re.IGNORECASE),
        site_sentence=_site_sentence(data["site_labels"], data["street_types"]["words"], _house_number(data)),
        connecting_word=_phrases(data["connecting_words"]["words"]).pattern,
        note_opener=re.compile(rf"^(?:{_phrases(data['note_openers']['words']).pattern})", re.IGNORECASE),
        unit_links=frozenset(
            part.replace("’", "'")
            for word in (*data["connecting_words"]["words"], *data["row_marks"]["per_unit_words"])
            for part in re.findall(r"[\w]+['’]?", word.lower())
        ),
        page_mention=looked_ahead(
            re.compile(
                "|".join(
                    (
                        _phrases(data["page_mentions"]["words"]).pattern,
                        _phrases(data["page_mentions"]["stems"], ends=False).pattern,
                        _phrases(data["page_mentions"]["signs"], starts=False, ends=False).pattern,
                    )
                )
            )
        ),
        rooms=_rooms(data["rooms"]),
        room_names=[(name, name in data["rooms"]["numbered"]) for name in data["rooms"]["names"]],
        bare_total=_bare_total(data["totals"]),
        sum_to_pay=_phrases(data["totals"]["sum_to_pay"], re.IGNORECASE),
    )


def _rooms(rooms: dict[str, Any]) -> re.Pattern[str]:
    """One pattern of every room's spellings, a group per room in the file's order; a
    numbered room's group "q<i>" holds its number or qualifier ("Chambre n° 2", "Chambre parentale")."""
    groups: list[str] = []
    # The start of a word and the spellings' first letters, checked once (as in ``_phrases``)
    # before the groups: the engine would otherwise try every room at every position of a text.
    firsts = "".join(sorted({re.escape(w[0]) for spellings in rooms["names"].values() for w in spellings if w}))
    for index, (name, spellings) in enumerate(rooms["names"].items()):
        suffix = ""
        if name in rooms["numbered"]:
            qualifiers = _alternation(rooms["numbered"][name])
            suffix = rf"(?P<q{index}>\s+(?:n°\s*)?\d{{1,2}}|\s+(?:{qualifiers}))?"
        groups.append(rf"(?P<r{index}>(?<![\w-])(?:{_alternation(spellings)}){suffix}(?![\w]))")
    return re.compile(rf"(?<![\w-])(?=[{firsts}])(?:" + "|".join(groups) + ")", re.IGNORECASE)


def _totals_screen(words: dict[str, Any]) -> tuple[str, ...]:
    """Words one of which every totals label holds: the heads' and the payable total's first
    words, the first word of "hors taxes", "taxes", and the marks with or without their dots."""
    firsts = (
        phrase.split()[0]
        for key in ("heads", "ttc_heads", "to_pay", "ht_words", "ht_alone", "vat_total_alone")
        for phrase in words[key]
    )
    marks = (form for mark in ("ht", "ttc", "vat") for form in (words[mark], ".".join(words[mark])))
    return _screen((*firsts, *marks))


def _screen(words: Iterable[str]) -> tuple[str, ...]:
    """The fewest words one of which is in every text holding one of ``words`` (a word that
    holds another is left out): a row is screened with them on every row of every page."""
    unique = list(dict.fromkeys(words))
    return tuple(w for w in unique if not any(other != w and other in w for other in unique))


def _initials(mark: str, spaced: bool = True, dotted: bool = True) -> str:
    """A mark written with or without a dot (and a space) after each letter: "TTC", "T.T.C.", "t t c";
    without ``dotted``, a word whose letters OCR may set apart ("S I R E T")."""
    if not dotted:
        return r"\s?".join(re.escape(letter) for letter in mark)
    if not spaced:
        return r"\.?".join(re.escape(letter) for letter in mark)
    return r"\.?\s?".join(re.escape(letter) for letter in mark) + r"\.?"


def _totals_labels(words: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """The totals' label shapes: a head ("Total", "Montant"), its qualifiers ("général", "net"),
    then the mark; the order of the list is the order of matching (TTC before HT before TVA)."""
    heads = _alternation(words["heads"])
    qualified = r"(?:" + heads + r")\s*(?:(?:" + _alternation(words["qualifiers"]) + r")\s*)*"
    ttc = _initials(words["ttc"])
    vat = _initials(words["vat"], spaced=False)
    shapes = {
        "ttc": (
            r"(?:" + heads + "|" + _alternation(words["ttc_heads"]) + r")\s*(?:(?:"
            + _alternation(words["qualifiers"]) + r")\s*)*" + ttc
            + r"|\b" + _initials(words["ttc"], spaced=False) + r"\b"
            + r"|(?:" + qualified + r")?\b(?:" + _alternation(words["ttc_words"]) + r")\b"
            + (r"|" + qualified + r"(?:" + _alternation(words["ttc_ocr"]) + r")\b" if words["ttc_ocr"] else "")
        ),
        "net": _alternation(words["to_pay"]),
        "ht": (
            qualified + r"(?:(?:" + _alternation(words["ht_qualifiers"]) + r")\s*)?(?:"
            + _initials(words["ht"]) + "|" + _alternation(words["ht_words"]) + r"\w*)(?![a-z])"
            + r"|\b(?:" + _alternation(words["ht_alone"]) + r")\b(?!\s*[àa])"
            # A head, a few words saying what is totalled, then the mark: "Total travaux réalisés HT".
            + r"|(?:" + heads + r")(?:\s+(?!" + ttc + "|" + vat + r")[^\W\d_][\w'’]*\.?){1,3}\s+"
            + _initials(words["ht"]) + r"(?![a-z])"
        ),
        "tva_total": (
            r"(?:" + heads + r")\s*(?:de\s+la\s+)?" + vat + r"(?![a-z])"
            + r"|\b(?:" + _alternation(words["vat_total_alone"]) + r")\b"
        ),
        "tva": r"\b" + vat + r"(?![a-z])",  # "TVA10%" glued
    }  # fmt: skip
    return [(name, looked_ahead(re.compile(shape, re.IGNORECASE))) for name, shape in shapes.items()]


def _totals_words(words: dict[str, Any]) -> frozenset[str]:
    """The words of the totals' labels (heads, qualifiers, marks, to-pay phrases), three letters
    or more: what an OCR'd label is read back to when a letter of it slipped."""
    keys = ("heads", "ttc_heads", "qualifiers", "ht_qualifiers", "ttc", "ttc_words", "ht", "ht_words", "vat", "to_pay")
    return frozenset(
        word
        for key in keys
        for phrase in ([words[key]] if isinstance(words[key], str) else words[key])
        for word in phrase.split()
        if len(word) >= 3 and word.isalpha()
    )


def _bare_total(words: dict[str, Any]) -> re.Pattern[str]:
    """Heads and qualifiers alone, then a colon, a figure or nothing: the total of a seller
    outside VAT, who prints neither HT nor TTC ("Total : 1 180,00 €", "Montant total")."""
    head = _alternation([*words["heads"], *words["to_pay"]])
    return re.compile(
        r"^\W*(?:" + head + r")(?:\s+(?:" + head + "|" + _alternation(words["qualifiers"]) + r"))*\s*(?::|(?=\d)|$)",
        re.IGNORECASE,
    )


def _site_label(labels: dict[str, Any]) -> re.Pattern[str]:
    """A label of the site's address: anywhere in a row, before a colon, ending the row, or alone
    in its cell, a grid's (« CHANTIER  |  Total TTC »). The cell opening the row is the last
    alternative, apart: its spaces would otherwise let the look-ahead for the labels' first
    letters through at every space of a row (the matches are the same, in half the time)."""
    alone = _phrases(labels["row_end"]).pattern
    inside = (
        _phrases(labels["anywhere"]).pattern
        + "|"
        + _phrases(labels["before_colon"]).pattern
        + r"\s*:|"
        + alone
        + r"\s*$|(?<=\s\s\s)(?:"
        + alone
        + r")\s*(?=\s{3,})"
    )
    opening = r"^\s*(?:" + alone + r")\s*(?=\s{3,})"
    return re.compile(
        looked_ahead(re.compile(inside.replace("'", "['’]\\s*"), re.IGNORECASE)).pattern
        + "|"
        + opening.replace("'", "['’]\\s*"),
        re.IGNORECASE,
    )


def _totals_row(data: dict[str, Any]) -> re.Pattern[str]:
    """ "total" opens a totals row, or names what it totals ("total HT", "total général"); inside
    a designation ("ponçage total des boiseries") it is an ordinary word. A label naming the HT
    alone ("Somme des montants nets des lignes") is one too."""
    row, marks = data["totals_row"], data["totals"]
    ht, ttc, vat = marks["ht"], marks["ttc"], marks["vat"]
    opening, amount = _alternation(row["opening"]), _alternation(row["amount"])
    tight = (_initials(ht, spaced=False), _initials(ttc, spaced=False))
    anywhere = re.compile(
        rf"\b(?:{opening})\s+(?:{_initials(ht)}|{_initials(ttc)}|{_initials(vat, spaced=False)}"
        rf"|{_alternation(row['after_opening'])})"
        rf"|(?:{_alternation(row['to_pay'])})|\b(?:{_alternation(marks['ht_alone'])})\b"
        rf"|(?:{amount})\s+(?:{_alternation(row['after_amount'])}|{tight[0]}|{tight[1]})"
        rf"|\b{tight[1]}\b"
    )
    # The labels that may stand anywhere in the row behind a look-ahead for their first letters
    # (``looked_ahead``): the engine fails at once at most positions instead of trying each
    # label (twice as fast on a document's rows; the matches are the same).
    return re.compile(
        rf"^\W*(?:{opening})(?:\b|(?={tight[0]}\b|{re.escape(ttc)}\b|{re.escape(vat)}\b))"
        rf"|{looked_ahead(anywhere).pattern}"
    )


_SECTION_NUMBER = r"\d{1,2}(?:\.\d{1,2})?|[IVX]{1,4}"  # "2", "2.1", "IV"


def _lot(data: dict[str, Any]) -> str:
    """A numbered section: "Lot n° 3", "lot 3"."""
    return rf"(?:{_alternation(data['section_labels']['numbered'])})\s*n?°?\s*\d+"


def _house_number(data: dict[str, Any]) -> str:
    """A street's number, its repetition suffix after it or not ("23", "12 bis")."""
    return rf"\d{{1,4}}(?:\s*(?:{_alternation(data['house_number_suffixes']['words'])}))?"


def _site_sentence(site: dict[str, Any], streets: list[str], house_number: str) -> re.Pattern[str]:
    """A word naming the works, then in the same sentence (no stop before a capital: « art. 3 »
    runs on) a street's number and type, placed by a word (« Le présent marché a pour objet les
    travaux décrits à l'article 3, au 23 rue Pasteur ») or by a comma, a dash or a colon (« Objet :
    remise en état des locaux, 24 rue Pasteur »); not right after the word (« Santoni Travaux
    40 allée … »: a firm's name over its own address). The postal code follows."""
    return re.compile(
        r"(?<![\w])(?:" + _alternation(site["sentence_works"]) + r")(?![\w])"
        + r"(?:[^.;!?\n]|[.](?!\s+[A-ZÀ-Ý]))*?"
        + r"(?:(?<![\w'’])(?:" + _alternation(site["sentence_at"]) + r")\s+|[,–—:]\s*)"
        + house_number + r",?\s+"
        + r"(?:" + _alternation(streets) + r")(?![\w])",
        re.IGNORECASE,
    )  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    """The words as a regex alternation, longest first (a space matches any spacing)."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _opening(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """Any of the phrases opening the text (or, with ``re.MULTILINE``, a row), after marks."""
    return re.compile(r"^\W*" + _phrases(words).pattern, re.IGNORECASE | flags)
