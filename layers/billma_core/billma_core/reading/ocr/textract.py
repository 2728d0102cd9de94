"""Amazon Textract (DetectDocumentText), the cloud engine. boto3 is imported only here."""

from __future__ import annotations

from typing import Any

from billma_core.reading.ocr.base import OcrEngine, OcrError, OcrWord, words_to_layout

# Textract's coordinates are fractions of the page; scale them to a pixel-like grid.
_SCALE = 2000.0


class TextractEngine(OcrEngine):
    name = "textract"

    def __init__(self, client: Any = None) -> None:
        self._client = client

    def _get_client(self) -> Any:
        if self._client is None:
            import boto3
            from botocore.config import Config

            # DetectDocumentText's quota is a few requests per second per account: "adaptive" retries
            # back off on throttling and slow this client down instead of failing the quote.
            retries: Any = {"max_attempts": 10, "mode": "adaptive"}
            self._client = boto3.client("textract", config=Config(retries=retries))
        return self._client

    def available(self) -> bool:
        try:
            self._get_client()
        except Exception:
            return False
        return True

    def image_to_text(self, png: bytes) -> str:
        try:
            response = self._get_client().detect_document_text(Document={"Bytes": png})
        except Exception as exc:
            raise OcrError(f"OCR Textract en échec : {type(exc).__name__}") from exc
        return words_to_layout(blocks_to_words(response.get("Blocks", [])))


def blocks_to_words(blocks: list[dict[str, Any]]) -> list[OcrWord]:
    words: list[OcrWord] = []
    for block in blocks:
        if block.get("BlockType") != "WORD" or not block.get("Text"):
            continue
        box = block.get("Geometry", {}).get("BoundingBox", {})
        try:
            words.append(
                OcrWord(
                    text=str(block["Text"]),
                    left=float(box["Left"]) * _SCALE,
                    top=float(box["Top"]) * _SCALE,
                    width=float(box["Width"]) * _SCALE,
                    height=float(box["Height"]) * _SCALE,
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return words
