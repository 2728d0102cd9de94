"""Bytes → ``DocumentReading``: sniff, limits, text (pypdf or OCR), parse, checks.

Never raises: every failure becomes flags and a French reason, so the document always reaches
a person when the robot cannot handle it.
"""

from __future__ import annotations

import hashlib
import logging
from decimal import Decimal

from billma_core.checks import check_quote, lines_sum
from billma_core.models import DocumentReading, Flag, MediaType
from billma_core.reading.facturx import disagreements, mismatch_reason, read_facturx
from billma_core.reading.images import check_image, clean_page, prepare_for_ocr, turned
from billma_core.reading.ocr import OcrEngine, OcrError, get_ocr_engine
from billma_core.reading.parse import parse_quote
from billma_core.reading.pdf import (
    SCAN_WITH_STAMP_CHARS,
    ReadFailure,
    extract_pages,
    has_page_sized_image,
    open_pdf,
    page_count,
    page_has_images,
    render_page_png,
    scan_dpi,
)
from billma_core.reading.sniff import sniff
from billma_core.settings import Settings, get_settings

logger = logging.getLogger(__name__)

NOT_A_QUOTE_REASON = "Le document ne ressemble pas à un devis (photo, attestation, constat…)"


def read_document(
    data: bytes, settings: Settings | None = None, ocr: OcrEngine | None = None, *, sha256: str | None = None
) -> DocumentReading:
    """Read an uploaded document.

    >>> reading = read_document(b"hello")
    >>> reading.flags, reading.reason
    ([<Flag.UNSUPPORTED_TYPE: 'unsupported_type'>], 'Type de document non pris en charge : PDF, JPEG ou PNG attendu')
    """
    sha256 = sha256 or hashlib.sha256(data).hexdigest()  # the robot hands in the one it computed
    reading = DocumentReading(sha256=sha256, size=len(data))
    try:
        _read(data, reading, settings or get_settings(), ocr)
    except ReadFailure as failure:
        reading.quote = None
        reading.flags = [failure.flag]
        reading.reason = failure.reason
    except Exception as exc:  # the robot's own bug: keep the document, hand it to a person
        logger.exception("reading failed for %s", sha256)
        reading.quote = None
        reading.flags = [Flag.ROBOT_ERROR]
        reading.reason = f"Erreur du robot pendant la lecture ({type(exc).__name__}) : à relire par une personne"
    return reading


def _read(data: bytes, reading: DocumentReading, settings: Settings, ocr: OcrEngine | None) -> None:
    if not data:
        raise ReadFailure(Flag.UNREADABLE, "Document vide (0 octet)")
    if len(data) > settings.max_document_bytes:
        raise ReadFailure(
            Flag.TOO_LARGE,
            f"Document trop volumineux : {len(data) / 1_048_576:.1f} Mo "
            f"(maximum {settings.max_document_bytes / 1_048_576:.0f} Mo)",
        )
    media_type = sniff(data)
    reading.media_type = media_type
    if media_type is None:
        raise ReadFailure(Flag.UNSUPPORTED_TYPE, "Type de document non pris en charge : PDF, JPEG ou PNG attendu")
    used_ocr = False
    if media_type is MediaType.PDF:
        pages, used_ocr = _pdf_text(data, reading, settings, ocr)
    else:
        check_image(data, media_type, settings.max_image_pixels)
        reading.pages = 1
        png = prepare_for_ocr(data, settings.max_image_pixels)
        pages = [_page_text(png, _engine(settings, ocr), header=True)]
        used_ocr = True
    pages = [_well_formed(page) for page in pages]
    flags: list[Flag] = [Flag.OCR] if used_ocr else []
    if not any(page.strip() for page in pages):
        reading.flags = [Flag.NOT_A_QUOTE, *flags]
        reading.reason = (
            "Aucun texte lisible dans le document : " + NOT_A_QUOTE_REASON[0].lower() + NOT_A_QUOTE_REASON[1:]
        )
        return
    parsed = parse_quote(pages, ocr=used_ocr)
    if not parsed.is_quote:
        reading.quote = parsed.quote if parsed.has_content else None
        reading.flags = [Flag.NOT_A_QUOTE, *flags]
        reading.reason = f"Ce document est {parsed.kind}, pas un devis" if parsed.kind else NOT_A_QUOTE_REASON
        return
    if not parsed.quote.lines and parsed.quote.total_ttc is None:
        reading.quote = parsed.quote
        reading.flags = [Flag.UNREADABLE, *flags]
        reading.reason = "Devis reconnu mais ni lignes ni total lisibles"
        return
    reading.quote = parsed.quote
    reading.flags = [*flags, *(finding.flag for finding in check_quote(parsed.quote))]
    # The reason says why a document was not read; for a read quote the flags speak (the
    # evaluation words its own notes about arithmetic and SIRET), and a Factur-X XML that
    # says otherwise than the text says where.
    reading.reason = None
    embedded = read_facturx(data) if media_type is MediaType.PDF else None
    differences = disagreements(embedded, parsed.quote) if embedded is not None else []
    if differences:
        reading.flags.append(Flag.FACTURX_MISMATCH)
        reading.reason = mismatch_reason(differences)


