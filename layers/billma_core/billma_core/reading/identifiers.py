"""French company identifiers: SIREN/SIRET check digits and the intra-community VAT number.

>>> siret_is_valid("73282932000074"), siret_is_valid("73282932000075")
(True, False)
>>> vat_number_for_siren("732829320")
'FR44732829320'
"""

from __future__ import annotations

# La Poste's SIRETs (one SIREN, thousands of establishments) do not follow Luhn: their digit
# sum is a multiple of 5 instead (INSEE rule).
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    """Luhn checksum over a string of digits (False for anything else)."""
    if not digits or not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siren_is_valid(siren: str) -> bool:
    return len(siren) == 9 and luhn_ok(siren)


def siret_is_valid(siret: str) -> bool:
    """A SIRET is 14 digits, Luhn over all of them; La Poste's digit sum is a multiple of 5."""
    if len(siret) != 14 or not siret.isascii() or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        # Accept Luhn too: the head office's SIRET (…00048) is an ordinary Luhn number.
        return sum(int(c) for c in siret) % 5 == 0 or luhn_ok(siret)
    return luhn_ok(siret)


def vat_number_for_siren(siren: str) -> str:
    """French VAT number: "FR" + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97."""
    if len(siren) != 9 or not siren.isascii() or not siren.isdigit():
        raise ValueError(f"SIREN à 9 chiffres attendu : {siren!r}")
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"
