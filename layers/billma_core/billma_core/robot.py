"""The robot's pipeline for one uploaded document: read → duplicate check → evaluate → signals
→ decide.

Pure logic: storage, DynamoDB and the event plumbing stay with the caller, which hands in the
bytes and a :class:`DuplicateRegistry` (DynamoDB conditional puts in the cloud, a dict offline).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Protocol

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.decision import ordered_flags
from billma_core.judging import judge_quote
from billma_core.models import (
    Cover,
    DocumentReading,
    Evaluation,
    Flag,
    MediaType,
    MotifCode,
    Outcome,
    Quote,
    Signal,
)
from billma_core.reading import read_document
from billma_core.settings import Settings, get_settings
from billma_core.signals import ClaimContext, apply_signals
from billma_core.signals.altered import altered_document
from billma_core.signals.dates import dated_before_loss
from billma_core.signals.reused import InMemoryQuoteSightings, Sighting, quote_identity, quote_keys, reused_quote

Reader = Callable[[bytes, Settings], DocumentReading]

# What the reader may say about a document that is not a readable quote in a supported format.
REJECTION_FLAGS = frozenset({Flag.UNREADABLE, Flag.ENCRYPTED, Flag.NOT_A_QUOTE, Flag.UNSUPPORTED_TYPE, Flag.TOO_LARGE})
REJECTION_REASONS: dict[Flag, str] = {
    Flag.UNSUPPORTED_TYPE: "Type de fichier non pris en charge (PDF, JPEG ou PNG attendu).",
    Flag.TOO_LARGE: "Document trop volumineux (taille, nombre de pages ou résolution).",
    Flag.ENCRYPTED: "PDF protégé par un mot de passe : impossible de le lire.",
    Flag.UNREADABLE: "Document illisible (fichier tronqué ou endommagé).",
    Flag.NOT_A_QUOTE: "Ce document n'est pas un devis.",
}


class DuplicateRegistry(Protocol):
    """First-come claims on a document's fingerprint; the loser of a race is the duplicate.
    Also where each quote was seen (``reused_quote``)."""

    def claim_hash(self, sha256: str, dossier_id: str) -> str | None:
        """Claim these bytes for ``dossier_id``; the first dossier's id if another one has them."""
        ...

    def claim_content(self, key: str, dossier_id: str) -> str | None:
        """Claim a quote's content key (SIRET + number + total TTC) likewise."""
        ...

    def sight_quote(self, keys: list[str], sighting: Sighting) -> list[Sighting]:
        """Record that a dossier holds a quote; the other dossiers holding it."""
        ...


class InMemoryDuplicateRegistry(InMemoryQuoteSightings):
    """The registry of one process (the CLI, tests): same contract as the DynamoDB one."""

    def __init__(self) -> None:
        super().__init__()
        self._claims: dict[str, str] = {}
        self._lock = threading.Lock()

    def _claim(self, key: str, dossier_id: str) -> str | None:
        with self._lock:
            first = self._claims.setdefault(key, dossier_id)
        # Re-claiming by the same dossier (a replayed event, a re-upload) is not a duplicate.
        return None if first == dossier_id else first

    def claim_hash(self, sha256: str, dossier_id: str) -> str | None:
        return self._claim(f"HASH#{sha256}", dossier_id)

    def claim_content(self, key: str, dossier_id: str) -> str | None:
        return self._claim(f"CONTENT#{key}", dossier_id)


def content_key(quote: Quote) -> str | None:
    """SIRET + quote number + total TTC, or ``None`` when one of them is missing.

    >>> from billma_core.models import Contractor
    >>> content_key(Quote(contractor=Contractor(siret="732 829 320 00074"), number="D-12", total_ttc=1000))
    '73282932000074|D12|1000.00'
    """
    identity = quote_identity(quote)
    if identity is None or quote.total_ttc is None:
        return None
    return f"{identity[0]}|{identity[1]}|{quote.total_ttc:.2f}"


def default_reader(data: bytes, settings: Settings) -> DocumentReading:
    """The reader with the OCR engine the settings choose."""
    return read_document(data, settings)


