"""``altered_document``: a PDF edited after it was made. Five independent checks, each adding
its own evidence:

- ``incremental_update``: a revision appended after the first one (``%%EOF`` sections) changes
  what a page draws (a signature or a filled form field appends a revision too, but leaves the
  page content alone: no signal);
- ``modified_later``: the modification date is well after the creation date;
- ``editor_producer``: the producer is a PDF editor (``data/pdf_editors.json``) while the creator
  is another program;
- ``metadata_mismatch``: the Info dictionary and the XMP packet disagree (producer or dates);
- ``odd_amount_font``: an amount set in a font or size unlike the rest of its column.

Pure: bytes in, a signal or ``None`` out; a malformed file gives no signal (the reader already
says when a document cannot be read). The file's parse and its words (with fonts) are the
reader's own (``reading.pdf.open_pdf`` and ``page_words`` keep the last documents read), so
that a document is not parsed twice.
"""

from __future__ import annotations

import bisect
import io
import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from billma_core.models import Flag, Signal
from billma_core.reading.pdf import AMOUNT_CURRENCY, open_pdf, page_words
from billma_core.reading.vocabulary import vocabulary
from billma_core.reading.words import Word

log = logging.getLogger(__name__)

EDITORS_FILE = Path(__file__).with_name("data") / "pdf_editors.json"
# Quote software writes both dates at once; an edit days later moves only the second one.
MODIFIED_AFTER = timedelta(days=1)
# Info and XMP dates further apart than this disagree, unless they are a time-zone shift apart.
METADATA_SLACK = timedelta(minutes=2)
# A column needs this many amounts before one of them can be said to stand out.
MIN_COLUMN_AMOUNTS = 4
# Right edges of one column's amounts, as estimated, fall within this many ems of each other.
COLUMN_SLACK_EM = 0.8
ROW_SLACK_EM = 0.4
# Revisions beyond this many are not compared (cost bound); their count is still reported.
MAX_REVISIONS = 12

AMOUNT = re.compile(
    r"^-?\d{1,3}(?:[ \u00a0\u202f.]?\d{3})*[.,]\d{2}\s*(?:" + "|".join(map(re.escape, AMOUNT_CURRENCY)) + r")?$"
)
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
CHECK_LABELS = {
    "incremental_update": "mise à jour incrémentale qui modifie le contenu d'une page",
    "modified_later": "date de modification postérieure à la création",
    "editor_producer": "enregistré par un éditeur de PDF",
    "metadata_mismatch": "métadonnées Info et XMP en désaccord",
    "odd_amount_font": "montant dans une police différente du reste de sa colonne",
}


@cache
def pdf_editors() -> tuple[str, ...]:
    """The editors' names, lower-cased (data, not code)."""
    data = json.loads(EDITORS_FILE.read_text(encoding="utf-8"))
    names = data["editors"]
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        raise ValueError(f"{EDITORS_FILE.name} : liste « editors » de noms attendue")
    return tuple(name.strip().lower() for name in names)


def altered_document(data: bytes) -> Signal | None:
    """The ``altered_document`` signal of a PDF's bytes, or ``None``."""
    if not data.startswith(b"%PDF"):
        return None
    try:
        reader, password = open_pdf(data)
    except Exception:  # malformed or locked: the reader's own flags say so
        return None
    evidence: dict[str, Any] = {}
    for name, check in (
        ("incremental_update", lambda: _incremental_update(data, reader)),
        ("modified_later", lambda: _modified_later(reader)),
        ("editor_producer", lambda: _editor_producer(reader)),
        ("metadata_mismatch", lambda: _metadata_mismatch(reader)),
        ("odd_amount_font", lambda: _odd_amount_fonts(page_words(data, password))),
    ):
        try:
            found = check()
        except Exception as exc:  # one check failing on an odd file must not hide the others
            log.debug("contrôle %s impossible : %s", name, exc)
            continue
        if found:
            evidence[name] = found
    if not evidence:
        return None
    return Signal(
        flag=Flag.ALTERED_DOCUMENT,
        reason="Document PDF retouché après sa création : " + " ; ".join(CHECK_LABELS[name] for name in evidence) + ".",
        evidence={"checks": list(evidence), **evidence},
    )


