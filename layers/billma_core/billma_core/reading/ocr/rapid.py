"""RapidOCR (PP-OCR models on onnxruntime), a local engine installed by pip alone.

The models are the ones shipped inside the ``rapidocr`` wheel, named by path: given no path,
RapidOCR would download them, which a robot must never do. When a model file is missing the
engine says it is not available and another engine is used. Not in the Lambda layer: the
cloud reads scans with Textract.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import statistics
from pathlib import Path
from typing import Any

from billma_core.reading.ocr.base import OcrEngine, OcrError, OcrWord, PageSurvey, words_to_layout

# The files of rapidocr 3.10's wheel (``rapidocr/models``): PP-OCRv6 detection and
# recognition (a multilingual alphabet with French accents, its characters inside the ONNX
# file) and the text-orientation classifier.
MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


def packaged_models() -> dict[str, Path] | None:
    """Paths of the wheel's model files, or None when the package or one file is missing."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    directory = Path(spec.origin).parent / "models"
    paths = {key: directory / name for key, name in MODEL_FILES.items()}
    return paths if all(p.is_file() for p in paths.values()) else None


@functools.cache
def _loaded_engine() -> Any:
    """One RapidOCR per process: loading the three ONNX sessions takes a while."""
    models = packaged_models()
    if models is None or importlib.util.find_spec("onnxruntime") is None:
        raise OcrError("OCR indisponible : rapidocr ou ses modèles ne sont pas installés")
    from rapidocr import RapidOCR

    params: dict[str, Any] = {key: str(path) for key, path in models.items()}
    params["Global.model_root_dir"] = str(models["Det.model_path"].parent)
    params["Global.log_level"] = "error"
    return RapidOCR(params=params)


class RapidOcrEngine(OcrEngine):
    name = "rapidocr"

    def available(self) -> bool:
        return packaged_models() is not None and importlib.util.find_spec("onnxruntime") is not None

    def words(self, png: bytes) -> list[OcrWord]:
        """The recognised words of the image with their boxes (pixels); a line the recogniser
        is unsure of is read again in a band of the page of its own (``_reread``)."""
        result = _recognise(png)
        words = result_words(result.boxes, result.txts, result.scores, result.word_results)
        unsure = [
            _rect(box)
            for box, score in zip(result.boxes if result.boxes is not None else (), result.scores or (), strict=False)
            if float(score) < UNSURE_LINE
        ]
        for _left, top, _width, height in unsure[:_MAX_REREADS]:
            words = _reread(png, words, top, height)
        return words

    def image_to_text(self, png: bytes) -> str:
        return words_to_layout(self.words(png))

    def survey(self, png: bytes) -> PageSurvey:
        """The page's orientation from its text lines, without reading them: lines found taller
        than wide put the page on its side, and the engine's line-orientation classifier
        (0° or 180°, the one it applies to each line before reading) votes on the longest lines
        for which way up. A page upright in shape is turned over only when the vote is clear:
        a page read upside down yields shreds in the wrong places (the customer's SIRET)."""
        try:
            return _surveyed(png)
        except OcrError:
            return PageSurvey()  # read as it is: the reading says whether the engine works


def _surveyed(png: bytes) -> PageSurvey:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as opened:
        page = opened.convert("L")
    scale = min(1.0, _SURVEY_SIDE / max(page.size))
    small = page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))))
    found = _run(small, detect=True, classify=False, recognise=False)
    boxes = [_rect(box) for box in (found.boxes if getattr(found, "boxes", None) is not None else ())]
    lines = [
        (left / scale, top / scale, width / scale, height / scale)
        for left, top, width, height in boxes
        if min(width, height) > 0 and max(width, height) >= _LINE_SHAPE * min(width, height)
    ]
    if not lines:
        return PageSurvey()
    sideways = 2 * sum(height > width for _l, _t, width, height in lines) > len(lines)
    lines = [line for line in lines if (line[3] > line[2]) is sideways]
    upside_down = upright = 0.0
    for left, top, width, height in sorted(lines, key=lambda b: -max(b[2], b[3]))[:_MAX_VOTES]:
        crop = page.crop((int(left), int(top), int(left + width) + 1, int(top + height) + 1))
        if sideways:  # as the engine turns a tall line before classifying it: counter-clockwise
            crop = crop.transpose(Image.Transpose.ROTATE_90)
        label, score = _run(crop, detect=False, classify=True, recognise=False).cls_res[0]
        if label == "180":
            upside_down += float(score)
        else:
            upright += float(score)
    share = upside_down / (upside_down + upright) if upside_down + upright > 0 else 0.0
    if sideways:
        # Lines made upright by a quarter-turn counter-clockwise: so is the page.
        return PageSurvey(turn=270 if share > 0.5 else 90)
    votes = min(len(lines), _MAX_VOTES)
    return PageSurvey(turn=180 if share >= _UPSIDE_DOWN_SHARE and votes >= _MIN_VOTES else 0)


