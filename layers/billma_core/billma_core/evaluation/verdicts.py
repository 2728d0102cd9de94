"""One verdict per quote line: matched barème item, price at the site's coefficient, cover rule."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from billma_core.bareme.schema import BaremeItem, Trade
from billma_core.checks import LINE_SLACK
from billma_core.evaluation.matching import LUMP_UNITS, Candidate, Match, Matcher
from billma_core.evaluation.text import Wording
from billma_core.labels import COVERS, UNITS
from billma_core.models import BaremeCandidate, Cover, LineEvaluation, QuoteLine, Unit, Verdict
from billma_core.money import CENT, ZERO, format_eur, money

# Between the codes of the items a line naming several works is priced as the sum of.
COMPOSITE_SEPARATOR = "+"
# Matches above the threshold but below this are worth a word to the reviewer.
CONFIRM_BELOW = 0.75
# The smallest overcharge a reviewer must see. Another item the line could be accepts a price
# above the best one's ceiling only when its own ceiling stays under this much of the best one's
# reference: a much dearer reading would let the best one's inflated price through.
OVERCHARGE = Decimal("1.3")
# A line nothing is plausible for is read as an item its own evidence supports (``Match.supported``)
# when its price sits in that item's band: at or below its ceiling and at least this much of its
# reference (a price far below it says the line is another, cheaper work). Chosen on every labelled
# development wording (bench/bench_price_evidence.py, docs/matcher.md, session 18): 0.5 accepts one
# inflated line more when the quote has every trade; public prices of fair work sit at or above 0.7
# of the reference for half of those under the ceiling (tests/heldout/wordings' fair_price_ht).
PRICE_FLOOR = Decimal("0.7")
# How often a reading the price confirms (``_by_its_price``) is the line's work, apart from its score
# (the score's calibration is the matcher's): measured on the labelled development wordings held out
# of the fit (tests/heldout/wordings16–21: 17 of 28 such readings right, the rest out-of-barème works
# priced exactly at a neighbour's reference; 81 of 106 over every set; bench/bench_price_support.py,
# docs/matcher.md, session 19). The price confirms a reading only in the line's own unit and when the
# readings that name what they are are of one trade: a unit that is not the item's, or naming readings
# of several trades, were right 0 of 27 times (out-of-barème works all), so those are never confirmed.
PRICE_CONFIRMED = 0.6
# What a reviewer reads first of a line no barème item matches surely (read by its price or not).
_NO_SURE_ITEM = "Aucun article du barème ne correspond avec assez de confiance"


@dataclass(frozen=True)
class PricingContext:
    """What every line of one quote is judged against."""

    cover: Cover
    coefficient: Decimal
    departement: str | None
    tolerance: Decimal
    bareme_version: str
    # A day of labour in hours of the trade's hourly item (``Bareme.hours_per_day``).
    hours_per_day: Decimal
    # The trades the quote's sure lines are of (``Matcher.sure_trades``): a doubtful line is
    # read among them (``Matcher.match_in``).
    trades: frozenset[Trade] = frozenset()

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


def _item_ref_one(item: BaremeItem, version: str) -> str:
    return f"barème {version}, {item.code} « {item.label} »"


def _item_ref(pricing: _Pricing, version: str) -> str:
    if len(pricing.items) == 1:
        return _item_ref_one(pricing.items[0], version)
    named = " + ".join(f"{item.code} « {item.label} »" for item in pricing.items)
    return f"barème {version}, ligne de plusieurs travaux : {named}"


@dataclass(frozen=True)
class _Pricing:
    """One way of pricing a line: a barème item (with the removal it adds), or the sum of the
    items of a line naming several works, at the site's coefficient."""

    items: tuple[BaremeItem, ...]
    removal: BaremeItem | None
    reference_unit: Decimal
    ceiling: Decimal
    # Per hour in the barème, per day on the line: the reference is that many hours.
    hours: Decimal | None

    @property
    def code(self) -> str:
        return COMPOSITE_SEPARATOR.join(item.code for item in self.items)

    @property
    def label(self) -> str:
        return " + ".join(item.label for item in self.items)

    @property
    def unit(self) -> Unit:
        return self.items[0].unit


def _pricing(
    items: tuple[BaremeItem, ...], removal: BaremeItem | None, line_unit: Unit | None, context: PricingContext
) -> _Pricing:
    unit_price = sum((item.unit_price_ht for item in items), Decimal(0))
    if removal is not None:
        unit_price += removal.unit_price_ht
    hours = context.hours_per_day if items[0].unit is Unit.H and line_unit is Unit.DAY else None
    if hours is not None:
        unit_price *= hours
    reference_unit = money(unit_price * context.coefficient)
    return _Pricing(items, removal, reference_unit, money(reference_unit * (1 + context.tolerance)), hours)


