"""Hostile and broken inputs: every one ends in flags and a French reason, never an exception."""

from __future__ import annotations

import io
import struct

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from reading_support import CORPUS, FakeOcr, image_pdf, png_bytes

from billma_core.models import DocumentReading, Flag, MediaType
from billma_core.reading import read_document
from billma_core.reading.ocr import NoOcrEngine
from billma_core.settings import Settings
from tests.hostile_documents import pdf_with_javascript_and_attachment, png_header_only

FAIR = CORPUS / "01_DEV-2025-0736.pdf"
REJECTIONS = {
    Flag.UNREADABLE,
    Flag.ENCRYPTED,
    Flag.UNSUPPORTED_TYPE,
    Flag.TOO_LARGE,
    Flag.NOT_A_QUOTE,
    Flag.ROBOT_ERROR,
}


def assert_explained(reading: DocumentReading) -> None:
    """A document is either read as a quote, or rejected with a reason a person can read."""
    if reading.quote is None or set(reading.flags) & REJECTIONS:
        assert set(reading.flags) & REJECTIONS, reading
        assert reading.reason and reading.reason.strip()


def jpeg_header_only(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + sof
        + b"\xff\xd9"
    )


def text_pdf(rows: list[str], pages: int = 1, font_size: float = 9, page_height_mm: float | None = None) -> bytes:
    pdf = FPDF(format=(210, page_height_mm) if page_height_mm else "A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("helvetica", size=font_size)
    per_page = -(-len(rows) // pages)
    for start in range(0, len(rows), per_page):
        pdf.add_page()
        for row in rows[start : start + per_page]:
            pdf.cell(text=row)
            pdf.ln(font_size * 0.38)
    return bytes(pdf.output())


def test_zero_bytes() -> None:
    reading = read_document(b"")
    assert reading.flags == [Flag.UNREADABLE] and reading.reason and reading.size == 0


def test_eleven_megabytes_is_too_large_before_anything_else() -> None:
    data = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    reading = read_document(data)
    assert reading.flags == [Flag.TOO_LARGE] and "Mo" in (reading.reason or "")


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\x00" * 200, b"GIF89a....", b"<html>devis</html>", b"\x00" * 50])
def test_unsupported_types_by_magic_bytes(data: bytes) -> None:
    reading = read_document(data)
    assert reading.flags == [Flag.UNSUPPORTED_TYPE] and reading.media_type is None and reading.reason


def test_encrypted_with_a_user_password() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(FAIR.read_bytes()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    reading = read_document(out.getvalue())
    assert reading.flags == [Flag.ENCRYPTED] and reading.reason and reading.quote is None


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_with_an_empty_user_password_is_read(algorithm: str) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(FAIR.read_bytes()))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    reading = read_document(out.getvalue())
    assert reading.flags == [] and reading.quote is not None
    assert reading.quote.number == "DEV-2025-0736"


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.8, 0.97, 0.999])
def test_truncated_pdfs(fraction: float) -> None:
    data = FAIR.read_bytes()
    assert_explained(read_document(data[: int(len(data) * fraction)]))


def test_decompression_bomb_png_is_refused_from_its_header() -> None:
    reading = read_document(png_header_only(60_000, 60_000), ocr=FakeOcr("ne doit pas être appelé"))
    assert reading.flags == [Flag.TOO_LARGE] and reading.media_type is MediaType.PNG
    assert "pixels" in (reading.reason or "")


def test_decompression_bomb_jpeg_is_refused_from_its_header() -> None:
    reading = read_document(jpeg_header_only(65_000, 65_000), ocr=FakeOcr())
    assert reading.flags == [Flag.TOO_LARGE] and reading.media_type is MediaType.JPEG


def test_image_limit_comes_from_settings() -> None:
    small_limit = Settings(max_image_pixels=10_000)
    assert read_document(png_bytes(200, 100), small_limit, ocr=FakeOcr()).flags == [Flag.TOO_LARGE]


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", png_header_only(100, 100)[:40]])
def test_broken_images_are_unreadable(data: bytes) -> None:
    reading = read_document(data, ocr=FakeOcr())
    assert reading.flags == [Flag.UNREADABLE] and reading.reason


def test_pdf_with_javascript_and_an_attachment_is_only_read() -> None:
    reading = read_document(pdf_with_javascript_and_attachment())
    assert reading.flags == [] and reading.quote is not None and reading.quote.number == "DEV-2025-0736"


def test_too_many_pages() -> None:
    reading = read_document(text_pdf([f"Page {n}" for n in range(21)], pages=21))
    assert reading.flags == [Flag.TOO_LARGE] and reading.pages == 21 and "21 pages" in (reading.reason or "")


FIVE_THOUSAND = [f"Peinture murs 2 couches lot {n} - 1,00 m2 x 28,00 EUR = 28,00" for n in range(5000)]


# Slow, both (load): a page 4.7 m tall, and the same 5 000 lines over twenty pages (below). CI's slow step
# runs them; the quick suite keeps the size limits (the 21-page refusal above).
@pytest.mark.slow
def test_five_thousand_lines_on_one_page_are_all_read() -> None:
    rows = ["DEVIS N° D-5000 - Entreprise Test SARL - SIRET 732 829 320 00074", *FIVE_THOUSAND]
    rows += ["Total HT 140 000,00 EUR", "TVA 10 % 14 000,00 EUR", "Total TTC 154 000,00 EUR"]
    data = text_pdf(rows, font_size=2, page_height_mm=4700)
    # No timing asserted here (benchmarks live in bench/): only that every line is read.
    reading = read_document(data)
    assert reading.quote is not None and len(reading.quote.lines) == 5000
    assert reading.quote.total_ttc is not None


