"""The domain in pydantic models: the quote the robot reads, its evaluation, the dossier and
what reviewers add to it. Amounts are ``Money`` (Decimal, two places, half-up); dates ISO 8601."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from billma_core.geo import is_postal_code
from billma_core.money import Money, net_price


class LazyModel(BaseModel):
    """A model whose validator and serializer pydantic builds at its first use, not at import:
    a function imports every model of the domain but a request uses a few. Cold start of
    review_api, import + first request, is shorter for it (``bench/bench_cold_start.py
    --first-request``, docs/benchmarks.md); a model left on ``BaseModel`` that holds these
    models builds theirs at import again."""

    model_config = ConfigDict(defer_build=True)


def utc_now() -> datetime:
    return datetime.now(UTC)


def note_after(before: str | None, note: str) -> str:
    """A reading note said after those already said (a line's ``reading_note``, a quote's ``totals_note``)."""
    return f"{before} {note}" if before else note


class Cover(StrEnum):
    """Garantie of the claim."""

    DEGATS_DES_EAUX = "DEGATS_DES_EAUX"
    BRIS_DE_GLACE = "BRIS_DE_GLACE"
    INCENDIE = "INCENDIE"
    TEMPETE_GRELE_NEIGE = "TEMPETE_GRELE_NEIGE"
    VOL_VANDALISME = "VOL_VANDALISME"
    CATASTROPHE_NATURELLE = "CATASTROPHE_NATURELLE"
    DOMMAGES_ELECTRIQUES = "DOMMAGES_ELECTRIQUES"
    AUTRE = "AUTRE"


class DossierState(StrEnum):
    AWAITING_DOCUMENT = "AWAITING_DOCUMENT"
    ANALYSING = "ANALYSING"
    TO_REVIEW = "TO_REVIEW"
    IN_REVIEW = "IN_REVIEW"
    REN_PROPOSED = "REN_PROPOSED"
    CLOSED = "CLOSED"


class Outcome(StrEnum):
    AUTO_VALIDATED = "auto_validated"
    NEEDS_REVIEW = "needs_review"
    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    DOCUMENT_REJECTED = "document_rejected"


class Flag(StrEnum):
    OVERPRICED = "overpriced"
    NO_MEASUREMENTS = "no_measurements"
    NOT_COVERED = "not_covered"
    ARITHMETIC_ERROR = "arithmetic_error"
    INVALID_SIRET = "invalid_siret"
    AMOUNT_OUT_OF_RANGE = "amount_out_of_range"
    DUPLICATE = "duplicate"
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    NOT_A_QUOTE = "not_a_quote"
    UNSUPPORTED_TYPE = "unsupported_type"
    TOO_LARGE = "too_large"
    UNMATCHED_LINE = "unmatched_line"
    OCR = "ocr"
    ROBOT_ERROR = "robot_error"
    FACTURX_MISMATCH = "facturx_mismatch"
    ALTERED_DOCUMENT = "altered_document"
    REUSED_QUOTE = "reused_quote"
    DATED_BEFORE_LOSS = "dated_before_loss"
    SUSPICIOUS_AMOUNTS = "suspicious_amounts"


def ordered_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Unique flags in the vocabulary's order (stable output for people and tests)."""
    present = set(flags)
    return [flag for flag in Flag if flag in present]


class Verdict(StrEnum):
    OK = "OK"
    OVERPRICED = "OVERPRICED"
    NOT_COVERED = "NOT_COVERED"
    UNMEASURED = "UNMEASURED"
    UNMATCHED = "UNMATCHED"


# The flag a line's verdict raises on the whole quote.
VERDICT_FLAGS: dict[Verdict, Flag] = {
    Verdict.OVERPRICED: Flag.OVERPRICED,
    Verdict.NOT_COVERED: Flag.NOT_COVERED,
    Verdict.UNMEASURED: Flag.NO_MEASUREMENTS,
    Verdict.UNMATCHED: Flag.UNMATCHED_LINE,
}


class Unit(StrEnum):
    M2 = "m2"
    ML = "ml"
    U = "u"
    FORFAIT = "forfait"
    ENS = "ens"
    H = "h"
    DAY = "j"


class DocumentKind(StrEnum):
    """What the insurer's form accepts: "Facture ou devis"; both are read and judged alike."""

    QUOTE = "quote"
    INVOICE = "invoice"