def evaluate_document(
    data: bytes,
    *,
    cover: Cover,
    postal_code: str | None,
    registry: DuplicateRegistry,
    dossier_id: str,
    settings: Settings | None = None,
    bareme: Bareme | None = None,
    reader: Reader | None = None,
    claim: ClaimContext | None = None,
) -> Evaluation:
    """Read a document's bytes and decide on it (never raises for a bad document)."""
    settings = settings or get_settings()
    reading = (reader or default_reader)(data, settings)
    altered = altered_document(data) if reading.media_type is MediaType.PDF else None
    return evaluate_reading(
        reading,
        cover=cover,
        postal_code=postal_code,
        registry=registry,
        dossier_id=dossier_id,
        settings=settings,
        bareme=bareme,
        claim=claim,
        document_signals=[altered] if altered else [],
    )


def evaluate_reading(
    reading: DocumentReading,
    *,
    cover: Cover,
    postal_code: str | None,
    registry: DuplicateRegistry,
    dossier_id: str,
    settings: Settings | None = None,
    bareme: Bareme | None = None,
    claim: ClaimContext | None = None,
    document_signals: Iterable[Signal] = (),
) -> Evaluation:
    """Decide on a document the reader has already read. With the dossier's ``claim``, the
    claim's signals too (reused quote, dated before the loss); ``document_signals`` are the
    ones found in the bytes (altered document)."""
    settings = settings or get_settings()
    bareme = bareme or load_bareme()
    kept: list[Flag] = [flag for flag in reading.flags if flag is not Flag.DUPLICATE]
    found = [*document_signals, *claim_signals(reading, claim, registry)]

    first = registry.claim_hash(reading.sha256, dossier_id)
    if first is not None:
        evaluation = _duplicate(reading, first, "Fichier identique (même empreinte SHA-256)", kept)
        evaluation.quote = reading.quote
        return apply_signals(evaluation, found)

    rejected = [flag for flag in kept if flag in REJECTION_FLAGS]
    if rejected:
        return Evaluation(
            sha256=reading.sha256,
            media_type=reading.media_type,
            outcome=Outcome.DOCUMENT_REJECTED,
            flags=ordered_flags(kept),
            reason=reading.reason or REJECTION_REASONS[ordered_flags(rejected)[0]],
            bareme_version=bareme.version,
            suggested_motif=MotifCode.DUPLICATE_OR_WRONG_DOCUMENT,
        )
    quote = reading.quote
    if quote is None:
        # Read but not parsed (no OCR engine, nothing recognisable): a person looks at it.
        unparsed = Evaluation(
            sha256=reading.sha256,
            media_type=reading.media_type,
            outcome=Outcome.NEEDS_REVIEW,
            flags=ordered_flags(kept),
            reason=reading.reason or "Document lu mais aucun devis n'a pu en être extrait : vérification manuelle.",
            bareme_version=bareme.version,
        )
        return apply_signals(unparsed, found)

    key = content_key(quote)
    if key is not None:
        first = registry.claim_content(key, dossier_id)
        if first is not None:
            evaluation = _duplicate(reading, first, "Même devis (SIRET, numéro et total TTC)", kept)
            evaluation.quote = quote
            return apply_signals(evaluation, found)

    return judge_quote(
        quote,
        cover=cover,
        bareme=bareme,
        settings=settings,
        postal_code=postal_code,
        sha256=reading.sha256,
        media_type=reading.media_type,
        reading_flags=kept,
        reading_reason=reading.reason,
        signals=found,
    )


def claim_signals(reading: DocumentReading, claim: ClaimContext | None, registry: DuplicateRegistry) -> list[Signal]:
    """The signals that need the dossier's claim: the quote seen on another claim, a document
    dated before the loss. Records where this quote was seen."""
    if claim is None:
        return []
    found: list[Signal] = []
    keys = quote_keys(reading.quote, reading.sha256)
    if keys:
        sighting = Sighting(
            dossier_id=claim.dossier_id, claim_reference=claim.claim_reference, policyholder=claim.policyholder
        )
        reused = reused_quote(claim, registry.sight_quote(keys, sighting))
        if reused is not None:
            found.append(reused)
    if reading.quote is not None:
        dated = dated_before_loss(reading.quote, claim.date_of_loss)
        if dated is not None:
            found.append(dated)
    return found


def _duplicate(reading: DocumentReading, first: str, what: str, kept: list[Flag]) -> Evaluation:
    informative = [flag for flag in kept if flag is Flag.OCR]
    return Evaluation(
        sha256=reading.sha256,
        media_type=reading.media_type,
        outcome=Outcome.DUPLICATE,
        flags=ordered_flags([*informative, Flag.DUPLICATE]),
        reason=f"{what} que le dossier {first}.",
        duplicate_of=first,
        suggested_motif=MotifCode.DUPLICATE_OR_WRONG_DOCUMENT,
    )
