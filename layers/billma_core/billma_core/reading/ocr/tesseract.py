"""Tesseract (French model) through its command line: no Python binding to install."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

from billma_core.reading.ocr.base import OcrEngine, OcrError, OcrWord, words_to_layout


class TesseractEngine(OcrEngine):
    name = "tesseract"

    def __init__(self, timeout_seconds: float = 60, language: str = "fra", binary: str = "tesseract") -> None:
        self.timeout_seconds = timeout_seconds
        self.language = language
        self.binary = binary

    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def image_to_text(self, png: bytes) -> str:
        path = shutil.which(self.binary)
        if path is None:
            raise OcrError("OCR indisponible : tesseract n'est pas installé")
        # --psm 11 (sparse text) finds small text beside large titles that the block modes drop
        # (quote number, date in a header corner); rows are rebuilt from the word boxes of the
        # TSV output, after undoing a slight rotation (``words_to_layout``).
        command = [path, "-", "-", "-l", self.language, "--psm", "11", "tsv"]
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
        return words_to_layout(parse_tsv(result.stdout.decode("utf-8", "replace")))


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
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return words