def _open(data: bytes) -> PdfReader | None:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return None
    return reader


# ------------------------------------------------------------------ revisions


def _page_contents(reader: PdfReader) -> list[bytes]:
    contents = []
    for page in reader.pages:
        stream = page.get_contents()
        contents.append(stream.get_data() if stream is not None else b"")
    return contents


def _incremental_update(data: bytes, reader: PdfReader) -> dict[str, Any] | None:
    """Revisions (one per ``%%EOF``) whose page contents differ from the previous revision's."""
    ends = [match.end() for match in re.finditer(rb"%%EOF", data)]
    # A trailing %%EOF only followed by whitespace ends the last revision, the whole file.
    ends = [end for end in ends if data[end:].strip()] + [len(data)]
    if len(ends) < 2:
        return None
    final = _page_contents(reader)
    previous: list[bytes] | None = None
    changed: list[dict[str, Any]] = []
    for number, end in enumerate(ends[:MAX_REVISIONS], start=1):
        if end == len(data):
            contents = final
        else:
            try:
                prefix = _open(data[:end])
                contents = _page_contents(prefix) if prefix is not None else []
            except Exception:
                contents = []
            if len(contents) != len(final):
                # A prefix that is not a whole document (linearised first-page section): not comparable.
                continue
        if previous is not None:
            pages = [index + 1 for index, (old, new) in enumerate(zip(previous, contents, strict=True)) if old != new]
            if pages:
                changed.append({"revision": number, "pages": pages})
        previous = contents
    if not changed:
        return None
    return {"revisions": len(ends), "changed": changed}


# ------------------------------------------------------------------ metadata


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _info_dates(reader: PdfReader) -> tuple[datetime | None, datetime | None]:
    info = reader.metadata
    if info is None:
        return None, None
    created: datetime | None
    modified: datetime | None
    try:
        created = _utc(info.creation_date)
    except Exception:
        created = None
    try:
        modified = _utc(info.modification_date)
    except Exception:
        modified = None
    return created, modified


def _modified_later(reader: PdfReader) -> dict[str, Any] | None:
    info = reader.metadata
    # Most files print no modification date, or the creation date again: then there is no gap,
    # and pypdf's parse of a date (format after format) is the dearest step of the whole check.
    if info is None or info.get("/ModDate") is None or info.get("/ModDate") == info.get("/CreationDate"):
        return None
    created, modified = _info_dates(reader)
    if created is None or modified is None or modified - created <= MODIFIED_AFTER:
        return None
    return {"created": created.isoformat(), "modified": modified.isoformat(), "days_later": (modified - created).days}


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _editor_producer(reader: PdfReader) -> dict[str, Any] | None:
    info = reader.metadata
    producer = _text(info.producer) if info is not None else ""
    creator = _text(info.creator) if info is not None else ""
    xmp = _xmp(reader)
    if xmp is not None:
        producer = producer or _text(xmp.pdf_producer)
        creator = creator or _text(xmp.xmp_creator_tool)
    lowered = producer.lower()
    editor = next((name for name in pdf_editors() if name in lowered), None)
    if editor is None or editor in creator.lower():
        return None
    return {"producer": producer, "creator": creator or None}


def _xmp(reader: PdfReader) -> Any:
    try:
        return reader.xmp_metadata
    except Exception:
        return None


def _timezone_shift(gap: timedelta) -> bool:
    """Whole quarter-hours up to 14 h: one side written in local time, the other in UTC."""
    seconds = abs(gap.total_seconds())
    return seconds <= 14 * 3600 and (seconds % 900 <= 1 or seconds % 900 >= 899)