def _candidate(pricing: _Pricing, confidence: float) -> BaremeCandidate:
    return BaremeCandidate(
        bareme_code=pricing.code,
        label=pricing.label,
        unit=pricing.unit,
        reference_unit_price_ht=pricing.reference_unit,
        ceiling_unit_price_ht=pricing.ceiling,
        confidence=round(confidence, 3),
    )


def _matched_unit(line: QuoteLine) -> Unit | None:
    """The unit the line is matched in: its own or, none read and a quantity of one, a lump sum's
    (one whole job, as "1 forfait" is: an item priced by a measure then still asks for it)."""
    return Unit.FORFAIT if line.unit is None and line.quantity == 1 else line.unit


def _line_unit(line: QuoteLine, item: BaremeItem) -> Unit | None:
    if line.unit is None and line.quantity != 1:
        # The unit was not read but a non-unit quantity says the line is measured as the item is.
        return item.unit
    return line.unit


def _measurable(item: BaremeItem, line_unit: Unit | None) -> bool:
    """Whether the line gives the quantity the item is priced by: a day of labour is that many
    hours of the trade's hourly item, but hours are never days of an item priced by the day (a
    hire runs by the calendar day: "48 h" of a dehumidifier at a day's price is no fair line)."""
    if item.unit is Unit.DAY and line_unit is Unit.H:
        return False
    if not item.needs_measurements:
        return True
    return _in_its_unit(item, line_unit)


def _in_its_unit(item: BaremeItem, line_unit: Unit | None) -> bool:
    """Whether the line is counted in the item's own unit (a day of labour in its hourly item's hours)."""
    return line_unit is not None and (_same_unit(line_unit, item.unit) or (item.unit, line_unit) == (Unit.H, Unit.DAY))


@dataclass(frozen=True)
class _Quoted:
    """The quote's price set against one pricing: per unit, or the line's total for a lump sum."""

    quantity: Decimal
    price: Decimal
    text: str


def _quoted(line: QuoteLine, pricing: _Pricing, line_unit: Unit | None, words: Wording) -> _Quoted:
    # A lump-sum line stating its duration: "Mise en place d'un déshumidificateur (7 jours)".
    days = words.days.search(line.designation)
    if pricing.unit is Unit.DAY and line_unit in LUMP_UNITS and line.quantity == 1 and days and int(days.group(1)):
        # Priced per day, quoted as one lump sum for the days the wording states.
        count = Decimal(days.group(1))
        total = format_eur(line.total_ht)
        return _Quoted(count, money(line.total_ht / count), f"total de la ligne {total} pour {count} j")
    if pricing.unit in LUMP_UNITS and line_unit is not None and line_unit not in LUMP_UNITS:
        # A lump-sum item given per m² or per hour: judge the line's total against one lump sum.
        return _Quoted(Decimal(1), line.total_ht, f"total de la ligne {format_eur(line.total_ht)}")
    shown = Unit.DAY if pricing.hours is not None else pricing.unit
    # The price the line is charged at: its own discount taken off the printed unit price.
    price = line.net_unit_price_ht
    after = f" après remise de {_qty(line.discount_rate.quantize(CENT))} %" if line.discount_rate else ""
    return _Quoted(line.quantity, price, f"prix du devis {format_eur(price)} HT/{_unit(shown)}{after}")


def evaluate_line(index: int, line: QuoteLine, matcher: Matcher, context: PricingContext) -> LineEvaluation:
    """The verdict on one line, with the French reason a reviewer reads.

    The line is judged against every barème item it could be (the matcher's plausible
    candidates): overpriced only above the ceiling of each of them, revised at the best-supported
    one. A line naming several works is priced as the sum of their items."""
    without_price = _without_price(index, line)
    if without_price is not None:
        return without_price
    match = matcher.match_in(line.designation, _matched_unit(line), context.trades, line.section)
    if match.item is None:
        return _by_its_price(index, line, match, context, matcher.words) or _unmatched(index, line, match, context)
    judged = _JudgedLine.of(index, line, match, match.item, context, matcher.words)
    evaluation = _not_covered(judged) or _unmeasured(judged) or _priced(judged)
    if match.section is None:
        return evaluation
    # The heading chose among the items the line's words allow: the reviewer reads which.
    heading = f" Article lu parmi ceux du corps d'état de la rubrique « {match.section} »."
    return evaluation.model_copy(update={"why": evaluation.why + heading})


