"""Hostile documents made by the tests: each must end in a dossier a reviewer can see, with
a reason, never in a crash or a silent drop."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfWriter
from pypdf.actions import JavaScript

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FAIR = CORPUS / "01_DEV-2025-0736.pdf"


def zero_bytes() -> bytes:
    return b""


def truncated_pdf() -> bytes:
    data = FAIR.read_bytes()
    return data[: len(data) // 3]


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(FAIR.read_bytes()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def many_pages_pdf(pages: int = 60) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Page {number + 1}")
    return bytes(pdf.output())


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG header announcing width × height pixels over a tiny compressed body."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", body) + png_chunk(b"IEND", b"")


def decompression_bomb_png() -> bytes:
    return png_header_only(60_000, 60_000)


def pdf_with_javascript_and_attachment() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(FAIR.read_bytes()))
    writer.add_open_action(JavaScript("app.alert('bonjour');"))
    writer.add_attachment("virus.exe", b"MZ\x90\x00 not really")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def wrong_magic_bytes() -> bytes:
    """Declared as a PDF (name, content type) but a ZIP by its bytes."""
    return b"PK\x03\x04" + b"\x00" * 200


def eleven_megabytes() -> bytes:
    return b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)


def five_thousand_lines_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=8)
    pdf.add_page()
    pdf.cell(text="DEVIS N° D-5000 - Entreprise Test SARL")
    pdf.ln()
    for number in range(5000):
        pdf.cell(text=f"Peinture murs 2 couches lot {number} - 1,00 m2 x 28,00 EUR = 28,00")
        pdf.ln()
    return bytes(pdf.output())


HOSTILE: dict[str, Callable[[], bytes]] = {
    "zero_bytes": zero_bytes,
    "truncated_pdf": truncated_pdf,
    "encrypted_pdf": encrypted_pdf,
    "many_pages_pdf": many_pages_pdf,
    "decompression_bomb_png": decompression_bomb_png,
    "pdf_with_javascript_and_attachment": pdf_with_javascript_and_attachment,
    "wrong_magic_bytes": wrong_magic_bytes,
    "eleven_megabytes": eleven_megabytes,
    "five_thousand_lines_pdf": five_thousand_lines_pdf,
}