class MediaType(StrEnum):
    PDF = "application/pdf"
    JPEG = "image/jpeg"
    PNG = "image/png"


class MotifCode(StrEnum):
    AUTO_VALIDATED = "AUTO_VALIDATED"
    UNREACHABLE_MISSING_INFO = "UNREACHABLE_MISSING_INFO"
    GAP_UNDER_200 = "GAP_UNDER_200"
    FALSE_ALERT = "FALSE_ALERT"
    INDEMNITY_REVISED = "INDEMNITY_REVISED"
    COVER_REFUSED = "COVER_REFUSED"
    REN_ACCEPTED = "REN_ACCEPTED"
    DUPLICATE_OR_WRONG_DOCUMENT = "DUPLICATE_OR_WRONG_DOCUMENT"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"


class Role(StrEnum):
    PORTAL = "portal"
    REVIEWER = "reviewer"
    INSURER = "insurer"


class Principal(LazyModel):
    """Who calls: the subject and groups an API Gateway Cognito authorizer presents."""

    model_config = ConfigDict(frozen=True)

    subject: str
    roles: frozenset[Role]
    insurer_code: str | None = None


# ---------------------------------------------------------------------------- the quote


class Contractor(LazyModel):
    name: str | None = None
    siret: str | None = None
    siret_valid: bool = False
    vat_number: str | None = None
    siret_note: str | None = None  # French: how the reader mended a SIRET digit OCR misread


class QuoteLine(LazyModel):
    designation: str
    quantity: Decimal
    unit: Unit | None = None
    unit_price_ht: Money
    total_ht: Money
    tva_rate: Decimal | None = None
    room: str | None = None
    reading_note: str | None = None  # French: how the reader mended a figure it misread (OCR)
    discount_rate: Decimal | None = None  # the line's own discount in percent ("Rem. 15 %"), like tva_rate
    section: str | None = None  # the heading the line is printed under, as printed ("Lot 3 – Peinture")
    price_in_words: Money | None = None  # its unit price or total as the document also writes it in words
    # The document prices the line TTC: its HT figures are derived from the printed TTC ones
    # (``money.price_before_vat``), each within half a cent.
    priced_ttc: bool = False
    # Read on an OCR page, the unit's spelling is also another unit's with what the engine loses
    # (« m » is the metre and the « m² » whose exponent faded): the judge decides among ``unit``
    # and these by the barème's item for the wording. Left out of the JSON when empty.
    unit_alternatives: list[Unit] = Field(default_factory=list, exclude_if=lambda units: not units)
    # The row's figures multiply out only as the reader mended one of them (an OCR slip): less sure
    # to be a line than a row that closes as printed (a ticket's times « 11:13 12:05 … » mended into
    # quantity × price = amount), so the total HT may leave it out. The reading's, never in the JSON.
    figures_mended: bool = Field(default=False, exclude=True)
    # Its VAT rate is a bare percentage of the row, under no VAT column, named VAT by no word of the
    # row and used by none of its equations (a wear rate « Vét. 20 % » prints so too): the VAT rate
    # only where the document's totals confirm it (``parse._confirmed_line_rates``). The reading's.
    rate_unconfirmed: bool = Field(default=False, exclude=True)

    @property
    def net_unit_price_ht(self) -> Decimal:
        """The unit price the line is charged at: the printed one less the line's discount."""
        return net_price(self.unit_price_ht, self.discount_rate)


class Quote(LazyModel):
    kind: DocumentKind = DocumentKind.QUOTE
    contractor: Contractor = Field(default_factory=Contractor)
    number: str | None = None
    date: dt.date | None = None
    site_postal_code: str | None = None
    lines: list[QuoteLine] = Field(default_factory=list)
    total_ht: Money | None = None
    total_tva: Money | None = None
    total_ttc: Money | None = None
    total_in_words: Money | None = None  # the sum a sentence states in words ("Arrêté … à la somme de …")
    totals_note: str | None = None  # French: a total mended from the two others, rows the total HT leaves out


class DocumentReading(LazyModel):
    """What the reader made of a document's bytes: a quote, or flags and a reason why not."""

    sha256: str
    size: int
    media_type: MediaType | None = None
    pages: int = 0
    quote: Quote | None = None
    flags: list[Flag] = Field(default_factory=list)
    reason: str | None = None


# ---------------------------------------------------------------------- the evaluation