def _metadata_mismatch(reader: PdfReader) -> dict[str, Any] | None:
    info = reader.metadata
    xmp = _xmp(reader)
    if info is None or xmp is None:
        return None
    found: dict[str, Any] = {}
    info_producer, xmp_producer = _text(info.producer), _text(xmp.pdf_producer)
    if info_producer and xmp_producer and info_producer.lower() != xmp_producer.lower():
        found["producer"] = {"info": info_producer, "xmp": xmp_producer}
    created, modified = _info_dates(reader)
    for name, info_date, xmp_date in (
        ("created", created, _xmp_date(xmp, "xmp_create_date")),
        ("modified", modified, _xmp_date(xmp, "xmp_modify_date")),
    ):
        if info_date is None or xmp_date is None:
            continue
        gap = info_date - xmp_date
        if abs(gap) > METADATA_SLACK and not _timezone_shift(gap):
            found[name] = {"info": info_date.isoformat(), "xmp": xmp_date.isoformat()}
    return found or None


def _xmp_date(xmp: Any, name: str) -> datetime | None:
    try:
        return _utc(getattr(xmp, name))
    except Exception:
        return None


# ------------------------------------------------------------------ fonts of amounts


@dataclass(frozen=True)
class _Run:
    text: str
    font: str
    size: float
    right: float
    y: float  # its baseline, top-down
    middle: float  # its box's vertical centre, top-down (words without a style have only a box)


def _runs(words: tuple[Word, ...]) -> list[_Run]:
    """The page's amounts: within a phrase (words a space apart on one baseline), its longest
    ending that reads as an amount ("1 245,00", "85,00 €"), in the font of its last figure."""
    runs: list[_Run] = []
    end = -1  # where the last phrase looked at ends
    for index, word in enumerate(words):
        # Only a phrase holding a styled word makes a run (``page_words`` styles an amount's
        # figures only, a few words of a page): its bounds are found from that word.
        if word.style is None or index <= end:
            continue
        start = end = index
        while start and _same_phrase(words[start - 1], words[start]):
            start -= 1
        while end + 1 < len(words) and _same_phrase(words[end], words[end + 1]):
            end += 1
        # An amount ends with its cents or its currency.
        last = words[end].text.rstrip()
        if not (last[-1:].isdigit() or last.endswith(AMOUNT_CURRENCY)):
            continue
        run = _amount_run(words[start : end + 1])
        if run is not None:
            runs.append(run)
    return runs


def _amount_run(phrase: tuple[Word, ...]) -> _Run | None:
    """The phrase's longest ending that reads as an amount, in the font of its last figure (a
    phrase holding a styled word)."""
    # An amount opens with a figure or a minus: only those endings are matched.
    endings = (phrase[i:] for i in range(len(phrase)) if phrase[i].text[:1].isdigit() or phrase[i].text[:1] == "-")
    amount = next((ending for ending in endings if AMOUNT.match(" ".join(w.text for w in ending))), None)
    figures = [w for w in amount or [] if any(ch.isdigit() for ch in w.text)]
    style = figures[-1].style if figures else None
    if not amount or style is None:
        return None
    text = " ".join(w.text for w in amount)
    size = round(style.size * 2) / 2
    return _Run(
        text,
        SUBSET_PREFIX.sub("", style.font),
        size,
        figures[-1].left + figures[-1].width,
        style.baseline,
        figures[-1].top + figures[-1].height / 2,
    )


def _same_phrase(previous: Word, word: Word) -> bool:
    size = max(previous.height, word.height)
    gap = word.left - (previous.left + previous.width)
    return abs((word.top + word.height) - (previous.top + previous.height)) <= ROW_SLACK_EM * size and 0 <= gap <= size


def _clusters(runs: list[_Run], position: Callable[[_Run], float], slack_em: float) -> list[list[_Run]]:
    """Runs whose ``position`` follows the previous one's within ``slack_em`` of the smaller size."""
    clusters: list[list[_Run]] = []
    for run in sorted(runs, key=position):
        if clusters and position(run) - position(clusters[-1][-1]) <= slack_em * min(run.size, clusters[-1][-1].size):
            clusters[-1].append(run)
        else:
            clusters.append([run])
    return clusters


