"""Searching the barème (GET /bareme?q=): by code, or by wording with the evaluation's matcher."""

from __future__ import annotations

from billma_core.bareme.loader import load_bareme
from billma_core.bareme.schema import Bareme, BaremeItem

# Looser than line matching: a reviewer typing "plinthe" wants every plinth item.
SEARCH_THRESHOLD = 0.3


def search(q: str | None, bareme: Bareme | None = None, limit: int = 20) -> list[BaremeItem]:
    """Items for a query, best first; every item (by code) for an empty query."""
    # Imported here: the evaluation package (matcher, rapidfuzz, verdicts) is a seventh of
    # review_api's cold start, and only this route needs it.
    from billma_core.evaluation.matching import matcher_for
    from billma_core.evaluation.text import fold

    bareme = bareme or load_bareme()
    query = (q or "").strip()
    if not query:
        return sorted(bareme.items, key=lambda item: item.code)[:limit]
    upper = query.upper()
    by_code = [item for item in bareme.items if item.code.startswith(upper)]
    if by_code:
        return by_code[:limit]
    folded = fold(query)
    # Exact substring hits on the label or a synonym first, then fuzzy ones.
    exact = [
        item for item in bareme.items if folded in fold(item.label) or any(folded in fold(s) for s in item.synonyms)
    ]
    ranked = [
        c.item
        for c in matcher_for(bareme).rank(query, None, limit=len(bareme.items))
        if c.text_score >= SEARCH_THRESHOLD
    ]
    results: list[BaremeItem] = []
    for item in [*exact, *ranked]:
        if item not in results:
            results.append(item)
    return results[:limit]
