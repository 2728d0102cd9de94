"""Header fields of a quote: contractor, SIRET, VAT number, quote number, date, site postal code.

Each field is found by its French label and a value shape, never by a position on a known
layout; candidates are ranked (label quality, document order) and checked (Luhn, SIREN of the
VAT number) so that an OCR slip in one occurrence can be outvoted by another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from billma_core.reading.identifiers import siret_is_valid, vat_number_for_siren

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"})

_SIRET = re.compile(
    r"\bs\s?i\s?r\s?e\s?t\b[^0-9A-Za-z]{0,12}(?:n[°o]\s*)?[:.]?\s*([0-9OoIlDQSB|][0-9OoIlDQSB|\s.\-]{12,30})",
    re.IGNORECASE,
)
_BARE_SIRET = re.compile(
    r"(?<![\d\w])(\d{3}[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{5}|\d{3}[\s.]\d{3}[\s.]\d{3}[\s.]\d{3}[\s.]\d{2})(?![\d])"
)
_VAT = re.compile(r"\bF\s?R\s?[-.]?\s?([0-9A-HJ-NP-Z]{2})\s?[-.]?\s?(\d{3}\s?\.?\d{3}\s?\.?\d{3})(?!\d)")
_NUMBER_TOKEN = r"([A-Za-z0-9][A-Za-z0-9/\-_.]*\d[A-Za-z0-9/\-_.]*|\d)"  # noqa: S105 - a regex
_QUOTE_NUMBER = [
    # "Devis n° 2025/144", "DEVIS N°: D2505-178", "Devis numéro DEV-2025-0736"
    (
        0,
        re.compile(
            r"\b(?:devis|proposition(?:\s+commerciale)?|offre(?:\s+de\s+prix)?|estimation)\s*"
            r"(?:n\s?[°º*o]\.?|num[ée]ro|no\.?|#|r[ée]f\.?)\s*[:.]?\s*" + _NUMBER_TOKEN,
            re.IGNORECASE,
        ),
    ),
    # "Numéro de devis : 2025/850", "N° de devis 12"
    (
        0,
        re.compile(
            r"(?:n\s?[°º*]|num[ée]ro|r[ée]f[ée]rence)\s*(?:du|de)\s+devis\s*[:.]?\s*" + _NUMBER_TOKEN, re.IGNORECASE
        ),
    ),
    # "DEVIS D2505-178" (no label), "Facture FA-2017-0010"
    (1, re.compile(r"\b(?:devis|facture|proposition)\s*[:]?\s+(?=[A-Za-z0-9/\-_.]*\d)" + _NUMBER_TOKEN, re.IGNORECASE)),
    # "N° 2025/144", "Numéro   2025/850", "Facture N° : F20260023"
    (2, re.compile(r"(?:\bn\s?[°º*]|\bnum[ée]ro\b|\bno\.)\s*[:.]?\s*" + _NUMBER_TOKEN, re.IGNORECASE)),
]
_NUMBER_CONTEXT_REJECT = re.compile(
    r"(?:tva|siret|siren|contrat|police|client|sinistre|dossier|commande|bon|rcs|t[ée]l|compte|fax|adh[ée]rent"
    r"|assurance[^\n]*|d[ée]cennale[^\n]*|assureur[^\n]*"
    r"|r[ée]f[ée]rence\s+client|associ[ée]e|livraison|r[ée]ception|article|lot|rue|ligne)\W*$",
    re.IGNORECASE,
)
_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
_DATE = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s?[/.\-]\s?(?P<m>[01]?\d)\s?[/.\-]\s?(?P<y>(?:19|20)\d{2}|\d{2})(?!\d)"
    r"|(?<!\d)(?P<d2>[0-3]?\d)(?:er)?\s+(?P<mn>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<y2>(?:19|20)\d{2})"
    r"|(?<!\d)(?P<y3>20\d{2})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)",
    re.IGNORECASE,
)
_DATE_REJECT = re.compile(
    r"(?:sinistre|survenance|jusqu|valable|validit[ée]|[ée]ch[ée]ance|livraison|naissance|p[ée]riode|d[ée]but|fin\s"
    r"|\bau\b|intervention|visite|dommage|d[ée]g[âa]t|eaux|limite|r[èe]glement|versement|paiement|associ[ée]e)",
    re.IGNORECASE,
)
_DATE_PREFER = re.compile(
    r"(?:\bdate\b|\bdevis\s+du\b|\bfait\s+(?:[àa]\s+[\w\s'-]+,\s*)?le\b|\b[ée]mis\s+le\b|\b[ée]tabli\s+le\b)\W*$",
    re.IGNORECASE,
)
_SITE_LABEL = re.compile(
    r"adresse\s+(?:du|des|de\s+l['’])\s*(?:chantier|travaux|intervention|sinistre)|lieu\s+(?:d['’]\s*intervention|des\s+travaux"
    r"|du\s+chantier|d['’]ex[ée]cution|du\s+sinistre)|\bchantier\s*:|\bsite\s*:|adresse\s+d['’]\s*intervention"
    r"|travaux\s+[àa]\s+r[ée]aliser\s+(?:au|à)|\bchantier\b\s*$",
    re.IGNORECASE,
)
_CLIENT_LABEL = re.compile(
    r"\b(?:client|ma[îi]tre\s+d['’]ouvrage|destinataire|factur[ée]\s+[àa])\b\s*:?", re.IGNORECASE
)
_POSTAL = re.compile(
    r"(?<![\d\w])((?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3})(?!\d)(?!\s?(?:€|eur|m²|m2|ml|\d|,))", re.IGNORECASE
)
_SAME_AS_CLIENT = re.compile(r"\bidem\b|m[êe]me\s+adresse|adresse\s+(?:du\s+)?client", re.IGNORECASE)
_NAME_SKIP = re.compile(
    r"^(?:devis|facture|proposition|estimation|page|date|n°|tél|tel|t[ée]l[ée]phone|fax|email|e-mail|mail|siret|siren"
    r"|tva|www|http|client|adresse|objet|r[ée]f)\b|@|^\d",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Siret:
    value: str
    valid: bool


def find_siret(text: str) -> Siret | None:
    """The contractor's SIRET: the first labelled one; an OCR-damaged first occurrence is
    replaced by a later valid one that agrees with it on most digits."""
    candidates: list[str] = []
    for match in _SIRET.finditer(text):
        digits = re.sub(r"\D", "", match.group(1).translate(_OCR_DIGITS))
        if len(digits) >= 14:
            candidates.append(digits[:14])
    if not candidates:
        for match in _BARE_SIRET.finditer(text):
            digits = re.sub(r"\D", "", match.group(1))
            if siret_is_valid(digits):
                candidates.append(digits)
    if not candidates:
        return None
    first = candidates[0]
    if siret_is_valid(first):
        return Siret(first, True)
    for other in candidates[1:]:
        if siret_is_valid(other) and sum(a == b for a, b in zip(first, other, strict=True)) >= 11:
            return Siret(other, True)
    return Siret(first, False)


def find_vat_number(text: str, siren: str | None) -> str | None:
    """The French VAT number, preferring the one that belongs to the contractor's SIREN."""
    found: list[str] = []
    for match in _VAT.finditer(text):
        key = match.group(1).upper().translate(_OCR_DIGITS)
        number = re.sub(r"\D", "", match.group(2))
        found.append(f"FR{key}{number}")
    if siren:
        for number in found:
            if number.endswith(siren):
                return number
        # OCR may garble the printed number; the key is computable from the SIREN.
        if found and any(number[4:] == siren for number in found):
            return vat_number_for_siren(siren)
    return found[0] if found else None


