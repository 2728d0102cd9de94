"""OCR behind one small interface, one engine per module, chosen by configuration.

Engines return *layout text*: one line per printed row, words placed at columns proportional
to their position on the page, so the quote parser reads scans and text PDFs (pypdf's
layout mode) the same way.
"""

from __future__ import annotations

from billma_core.reading.ocr.base import NoOcrEngine, OcrEngine, OcrError, OcrWord, PageSurvey, words_to_layout
from billma_core.settings import Settings

__all__ = [
    "NoOcrEngine",
    "OcrEngine",
    "OcrError",
    "OcrWord",
    "PageSurvey",
    "get_ocr_engine",
    "words_to_layout",
]


def get_ocr_engine(settings: Settings) -> OcrEngine:
    """The engine ``settings.ocr_engine`` names (``rapidocr``, ``tesseract``, ``textract`` or
    ``none``). The two local engines stand in for each other: the one named when it is
    installed, else the other when it is, else the one named (which then says it is missing)."""
    if settings.ocr_engine in ("rapidocr", "tesseract"):
        from billma_core.reading.ocr.rapid import RapidOcrEngine
        from billma_core.reading.ocr.tesseract import TesseractEngine

        rapid = RapidOcrEngine()
        tesseract = TesseractEngine(timeout_seconds=settings.ocr_timeout_seconds)
        named, other = (rapid, tesseract) if settings.ocr_engine == "rapidocr" else (tesseract, rapid)
        return other if not named.available() and other.available() else named
    if settings.ocr_engine == "textract":
        # Imported here so that boto3 is loaded only where Textract is configured.
        from billma_core.reading.ocr.textract import TextractEngine

        return TextractEngine()
    return NoOcrEngine()
