"""PDF: open (empty password first), count pages, read the text layer as words with boxes, render
pages for OCR."""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
import struct
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pypdf import PasswordType, PdfReader

from billma_core.models import Flag
from billma_core.reading.words import TextStyle, Word, layout_text

# pypdf logs every recoverable oddity of a malformed file; a robot reading uploads does not
# need them in its logs.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# A page whose text layer holds fewer characters than this is treated as a scan.
MIN_TEXT_CHARS = 40
# A page that draws an image and holds less text than this is a scan with a stamp or a fax
# header printed over it: the image carries the quote.
SCAN_WITH_STAMP_CHARS = 250
RENDER_DPI = 300
MIN_RENDER_DPI = 150


class ReadFailure(Exception):
    """The document cannot be read; ``flag`` and the French ``reason`` go on the reading."""

    def __init__(self, flag: Flag, reason: str) -> None:
        super().__init__(reason)
        self.flag = flag
        self.reason = reason


@lru_cache(maxsize=2)
def open_pdf(data: bytes) -> tuple[PdfReader, str | None]:
    """The PDF opened (and decrypted with the empty password when it must be), kept for the last
    documents read: the altered-document check looks at the same parse."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise ReadFailure(Flag.UNREADABLE, f"PDF illisible ou tronqué ({_short(exc)})") from exc
    password: str | None = None
    try:
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise ReadFailure(Flag.UNREADABLE, f"PDF illisible ou tronqué ({_short(exc)})") from exc
    if encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise ReadFailure(Flag.ENCRYPTED, "PDF chiffré : il ne s'ouvre pas sans mot de passe") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise ReadFailure(Flag.ENCRYPTED, "PDF protégé par un mot de passe : impossible de le lire")
        password = ""
    return reader, password


def page_count(reader: PdfReader) -> int:
    try:
        return len(reader.pages)
    except Exception as exc:
        raise ReadFailure(Flag.UNREADABLE, f"PDF illisible ou tronqué ({_short(exc)})") from exc


def extract_pages(data: bytes, reader: PdfReader, count: int, password: str | None) -> list[str]:
    """Layout text of every page, "" for a page without a usable text layer: the text layer's
    words with their boxes (PDFium) made into rows; pypdf's layout text when PDFium cannot
    open a file pypdf could."""
    try:
        pages = [layout_text(words) for words in page_words(data, password)]
    except Exception:  # a malformed file PDFium refuses: pypdf is more forgiving
        pages = _pypdf_pages(reader, count)
    return [text if len(text.strip()) >= MIN_TEXT_CHARS else "" for text in pages]


@lru_cache(maxsize=2)
def page_words(data: bytes, password: str | None) -> tuple[tuple[Word, ...], ...]:
    """The text layer of each page as words with their boxes (top-down, in points) and, for a
    word that opens with a figure and ends as an amount does, the style (font, size, baseline) of
    its first glyph (the altered check compares the fonts of amounts by their last figure). Kept
    for the last documents read: the altered-document check looks at the same words (fonts of
    amounts) without parsing the file again.

    Words are cut where the glyphs are: a real space, or a gap wider than a fraction of the
    font's height between two glyphs, or a glyph on another baseline. The spaces PDFium
    invents between glyphs are not trusted (letter-spaced fonts get one between every glyph);
    a no-break or narrow no-break space stays inside a word ("1 234,56" is one figure)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(data, password=password or None)
    glyphs = _Glyphs(pdfium_c, pdfium.PdfiumError)
    try:
        pages: list[tuple[Word, ...]] = []
        for index in range(len(document)):
            # PDFium's page and text page themselves, closed here: the helper objects' closing
            # (finalizers, their parents' lists of kids) costs more than a short page's glyphs.
            page = pdfium_c.FPDF_LoadPage(document, index)
            if not page:
                raise pdfium.PdfiumError("Failed to load page.")
            handle = pdfium_c.FPDFText_LoadPage(page)
            try:
                if not handle:
                    raise pdfium.PdfiumError("Failed to load text page.")
                pages.append(glyphs.words(handle, pdfium_c.FPDF_GetPageHeightF(page)))
            finally:
                if handle:
                    pdfium_c.FPDFText_ClosePage(handle)
                pdfium_c.FPDF_ClosePage(page)
        return tuple(pages)
    finally:
        document.close()


