"""One verdict per quote line: matched barème item, price at the site's coefficient, cover rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from billma_core.bareme.schema import BaremeItem
from billma_core.evaluation.arithmetic import LINE_SLACK
from billma_core.evaluation.matching import LUMP_UNITS, Match, Matcher
from billma_core.labels import COVERS, UNITS
from billma_core.models import Cover, LineEvaluation, QuoteLine, Unit, Verdict
from billma_core.money import ZERO, format_eur, money

# Matches above the threshold but below this are worth a word to the reviewer.
CONFIRM_BELOW = 0.75


@dataclass(frozen=True)
class PricingContext:
    """What every line of one quote is judged against."""

    cover: Cover
    coefficient: Decimal
    departement: str | None
    tolerance: Decimal
    bareme_version: str

    @property
    def coefficient_text(self) -> str:
        where = f"dépt {self.departement}" if self.departement else "national, chantier non localisé"
        return f"coefficient {_num(self.coefficient)} ({where})"


def _num(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def _qty(value: Decimal) -> str:
    return _num(value.normalize()) if value == value.to_integral_value() else _num(value)


def _pct(value: Decimal) -> str:
    return f"{_num((value * 100).normalize())} %"


def _unit(unit: Unit | None) -> str:
    return UNITS[unit] if unit is not None else "sans unité"


def _same_unit(a: Unit, b: Unit) -> bool:
    lump = {Unit.FORFAIT, Unit.ENS}
    return a is b or (a in lump and b in lump)


def _item_ref(item: BaremeItem, version: str) -> str:
    return f"barème {version}, {item.code} « {item.label} »"


def evaluate_line(index: int, line: QuoteLine, matcher: Matcher, context: PricingContext) -> LineEvaluation:
    """The verdict on one line, with the French reason a reviewer reads."""
    computed = money(line.quantity * line.unit_price_ht)
    # Never more than the quote asks, and never a wrong multiplication: the smaller of the two.
    payable = min(line.total_ht, computed) if computed >= 0 else line.total_ht

    if line.total_ht < 0 or line.unit_price_ht < 0:
        return LineEvaluation(
            line=index,
            verdict=Verdict.OK,
            revised_total_ht=line.total_ht,
            why="Remise accordée par l'entreprise : reprise telle quelle dans la révision.",
        )
    if line.total_ht == 0 and line.unit_price_ht == 0:
        return LineEvaluation(
            line=index, verdict=Verdict.OK, revised_total_ht=ZERO, why="Ligne sans montant (offerte ou pour mémoire)."
        )

    match = matcher.match(line.designation, line.unit)
    if match.item is None:
        return _unmatched(index, line, match)
    item = match.item
    base = {
        "line": index,
        "bareme_code": item.code,
        "bareme_label": item.label,
        "confidence": round(match.confidence, 3),
    }
    where = _item_ref(item, context.bareme_version)

    if not item.payable_under(context.cover):
        note = item.exclusion_note(context.cover)
        why = f"Non pris en charge par la garantie {COVERS[context.cover].lower()} ({where})"
        why += f" : {note}." if note else "."
        why += " Ligne exclue de la révision."
        return LineEvaluation(**base, verdict=Verdict.NOT_COVERED, revised_total_ht=ZERO, why=why)

    # A line that takes out the existing and fits new is priced as both ("dépose + fourniture et
    # pose de stratifié": the laminate and the removal of the floor covering).
    removal = match.removal
    unit_price = item.unit_price_ht + (removal.unit_price_ht if removal else 0)
    reference_unit = money(unit_price * context.coefficient)
    ceiling = money(reference_unit * (1 + context.tolerance))
    line_unit = line.unit
    if line_unit is None and line.quantity != 1:
        # The unit was not read but a non-unit quantity says the line is measured as the item is.
        line_unit = item.unit

    if item.needs_measurements and (line_unit is None or not _same_unit(line_unit, item.unit)):
        why = (
            f"Travail chiffré au {_unit(item.unit)} ({where}, {format_eur(item.unit_price_ht)} HT/"
            f"{_unit(item.unit)}) présenté en {_qty(line.quantity)} {_unit(line.unit)} sans métré : "
            f"impossible à vérifier, demander les {'surfaces' if item.unit is Unit.M2 else 'quantités'}."
        )
        return LineEvaluation(
            **base,
            verdict=Verdict.UNMEASURED,
            reference_unit_price_ht=reference_unit,
            coefficient=context.coefficient,
            revised_total_ht=line.total_ht,
            why=why,
        )

    if item.unit in LUMP_UNITS and line_unit is not None and line_unit not in LUMP_UNITS:
        # A lump-sum item given per m² or per hour: judge the line's total against one lump sum.
        quantity = Decimal(1)
        quoted = line.total_ht
        quoted_text = f"total de la ligne {format_eur(line.total_ht)}"
    else:
        quantity = line.quantity
        quoted = line.unit_price_ht
        quoted_text = f"prix du devis {format_eur(line.unit_price_ht)} HT/{_unit(item.unit)}"
    reference_total = money(quantity * reference_unit)
    per_unit = f"{format_eur(item.unit_price_ht)} HT/{_unit(item.unit)}"
    if removal is not None:
        per_unit = (
            f"({format_eur(item.unit_price_ht)} + dépose de l'existant {removal.code} "
            f"{format_eur(removal.unit_price_ht)}) HT/{_unit(item.unit)}"
        )
    pricing = f"{where[0].upper()}{where[1:]} : {per_unit} × {context.coefficient_text} = {format_eur(reference_unit)}"
    if quoted > ceiling:
        revised = min(reference_total, payable)
        why = (
            f"{pricing} ; {quoted_text} > plafond {format_eur(ceiling)} (tolérance "
            f"{_pct(context.tolerance)}) : ligne révisée au prix du barème, {format_eur(revised)} HT."
        )
        verdict = Verdict.OVERPRICED
    else:
        revised = payable
        why = f"{pricing} ; {quoted_text} ≤ plafond {format_eur(ceiling)} (tolérance {_pct(context.tolerance)})."
        if abs(computed - line.total_ht) > LINE_SLACK and quantity == line.quantity:
            why += f" Total recalculé {format_eur(computed)} au lieu de {format_eur(line.total_ht)}."
        verdict = Verdict.OK
    if match.confidence < CONFIRM_BELOW:
        why += f" Correspondance au barème à confirmer (confiance {round(match.confidence * 100)} %)."
    return LineEvaluation(
        **base,
        verdict=verdict,
        reference_unit_price_ht=reference_unit,
        coefficient=context.coefficient,
        reference_total_ht=reference_total,
        revised_total_ht=revised,
        why=why,
    )


def _unmatched(index: int, line: QuoteLine, match: Match) -> LineEvaluation:
    if match.best is not None:
        hint = (
            f" (meilleur candidat {match.best.item.code} « {match.best.item.label} », "
            f"confiance {round(match.best.score * 100)} %)"
        )
    else:
        hint = ""
    return LineEvaluation(
        line=index,
        confidence=round(match.confidence, 3),
        verdict=Verdict.UNMATCHED,
        revised_total_ht=line.total_ht,
        why=f"Aucun article du barème ne correspond avec assez de confiance{hint} : à vérifier par le Billmateur.",
    )
