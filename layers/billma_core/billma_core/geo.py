"""French postal geography: the département a postal code belongs to."""

from __future__ import annotations

import re

_POSTAL_CODE = re.compile(r"^\d{5}$")


def is_postal_code(value: str) -> bool:
    return bool(_POSTAL_CODE.match(value))


def departement_of(postal_code: str) -> str | None:
    """Département code ("01"…"95", "2A", "2B", "971"…"976") of a French postal code.

    >>> departement_of("20090"), departement_of("20600"), departement_of("97400")
    ('2A', '2B', '974')
    """
    if not is_postal_code(postal_code):
        return None
    if postal_code.startswith("97"):
        return postal_code[:3] if postal_code[2] in "123456" else None
    if postal_code.startswith("20"):
        # Corse-du-Sud is 200xx-201xx, Haute-Corse 202xx-206xx.
        return "2A" if postal_code[2] in "01" else "2B"
    head = postal_code[:2]
    return head if head != "00" else None
