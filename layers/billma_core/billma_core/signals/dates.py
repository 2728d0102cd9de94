"""``dated_before_loss``: a quote made, or work invoiced, before the loss it is said to repair."""

from __future__ import annotations

from datetime import date

from billma_core.models import DocumentKind, Flag, Quote, Signal


def dated_before_loss(quote: Quote, date_of_loss: date | None) -> Signal | None:
    """A signal when the document's date is before the date of loss (same day is fine)."""
    if quote.date is None or date_of_loss is None or quote.date >= date_of_loss:
        return None
    days = (date_of_loss - quote.date).days
    what = "Facture datée" if quote.kind is DocumentKind.INVOICE else "Devis daté"
    return Signal(
        flag=Flag.DATED_BEFORE_LOSS,
        reason=(f"{what} du {quote.date:%d/%m/%Y}, {days} jour(s) avant le sinistre du {date_of_loss:%d/%m/%Y}."),
        evidence={
            "document_date": quote.date.isoformat(),
            "date_of_loss": date_of_loss.isoformat(),
            "days_before": days,
        },
    )