class _Glyphs:
    """A text page's glyphs made into words (``page_words``), with PDFium's functions bound once:
    this loop runs for every glyph of every page."""

    def __init__(self, pdfium_c: Any, error: type[Exception]) -> None:
        self._error = error
        self._count, self._get_text = pdfium_c.FPDFText_CountChars, pdfium_c.FPDFText_GetText
        self._is_generated = pdfium_c.FPDFText_IsGenerated
        self._loose_box = _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
        self._style_of = _StyleReader(pdfium_c)
        self._box = pdfium_c.FS_RECTF()
        self._box_at = ctypes.c_void_p(ctypes.addressof(self._box))
        self._box_bytes = memoryview(self._box).cast("B")

    def words(self, handle: Any, height: float) -> tuple[Word, ...]:
        """The words of the text page ``handle`` of a page ``height`` points high."""
        count = self._count(handle)
        if count == -1:
            raise self._error("Failed to get character count.")
        get_text, is_generated, loose_box = self._get_text, self._is_generated, self._loose_box
        box_at, box_bytes, unpack = self._box_at, self._box_bytes, _RECT.unpack
        word_gap, space_codes = _WORD_GAP, _SPACE_CODES
        handle_at = ctypes.c_void_p(ctypes.cast(handle, ctypes.c_void_p).value)
        word = _word_maker(self._style_of, handle_at, height)
        words: list[Word] = []
        chars: list[str] = []
        left = right = top = bottom = middle = 0.0  # the word's box; ``middle``: its top plus its bottom
        high = 0
        first = -1  # the index of the word's first glyph when it is a figure
        # The page's characters in one call (UTF-16 units, one per character index).
        units = (ctypes.c_ushort * (count + 1))()
        get_text(handle, 0, count, units)
        for char, unit in enumerate(units[:count]):
            code = unit
            if 32 < code < 0xD800 and code not in space_codes:
                # Most glyphs: printed, no space, no half of a character beyond 16 bits.
                high = 0
                glyph = chr(code)
            else:
                # PDFium generates only spaces and line breaks: asked of those alone, not of
                # every glyph (this loop is a third of the reading's time).
                if (code <= 32 or code in space_codes) and is_generated(handle, char) == 1:
                    continue
                if 0xD800 <= code <= 0xDBFF:  # the first half of a character beyond 16 bits
                    high = code
                    continue
                if 0xDC00 <= code <= 0xDFFF:
                    code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00) if high else 0xFFFD
                high = 0
                glyph = chr(code) if 0 < code < 0x110000 else " "
                if (glyph.isspace() and glyph not in _GROUPING_SPACES) or code < 32:
                    if chars:
                        words.append(word(chars, first, left, height - top, right - left, top - bottom))
                        chars = []
                    continue
            if not loose_box(handle_at, char, box_at):
                continue
            glyph_left, glyph_top, glyph_right, glyph_bottom = unpack(box_bytes)
            size = glyph_top - glyph_bottom
            if chars and (
                glyph_left - right > word_gap * size
                or glyph_left < left - size
                or abs((glyph_top + glyph_bottom) - middle) > size
            ):
                words.append(word(chars, first, left, height - top, right - left, top - bottom))
                chars = []
            if not chars:
                left, top, bottom, right = glyph_left, glyph_top, glyph_bottom, glyph_right
                middle = top + bottom
                first = char if glyph.isdigit() or glyph == "-" else -1
            elif glyph_right > right:
                right = glyph_right
            chars.append(glyph)
        if chars:
            words.append(word(chars, first, left, height - top, right - left, top - bottom))
        return tuple(words)


# FS_RECTF's four floats, in its fields' order (left, top, right, bottom).
_RECT = struct.Struct("4f")


def _bare(function: Any, restype: Any) -> Callable[..., Any]:
    """A PDFium function called without argument types, given ``c_void_p`` handles and pointers
    made once and the glyph's index as a C int (the function's own types): pypdfium2's typed
    binding (or any prototype with argument types) converts each argument at every call, nearly
    half the call's time, once per glyph."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None  # a bound library function has one
    bare: Callable[..., Any] = ctypes.CFUNCTYPE(restype)(address)
    return bare


def _word_maker(style_of: _StyleReader, handle: ctypes.c_void_p, page_height: float) -> Callable[..., Word]:
    """A page's words, made from their glyphs; the style is read (at the first glyph) only for a
    word that opens with a figure and ends as the last figure of an amount does ("245,00",
    "12,50€"): the only words whose style the altered check looks at (its ``AMOUNT`` runs end
    with cents, then at most a currency), and reading a style is dear (four PDFium calls).
    A closure making the tuple directly: it runs once a word, and a method call and the named
    tuple's own constructor cost a third of it."""
    amount_end, make, join = _AMOUNT_END.search, tuple.__new__, "".join

    def word(chars: list[str], first: int, left: float, top: float, width: float, height: float) -> Word:
        text = join(chars)
        style = style_of(handle, first, page_height) if first >= 0 and amount_end(text) is not None else None
        return make(Word, (text, left, top, width, height, None, None, style))

    return word