def _set_like_a_neighbour(run: _Run, runs: list[_Run]) -> bool:
    """The amount next above or below it in its column (any row, priced or not) shares its font
    and size: a class of rows set alike (the totals block, every component row), not one amount
    pasted among the others."""
    column = next(c for c in _clusters(runs, lambda r: r.right, COLUMN_SLACK_EM) if any(r is run for r in c))
    ordered = sorted(column, key=lambda r: r.y)
    index = next(i for i, r in enumerate(ordered) if r is run)
    neighbours = ordered[max(index - 1, 0) : index] + ordered[index + 1 : index + 2]
    return any((other.font, other.size) == (run.font, run.size) for other in neighbours)


class _Wording:
    """The page's words by vertical centre, asked whether a wording (letters, not a currency
    or a tax mark) stands level with a row: only the words within reach are looked at."""

    def __init__(self, words: tuple[Word, ...]) -> None:
        self._words = sorted(words, key=lambda word: word.top + word.height / 2)
        self._middles = [word.top + word.height / 2 for word in self._words]
        self._marks = set(vocabulary().amount_ends)

    def level_with(self, centre: float, tolerance: float) -> bool:
        # |middle - centre| grows as a middle moves away from the centre on either side.
        start = bisect.bisect_left(self._middles, centre)
        for step, first in ((1, start), (-1, start - 1)):
            index = first
            while 0 <= index < len(self._words) and abs(self._middles[index] - centre) <= tolerance:
                if self._is_wording(self._words[index]):
                    return True
                index += step
        return False

    def _is_wording(self, word: Word) -> bool:
        return any(ch.isalpha() for ch in word.text) and word.text.lower().strip(".,:;()") not in self._marks


def _odd_amount_fonts(pages: tuple[tuple[Word, ...], ...]) -> list[dict[str, Any]] | None:
    """Amounts of the priced rows (two amounts or more on one baseline, beside a wording),
    grouped into columns; in a column of ``MIN_COLUMN_AMOUNTS`` or more where all amounts but
    one share a font and size, the one that does not stands out, if it also differs from an
    amount of its own row (a pasted amount sits in an ordinary row; a row set in bold on purpose
    is bold throughout). A row of figures alone is no priced line but the values of a totals
    grid under its labels ("Total HT | TVA | Total TTC"), whose total a tool sets in bold."""
    odd: list[dict[str, Any]] = []
    for number, page in enumerate(pages, start=1):
        # Rows: one baseline, give or take (a pasted amount seldom sits exactly on it). Columns: a
        # shared right edge (estimated: half an em per character).
        runs = _runs(page)
        rows = [row for row in _clusters(runs, lambda run: run.y, ROW_SLACK_EM) if len(row) >= 2]
        if not rows:
            continue
        wording = _Wording(page)
        rows = [row for row in rows if wording.level_with(row[0].middle, ROW_SLACK_EM * row[0].size)]
        row_of = {id(run): row for row in rows for run in row}
        priced = [run for row in rows for run in row]
        for column in _clusters(priced, lambda run: run.right, COLUMN_SLACK_EM):
            if len(column) < MIN_COLUMN_AMOUNTS:
                continue
            styles = Counter((run.font, run.size) for run in column)
            (usual_font, usual_size), usual_count = styles.most_common(1)[0]
            if usual_count != len(column) - 1:
                continue  # all alike, or a column set in several styles on purpose
            run = next(run for run in column if (run.font, run.size) != (usual_font, usual_size))
            if all((mate.font, mate.size) == (run.font, run.size) for mate in row_of[id(run)]):
                continue
            if _set_like_a_neighbour(run, runs):
                continue
            odd.append(
                {
                    "page": number,
                    "amount": run.text,
                    "font": run.font,
                    "size": run.size,
                    "column_font": usual_font,
                    "column_size": usual_size,
                }
            )
    return odd or None
