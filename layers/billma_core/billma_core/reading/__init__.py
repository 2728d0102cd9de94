"""The robot's reader: document bytes → ``DocumentReading`` (a checked ``Quote`` or a reason).

>>> from billma_core.reading import read_document
>>> read_document(b"").reason
'Document vide (0 octet)'
"""

from billma_core.reading.identifiers import siret_is_valid, vat_number_for_siren
from billma_core.reading.ocr import NoOcrEngine, OcrEngine, OcrError, get_ocr_engine
from billma_core.reading.reader import read_document

__all__ = [
    "NoOcrEngine",
    "OcrEngine",
    "OcrError",
    "get_ocr_engine",
    "read_document",
    "siret_is_valid",
    "vat_number_for_siren",
]
