"""The robot, top to bottom: one uploaded document becomes one decision, in the design's order.

    bytes → sha256 (once) → duplicate claim → sniff → read → judge → decide → one transaction

:class:`Robot` walks that path for an upload (``Robot.process_upload``); :func:`evaluate_document`
is the part from the bytes to the decision, which the offline CLI runs as well. Storage reaches
the robot through small interfaces (``billma_core.ports``, :class:`DuplicateRegistry`): no boto3.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from aws_lambda_powertools import Logger

from billma_core.bareme import Bareme, load_bareme
from billma_core.judging import judge_quote
from billma_core.models import (
    Cover,
    DocumentReading,
    DocumentRecord,
    Dossier,
    DossierState,
    Evaluation,
    Flag,
    MediaType,
    MotifCode,
    Outcome,
    Quote,
    Signal,
    ordered_flags,
    utc_now,
)
from billma_core.ports import Companion, Documents, Dossiers
from billma_core.reading import read_document
from billma_core.reading.sniff import sniff
from billma_core.review import ROBOT, close, quality
from billma_core.settings import Settings, get_settings
from billma_core.signals import ClaimContext, apply_signals
from billma_core.signals.altered import altered_document
from billma_core.signals.dates import dated_before_loss
from billma_core.signals.reused import InMemoryQuoteSightings, Sighting, quote_identity, quote_keys, reused_quote
from billma_core.storage import dossier_id_of

logger = Logger(child=True)

# A reader gets the bytes, the settings and the bytes' sha256 (computed once, by the robot).
Reader = Callable[[bytes, Settings, str], DocumentReading]

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


def default_reader(data: bytes, settings: Settings, sha256: str) -> DocumentReading:
    """The reader with the OCR engine the settings choose."""
    return read_document(data, settings, sha256=sha256)


ROBOT_ERROR_REASON = (
    "Le robot n'a pas pu traiter ce document après plusieurs tentatives : il est transmis tel quel à un Billmateur."
)


@dataclass(frozen=True)
class Robot:
    """The robot of one deployment: its storage, its barème, its settings."""

    dossiers: Dossiers
    documents: Documents
    registry: DuplicateRegistry
    bareme: Bareme
    settings: Settings
    reader: Reader = field(default=default_reader)
    clock: Callable[[], datetime] = utc_now

    def process_upload(self, key: str) -> Dossier | None:
        """One uploaded object, start to end. Safe to run twice on the same event: an evaluated
        upload is left as it is (the first write wins, optimistic locking)."""
        dossier = self._current_upload(key)
        if dossier is None or _evaluated(dossier, key):
            return dossier
        stored = self.documents.read(key)  # the bytes
        sha256 = fingerprint(stored.data)  # their sha256, once
        dossier = self._record_document(dossier, key, sha256, stored.size)  # ANALYSING
        evaluation = evaluate_document(  # duplicate claim → sniff → read → judge → decide
            stored.data,
            sha256=sha256,
            cover=dossier.form.cover,
            postal_code=dossier.form.site_postal_code,
            registry=self.registry,
            dossier_id=dossier.dossier_id,
            settings=self.settings,
            bareme=self.bareme,
            reader=self.reader,
            claim=ClaimContext.of(dossier),
        )
        return self._store_evaluation(dossier, evaluation)  # one transaction

    def give_up(self, key: str) -> Dossier | None:
        """After the dead-letter queue: the dossier goes to review with ``robot_error``, never
        stays in ANALYSING (nothing is lost: the document is still in storage)."""
        dossier = self._current_upload(key)
        if dossier is None or _evaluated(dossier, key) or dossier.state is DossierState.CLOSED:
            return dossier
        moment = self.clock()
        if dossier.document is None or dossier.document.s3_key != key:
            record = DocumentRecord(doc_id=key.rsplit("/", 1)[-1], s3_key=key, sha256="", size=0, received_at=moment)
            dossier = dossier.model_copy(update={"document": record})
        evaluation = Evaluation(
            sha256=dossier.document.sha256 if dossier.document else "",
            outcome=Outcome.NEEDS_REVIEW,
            flags=[Flag.ROBOT_ERROR],
            reason=ROBOT_ERROR_REASON,
            evaluated_at=moment,
        )
        return self._store_evaluation(dossier, evaluation)

    def _current_upload(self, key: str) -> Dossier | None:
        """The dossier this object is the current upload of; None for a foreign or superseded
        key (a newer upload replaced it), which the robot then ignores."""
        dossier_id = dossier_id_of(key)
        if dossier_id is None:
            logger.warning("objet hors du préfixe des dépôts ignoré", extra={"key": key})
            return None
        dossier = self.dossiers.get(dossier_id)
        if dossier.upload_key != key:
            logger.info("dépôt remplacé depuis, ignoré", extra={"dossier_id": dossier_id})
            return None
        return dossier

    def _record_document(self, dossier: Dossier, key: str, sha256: str, size: int) -> Dossier:
        if dossier.document is not None and dossier.document.s3_key == key:
            return dossier  # recorded by an earlier attempt that stopped before its evaluation
        record = DocumentRecord(
            doc_id=key.rsplit("/", 1)[-1], s3_key=key, sha256=sha256, size=size, received_at=self.clock()
        )
        analysing = dossier.model_copy(update={"state": DossierState.ANALYSING, "document": record, "evaluation": None})
        return self.dossiers.save(
            dossier, analysing, by=ROBOT, action="document_recu", companions=[Companion(f"DOC#{record.doc_id}", record)]
        )

    def _store_evaluation(self, dossier: Dossier, evaluation: Evaluation) -> Dossier:
        """The evaluation and the state it leads to (closed when auto-validated), in one write."""
        at = self.clock()
        document = dossier.document
        assert document is not None  # recorded before any evaluation
        document = document.model_copy(update={"media_type": evaluation.media_type})
        evaluated = dossier.model_copy(update={"evaluation": evaluation, "document": document})
        if evaluation.outcome is Outcome.AUTO_VALIDATED:
            closure = close(evaluated, MotifCode.AUTO_VALIDATED, None, None, ROBOT, at, self.settings)
            evaluated = evaluated.model_copy(update={"state": DossierState.CLOSED, "closure": closure})
            evaluated = evaluated.model_copy(update={"quality_check": quality.draw(evaluated, self.settings, at)})
        else:
            evaluated = evaluated.model_copy(update={"state": DossierState.TO_REVIEW})
        return self.dossiers.save(
            dossier,
            evaluated,
            by=ROBOT,
            action=f"robot_{evaluation.outcome.value}",
            companions=[Companion(f"EVAL#{document.doc_id}", evaluation)],
        )


def _evaluated(dossier: Dossier, key: str) -> bool:
    return dossier.evaluation is not None and dossier.document is not None and dossier.document.s3_key == key


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
    sha256: str | None = None,
) -> Evaluation:
    """A document's bytes to a decision (never raises for a bad document): the fingerprint is
    claimed before anything is read, so the same bytes twice cost one reading."""
    settings = settings or get_settings()
    sha256 = sha256 or fingerprint(data)
    first = registry.claim_hash(sha256, dossier_id)
    if first is not None:
        duplicate = _duplicate(sha256, sniff(data), first, "Fichier identique (même empreinte SHA-256)", [])
        return apply_signals(duplicate, claim_signals(None, sha256, claim, registry))
    reading = (reader or default_reader)(data, settings, sha256)
    # A rejected document gets no signal: its bytes are not looked at again.
    readable = reading.media_type is MediaType.PDF and not REJECTION_FLAGS.intersection(reading.flags)
    altered = altered_document(data) if readable else None
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


def fingerprint(data: bytes) -> str:
    """The document's sha256, the key of every duplicate check."""
    return hashlib.sha256(data).hexdigest()


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
    found = [*document_signals, *claim_signals(reading.quote, reading.sha256, claim, registry)]

    quote = reading.quote
    if quote is None or any(flag in REJECTION_FLAGS for flag in kept):
        return _not_a_quote(reading, kept, found, bareme)
    duplicate = _same_quote(reading, quote, kept, found, registry, dossier_id)
    if duplicate is not None:
        return duplicate
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