class _StyleReader:
    """The font, printed size and baseline of a glyph (read once a word, at its first glyph)."""

    def __init__(self, pdfium_c: Any) -> None:
        self._info = _bare(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
        self._size = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
        self._matrix_of = _bare(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
        self._origin = _bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
        self._name, self._name_bytes = ctypes.create_string_buffer(_FONT_NAME_BYTES), ctypes.c_ulong(_FONT_NAME_BYTES)
        self._flags, self._matrix = ctypes.c_int(), pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        # The out parameters' addresses, made once.
        self._flags_at, self._matrix_at = ctypes.byref(self._flags), ctypes.byref(self._matrix)
        self._x_at, self._y_at = ctypes.byref(self._x), ctypes.byref(self._y)

    def __call__(self, handle: ctypes.c_void_p, char: int, page_height: float) -> TextStyle | None:
        length = self._info(handle, char, self._name, self._name_bytes, self._flags_at)
        if not 0 < length <= _FONT_NAME_BYTES or not self._matrix_of(handle, char, self._matrix_at):
            return None
        if not self._origin(handle, char, self._x_at, self._y_at):
            return None
        m = self._matrix
        size = self._size(handle, char) * math.sqrt(abs(m.a * m.d - m.b * m.c))
        return TextStyle(self._name.value.decode("latin-1"), size, page_height - self._y.value)


_FONT_NAME_BYTES = 128

# The currency marks an amount may end with (the altered check's amounts): one list for both.
AMOUNT_CURRENCY = ("€", "EUR")
# How an amount's last figure word ends: its cents, then maybe its currency.
_AMOUNT_END = re.compile(r"[.,]\d{2}\s*(?:" + "|".join(map(re.escape, AMOUNT_CURRENCY)) + r")?$")


# A gap between two glyphs wider than this share of the font's height is a space.
_WORD_GAP = 0.15
_GROUPING_SPACES = frozenset("\u00a0\u202f\u2009")
_SPACE_CODES = frozenset(code for code in range(0x10000) if chr(code).isspace())


def _pypdf_pages(reader: PdfReader, count: int) -> list[str]:
    pages: list[str] = []
    for index in range(count):
        try:
            page = reader.pages[index]
        except Exception as exc:
            raise ReadFailure(Flag.UNREADABLE, f"PDF illisible ou tronqué, page {index + 1} ({_short(exc)})") from exc
        try:
            text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
        except Exception:
            try:
                text = page.extract_text()
            except Exception as exc:
                raise ReadFailure(
                    Flag.UNREADABLE, f"PDF illisible ou tronqué, page {index + 1} ({_short(exc)})"
                ) from exc
        pages.append(text)
    return pages


def page_has_images(reader: PdfReader, index: int) -> bool:
    """Whether a page draws anything but text: a blank page needs no OCR, a scan does."""
    try:
        page = reader.pages[index]
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        if resources is None:
            contents = page.get_contents()
            return contents is not None and b"BI" in contents.get_data()  # an inline image
        xobjects = resources.get("/XObject")
        return xobjects is not None and len(xobjects.get_object()) > 0
    except Exception:
        return True


def has_page_sized_image(reader: PdfReader, index: int) -> bool:
    """Whether a page draws an image big enough to be a scanned page (not a logo)."""
    try:
        xobjects = _image_xobjects(reader, index)
        return any(int(x.get("/Width", 0)) >= 800 and int(x.get("/Height", 0)) >= 800 for x in xobjects)
    except Exception:
        return False


def _image_xobjects(reader: PdfReader, index: int) -> list[Any]:
    resources = reader.pages[index].get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return []
    found = [x.get_object() for x in xobjects.get_object().values()]
    return [x for x in found if x.get("/Subtype") == "/Image"]


def scan_dpi(reader: PdfReader, index: int) -> float | None:
    """Resolution of the largest image drawn on a page (a scanned page is one big image)."""
    try:
        page = reader.pages[index]
        page_width = float(page.mediabox.width)
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None or page_width <= 0:
            return None
        widths = [
            int(xobject.get_object().get("/Width", 0))
            for xobject in xobjects.get_object().values()
            if xobject.get_object().get("/Subtype") == "/Image"
        ]
    except Exception:  # no resolution known: the default applies
        return None
    return max(widths) / (page_width / 72) if widths and max(widths) > 0 else None


def render_page_png(data: bytes, index: int, max_pixels: int, password: str | None, dpi: float | None = None) -> bytes:
    """One page as a greyscale PNG at ~300 dpi (or at the scan's own resolution when lower:
    upsampling a 200 dpi scan blurs the strokes Tesseract needs), under ``max_pixels``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password=password or None)
        try:
            page = document[index]
            width, height = page.get_size()  # points
            scale = min(RENDER_DPI, max(dpi or RENDER_DPI, MIN_RENDER_DPI)) / 72
            pixels = width * scale * height * scale
            if pixels > max_pixels:
                scale *= (max_pixels / pixels) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            image = bitmap.to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)
            return buffer.getvalue()
        finally:
            document.close()
    except ReadFailure:
        raise
    except Exception as exc:
        raise ReadFailure(Flag.UNREADABLE, f"page {index + 1} impossible à convertir en image ({_short(exc)})") from exc


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