def _without_price(index: int, line: QuoteLine) -> LineEvaluation | None:
    """A discount or a line with no amount: taken as it is, no barème to judge it against."""
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
    return None


@dataclass(frozen=True)
class _JudgedLine:
    """One matched line with what every verdict on it needs: its pricings and candidates."""

    index: int
    line: QuoteLine
    match: Match
    context: PricingContext
    line_unit: Unit | None
    items: tuple[BaremeItem, ...]
    best: _Pricing
    alternatives: list[tuple[_Pricing, Candidate]]
    candidates: list[BaremeCandidate]
    words: Wording

    @classmethod
    def of(
        cls, index: int, line: QuoteLine, match: Match, item: BaremeItem, context: PricingContext, words: Wording
    ) -> _JudgedLine:
        line_unit = _line_unit(line, item)
        items = match.parts or (item,)
        best = _pricing(items, match.removal, line_unit, context)
        alternatives = [(_pricing((c.item,), None, _line_unit(line, c.item), context), c) for c in match.alternatives]
        if match.parts:
            # Each work of the line on its own (the sum is the line's reference): a reviewer who reads
            # the line as one of them picks it in one click.
            candidates = [
                _candidate(_pricing((c.item,), None, line_unit, context), c.confidence) for c in match.candidates
            ]
        else:
            candidates = [_candidate(best, match.candidates[0].confidence if match.candidates else match.confidence)]
            candidates += [_candidate(pricing, c.confidence) for pricing, c in alternatives]
        return cls(index, line, match, context, line_unit, items, best, alternatives, candidates, words)

    @property
    def to_confirm(self) -> bool:
        """The match is worth a reviewer's confirmation (the page offers its candidates)."""
        return self.match.confidence < CONFIRM_BELOW

    @property
    def computed(self) -> Decimal:
        return money(self.line.quantity * self.line.net_unit_price_ht)

    @property
    def payable(self) -> Decimal:
        # Never more than the quote asks, and never a wrong multiplication: the smaller of the two.
        computed = self.computed
        return min(self.line.total_ht, computed) if computed >= 0 else self.line.total_ht

    @property
    def where(self) -> str:
        return _item_ref(self.best, self.context.bareme_version)

    def evaluation(self, **fields: object) -> LineEvaluation:
        base: dict[str, object] = {
            "line": self.index,
            "bareme_code": self.best.code,
            "bareme_label": self.best.label,
            "confidence": round(self.match.confidence, 3),
            "match_to_confirm": self.to_confirm,
            "candidates": self.candidates,
        }
        return LineEvaluation(**base, **fields)


def _not_covered(judged: _JudgedLine) -> LineEvaluation | None:
    """A line whose works the cover excludes, wholly or in part (the covered part is paid)."""
    context, line = judged.context, judged.line
    excluded = [part for part in judged.items if not part.payable_under(context.cover)]
    if not excluded:
        return None
    notes = {note for part in excluded if (note := part.exclusion_note(context.cover))}
    kept = tuple(part for part in judged.items if part not in excluded)
    which = f"En partie ({', '.join(p.code for p in excluded)}) non pris" if kept else "Non pris"
    why = f"{which} en charge par la garantie {COVERS[context.cover].lower()} ({judged.where})"
    why += f" : {' ; '.join(sorted(notes))}." if notes else "."
    if kept:
        # A line naming several works, some of them not covered: the covered ones are paid.
        covered = _pricing(kept, None, judged.line_unit, context)
        revised = min(judged.payable, money(line.quantity * covered.reference_unit))
        why += f" Seule la part couverte ({', '.join(p.code for p in kept)}) est retenue : {format_eur(revised)} HT."
    else:
        revised = ZERO
        why += " Ligne exclue de la révision."
    return judged.evaluation(verdict=Verdict.NOT_COVERED, revised_total_ht=revised, why=why)


def _unmeasured(judged: _JudgedLine) -> LineEvaluation | None:
    """A line priced by a measure (m², hours…) the quote does not give: nothing to check it against."""
    context, line = judged.context, judged.line
    unmeasured = [part for part in judged.items if not _measurable(part, judged.line_unit)]
    if not unmeasured:
        return None
    part = unmeasured[0]
    why = (
        f"Travail chiffré au {_unit(part.unit)} ({_item_ref_one(part, context.bareme_version)}, "
        f"{format_eur(part.unit_price_ht)} HT/{_unit(part.unit)}) présenté en {_qty(line.quantity)} "
        f"{_unit(line.unit)} sans métré : impossible à vérifier, demander les "
        f"{'surfaces' if part.unit is Unit.M2 else 'quantités'}."
    )
    return judged.evaluation(
        verdict=Verdict.UNMEASURED,
        reference_unit_price_ht=judged.best.reference_unit,
        coefficient=context.coefficient,
        revised_total_ht=line.total_ht,
        why=why,
    )