# The survey detects lines on a copy of the page this long (a fraction of a reading's time;
# 800 px took the same decisions on the development scans with a thinner margin) and
# classifies the longest of them, cut from the page itself (small crops mislead the classifier).
_SURVEY_SIDE = 1200
_LINE_SHAPE = 3  # a box this many times longer than high is a line whose direction tells
_MAX_VOTES = 40
_MIN_VOTES = 5
# On the development scans upright pages gave the 180° class at most 0.37 of the weight, pages
# upside down 0.98: three quarters is far from both.
_UPSIDE_DOWN_SHARE = 0.75


def _run(image: Any, *, detect: bool, classify: bool, recognise: bool, word_boxes: bool = False) -> Any:
    """One call of the engine with every step named: RapidOCR keeps the steps of the last call."""
    engine = _loaded_engine()
    try:
        return engine(image, use_det=detect, use_cls=classify, use_rec=recognise, return_word_box=word_boxes)
    except Exception as exc:  # onnxruntime and OpenCV raise their own types
        raise OcrError(f"OCR RapidOCR en échec : {type(exc).__name__}") from exc


def _recognise(png: bytes) -> Any:
    return _run(png, detect=True, classify=True, recognise=True, word_boxes=True)


# A recognised line scored below this is often a detection box cut short or split across a
# long row (a footer's "SIRET : … · TVA …" read "SI: 0 00 0: 03" at 0.69); on a band of the
# page of its own the same text reads whole. Lines read well score above 0.9.
UNSURE_LINE = 0.8
_MAX_REREADS = 6
_BAND_MARGIN = 0.6  # of the line's height, above and below it


def _reread(png: bytes, words: list[OcrWord], top: float, height: float) -> list[OcrWord]:
    """The words of the page with those of the row at ``top`` read again, full width, on a
    band of the page cut around it; the new reading replaces the row's words when it is
    surer of them (mean confidence). A word of the row the new reading has nothing at (a lone
    unit or digit in its cell, read unsure the first time) is kept: leaving it out would make
    the mean surer and the row poorer."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        upper = max(0, int(top - _BAND_MARGIN * height))
        lower = min(image.height, int(top + (1 + _BAND_MARGIN) * height))
        band = image.crop((0, upper, image.width, lower))
        buffer = io.BytesIO()
        band.save(buffer, format="PNG")
    result = _recognise(buffer.getvalue())
    bottom = top + height

    def in_row(word: OcrWord) -> bool:
        return top <= word.top + word.height / 2 <= bottom

    again = [
        OcrWord(w.text, w.left, w.top + upper, w.width, w.height, ("reread", top, w.line), w.confidence)
        for w in result_words(result.boxes, result.txts, result.scores, result.word_results)
    ]
    again = [w for w in again if in_row(w)]
    before = [w for w in words if in_row(w)]
    if not again or _sureness(again) <= _sureness(before):
        return words
    unread = [w for w in before if not any(_overlap(w, other) for other in again)]
    return [w for w in words if not in_row(w)] + again + unread


def _overlap(word: OcrWord, other: OcrWord) -> bool:
    """Whether two words of a row stand at the same place (their spans across overlap)."""
    return min(word.left + word.width, other.left + other.width) > max(word.left, other.left)


def _sureness(words: list[OcrWord]) -> float:
    return statistics.fmean(w.confidence or 0.0 for w in words) if words else 0.0


def result_words(boxes: Any, texts: Any, scores: Any, word_results: Any) -> list[OcrWord]:
    """One ``OcrWord`` per word of each recognised text line; the line's index is its identity.

    RapidOCR gives each line's words with their own boxes; when a line's words do not spell
    its text (a recognition edge case) the line box is shared out by character count."""
    if boxes is None or texts is None:
        return []
    per_line = list(word_results or ())
    words: list[OcrWord] = []
    for index, (box, text, score) in enumerate(zip(boxes, texts, scores, strict=False)):
        confidence = float(score) * 100
        given = per_line[index] if index < len(per_line) else ()
        pieces = [(str(w[0]), _rect(w[2]), float(w[1]) * 100) for w in given if str(w[0]).strip()]
        if pieces and "".join(p[0] for p in pieces).replace(" ", "") == str(text).replace(" ", ""):
            for piece, (left, top, width, height), conf in pieces:
                for token in _split(piece, left, width):
                    words.append(OcrWord(token[0], token[1], top, token[2], height, index, conf))
            continue
        left, top, width, height = _rect(box)
        for token in _split(str(text), left, width):
            words.append(OcrWord(token[0], token[1], top, token[2], height, index, confidence))
    return words


def _rect(points: Any) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _split(text: str, left: float, width: float) -> list[tuple[str, float, float]]:
    """Space-separated tokens of ``text`` with their share of the box, by character count."""
    text = text.strip()
    if not text:
        return []
    per_char = width / len(text)
    tokens: list[tuple[str, float, float]] = []
    position = 0
    for token in text.split(" "):
        if token:
            tokens.append((token, left + position * per_char, len(token) * per_char))
        position += len(token) + 1
    return tokens
