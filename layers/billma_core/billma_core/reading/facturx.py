"""Factur-X / ZUGFeRD: the invoice's own XML, embedded in the PDF, held against the text reading.

A Factur-X PDF carries its figures twice: printed for people and in a CII XML file for
machines. Read with the ``factur-x`` library (EN 16931 business terms: BT-1 number, BG-4 the
seller's legal identifier, BT-109 total HT, BT-112 total TTC), they must agree with what the
reader found in the text; a disagreement is a document altered after it was issued, or a
misreading, and a person looks at it either way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from billma_core.models import Quote
from billma_core.money import format_eur, money

logger = logging.getLogger(__name__)

# An embedded file's stream dictionary (never inside a compressed object stream): without it
# there is nothing to look for, and the PDF is not parsed a second time.
_EMBEDDED_FILE = b"/EmbeddedFile"
_AMOUNT_TOLERANCE = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class FacturX:
    """The figures of the embedded XML that the text reading also gives."""

    number: str | None
    seller_id: str | None  # SIREN (9 digits) or SIRET (14), from the legal identifier or the VAT number
    total_ht: Decimal | None
    total_ttc: Decimal | None


def read_facturx(pdf: bytes) -> FacturX | None:
    """The Factur-X/ZUGFeRD figures of ``pdf``, or None when it carries no readable XML."""
    if _EMBEDDED_FILE not in pdf:
        return None
    try:
        from facturx import get_xml_from_pdf
        from facturx.parse_xml import parse_ubl_cii_xml

        _name, xml = get_xml_from_pdf(pdf, check_xsd=False)
        if not xml:
            return None
        data: dict[str, Any] = parse_ubl_cii_xml(xml, check_xsd=False)
    except Exception:  # a broken attachment is the text reading's business only
        logger.warning("Factur-X XML present but unreadable", exc_info=True)
        return None
    seller = data.get("BG-4")
    return FacturX(
        number=_text(data.get("BT-1")),
        seller_id=_seller_id(seller if isinstance(seller, dict) else {}),
        total_ht=_amount(data.get("BT-109")),
        total_ttc=_amount(data.get("BT-112")),
    )


def disagreements(facturx: FacturX, quote: Quote) -> list[str]:
    """What the XML and the text reading say differently, in French; a figure the text does
    not give is not a disagreement (the reading's own gaps are flagged elsewhere)."""
    found: list[str] = []
    if facturx.number and quote.number and _plain(facturx.number) != _plain(quote.number):
        found.append(f"numéro « {facturx.number} » dans le XML, « {quote.number} » dans le texte")
    siret = quote.contractor.siret
    if facturx.seller_id and siret and not siret.startswith(facturx.seller_id[:9]):
        found.append(f"vendeur {facturx.seller_id} dans le XML, SIRET {siret} dans le texte")
    for label, xml_value, text_value in (
        ("total HT", facturx.total_ht, quote.total_ht),
        ("total TTC", facturx.total_ttc, quote.total_ttc),
    ):
        if xml_value is not None and text_value is not None and abs(xml_value - text_value) > _AMOUNT_TOLERANCE:
            found.append(f"{label} {format_eur(xml_value)} dans le XML, {format_eur(text_value)} dans le texte")
    return found


def mismatch_reason(found: list[str]) -> str:
    return "Factur-X en désaccord avec le texte du document : " + " ; ".join(found) + "."


def _seller_id(seller: dict[str, Any]) -> str | None:
    """The seller's SIREN or SIRET: its legal identifier in the French scheme (0002 SIREN,
    0009 SIRET), else the SIREN inside its French VAT number."""
    identifiers = seller.get("identifiers")
    if not isinstance(identifiers, dict):
        identifiers = {}
    for scheme, value in (
        (seller.get("legal_identifier_schemeid"), seller.get("legal_identifier")),
        ("0009", identifiers.get("0009")),
    ):
        digits = re.sub(r"\D", "", str(value or ""))
        if scheme in (None, "0002", "0009") and len(digits) in (9, 14):
            return digits
    vat = re.sub(r"\s", "", str(seller.get("vat_identifier") or "")).upper()
    return vat[4:] if re.fullmatch(r"FR[0-9A-Z]{2}\d{9}", vat) else None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _amount(value: Any) -> Decimal | None:
    try:
        return money(Decimal(str(value))) if value is not None and str(value).strip() else None
    except (InvalidOperation, ValueError):
        return None


def _plain(number: str) -> str:
    return re.sub(r"\s", "", number).casefold()
