"""The reader's words (``vocabulary.json``): unit spellings, rows that are not lines (subtotals,
carried totals, deposits, payments made), optional and discount words, the document's title,
the titles of other documents, the seller's legal line, the customer's cues and labels, and
what names a number that is not the document's. Data, not code: a new spelling is a line in
the JSON, never a new pattern. The lists about parties and titles carry their public source."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from billma_core.models import DocumentKind, Unit

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.json")


_MAX_HEADER_WORDS = 8


@dataclass(frozen=True, slots=True)
class Vocabulary:
    units: dict[str, Unit]  # spelling (lower-case) → unit
    lump_sum: re.Pattern[str]
    subtotal: re.Pattern[str]
    carried: re.Pattern[str]
    deposit: re.Pattern[str]
    paid: re.Pattern[str]
    optional: re.Pattern[str]
    discount: re.Pattern[str]
    prose_opener: re.Pattern[str]
    price_connector: re.Pattern[str]  # at the end of a wording cut before its price
    connector_words: frozenset[str]  # the one-word connectors ("le", "l'unité", "soit")
    header_designation: re.Pattern[str]
    header_roles: list[tuple[str, re.Pattern[str]]]  # column role → its labels, in matching order
    header_continuation: frozenset[str]
    titles: list[tuple[DocumentKind, re.Pattern[str]]]  # the document's own title, at a cell's start
    other_titles: list[tuple[str, re.Pattern[str]]]  # French label ("un constat") → its title at a row's start
    other_anywhere: re.Pattern[str]  # other documents named anywhere in the page's head ("constat amiable")
    seller_legal_line: re.Pattern[str]
    customer_cue: re.Pattern[str]
    client_label: re.Pattern[str]  # with the colon after it
    not_the_number: re.Pattern[str]  # the words before a figure that make it another number
    quote_label: str  # alternation of the words that name a quote ("devis", "offre de prix")
    quote_words: re.Pattern[str]  # anywhere in a document, the words that make it a quote
    invoice_label: str  # … an invoice
    months: dict[str, int]  # month name or abbreviation (lower-case) → month number
    month_names: str  # their alternation, longest first
    other_date: re.Pattern[str]  # the words before a date that make it another date (the loss, validity)
    document_date: re.Pattern[str]  # the words before a date that make it the document's
    site_label: re.Pattern[str]  # the label of the site's address
    totals_labels: list[tuple[str, re.Pattern[str]]]  # "ttc", "net", "ht", "tva_total", "tva", matched in order
    no_vat: re.Pattern[str]  # the mention of a seller outside VAT
    bare_total: re.Pattern[str]  # a total without HT or TTC opening a cell ("Total", "Montant total :")

    @property
    def vat_mark(self) -> re.Pattern[str]:
        """The VAT mark of a totals row ("TVA", "T.V.A")."""
        return next(pattern for name, pattern in self.totals_labels if name == "tva")

    def title(self, cell: str) -> DocumentKind | None:
        """The kind a cell opening with the document's title names ("FACTURE N° …" → invoice)."""
        return next((kind for kind, pattern in self.titles if pattern.match(cell)), None)

    def other_document(self, head: str) -> tuple[bool, str | None]:
        """Whether the head of a page (its first rows) titles another kind of document, and what
        it calls itself in French ("un constat"), when one of its rows opens with the title."""
        for label, pattern in self.other_titles:
            if pattern.search(head):
                return True, label
        return self.other_anywhere.search(head) is not None, None

    def header_words_only(self, key: str) -> bool:
        """A row made of table-header words only (``key``: squeezed lower-case): the second
        row of a header whose labels wrap."""
        words = key.split()
        if not words or len(words) > _MAX_HEADER_WORDS or any(ch.isdigit() for ch in key):
            return False  # most rows: figures in them, or too long to be labels
        return all(
            word in self.header_continuation
            or self.header_designation.fullmatch(word)
            or any(pattern.fullmatch(word) for _, pattern in self.header_roles)
            for word in words
        )

    def not_a_line(self, key: str) -> bool:
        """A subtotal, a carried total, a deposit or a payment already made (``key``: the
        squeezed lower-case row)."""
        return any(p.search(key) for p in (self.subtotal, self.carried, self.deposit, self.paid))