def _well_formed(text: str) -> str:
    """Text that encodes: a text layer may give an emoji as two UTF-16 halves ("\\ud83d\\udcde"),
    joined here; a lone half becomes U+FFFD (JSON and DynamoDB refuse them)."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _pdf_text(
    data: bytes, reading: DocumentReading, settings: Settings, ocr: OcrEngine | None
) -> tuple[list[str], bool]:
    reader, password = open_pdf(data)
    count = page_count(reader)
    reading.pages = count
    if count == 0:
        raise ReadFailure(Flag.UNREADABLE, "PDF sans aucune page")
    if count > settings.max_pages:
        raise ReadFailure(Flag.TOO_LARGE, f"Document trop long : {count} pages (maximum {settings.max_pages})")
    pages = extract_pages(data, reader, count, password)
    used_ocr = False
    engine: OcrEngine | None = None
    for index, text in enumerate(pages):
        if text:
            # A text layer that says little over a page-sized image: a stamped or faxed scan.
            if len(text.strip()) >= SCAN_WITH_STAMP_CHARS or not has_page_sized_image(reader, index):
                continue
        elif not page_has_images(reader, index):
            continue  # a blank page
        # A page without a text layer is a scan: OCR it (pages of a mixed PDF keep their text).
        png = render_page_png(data, index, settings.max_image_pixels, password, scan_dpi(reader, index))
        engine = engine or _engine(settings, ocr)
        # The first page holds the header (number, SIRET): worth a second reading if need be.
        recognised = _page_text(png, engine, header=index == 0)
        # The render shows the stamp's text too: OCR's reading replaces the layer's.
        pages[index] = recognised if len(recognised.strip()) >= len(text.strip()) else text
        used_ocr = True
    return pages, used_ocr


def _page_text(png: bytes, engine: OcrEngine, header: bool) -> str:
    """OCR of a photo or a scanned page, turned upright first when the engine's survey says it
    lies on its side or upside down (one reading, the right way up). Lighting is evened out;
    a page with the header that comes out incomplete is read once more as it was taken,
    keeping the better reading."""
    try:
        png = turned(png, engine.survey(png).turn)
        text = engine.image_to_text(clean_page(png))
        first = _completeness(text) if header else _COMPLETE
        if first >= _COMPLETE:
            return text
        retry = engine.image_to_text(clean_page(png, flatten=False))
    except OcrError as exc:
        raise ReadFailure(Flag.UNREADABLE, f"{exc} : document à lire par une personne") from exc
    return retry if _completeness(retry) > first else text


_COMPLETE = 6


def _completeness(text: str) -> float:
    """How much of a quote a text yields: totals, SIRET, number, lines that add up."""
    if not text.strip():
        return 0.0
    quote = parse_quote([text], ocr=True).quote
    score = 0.0
    score += 2 if quote.total_ttc is not None else 0
    score += 1 if quote.contractor.siret_valid else 0
    score += 1 if quote.number else 0
    if quote.lines:
        score += 1
        read_sum = lines_sum(quote.lines)
        score += 1 if quote.total_ht is not None and abs(read_sum - quote.total_ht) <= Decimal("0.02") else 0
        # A line or two lost is a smaller fault than a total read a hundred times too big.
        score += 0.5 if quote.total_ht is not None and abs(read_sum - quote.total_ht) <= quote.total_ht / 10 else 0
    return score + min(len(quote.lines), 50) / 100


def _engine(settings: Settings, ocr: OcrEngine | None) -> OcrEngine:
    engine = ocr or get_ocr_engine(settings)
    if not engine.available():
        raise ReadFailure(
            Flag.UNREADABLE,
            f"OCR indisponible (moteur « {engine.name} ») : document scanné ou photo à lire par une personne",
        )
    return engine