class BaremeCandidate(LazyModel):
    """One barème item a line could be, as the matcher ranks it (priced for the site)."""

    bareme_code: str
    label: str
    unit: Unit | None = None
    reference_unit_price_ht: Money
    ceiling_unit_price_ht: Money
    confidence: float = 0.0


class LineEvaluation(LazyModel):
    """The robot's judgement of one quote line, with how the reference price was derived."""

    line: int
    bareme_code: str | None = None
    bareme_label: str | None = None
    confidence: float = 0.0
    # The matched item is worth a reviewer's confirmation (a confidence the judge calls doubtful):
    # the page offers the candidates for it, as for an unmatched line, without a threshold of its own.
    match_to_confirm: bool = False
    verdict: Verdict
    reference_unit_price_ht: Money | None = None
    # The line's unit price the judge set against the reference: the printed one less the line's
    # own discount (``QuoteLine.net_unit_price_ht``). None when the price was not judged per unit
    # of the line (judged on its total, or not priced): the page shows this, never recomputes it.
    judged_unit_price_ht: Money | None = None
    coefficient: Decimal | None = None
    reference_total_ht: Money | None = None
    revised_total_ht: Money
    why: str
    candidates: list[BaremeCandidate] = Field(default_factory=list)


class Signal(LazyModel):
    """A fraud or tampering signal (``billma_core.signals``): the flag it raises, why in French,
    and what was seen (JSON values), with the other dossier when the signal points at one."""

    flag: Flag
    reason: str
    evidence: dict[str, Any] = Field(default_factory=dict)
    linked_dossier_id: str | None = None


class Evaluation(LazyModel):
    """The robot's decision on one document."""

    sha256: str
    media_type: MediaType | None = None
    outcome: Outcome
    flags: list[Flag] = Field(default_factory=list)
    reason: str | None = None
    quote: Quote | None = None
    lines: list[LineEvaluation] = Field(default_factory=list)
    bareme_version: str | None = None
    revised_total_ht: Money | None = None
    revised_total_ttc: Money | None = None
    gap_ttc: Money | None = None
    ren_eligible: bool = False
    duplicate_of: str | None = None
    suggested_motif: MotifCode | None = None
    evaluated_at: datetime = Field(default_factory=utc_now)
    signals: list[Signal] = Field(default_factory=list)


# ------------------------------------------------------------------------- the dossier