def _not_a_quote(reading: DocumentReading, kept: list[Flag], found: list[Signal], bareme: Bareme) -> Evaluation:
    """A document rejected by the reader, or read but with no quote in it."""
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


def _same_quote(
    reading: DocumentReading,
    quote: Quote,
    kept: list[Flag],
    found: list[Signal],
    registry: DuplicateRegistry,
    dossier_id: str,
) -> Evaluation | None:
    """A duplicate when another dossier already claimed the same quote (SIRET, number, TTC)."""
    key = content_key(quote)
    first = registry.claim_content(key, dossier_id) if key is not None else None
    if first is None:
        return None
    evaluation = _duplicate(reading.sha256, reading.media_type, first, "Même devis (SIRET, numéro et total TTC)", kept)
    evaluation.quote = quote
    return apply_signals(evaluation, found)


def claim_signals(
    quote: Quote | None, sha256: str, claim: ClaimContext | None, registry: DuplicateRegistry
) -> list[Signal]:
    """The signals that need the dossier's claim: the quote seen on another claim, a document
    dated before the loss. Records where this quote was seen."""
    if claim is None:
        return []
    found: list[Signal] = []
    keys = quote_keys(quote, sha256)
    if keys:
        sighting = Sighting(
            dossier_id=claim.dossier_id,
            claim_reference=claim.claim_reference,
            policyholder=claim.policyholder,
            insurer_code=claim.insurer_code,
        )
        reused = reused_quote(claim, registry.sight_quote(keys, sighting))
        if reused is not None:
            found.append(reused)
    if quote is not None:
        dated = dated_before_loss(quote, claim.date_of_loss)
        if dated is not None:
            found.append(dated)
    return found


def _duplicate(sha256: str, media_type: MediaType | None, first: str, what: str, kept: list[Flag]) -> Evaluation:
    informative = [flag for flag in kept if flag is Flag.OCR]
    return Evaluation(
        sha256=sha256,
        media_type=media_type,
        outcome=Outcome.DUPLICATE,
        flags=ordered_flags([*informative, Flag.DUPLICATE]),
        reason=f"{what} que le dossier {first}.",
        duplicate_of=first,
        suggested_motif=MotifCode.DUPLICATE_OR_WRONG_DOCUMENT,
    )
