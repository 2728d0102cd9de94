"""Quotes from the corpus ground truth (``NN_name.json``): a fixture for tests and benchmarks that
exercises the evaluation without the reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from billma_core.models import Contractor, Quote, QuoteLine, Unit


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def quote_from_ground_truth(truth: Mapping[str, Any]) -> Quote | None:
    """The quote a perfect reader would return for this ground truth; ``None`` for non-quotes."""
    if truth.get("kind") != "devis" or not truth.get("lines"):
        return None
    artisan = truth.get("artisan") or {}
    return Quote(
        contractor=Contractor(
            name=artisan.get("name"),
            siret=artisan.get("siret"),
            siret_valid=bool(artisan.get("siret_valid")),
            vat_number=artisan.get("tva_number"),
        ),
        number=truth.get("devis_number"),
        date=dt.date.fromisoformat(truth["date"]) if truth.get("date") else None,
        site_postal_code=truth.get("site_postal_code"),
        lines=[
            QuoteLine(
                designation=line["designation"],
                quantity=_dec(line["quantity"]),
                unit=Unit(line["unit"]) if line.get("unit") else None,
                unit_price_ht=_dec(line["unit_price_ht"]),
                total_ht=_dec(line["total_ht"]),
                tva_rate=_dec(line["tva_rate"]) if line.get("tva_rate") is not None else None,
                room=line.get("room"),
                section=line.get("section"),
            )
            for line in truth["lines"]
        ],
        total_ht=_dec(truth["total_ht"]),
        total_tva=_dec(truth["total_tva"]),
        total_ttc=_dec(truth["total_ttc"]),
    )