_PHONE = re.compile(r"^(?:0[1-9]\d{8}|\+33[1-9]\d{8}|000000000)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UNKNOWN_PHONE = "000000000"
UNKNOWN_EMAIL = "inconnu"


def _phone(value: str) -> str:
    compact = re.sub(r"[\s.\-()]", "", value)
    if not _PHONE.match(compact):
        raise ValueError("numéro de téléphone français attendu (10 chiffres, ou +33), ou 000000000 s'il est inconnu")
    return compact


def _email(value: str | None) -> str | None:
    if value is None or value.strip().lower() == UNKNOWN_EMAIL:
        return UNKNOWN_EMAIL if value is not None else None
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError("adresse e-mail invalide (ou « inconnu » si elle n'est pas connue)")
    return value


def _postal_code(value: str | None) -> str | None:
    if value is not None and not is_postal_code(value):
        raise ValueError("code postal à 5 chiffres attendu")
    return value


FrenchPhone = Annotated[str, AfterValidator(_phone)]
OptionalEmail = Annotated[str | None, AfterValidator(_email)]
PostalCode = Annotated[str, AfterValidator(_postal_code)]


class DossierForm(LazyModel):
    """The upload form the claims handler fills (POST /dossiers)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    claim_reference: str = Field(min_length=1, max_length=64)
    date_of_loss: dt.date
    deductible: Money = Field(ge=0)
    cover: Cover
    policyholder_phone: FrenchPhone
    policyholder_email: OptionalEmail = None
    site_postal_code: PostalCode | None = None
    insurer_code: str = Field(default="AZ", min_length=1, max_length=16)

    @field_validator("date_of_loss")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > utc_now().date():
            raise ValueError("la date de survenance ne peut pas être dans le futur")
        return value


class DocumentRecord(LazyModel):
    doc_id: str
    s3_key: str
    sha256: str
    size: int
    media_type: MediaType | None = None
    received_at: datetime


class LineAction(StrEnum):
    ACCEPT = "ACCEPT"
    SET = "SET"
    EXCLUDE = "EXCLUDE"


class ExclusionReason(StrEnum):
    NOT_COVERED = "NOT_COVERED"
    UNRELATED_TO_CLAIM = "UNRELATED_TO_CLAIM"
    FRAUD = "FRAUD"
    OVERVALUED = "OVERVALUED"


class LineDecision(LazyModel):
    model_config = ConfigDict(extra="forbid")

    line: int = Field(ge=0)
    action: LineAction
    quantity: Decimal | None = Field(default=None, ge=0)
    unit_price_ht: Money | None = Field(default=None, ge=0)
    reason: ExclusionReason | None = None
    comment: str | None = Field(default=None, max_length=2000)


class RevisedLine(LazyModel):
    line: int
    action: LineAction
    quantity: Decimal
    unit_price_ht: Money
    revised_total_ht: Money
    reason: ExclusionReason | None = None
    comment: str | None = None


class Revision(LazyModel):
    number: int
    by: str
    at: datetime
    lines: list[RevisedLine]
    comment: str | None = None
    revised_total_ht: Money
    revised_total_ttc: Money
    gap_ttc: Money
    ren_eligible: bool
    reasons: list[ExclusionReason] = Field(default_factory=list)
    # Made on a reading since corrected: its lines no longer match the quote; redo it.
    stale: bool = False


class RenDecision(StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"


class RenEvent(LazyModel):
    decision: RenDecision
    by: str
    at: datetime
    opening: dict[str, object] | None = None


class Settlement(LazyModel):
    settled_by: str | None
    basis: str
    amount: Money | None
    deductible: Money
    indemnity: Money | None


class Closure(LazyModel):
    motif: MotifCode
    label: str
    reason: str | None = None
    comment: str | None = None
    revised_by: str
    closed_by: str
    closed_at: datetime
    settlement: Settlement
    ren_opening: dict[str, object] | None = None


class CorrectedLine(LazyModel):
    """One line of the quote as a reviewer reads it (PUT /dossiers/{id}/reading)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # The line of the current reading this one corrects (None: a line the robot missed); two
    # lines with the same source split it, a source line no one names is deleted.
    source_line: int | None = None
    designation: str
    quantity: Decimal
    unit: Unit | None = None
    unit_price_ht: Money
    tva_rate: Decimal | None = None
    discount_rate: Decimal | None = None  # the line's own discount in percent, as QuoteLine's
    # The barème item the reviewer chose: the line is judged against it as is.
    bareme_code: str | None = None


class PrintedTotals(LazyModel):
    """The quote's totals as printed on the document."""

    model_config = ConfigDict(extra="forbid")

    total_ht: Money | None = None
    total_tva: Money | None = None
    total_ttc: Money | None = None


class ReadingCorrection(LazyModel):
    """The reviewer's reading of the quote, judged again at once (the robot's stays beside it)."""

    number: int
    by: str
    at: datetime
    lines: list[CorrectedLine]
    totals: PrintedTotals
    comment: str | None = None


class QualityCheck(LazyModel):
    """An automatic validation drawn for a reviewer's second look ("À contrôler")."""

    sampled_at: datetime
    agree: bool | None = None
    comment: str | None = None
    by: str | None = None
    at: datetime | None = None


class Dismissal(LazyModel):
    """A robot finding a reviewer overruled, on one line or the whole dossier, and why."""

    flag: Flag
    line: int | None = None
    reason: str
    by: str
    at: datetime


class Dossier(LazyModel):
    """One BillMA case: one claim reference and one quote (the ``META`` item)."""

    dossier_id: str
    state: DossierState
    version: int = 0
    form: DossierForm
    created_by: str
    created_at: datetime
    updated_at: datetime
    waiting_since: datetime
    upload_key: str | None = None
    document: DocumentRecord | None = None
    evaluation: Evaluation | None = None
    assigned_to: str | None = None
    revision: Revision | None = None
    ren: list[RenEvent] = Field(default_factory=list)
    closure: Closure | None = None
    # The robot's own evaluation, kept when a reviewer corrects the reading (``evaluation`` is
    # then the judgement of the corrected reading).
    robot_evaluation: Evaluation | None = None
    reading: ReadingCorrection | None = None
    quality_check: QualityCheck | None = None
    dismissals: list[Dismissal] = Field(default_factory=list)


class AuditEvent(LazyModel):
    dossier_id: str
    at: datetime
    by: str
    action: str
    before: dict[str, object] | None = None
    after: dict[str, object] | None = None
