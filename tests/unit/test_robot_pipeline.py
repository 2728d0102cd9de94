"""The robot pipeline: read → duplicate check → evaluate, with readings from the corpus ground
truth (no reader needed) and the in-memory duplicate registry."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from billma_core.bareme import Bareme, load_bareme
from billma_core.evaluation.groundtruth import quote_from_ground_truth
from billma_core.models import Cover, DocumentReading, Evaluation, Flag, MediaType, MotifCode, Outcome
from billma_core.robot import (
    DuplicateRegistry,
    InMemoryDuplicateRegistry,
    content_key,
    evaluate_document,
    evaluate_reading,
)
from billma_core.settings import Settings

CORPUS = Path(os.environ.get("BILLMA_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
DDE = Cover.DEGATS_DES_EAUX
SETTINGS = Settings()


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _manifest() -> list[dict[str, Any]]:
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip(f"corpus absent ({CORPUS})")
    documents = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return sorted(documents, key=lambda d: d["upload_order"])


def reading_from_truth(entry: dict[str, Any]) -> DocumentReading:
    """What a perfect reader returns for a corpus document."""
    truth = json.loads((CORPUS / entry["ground_truth"]).read_text(encoding="utf-8"))
    flags = {"corrupt": [Flag.UNREADABLE], "encrypted": [Flag.ENCRYPTED], "not_devis": [Flag.NOT_A_QUOTE]}
    return DocumentReading(
        sha256=entry["sha256"],
        size=entry["bytes"],
        media_type=MediaType.PDF,
        pages=truth.get("pages") or 0,
        quote=quote_from_ground_truth(truth),
        flags=flags.get(truth["kind"], []),
        reason=truth.get("note"),
    )


def run(reading: DocumentReading, registry: DuplicateRegistry, dossier: str, bareme: Bareme) -> Evaluation:
    return evaluate_reading(
        reading, cover=DDE, postal_code=None, registry=registry, dossier_id=dossier, settings=SETTINGS, bareme=bareme
    )


# --------------------------------------------------------------------------- registry


def test_in_memory_registry_first_claim_wins() -> None:
    registry = InMemoryDuplicateRegistry()
    assert registry.claim_hash("abc", "D1") is None
    assert registry.claim_hash("abc", "D1") is None  # the same dossier again: a replay
    assert registry.claim_hash("abc", "D2") == "D1"
    assert registry.claim_content("abc", "D2") is None  # hash and content keys do not mix
    assert registry.claim_content("abc", "D3") == "D2"


def test_in_memory_registry_satisfies_the_protocol() -> None:
    registry: DuplicateRegistry = InMemoryDuplicateRegistry()
    assert registry.claim_hash("x", "D") is None


def test_content_key_needs_siret_number_and_total(bareme: Bareme) -> None:
    entry = _manifest()[0]
    quote = reading_from_truth(entry).quote
    assert quote is not None
    key = content_key(quote)
    assert key == f"{quote.contractor.siret}|DEV20250736|{quote.total_ttc:.2f}"
    respelt = quote.model_copy(update={"number": " dev 2025/0736 "})
    assert content_key(respelt) == key
    assert content_key(quote.model_copy(update={"number": None})) is None
    assert content_key(quote.model_copy(update={"total_ttc": None})) is None


# --------------------------------------------------------------------------- decisions


def test_corpus_in_upload_order_gives_every_expected_outcome_and_flag(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    dossier_of: dict[str, str] = {}
    for entry in _manifest():
        truth = json.loads((CORPUS / entry["ground_truth"]).read_text(encoding="utf-8"))
        dossier = f"D{entry['upload_order']:02d}"
        dossier_of[entry["file"]] = dossier
        evaluation = run(reading_from_truth(entry), registry, dossier, bareme)
        expected = truth["expected"]
        flags = {flag.value for flag in evaluation.flags}
        assert evaluation.outcome.value == expected["outcome"], entry["file"]
        assert set(expected["flags"]) <= flags <= set(expected["flags"]) | set(expected.get("optional_flags") or [])
        if truth.get("duplicate_of"):
            assert evaluation.duplicate_of == dossier_of[truth["duplicate_of"]]
            assert evaluation.suggested_motif is MotifCode.DUPLICATE_OR_WRONG_DOCUMENT
        if expected["outcome"] == "document_rejected":
            assert evaluation.reason
            assert evaluation.suggested_motif is MotifCode.DUPLICATE_OR_WRONG_DOCUMENT


def test_replaying_the_same_upload_is_not_a_duplicate(bareme: Bareme) -> None:
    registry = InMemoryDuplicateRegistry()
    reading = reading_from_truth(_manifest()[0])
    first = run(reading, registry, "D1", bareme)
    again = run(reading, registry, "D1", bareme)
    assert first.outcome is again.outcome is Outcome.AUTO_VALIDATED
    other = run(reading, registry, "D2", bareme)
    assert other.outcome is Outcome.DUPLICATE and other.duplicate_of == "D1"
    assert other.flags == [Flag.DUPLICATE] and other.quote is not None


def test_rejected_reading_keeps_its_flags_and_reason(bareme: Bareme) -> None:
    reading = DocumentReading(sha256="f" * 64, size=3, flags=[Flag.UNSUPPORTED_TYPE], reason=None)
    evaluation = run(reading, InMemoryDuplicateRegistry(), "D1", bareme)
    assert evaluation.outcome is Outcome.DOCUMENT_REJECTED
    assert evaluation.flags == [Flag.UNSUPPORTED_TYPE]
    assert evaluation.reason and "PDF, JPEG ou PNG" in evaluation.reason
    not_a_quote = DocumentReading(sha256="e" * 64, size=3, flags=[Flag.NOT_A_QUOTE], reason="Photo")
    assert run(not_a_quote, InMemoryDuplicateRegistry(), "D1", bareme).reason == "Photo"


def test_reading_without_quote_goes_to_review(bareme: Bareme) -> None:
    reading = DocumentReading(sha256="d" * 64, size=3, flags=[Flag.OCR], reason="Aucun moteur OCR")
    evaluation = run(reading, InMemoryDuplicateRegistry(), "D1", bareme)
    assert evaluation.outcome is Outcome.NEEDS_REVIEW
    assert evaluation.flags == [Flag.OCR] and evaluation.reason == "Aucun moteur OCR"


def test_evaluate_document_reads_with_the_given_reader(bareme: Bareme) -> None:
    entry = _manifest()[3]
    seen: list[bytes] = []

    def reader(data: bytes, settings: Settings, sha256: str) -> DocumentReading:
        seen.append(data)
        return reading_from_truth(entry)

    evaluation = evaluate_document(
        b"%PDF-1.7 test",
        cover=DDE,
        postal_code="59000",
        registry=InMemoryDuplicateRegistry(),
        dossier_id="D1",
        settings=SETTINGS,
        bareme=bareme,
        reader=reader,
    )
    assert seen == [b"%PDF-1.7 test"]
    assert evaluation.outcome is Outcome.NEEDS_REVIEW and Flag.OVERPRICED in evaluation.flags
    assert evaluation.sha256 == entry["sha256"]


def test_evaluate_document_with_the_real_reader_rejects_garbage(bareme: Bareme) -> None:
    evaluation = evaluate_document(
        b"not a document at all",
        cover=DDE,
        postal_code=None,
        registry=InMemoryDuplicateRegistry(),
        dossier_id="D1",
        settings=SETTINGS,
        bareme=bareme,
    )
    assert evaluation.outcome is Outcome.DOCUMENT_REJECTED
    assert evaluation.flags == [Flag.UNSUPPORTED_TYPE]