def _ceilings(pricings: list[_Pricing]) -> str:
    """Other items a line could be, with their ceilings, as the reviewer reads them."""
    return ", ".join(f"{p.code} « {p.label} » (plafond {format_eur(p.ceiling)})" for p in pricings)


def _priced(judged: _JudgedLine) -> LineEvaluation:
    """The price set against the ceiling of the best item and of the other items the line could be."""
    context, line, best = judged.context, judged.line, judged.best
    quoted = _quoted(line, best, judged.line_unit, judged.words)
    reference_total = money(quoted.quantity * best.reference_unit)
    tolerance = f"tolérance {_pct(context.tolerance)}"
    where = judged.where
    pricing_text = f"{where[0].upper()}{where[1:]} : {_per_unit(best)} × {context.coefficient_text} = " + format_eur(
        best.reference_unit
    )
    # The other items the line could be, when the price is checked against them too.
    others = [
        (pricing, _quoted(line, pricing, _line_unit(line, c.item), judged.words))
        for pricing, c in judged.alternatives
        if c.item.payable_under(context.cover) and _measurable(c.item, _line_unit(line, c.item))
    ]
    best_total = quoted.quantity * best.reference_unit
    # Those whose ceiling stays under an overcharge of the best reading, which may accept the price.
    close = [(p, q) for p, q in others if q.quantity * p.ceiling < OVERCHARGE * best_total]
    supporting = next((p for p, q in close if q.price <= p.ceiling), None)
    if quoted.price <= best.ceiling or supporting is not None:
        revised = judged.payable
        why = f"{pricing_text} ; {quoted.text} ≤ plafond {format_eur(best.ceiling)} ({tolerance})."
        if quoted.price > best.ceiling and supporting is not None:
            why = (
                f"{pricing_text} ; {quoted.text} > plafond {format_eur(best.ceiling)}, mais la ligne peut aussi "
                f"être {supporting.code} « {supporting.label} » (plafond {format_eur(supporting.ceiling)}, "
                f"{tolerance}) : prix accepté, article à confirmer."
            )
        computed = judged.computed
        if abs(computed - line.total_ht) > LINE_SLACK and quoted.quantity == line.quantity:
            why += f" Total recalculé {format_eur(computed)} au lieu de {format_eur(line.total_ht)}."
        verdict = Verdict.OK
    else:
        revised = min(reference_total, judged.payable)
        why = (
            f"{pricing_text} ; {quoted.text} > plafond {format_eur(best.ceiling)} ({tolerance}) : "
            f"ligne révisée au prix du barème, {format_eur(revised)} HT."
        )
        above = [p for p, q in others if q.price > p.ceiling]
        if above:
            why += f" Au-dessus aussi des autres articles possibles : {_ceilings(above)}."
        dearer = [p for p, q in others if q.price <= p.ceiling]
        if dearer:
            why += (
                f" La ligne peut aussi être {_ceilings(dearer)}, bien plus cher que l'article retenu : "
                "au Billmateur de confirmer l'article."
            )
        verdict = Verdict.OVERPRICED
    if judged.to_confirm:
        why += f" Correspondance au barème à confirmer (confiance {round(judged.match.confidence * 100)} %)."
    return judged.evaluation(
        verdict=verdict,
        reference_unit_price_ht=best.reference_unit,
        judged_unit_price_ht=quoted.price if quoted.quantity == line.quantity else None,
        coefficient=context.coefficient,
        reference_total_ht=reference_total,
        revised_total_ht=revised,
        why=why,
    )


def _per_unit(pricing: _Pricing) -> str:
    unit = _unit(pricing.unit)
    if len(pricing.items) > 1:
        summed = " + ".join(f"{p.code} {format_eur(p.unit_price_ht)}" for p in pricing.items)
        text = f"({summed}) HT/{unit}"
    elif pricing.removal is not None:
        item = pricing.items[0]
        text = (
            f"({format_eur(item.unit_price_ht)} + dépose de l'existant {pricing.removal.code} "
            f"{format_eur(pricing.removal.unit_price_ht)}) HT/{unit}"
        )
    else:
        text = f"{format_eur(pricing.items[0].unit_price_ht)} HT/{unit}"
    if pricing.hours is not None:
        text += f" × {_qty(pricing.hours)} h par jour"
    return text


