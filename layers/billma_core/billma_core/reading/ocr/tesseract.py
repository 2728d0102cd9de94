"""Tesseract (French model) through its command line: no Python binding to install."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from billma_core.reading.ocr.base import OcrEngine, OcrError, OcrWord, PageSurvey, words_to_layout

# Orientation detection (``--psm 0``, the ``osd`` model): the clockwise turn that makes the page
# upright, and how sure it is of it.
_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENTATION_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")
_SURE_ORIENTATION = 1.0


class TesseractEngine(OcrEngine):
    name = "tesseract"

    def __init__(self, timeout_seconds: float = 60, language: str = "fra", binary: str = "tesseract") -> None:
        self.timeout_seconds = timeout_seconds
        self.language = language
        self.binary = binary

    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def image_to_text(self, png: bytes) -> str:
        return words_to_layout(self._words(png))

    def _words(self, png: bytes) -> list[OcrWord]:
        # --psm 11 (sparse text) finds small text beside large titles that the block modes drop
        # (quote number, date in a header corner); rows are rebuilt from the word boxes of the
        # TSV output, after undoing a slight rotation (``words_to_layout``).
        # But sparse mode loses a character standing alone in its cell: the quantity "2", the
        # unit "H". A block reading (--psm 6) keeps them; its words are added where the sparse
        # reading found nothing. Both run at once (one core each).
        with ThreadPoolExecutor(max_workers=2) as pool:
            sparse, block = pool.map(
                lambda psm: self._run(["-l", self.language, "--psm", psm, "tsv"], png), ("11", "6")
            )
        return fill_gaps(parse_tsv(sparse), parse_tsv(block))

    def survey(self, png: bytes) -> PageSurvey:
        """The page's orientation by Tesseract's orientation detection, when it is sure of it."""
        try:
            output = self._run(["--psm", "0"], png)
        except OcrError:
            return PageSurvey()  # too little text to tell: read it as it is
        rotate = _ROTATE.search(output)
        confidence = _ORIENTATION_CONFIDENCE.search(output)
        if rotate is None or (confidence is not None and float(confidence.group(1)) < _SURE_ORIENTATION):
            return PageSurvey()
        return PageSurvey(turn=(360 - int(rotate.group(1))) % 360)

    def _run(self, arguments: list[str], png: bytes) -> str:
        path = shutil.which(self.binary)
        if path is None:
            raise OcrError("OCR indisponible : tesseract n'est pas installé")
        command = [path, "-", "-", *arguments]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            result = subprocess.run(  # noqa: S603 - fixed argv, no shell
                command, input=png, capture_output=True, timeout=self.timeout_seconds, check=False, env=env
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"OCR trop long (plus de {self.timeout_seconds:g} s)") from exc
        except OSError as exc:
            raise OcrError(f"OCR impossible : {exc}") from exc
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise OcrError(f"OCR en échec : {detail[0][:200]}")
        return result.stdout.decode("utf-8", "replace")


_GAP_CONFIDENCE = 60.0
_ALNUM = re.compile(r"[^\W_]")


def fill_gaps(words: list[OcrWord], others: list[OcrWord]) -> list[OcrWord]:
    """``words`` plus the confident words of another reading that overlap none of them; a
    word the first reading split in pieces ("000" and "29" on two rows) is taken whole."""
    words = list(words)
    for other in others:
        pieces = [word for word in words if _overlap(other, word)]
        if len(pieces) >= 2 and "".join(w.text for w in sorted(pieces, key=lambda w: w.left)) == other.text:
            first = min(pieces, key=lambda w: w.left)
            whole = OcrWord(other.text, other.left, other.top, other.width, other.height, first.line, other.confidence)
            words = [whole if word is first else word for word in words if word is first or word not in pieces]
    added = [
        other
        for other in others
        if other.confidence is not None
        and other.confidence >= _GAP_CONFIDENCE
        and _ALNUM.search(other.text)
        and not any(_overlap(other, word) for word in words)
    ]
    # The added word takes the line of the word it sits beside, so that rows are rebuilt alike.
    return words + [_on_line(word, words) for word in added]


def _overlap(a: OcrWord, b: OcrWord) -> bool:
    return (
        a.left < b.left + b.width
        and b.left < a.left + a.width
        and a.top < b.top + b.height
        and b.top < a.top + a.height
    )


def _on_line(word: OcrWord, words: list[OcrWord]) -> OcrWord:
    centre = word.top + word.height / 2
    beside = [w for w in words if w.top <= centre <= w.top + w.height]
    if not beside:
        return OcrWord(word.text, word.left, word.top, word.width, word.height, None, word.confidence)
    nearest = min(beside, key=lambda w: abs(w.left - word.left))
    return OcrWord(word.text, word.left, word.top, word.width, word.height, nearest.line, word.confidence)


def parse_tsv(tsv: str) -> list[OcrWord]:
    words: list[OcrWord] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        try:
            if row.get("level") != "5" or not (row.get("text") or "").strip():
                continue
            words.append(
                OcrWord(
                    text=row["text"],
                    left=float(row["left"]),
                    top=float(row["top"]),
                    width=float(row["width"]),
                    height=float(row["height"]),
                    line=(row["page_num"], row["block_num"], row["par_num"], row["line_num"]),
                    confidence=float(row.get("conf") or -1),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return words