def find_quote_number(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for priority, pattern in _QUOTE_NUMBER:
        for match in pattern.finditer(text):
            value = match.group(1).strip(".,;:)/-_")
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[max(line_start, match.start() - 30) : match.start()]
            if priority == 2 and _NUMBER_CONTEXT_REJECT.search(before):
                continue
            after = text[match.end() : match.end() + 8]
            if re.match(r"\s*(?:mois|jours?|ans?|semaines?|%|€)", after, re.IGNORECASE):
                continue
            if priority == 1 and len(value) < 4:
                continue
            if not _plausible_number(value):
                continue
            candidate = (priority, match.start(), value)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return best[2] if best else None


def _plausible_number(value: str) -> bool:
    if not any(ch.isdigit() for ch in value) or len(value) > 30:
        return False
    # A date or an amount is not a quote number.
    if _DATE.fullmatch(value) or re.fullmatch(r"\d+[.,]\d{2}", value):
        return False
    return not re.fullmatch(r"0\d(?:[ .]?\d\d){4}", value)  # a phone number


def find_date(text: str) -> dt.date | None:
    """The quote's date: a date labelled "Date" (or "Devis du", "Fait le"), else the first
    date that is not a validity, a loss or a due date."""
    preferred: dt.date | None = None
    fallback: dt.date | None = None
    for match in _DATE.finditer(text):
        value = _to_date(match)
        if value is None:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 40) : match.start()]
        # Only the nearest label counts: "Sinistre du 19/02 – Date : 21/03" is two fields.
        label = re.split(r"\s{3,}|[|–—]", before)[-1]
        if _DATE_REJECT.search(label):
            continue
        if _DATE_PREFER.search(label):
            preferred = preferred or value
            break
        fallback = fallback or value
    return preferred or fallback