def _by_its_price(
    index: int, line: QuoteLine, match: Match, context: PricingContext, words: Wording
) -> LineEvaluation | None:
    """A line nothing is plausible for, judged against the items its own evidence supports
    (``Match.supported``: it names what they are, in their measure, of the quote's trades) when its
    price confirms one that names what it is: it sits in that item's band (at or below its ceiling,
    at least ``PRICE_FLOOR`` of its reference) and under the ceiling of every other reading the
    evidence allows, so none of them calls it overpriced (a wrong, dearer, weak reading never lets
    an inflated price through when a cheaper one is also read): ``OK``, the item to confirm, at the
    confidence ``PRICE_CONFIRMED``. The price is evidence only when the line is counted in that
    item's own unit (a count of units is no lump sum's price, nor the reverse) and the readings that
    name what they are are of one trade: the line's words then say whose work it is, the price which
    of that trade's works (naming readings of several trades leave even the trade open: a price
    fitting one of them is as likely a neighbour's work priced alike). A price above the ceiling of
    every such reading is ``OVERPRICED``, revised at the best-supported one that names. Otherwise (a
    price between them, or below every band; a reading the cover excludes or the line does not
    measure; no confirmable reading) None: the line stays unmatched."""
    supported = match.supported
    if not supported:
        return None
    priced = []
    for candidate in supported:
        line_unit = _line_unit(line, candidate.item)
        if not candidate.item.payable_under(context.cover) or not _measurable(candidate.item, line_unit):
            return None
        pricing = _pricing((candidate.item,), None, line_unit, context)
        priced.append((candidate, pricing, _quoted(line, pricing, line_unit, words)))
    unit = _matched_unit(line)
    in_band = [
        c
        for c, p, q in priced
        if c.named_at is not None
        and _in_its_unit(c.item, unit)
        and PRICE_FLOOR * p.reference_unit <= q.price <= p.ceiling
    ]
    above = [q.price > p.ceiling for _, p, q in priced]
    if in_band and not any(above) and len({c.item.trade for c in supported if c.named_at is not None}) == 1:
        said = f"le prix du devis soutient la lecture {in_band[0].item.code}"
        ordered = _confirmed(in_band[0], supported)
    elif all(above):
        chosen = next(c for c in supported if c.named_at is not None)
        said = "le prix du devis dépasse le plafond de chacun"
        ordered = (chosen, *(c for c in supported if c is not chosen))
    else:
        return None
    chosen = ordered[0]
    read = Match(chosen.item, chosen.confidence, chosen, candidates=ordered, plausible=len(ordered))
    judged = _JudgedLine.of(index, line, read, chosen.item, context, words)
    named = " ou ".join(f"{c.item.code} « {c.item.label} »" for c in ordered)
    why = f"{_NO_SURE_ITEM} ; le libellé, l'unité et les corps d'état du devis désignent {named}, et {said}. "
    evaluation = _priced(judged)
    return evaluation.model_copy(update={"why": why + evaluation.why, "match_to_confirm": True})


def _confirmed(chosen: Candidate, supported: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The readings with the one the price confirms first, at ``PRICE_CONFIRMED`` (not its score's
    confidence), the others sharing what it leaves by score."""
    others = [c for c in supported if c is not chosen]
    total = sum(c.score for c in others) or 1.0
    rest = 1.0 - PRICE_CONFIRMED
    return (
        replace(chosen, confidence=PRICE_CONFIRMED),
        *(replace(c, confidence=round(rest * c.score / total, 3)) for c in others),
    )


def _unmatched(index: int, line: QuoteLine, match: Match, context: PricingContext) -> LineEvaluation:
    # The nearest items, for the reviewer to pick one in one click.
    near = [
        _candidate(_pricing((c.item,), None, _line_unit(line, c.item), context), c.confidence)
        for c in match.candidates[:3]
    ]
    if match.best is not None:
        hint = (
            f" (meilleur candidat {match.best.item.code} « {match.best.item.label} », "
            f"confiance {round(match.confidence * 100)} %)"
        )
    else:
        hint = ""
    return LineEvaluation(
        line=index,
        confidence=round(match.confidence, 3),
        verdict=Verdict.UNMATCHED,
        revised_total_ht=line.total_ht,
        candidates=near,
        why=f"{_NO_SURE_ITEM}{hint} : à vérifier par le Billmateur.",
    )
