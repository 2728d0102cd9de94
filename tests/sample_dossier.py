"""A dossier as the end-to-end tests and the benches open it over HTTP: the portal's form (each
caller adds its own claim reference), and the states of a dossier the robot has not judged yet."""

from __future__ import annotations

from typing import Any

PORTAL_FORM: dict[str, Any] = {
    "date_of_loss": "2025-03-16",
    "deductible": 150,
    "cover": "DEGATS_DES_EAUX",
    "policyholder_phone": "0612345678",
    "policyholder_email": "inconnu",
    "site_postal_code": "33400",
}
BEFORE_JUDGEMENT = ("AWAITING_DOCUMENT", "ANALYSING")
