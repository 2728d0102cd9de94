"""Totals HT, TVA and TTC, found by their labels; values on the same row or, for a row of
labels ("TOTAL HT   TOTAL TVA   TOTAL TTC"), on the next rows under them.

The VAT is an equation: a VAT recap (rate, base, VAT per rate, base × rate = VAT) and the rows
"TVA 10 % … / TVA 20 % …" each give the VAT per rate; of the VAT totals a document states (its
"Total TVA", the sum per rate, the recap's), the one that closes HT + VAT = TTC is taken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from billma_core.checks import ttc_closes
from billma_core.money import money
from billma_core.reading.lines import VAT_RATES, amounts, detect_header, vat_recap_row
from billma_core.reading.numbers import Token, normalise_row, row_tokens, squeeze
from billma_core.reading.vocabulary import vocabulary

_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Totals:
    total_ht: Decimal | None = None
    total_tva: Decimal | None = None
    total_ttc: Decimal | None = None
    vat_rates: list[Decimal] = field(default_factory=list)
    vat_amounts: list[Decimal] = field(default_factory=list)
    no_vat: bool = False
    vat_recap: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)  # rate → (base, VAT)
    vat_by_rate: dict[Decimal, Decimal] = field(default_factory=dict)  # rate → VAT, from "TVA 10 % …" rows


def _rates(tokens: list[Token]) -> list[Decimal]:
    rates: list[Decimal] = []
    for index, token in enumerate(tokens):
        if token.value is None:
            continue
        is_percent = token.kind == "pct" or (index + 1 < len(tokens) and tokens[index + 1].kind == "pct")
        if is_percent and token.value in VAT_RATES:
            rates.append(token.value)
    return rates


def _labels(row: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in vocabulary().totals_labels:
        for match in pattern.finditer(row):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            found.append((name, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda f: f[1])
    return found


def find_totals(rows: list[str]) -> Totals:
    values: dict[str, list[Decimal]] = {"ttc": [], "net": [], "ht": [], "tva_total": [], "tva": []}
    result = Totals()
    words = vocabulary()
    pending: list[tuple[str, int, int]] = []
    pending_age = 0
    for raw in rows:
        key = squeeze(raw)
        if not key:
            continue
        if vocabulary().no_vat.search(key):
            result.no_vat = True
        recap = vat_recap_row(raw) if key[:1].isdigit() else None
        if recap is not None:
            rate, base, vat = recap
            result.vat_recap[rate] = (base, vat)
            pending = []  # the recap's header ("Taux  Base HT  Montant TVA") labels no totals
            if not any(word in key for word in words.totals_screen):
                continue  # a totals column may share the row ("20 %  1 588,99  317,80   Total TVA  421,76")
        if not pending and not any(word in key for word in words.totals_screen):
            continue  # most rows: no label, nothing awaited
        labels = [] if words.not_a_line(key) else _labels(key)
        if labels and words.vat_noise.search(key):
            labels = [label for label in labels if label[0] != "tva"]
        has_digit = _DIGIT.search(key) is not None
        if not labels and not (pending and has_digit):
            continue
        if labels and not has_digit and detect_header(raw) is not None:
            continue  # a table header ("Montant HT") is not a total
        row = normalise_row(raw)
        if len(labels) > 1:
            labels = _labels(row)  # several labels: their columns matter
            if words.vat_noise.search(key):
                labels = [label for label in labels if label[0] != "tva"]
        tokens = list(row_tokens(raw)) if has_digit else []
        found = amounts(tokens)
        if labels and not found:
            label_chars = sum(end - start for _, start, end in labels)
            if len(labels) >= 2 or (labels[0][0] != "tva" and len(row.strip()) - label_chars < 6):
                pending, pending_age = labels, 0
            continue
        if pending and len(found) >= len(pending) and not labels and not words.footer.search(key):
            # Values under a row of labels: match each label to the nearest amount.
            for name, start, end in pending:
                centre = (start + end) / 2
                nearest = min(found, key=lambda a: abs((a[1] + a[2]) / 2 - centre))
                values[name].append(nearest[0])
            pending = []
            continue
        pending_age += 1
        if pending_age > 3:
            pending = []
        if not labels or not found:
            continue
        if len(labels) == 1 or len(found) == 1:
            name = labels[-1][0]
            values[name].append(found[-1][0])
            if name == "tva":
                rates = _rates(tokens)
                result.vat_rates.extend(rates)
                if len(rates) == 1:
                    result.vat_by_rate[rates[0]] = found[-1][0]
            continue
        for name, _start, end in labels:
            after = [a for a in found if a[1] >= end]
            if after:
                values[name].append(after[0][0])
    result.total_ttc = _last(values["ttc"]) or _last(values["net"])
    result.total_ht = _last(values["ht"])
    if result.total_ht is None and result.vat_recap:
        result.total_ht = money(sum((base for base, _ in result.vat_recap.values()), Decimal(0)))
    result.total_tva = _vat_total(result, values)
    result.vat_amounts = values["tva"]
    result.vat_rates = list(dict.fromkeys(result.vat_rates))
    return result


def _vat_total(result: Totals, values: dict[str, list[Decimal]]) -> Decimal | None:
    """The VAT total the document states that closes HT + VAT = TTC, else the first stated:
    its "Total TVA", the sum of its "TVA x %" rows per rate, or its recap's sum."""
    stated: list[Decimal] = []
    if values["tva_total"]:
        stated.append(values["tva_total"][-1])
    if values["tva"]:
        stated.append(sum(dict.fromkeys(values["tva"]), Decimal(0)))
    if result.vat_by_rate:
        stated.append(sum(result.vat_by_rate.values(), Decimal(0)))
    if result.vat_recap:
        stated.append(sum((vat for _, vat in result.vat_recap.values()), Decimal(0)))
    if not stated:
        return None
    ht, ttc = result.total_ht, result.total_ttc
    closing = (tva for tva in stated if ht is not None and ttc is not None and ttc_closes(ht, money(tva), ttc))
    return money(next(closing, stated[0]))


def _last(values: list[Decimal]) -> Decimal | None:
    return money(values[-1]) if values else None