def _to_date(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("d"):
            year = int(match.group("y"))
            year += 2000 if year < 100 else 0
            return dt.date(year, int(match.group("m")), int(match.group("d")))
        if match.group("d2"):
            month = _MONTHS[match.group("mn").lower()]
            return dt.date(int(match.group("y2")), month, int(match.group("d2")))
        return dt.date(int(match.group("y3")), int(match.group("m3")), int(match.group("d3")))
    except (ValueError, KeyError, TypeError):
        return None


def _column_segment(row: str, start: int, stop: int | None) -> str:
    lo = max(0, start - 3)
    segment = row[lo:stop] if stop is not None else row[lo:]
    # A cell runs until a wide gap: text beyond it belongs to the next column.
    if lo > 0 and lo < len(row) and row[lo - 1 : lo + 1].strip() and not row[lo - 1].isspace():
        segment = segment.split(" ", 1)[-1] if " " in segment else segment
    return segment


def _postal_codes(segment: str) -> list[str]:
    return [m.group(1).replace(" ", "") for m in _POSTAL.finditer(segment)]


def _block_postal_code(
    rows: list[str], index: int, start: int, end: int, label: re.Pattern[str]
) -> tuple[str | None, bool]:
    """First postal code in the column under a label (same row after it, then up to six rows)."""
    row = rows[index]
    others = [m.start() for m in _CLIENT_LABEL.finditer(row) if m.start() > end] + [
        m.start() for m in _SITE_LABEL.finditer(row) if m.start() > end
    ]
    stop = min(others) - 1 if others else None
    left_others = [
        m.start() for m in list(_CLIENT_LABEL.finditer(row)) + list(_SITE_LABEL.finditer(row)) if m.end() <= start
    ]
    same_as_client = False
    same_row = row[end:stop] if stop is not None else row[end:]
    if _SAME_AS_CLIENT.search(same_row):
        same_as_client = True
    codes = _postal_codes(same_row)
    if codes:
        return codes[0], same_as_client
    for next_row in rows[index + 1 : index + 7]:
        if not next_row.strip():
            continue
        if start > 5 or left_others:
            segment = _column_segment(next_row, start, stop)
        else:
            # Label in the left column: its cell ends at the first wide gap.
            segment = re.split(r"\s{4,}", next_row.strip())[0] if stop is None else next_row[:stop]
        if _SAME_AS_CLIENT.search(segment):
            same_as_client = True
        codes = _postal_codes(segment)
        if codes:
            return codes[0], same_as_client
    return None, same_as_client


def find_site_postal_code(rows: list[str]) -> str | None:
    """Postal code of the work site: under "Adresse du chantier", "Lieu d'intervention"…,
    else the client's (an "idem adresse client" site, or a quote without a site block)."""
    site: str | None = None
    idem = False
    client: str | None = None
    for index, row in enumerate(rows):
        if site is None:
            match = _SITE_LABEL.search(row)
            if match is not None:
                site, same = _block_postal_code(rows, index, match.start(), match.end(), _SITE_LABEL)
                idem = idem or same
        if client is None:
            match = _CLIENT_LABEL.search(row)
            if match is not None and not re.search(r"(?:n°|num|réf|code)\s*$", row[: match.start()], re.IGNORECASE):
                client, _ = _block_postal_code(rows, index, match.start(), match.end(), _CLIENT_LABEL)
    return site or client


def find_contractor_name(rows: list[str]) -> str | None:
    """The issuer's name: the first line of letters at the top of the page that is not a title,
    a label or a logo's initials."""
    for row in rows[:12]:
        for raw in re.split(r"\s{3,}|\s[|–—]\s", row.strip()):
            segment = raw.strip(" |:-–")
            letters = sum(ch.isalpha() for ch in segment)
            if letters < 4 or letters < 0.6 * len(segment.replace(" ", "")):
                continue
            if _NAME_SKIP.search(segment) or re.fullmatch(r"[A-Z]{2,4}", segment):
                continue
            if re.search(
                r"\b(?:rue|avenue|bd|boulevard|chemin|all[ée]e|place|impasse|cours|route)\b", segment, re.IGNORECASE
            ):
                continue
            return segment
    return None