def _phrases(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """Any of the phrases, on word boundaries, longest first; a space matches any spacing; a
    phrase ending with an apostrophe ("avis d'") runs into the next word."""
    alternatives = sorted(
        (re.escape(w).replace(r"\ ", r"\s*") + ("" if w.endswith(("'", "’")) else r"(?![\w])") for w in words),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")", flags)


class TableHeader(BaseModel):
    """Labels of a table header's columns, by the role of the column."""

    model_config = ConfigDict(extra="forbid")
    designation: list[str]
    qty: list[str]
    pu: list[str]
    total: list[str]
    tva: list[str]
    discount: list[str]
    unit: list[str]
    continuation: list[str]  # words of a header's second row ("Prix" / "unitaire", "HT")


class SourcedWords(BaseModel):
    """A list of words with the public source it comes from."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    words: list[str] = Field(min_length=1)


class DocumentTitles(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    quote: list[str] = Field(min_length=1)
    invoice: list[str] = Field(min_length=1)


class OtherDocuments(BaseModel):
    """Titles of documents that are neither quotes nor invoices, by their French label."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    titles: dict[str, list[str]] = Field(min_length=1)
    anywhere: list[str] = Field(min_length=1)


class NumberContext(BaseModel):
    """Words before a figure that make it another number than the document's: at the end of
    the words before it, or anywhere on its row before it."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    ends_with: list[str] = Field(min_length=1)
    anywhere: list[str] = Field(min_length=1)


class DocumentLabels(BaseModel):
    """The words that name a quote and an invoice before their number."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    quote: list[str] = Field(min_length=1)
    invoice: list[str] = Field(min_length=1)


class DateWords(BaseModel):
    """Month names, and the words before a date that say whose date it is."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    months: dict[str, int] = Field(min_length=12)
    other_date_stems: list[str] = Field(min_length=1)  # anywhere in the label, inflected or glued
    other_date_words: list[str] = Field(min_length=1)  # whole words only ("au")
    document_date_ends: list[str] = Field(min_length=1)  # at the end of the label
    signed_at: list[str] = Field(min_length=1)  # "fait" in "fait à Lyon, le"

    @field_validator("months")
    @classmethod
    def _twelve_months(cls, months: dict[str, int]) -> dict[str, int]:
        if set(months.values()) != set(range(1, 13)):
            raise ValueError("chaque mois de 1 à 12, et eux seuls, doit avoir au moins un nom")
        return months


class SiteLabels(BaseModel):
    """Labels of the site's address: anywhere, before a colon, or ending a row."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    anywhere: list[str] = Field(min_length=1)
    before_colon: list[str] = Field(min_length=1)
    row_end: list[str] = Field(min_length=1)


class TotalsWords(BaseModel):
    """The labels of the totals: the words that open them, the marks HT, TVA, TTC (written
    with or without dots and spaces between their letters), and the payable total."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=20)
    heads: list[str] = Field(min_length=1)
    ttc_heads: list[str] = Field(min_length=1)
    qualifiers: list[str] = Field(min_length=1)
    ht_qualifiers: list[str] = Field(min_length=1)
    ttc: str = Field(min_length=2)
    ttc_ocr: list[str]
    ht: str = Field(min_length=2)
    ht_words: list[str] = Field(min_length=1)
    ht_alone: list[str] = Field(min_length=1)
    vat: str = Field(min_length=2)
    vat_total_alone: list[str] = Field(min_length=1)
    to_pay: list[str] = Field(min_length=1)
    no_vat_stems: list[str] = Field(min_length=1)


class VocabularyFile(BaseModel):
    """The schema of ``vocabulary.json``: a misspelt key or a unit code that does not exist
    fails at load, not silently at reading."""

    model_config = ConfigDict(extra="forbid")
    about: str
    units: dict[Unit, list[str]]
    lump_sum_words: list[str] = Field(min_length=1)
    subtotal: list[str] = Field(min_length=1)
    carried: list[str] = Field(min_length=1)
    deposit: list[str] = Field(min_length=1)
    paid: list[str] = Field(min_length=1)
    optional: list[str] = Field(min_length=1)
    discount: list[str] = Field(min_length=1)
    prose_openers: list[str] = Field(min_length=1)
    price_connectors: list[str] = Field(min_length=1)
    table_header: TableHeader
    document_titles: DocumentTitles
    other_documents: OtherDocuments
    seller_legal_line: SourcedWords
    customer_cues: SourcedWords
    client_labels: SourcedWords
    quote_words: SourcedWords
    number_context: NumberContext
    document_labels: DocumentLabels
    dates: DateWords
    site_labels: SiteLabels
    totals: TotalsWords


@cache
def vocabulary() -> Vocabulary:
    data = VocabularyFile.model_validate(json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))).model_dump()
    units = {spelling: Unit(code) for code, spellings in data["units"].items() for spelling in spellings}
    return Vocabulary(
        units=units,
        lump_sum=_phrases(data["lump_sum_words"]),
        subtotal=_phrases(data["subtotal"]),
        carried=_phrases(data["carried"]),
        deposit=_phrases(data["deposit"]),
        paid=_phrases(data["paid"]),
        optional=_phrases(data["optional"]),
        discount=_phrases(data["discount"]),
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
            if role not in ("designation", "continuation")
        ],
        header_continuation=frozenset(data["table_header"]["continuation"]),
        titles=[
            (DocumentKind.INVOICE, _opening(data["document_titles"]["invoice"])),
            (DocumentKind.QUOTE, _opening(data["document_titles"]["quote"])),
        ],
        other_titles=[
            (label, _opening(spellings, re.MULTILINE)) for label, spellings in data["other_documents"]["titles"].items()
        ],
        other_anywhere=_phrases(data["other_documents"]["anywhere"], re.IGNORECASE),
        seller_legal_line=_phrases(data["seller_legal_line"]["words"], re.IGNORECASE),
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
        site_label=re.compile(
            (
                _phrases(data["site_labels"]["anywhere"]).pattern
                + "|"
                + _phrases(data["site_labels"]["before_colon"]).pattern
                + r"\s*:|"
                + _phrases(data["site_labels"]["row_end"]).pattern
                + r"\s*$"
            ).replace("'", "['’]\\s*"),
            re.IGNORECASE,
        ),
        totals_labels=_totals_labels(data["totals"]),
        no_vat=re.compile(_alternation(data["totals"]["no_vat_stems"]), re.IGNORECASE),
        bare_total=_bare_total(data["totals"]),
    )


def _initials(mark: str, spaced: bool = True) -> str:
    """A mark written with or without a dot (and a space) after each letter: "TTC", "T.T.C.", "t t c"."""
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
            + (r"|" + qualified + r"(?:" + _alternation(words["ttc_ocr"]) + r")\b" if words["ttc_ocr"] else "")
        ),
        "net": _alternation(words["to_pay"]),
        "ht": (
            qualified + r"(?:(?:" + _alternation(words["ht_qualifiers"]) + r")\s*)?(?:"
            + _initials(words["ht"]) + "|" + _alternation(words["ht_words"]) + r"\w*)(?![a-z])"
            + r"|\b(?:" + _alternation(words["ht_alone"]) + r")\b(?!\s*[àa])"
        ),
        "tva_total": (
            r"(?:" + heads + r")\s*(?:de\s+la\s+)?" + vat + r"(?![a-z])"
            + r"|\b(?:" + _alternation(words["vat_total_alone"]) + r")\b"
        ),
        "tva": r"\b" + vat + r"(?![a-z])",  # "TVA10%" glued
    }  # fmt: skip
    return [(name, re.compile(shape, re.IGNORECASE)) for name, shape in shapes.items()]


def _bare_total(words: dict[str, Any]) -> re.Pattern[str]:
    """Heads and qualifiers alone, then a colon, a figure or nothing: the total of a seller
    outside VAT, who prints neither HT nor TTC ("Total : 1 180,00 €", "Montant total")."""
    head = _alternation([*words["heads"], *words["to_pay"]])
    return re.compile(
        r"^\W*(?:" + head + r")(?:\s+(?:" + head + "|" + _alternation(words["qualifiers"]) + r"))*\s*(?::|(?=\d)|$)",
        re.IGNORECASE,
    )


def _alternation(words: Iterable[str]) -> str:
    """The words as a regex alternation, longest first (a space matches any spacing)."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _opening(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """Any of the phrases opening the text (or, with ``re.MULTILINE``, a row), after marks."""
    return re.compile(r"^\W*" + _phrases(words).pattern, re.IGNORECASE | flags)