@pytest.mark.slow
def test_five_thousand_lines_over_twenty_pages() -> None:
    data = text_pdf(["DEVIS N° D-5000", *FIVE_THOUSAND], pages=20, font_size=2.5)
    reading = read_document(data)
    assert reading.pages == 20 and reading.quote is not None and len(reading.quote.lines) == 5000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"%PDF-"]), st.binary(max_size=2048))
def test_random_bytes_always_come_back_with_a_reason(prefix: bytes, body: bytes) -> None:
    assert_explained(read_document(prefix + body, ocr=FakeOcr()))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=47_000), st.binary(min_size=0, max_size=64))
def test_truncated_and_corrupted_corpus_bytes(cut: int, garbage: bytes) -> None:
    data = FAIR.read_bytes()
    assert_explained(read_document(data[:cut] + garbage))


# ------------------------------------------------------------------------------ OCR paths

OCR_QUOTE = """Peintures Morel                                           DEVIS
SIRET 732 829 320 00074                                    N° 2025-77   Date : 02/03/2025
Désignation                               Qté    U      P.U. HT     Total HT
Peinture plafond                          20,00  m2     35,00       700,00
Nettoyage                                  1,00  Ft    120,00       120,00
                                          Total HT                  820,00 €
                                          TVA 10 %                   82,00 €
                                          Total TTC                 902,00 €
"""


def test_a_photo_of_a_quote_is_read_through_ocr() -> None:
    engine = FakeOcr(OCR_QUOTE)
    reading = read_document(png_bytes(), ocr=engine)
    assert engine.calls == 1 and reading.pages == 1 and reading.media_type is MediaType.PNG
    assert reading.flags == [Flag.OCR]
    assert reading.quote is not None and reading.quote.total_ttc is not None and len(reading.quote.lines) == 2


def test_an_image_only_pdf_is_ocrd_page_by_page() -> None:
    from PIL import Image

    data = image_pdf([Image.new("L", (400, 560), 255), Image.new("L", (400, 560), 200)])
    engine = FakeOcr(OCR_QUOTE)
    reading = read_document(data, ocr=engine)
    assert engine.calls == 2 and reading.pages == 2 and Flag.OCR in reading.flags


def test_a_blank_page_without_images_is_not_sent_to_ocr() -> None:
    engine = FakeOcr(OCR_QUOTE)
    reading = read_document(text_pdf([" "]), ocr=engine)
    assert engine.calls == 0 and reading.flags == [Flag.NOT_A_QUOTE]


def test_without_an_ocr_engine_the_document_goes_to_a_person() -> None:
    reading = read_document(png_bytes(), ocr=NoOcrEngine())
    assert reading.flags == [Flag.UNREADABLE] and "OCR indisponible" in (reading.reason or "")
    reading = read_document(png_bytes(), Settings(ocr_engine="none"))
    assert reading.flags == [Flag.UNREADABLE] and "OCR indisponible" in (reading.reason or "")


def test_an_ocr_failure_is_a_reason_not_a_crash() -> None:
    reading = read_document(png_bytes(), ocr=FakeOcr(fail=True))
    assert reading.flags == [Flag.UNREADABLE] and "OCR en échec" in (reading.reason or "")


@pytest.mark.parametrize("text", ["", "   ", "IMG_2031 vue du plafond taché", "Ceci est une photo de la cuisine"])
def test_a_photo_that_is_not_a_quote(text: str) -> None:
    reading = read_document(png_bytes(), ocr=FakeOcr(text))
    assert reading.flags[0] is Flag.NOT_A_QUOTE and Flag.OCR in reading.flags and reading.reason


def test_a_bug_in_the_reader_is_a_robot_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import billma_core.reading.reader as reader

    def broken(pages: list[str]) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(reader, "parse_quote", broken)
    reading = read_document(FAIR.read_bytes())
    assert reading.flags == [Flag.ROBOT_ERROR] and reading.reason


def test_a_scan_with_a_stamp_in_its_text_layer_is_still_ocrd() -> None:
    from PIL import Image

    pdf = FPDF(unit="pt", format=(595, 842))
    pdf.add_page()
    buffer = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(buffer, format="PNG")
    buffer.seek(0)
    pdf.image(buffer, x=0, y=0, w=595, h=842)
    pdf.set_font("helvetica", size=8)
    pdf.text(x=20, y=20, text="Reçu par fax le 12/03/2025 à 10:42 - page 1/1 - +33 4 76 00 00 00")
    engine = FakeOcr(OCR_QUOTE)
    reading = read_document(bytes(pdf.output()), ocr=engine)
    assert engine.calls == 1 and Flag.OCR in reading.flags
    assert reading.quote is not None and len(reading.quote.lines) == 2


def test_a_text_pdf_with_a_logo_is_not_ocrd() -> None:
    engine = FakeOcr("")
    reading = read_document(FAIR.read_bytes(), ocr=engine)
    assert engine.calls == 0 and Flag.OCR not in reading.flags
