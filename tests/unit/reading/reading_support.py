"""Shared helpers of the reader's tests: the corpus, fake OCR engines, scans made from PDFs."""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf import FPDF
from PIL import Image

from billma_core.models import DocumentReading
from billma_core.reading.ocr import OcrEngine, OcrError, PageSurvey

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus"
REAL_INVOICES = SHARED / "real-invoices"


@dataclass
class CorpusDocument:
    path: Path
    truth: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.truth["kind"])

    @property
    def name(self) -> str:
        return self.path.name


def corpus_documents() -> list[CorpusDocument]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    documents = []
    for entry in manifest["documents"]:
        truth = json.loads((CORPUS / entry["ground_truth"]).read_text(encoding="utf-8"))
        documents.append(CorpusDocument(CORPUS / entry["file"], truth))
    return documents


def quotes() -> list[CorpusDocument]:
    return [d for d in corpus_documents() if d.kind == "devis"]


def dec(value: float | int | str) -> Decimal:
    return Decimal(str(value))


@dataclass
class Score:
    documents: int = 0
    ttc: int = 0
    siret: int = 0
    number: int = 0
    lines: int = 0
    lines_found: int = 0
    misses: list[str] | None = None

    def rate(self, field: str) -> float:
        total = self.lines if field == "lines_found" else self.documents
        return getattr(self, field) / total if total else 0.0


def score(pairs: list[tuple[CorpusDocument, DocumentReading]]) -> Score:
    """Field accuracy against the ground truth: exact TTC, SIRET, number; lines found with
    quantity, unit and unit price exact."""
    result = Score(misses=[])
    assert result.misses is not None
    for document, reading in pairs:
        truth = document.truth
        result.documents += 1
        quote = reading.quote
        if quote is not None and quote.total_ttc == dec(truth["total_ttc"]):
            result.ttc += 1
        else:
            result.misses.append(f"{document.name}: TTC {quote and quote.total_ttc} ≠ {truth['total_ttc']}")
        if quote is not None and quote.contractor.siret == truth["artisan"]["siret"]:
            result.siret += 1
        else:
            result.misses.append(f"{document.name}: SIRET {quote and quote.contractor.siret}")
        if quote is not None and quote.number == truth["devis_number"]:
            result.number += 1
        else:
            result.misses.append(f"{document.name}: numéro {quote and quote.number} ≠ {truth['devis_number']}")
        found = [(line.quantity, line.unit, line.unit_price_ht) for line in (quote.lines if quote else [])]
        for line in truth["lines"]:
            result.lines += 1
            key = (dec(line["quantity"]), line["unit"], dec(line["unit_price_ht"]))
            match = next(
                (f for f in found if f[0] == key[0] and (f[1] and f[1].value) == key[1] and f[2] == key[2]), None
            )
            if match is not None:
                found.remove(match)
                result.lines_found += 1
            else:
                result.misses.append(f"{document.name}: ligne {line['designation'][:40]!r} {key}")
    return result


class FakeOcr(OcrEngine):
    """Returns prepared text and the page survey it is given (``turn``); records how many
    images it was given to read, and the images."""

    name = "fake"

    def __init__(self, text: str = "", fail: bool = False, turn: int = 0) -> None:
        self.text = text
        self.fail = fail
        self.turn = turn
        self.calls = 0
        self.images: list[Image.Image] = []

    def available(self) -> bool:
        return True

    def survey(self, png: bytes) -> PageSurvey:
        return PageSurvey(turn=self.turn)

    def image_to_text(self, png: bytes) -> str:
        self.calls += 1
        with Image.open(io.BytesIO(png)) as image:
            self.images.append(image.convert("L"))
        if self.fail:
            raise OcrError("OCR en échec : moteur planté")
        return self.text


def png_bytes(width: int = 200, height: int = 100, colour: int = 255) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def scanned(pdf: bytes, dpi: int = 200, angle: float = 0.8, noise: float = 0.004, seed: int = 7) -> list[Image.Image]:
    """Pages of a PDF as a scanner would give them: rasterised, slightly rotated, speckled,
    JPEG-compressed."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    pages = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
            pixels = image.load()
            assert pixels is not None
            width, height = image.size
            for _ in range(int(width * height * noise)):
                pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 255))
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=75)
            pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    finally:
        document.close()
    return pages


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def image_pdf(images: list[Image.Image], dpi: int = 200) -> bytes:
    """A PDF without a text layer: one scanned image per A4 page."""
    pdf = FPDF(unit="pt")
    for image in images:
        width, height = image.size[0] * 72 / dpi, image.size[1] * 72 / dpi
        pdf.add_page(format=(width, height))
        buffer = io.BytesIO()
        # Lossless: the scan was JPEG-compressed once already, as a scanner does.
        image.convert("L").save(buffer, format="PNG")
        buffer.seek(0)
        pdf.image(buffer, x=0, y=0, w=width, h=height)
    return bytes(pdf.output())
