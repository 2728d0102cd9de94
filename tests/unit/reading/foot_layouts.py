"""Quotes whose foot block (the document's totals) is drawn at random, with its truth: the
wordings and arrangements of totals no one listed.

Each seed draws, independently: the totals' labels (the vocabulary's heads and qualifiers and
the wordings of public French quote and invoice models: « Total HT », « Base HT », « Montant
net HT », « Total général TTC », « Net à payer », « À payer », « Reste dû »…), which totals are
printed at all (the HT, the VAT, the TTC), their order (HT first, or the TTC first as tools made
for private customers print it), where the block stands (below the table on the right or on the
left, beside the terms on the side, one row of labels over one row of values, split over two
pages), a discount on the total, a deposit or a guarantee withheld and the sum still due, one VAT
rate or a rate per line (a row per rate, or a recap « Taux / Base HT / TVA »), a seller outside
VAT (CGI art. 293 B) or a reverse charge (CGI art. 283-2, no VAT), and lines priced HT or TTC.
From a stream of its own (the draws above unchanged), the terms after the foot may state figures
as shares of a total, as a works contract does (NF P 03-001): a payment schedule « À la commande :
30 % du montant TTC, soit 927,91 € », a retention « 5 % du montant TTC, soit … », a penalty
« 1/1000 du montant HT par jour » capped « à 5 % »: parts of the total, no totals.

With ``extras`` (session 14, a third stream: the documents of every seed otherwise unchanged),
foot kinds of public models the draws above do not make, each a class of its own:
- « aid »: an energy-renovation aid taken off the TTC, the rest to the customer's charge after
  it (« Prime CEE déduite », « Aide MaPrimeRénov' estimée » / « Reste à charge »): a CEE prime
  outside VAT is deducted from the invoice (pensermieux.com « mentions obligatoires devis CEE »,
  faq.cee.fr « l'aide est-elle déduite du devis ? »); MaPrimeRénov' is printed as a provisional
  amount apart from the total (sos-devis.fr, on-renove.fr FAQ MaPrimeRénov' devis et factures);
- « deposit asked »: the deposit to pay on signing, its amount after the TTC and no sum due
  after it (« Acompte à la commande (30 %) »; the payment terms a quote must state, cabestan.fr);
- « eco »: an eco-contribution printed in the foot, included in the total (« Dont
  éco-participation DEEE »: the DGCCRF's circular puts the unit environmental costs in the
  invoice's foot, not on a line; snec.org « Éco-participation DEEE »);
- « rounding »: the sum to pay rounded to the euro after the TTC (« Arrondi », « Net à payer »);
- « words »: the TTC stated in words (« Arrêté le présent devis à la somme de : … »).

With ``breakdown`` (session 14, a fourth stream: without it every seed's document as before), the
lines at two or three VAT rates and the VAT stated per rate in a layout drawn among those of
invoicing programs, each a class of its own (``_BREAKDOWNS``): a table « Code / taux | Base HT |
Montant TVA » whose rows name the rate by its category code (« S 10,00 », EN 16931 / UNCL 5305:
S = standard or reduced rate), printed beside the totals or above them; the totals' rows each naming
a rate (« Montant total TVA (10 %) »), no VAT total; the rate and its base in the label (« TVA 10 %
sur 2 309,39 € »); one column per rate (« Taux | 10 % | 20 % », « Base HT », « TVA »). The totals in
the standard's words too (« Somme des montants nets des lignes », « Montant total HT / TTC »,
« Montant à payer »: EN 16931 BT-106, BT-109, BT-112, BT-115; the invoice's VAT per rate, CGI ann.
II art. 242 nonies A). ``misreadings`` then also names a VAT total read unlike the sum per rate.
With ``payments`` (session 16, a fifth stream: without it every seed's document as before), what a
designer template prints near its foot (the class of frozen set 18's ``flyer``, drawn from the
templates of free online design tools and the payment terms a quote states, cabestan.fr): the payment
shares as sentences under the lines, before the totals or after them, each share's percentage in
brackets and the balance with none (« Acompte à la signature (30 %) : 927,91 € », « Solde à la fin des
travaux : 2 165,12 € »), and a promotional column with its own figures beside the totals (years of
experience, a rating out of 5 and its count of reviews, a guarantee policy's number, a sponsorship
offer in per cent or in euros): shares of the total and figures of no total.
``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --foot``
and by ``test_reading_foot.py`` (a fixed sample).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from layout_fuzzer import line_faults, spell_euros
from unseen_layouts import CENT, Line, Style, UnseenQuote, _fit, _letterhead, _lines, _luhn_siret, _pdf, rate_text

from billma_core.models import DocumentReading, Flag
from billma_core.money import price_before_vat

_HT_LABELS = ["Total HT", "Montant HT", "Total H.T.", "Total hors taxes", "Base HT", "Montant net HT", "Total net HT"]
_HT_LABELS += ["Total des travaux HT", "Montant total HT", "TOTAL HT"]
_GROSS_LABELS = ["Total brut HT", "Montant HT avant remise", "Total HT avant remise"]
_NET_HT_LABELS = ["Total HT après remise", "Net HT", "Total net HT", "Montant net HT"]
_DISCOUNT_LABELS = ["Remise {p} %", "Remise commerciale", "Geste commercial", "Remise exceptionnelle {p} %"]
_TTC_LABELS = ["Total TTC", "Montant TTC", "Total T.T.C.", "Total général TTC", "Montant total TTC", "TOTAL TTC"]
_TTC_LABELS += ["Total toutes taxes comprises", "Net à payer TTC", "Montant net TTC", "À payer TTC"]
_VAT_LABELS = ["TVA {r} %", "TVA ({r} %)", "T.V.A. {r} %", "Montant TVA {r} %", "TVA à {r} %"]
_VAT_TOTAL_LABELS = ["Total TVA", "Montant TVA", "TVA", "Total T.V.A."]
_RECAP_HEADERS = [("Taux", "Base HT", "Montant TVA"), ("Taux TVA", "Base", "TVA"), ("TVA %", "Total HT", "Total TVA")]
_DEDUCTIONS = ["Acompte versé", "Acompte de {p} % versé à la commande", "Déjà réglé", "Acompte reçu le 12/03/2025"]
_WITHHELD = ["Retenue de garantie 5 %"]
_DUE_LABELS = ["Net à payer", "Reste à payer", "Reste dû", "Solde à régler", "Reste à payer TTC"]
_EXEMPT_TOTALS = ["Total HT", "Total", "Net à payer", "Montant total"]
_EXEMPT_MENTIONS = ["TVA non applicable, art. 293 B du CGI", "TVA non applicable - article 293 B du CGI"]
_REVERSE_MENTIONS = ["Autoliquidation : TVA due par le preneur (art. 283-2 du CGI)", "Autoliquidation de la TVA"]
_TERMS = [
    "Conditions de règlement : 30 % à la commande,",
    "le solde à la réception des travaux.",
    "Devis valable 3 mois.",
    "Bon pour accord, date et signature :",
    "Paiement par virement ou chèque.",
]
_POSITIONS = ["below right", "below left", "side", "grid", "split"]
# Figures stated as a share of a total (a works contract's terms, NF P 03-001): what the share is
# of, the link to its figure, the stages of a payment schedule and their percentages.
_SHARE_OF_TTC = ["du montant TTC", "du total TTC", "du prix TTC", "du montant total TTC", "du marché TTC"]
_SHARE_OF_HT = ["du montant HT", "du montant du marché HT", "du total HT", "du prix HT"]
_SHARE_LINKS = [", soit {v}", " : {v}", " = {v}", ", représentant {v}", ", soit la somme de {v}"]
_STAGES = ["À la commande", "À la signature", "Au démarrage des travaux", "À mi-parcours du chantier"]
_LAST_STAGES = ["Solde à la réception", "Solde à la levée des réserves", "À l'achèvement des travaux"]
_SCHEDULES = [(30, 40, 30), (40, 30, 30), (30, 70), (50, 50), (20, 30, 50), (30, 30, 40)]
_SHARE_TERMS = ["schedule", "retention", "penalty"]
_RATES = (Decimal("5.5"), Decimal(10), Decimal(20))
# Foot kinds of public models (the module's docstring): the rows each adds after the totals.
_EXTRAS = ["aid", "deposit asked", "eco", "rounding", "words"]
_AIDS = ["Prime CEE déduite", "Prime Coup de pouce CEE", "Prime énergie CEE (estimation)"]
_AIDS += ["Aide MaPrimeRénov' estimée", "MaPrimeRénov' (montant prévisionnel)", "Aide Anah déduite"]
_REMAINING = ["Reste à charge", "Reste à charge estimé", "Montant restant à votre charge", "Reste à payer après aide"]
_REMAINING += ["Net à payer après déduction de la prime"]
_ASKED = ["Acompte à la commande ({p} %)", "Acompte à verser à la signature ({p} %)", "Acompte demandé {p} %"]
_ECO = ["Dont éco-participation DEEE", "Dont éco-contribution", "Éco-participation incluse", "dont Eco-part."]
_ROUNDED = ["Arrondi", "Arrondi de règlement", "Écart d'arrondi"]
_STATED = ["Arrêté le présent devis à la somme de : {w} toutes taxes comprises.", "Soit en toutes lettres : {w} TTC."]
_STATED += ["Montant total en lettres : {w}.", "Arrêté le présent devis à la somme de {w} TTC."]
# Multi-rate VAT breakdowns (the module's docstring): the layout, the totals' and the rows' wordings.
_BREAKDOWNS = ["code table beside", "code table above", "rate labels", "rate and base", "columns"]
_EN16931_HT = ["Somme des montants nets des lignes", "Montant total HT", "Total HT"]
_EN16931_TTC = ["Montant total TTC", "Total TTC"]
_EN16931_DUE = ["Montant à payer", "Net à payer"]
_CODE_HEADERS = [("Code / taux", "Base HT", "Montant TVA"), ("Catégorie TVA", "Base imposable", "TVA")]
_CODE_HEADERS += [("Taux", "Base HT", "Montant TVA")]
_BREAKDOWN_TITLES = ["Ventilation de la TVA", "Détail de la TVA", "Récapitulatif TVA"]
_RATE_LABELS = ["Montant total TVA ({r} %)", "Total TVA {r} %", "TVA collectée {r} %", "TVA ({r} %)"]
_RATE_AND_BASE = ["TVA {r} % sur {b}", "TVA ({r} % sur {b})", "TVA à {r} % sur une base de {b}"]
_COLUMN_HEADS = [("Taux TVA", "Base HT", "Montant TVA"), ("Taux", "Base", "TVA")]
# Payment shares and a promotional column near the foot (the module's docstring).
_DEPOSIT_SHARES = ["Acompte à la signature ({p} %)", "Acompte à la commande ({p} %)", "Acompte de {p} % au démarrage"]
_DEPOSIT_SHARES += ["Versement à la signature ({p} %)"]
_PAYMENT_TITLES = ["MODALITÉS DE PAIEMENT", "Conditions de règlement", "Échéancier de paiement"]
_BALANCES = ["Solde à la fin des travaux", "Solde à la réception du chantier", "Solde à la livraison", "Le solde"]
_SHARE_SEPARATORS = [" : ", " – ", "   "]
_PROMOTIONS = ["{n} ans d'expérience", "Note 4,{d}/5 – {m} avis", "Garantie décennale n° {n}{m}-{d}{n}"]
_PROMOTIONS += ["-{d} % parrainage", "{m} chantiers réalisés", "Parrainage : {n} € offerts", "Jusqu'à -{m} € en mars"]


@dataclass
class TtcLine(Line):
    """A line printed TTC: its HT figures are those derived from the TTC at its rate."""

    price_ttc: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)

    @property
    def total_ttc(self) -> Decimal:
        return (self.quantity * self.price_ttc).quantize(CENT, ROUND_HALF_UP)

    @property
    def total(self) -> Decimal:
        return price_before_vat(self.total_ttc, self.rate)


@dataclass
class Foot:
    """What the foot block prints and how."""

    position: str
    ttc_first: bool
    lines_ttc: bool
    vat: str  # "one rate", "row per rate", "recap", "exempt", "reverse charge"
    print_ht: bool
    print_vat: bool
    print_ttc: bool
    discount: bool
    deduction: str  # "", "deposit", "withheld"


@dataclass
class FootQuote:
    quote: UnseenQuote
    foot: Foot
    total_ht: Decimal
    total_ttc: Decimal
    discount: Decimal  # taken off the lines' sum
    rows: list[tuple[str, str]] = field(default_factory=list)  # the foot's (label, value) rows
    shares: list[str] = field(default_factory=list)  # the terms stating figures as shares of a total
    extras: list[str] = field(default_factory=list)  # the foot kinds of ``_EXTRAS`` it prints
    stated: str = ""  # the TTC stated in words, a sentence after the foot
    breakdown: str = ""  # the layout of ``_BREAKDOWNS`` its VAT per rate is printed in
    beside: list[str] = field(default_factory=list)  # a breakdown table's rows beside the totals (cells tab-separated)
    total_tva: Decimal = Decimal(0)
    payments: list[str] = field(default_factory=list)  # the payment shares' sentences (``payments``)
    payments_at: str = ""  # where the shares stand: under the lines ("above" the totals), "beside" them, "below"
    promotions: list[str] = field(default_factory=list)  # a promotional column's rows beside or under the totals

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        f = self.foot
        return {
            "position": f.position,
            "TTC first": str(f.ttc_first),
            "lines TTC": str(f.lines_ttc),
            "VAT": f.vat,
            "HT printed": str(f.print_ht),
            "VAT printed": str(f.print_vat),
            "TTC printed": str(f.print_ttc),
            "discount on the total": str(f.discount),
            "deduction": f.deduction or "none",
            "shares of a total": "+".join(self.shares) or "none",
            **({f"extra {name}": str(name in self.extras) for name in _EXTRAS} if self.extras else {}),
            **({"breakdown": self.breakdown} if self.breakdown else {}),
            **({"payment shares": self.payments_at or "none"} if self.payments or self.promotions else {}),
            **({"promotional column": str(bool(self.promotions))} if self.payments or self.promotions else {}),
        }

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def draw_foot(rng: random.Random) -> Foot:
    vat = rng.choices(["one rate", "row per rate", "recap", "exempt", "reverse charge"], [5, 2, 2, 1, 1])[0]
    taxed = vat not in ("exempt", "reverse charge")
    print_ht = not taxed or rng.random() < 0.9
    print_vat = taxed and (not print_ht or rng.random() < 0.85)
    print_ttc = not (print_ht and print_vat) or rng.random() < 0.9
    deduction = rng.choice(["", "", "", "deposit", "withheld"]) if print_ttc or not taxed else ""
    return Foot(
        position=rng.choice(_POSITIONS),
        ttc_first=taxed and print_ttc and print_ht and rng.random() < 0.25,
        lines_ttc=taxed and rng.random() < 0.25,
        vat=vat,
        print_ht=print_ht,
        print_vat=print_vat,
        print_ttc=print_ttc,
        discount=print_ht and rng.random() < 0.25,  # on the HT: lines priced HT only (below)
        deduction=deduction,
    )


def build_foot(seed: int, extras: bool = False, breakdown: bool = False, payments: bool = False) -> FootQuote:
    """The quote of ``seed``; ``extras``: with the foot kinds of ``_EXTRAS`` drawn from a stream
    of their own (without, every seed's document as before them); ``breakdown``: its lines at
    several rates and their VAT in a layout of ``_BREAKDOWNS``, from a stream of its own;
    ``payments``: payment shares and a promotional column near the foot, from a stream of its own."""
    rng = random.Random(f"foot-{seed}")
    foot = draw_foot(rng)
    style = Style(rng)
    rate = rng.choice(_RATES)
    lines = _lines(rng, rng.choice([3, 4, 5, 6]))
    several = foot.vat in ("row per rate", "recap") and rng.random() < 0.7
    if foot.lines_ttc:
        lines = [_priced_ttc(line, rng.choice(_RATES) if several else rate) for line in lines]
    elif several:
        for line in lines:
            line.vat_rate = rng.choice(_RATES)
    drawn = random.Random(f"foot-breakdown-{seed}") if breakdown else None
    if drawn is not None:
        lines = [Line(line.designation, line.quantity, line.unit, line.unit_price, line.discount_pct) for line in lines]
        _several_rates(lines, drawn)
        foot.vat, foot.lines_ttc, foot.discount = "breakdown", False, False
        foot.print_ht = foot.print_vat = foot.print_ttc = True
    quote = UnseenQuote("foot", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    result = settle(quote, foot, style, rng, drawn)
    shares = random.Random(f"foot-shares-{seed}")  # a stream of its own: the draws above unchanged
    result.shares = [term for term in _SHARE_TERMS if shares.random() < 0.3]
    if extras:
        _add_extras(result, style, random.Random(f"foot-extras-{seed}"))
    if payments:
        _add_payments(result, style, random.Random(f"foot-payments-{seed}"))
    quote.pdf = _render(result, style, rng, shares)
    return result


def settle(
    quote: UnseenQuote, foot: Foot, style: Style, rng: random.Random, breakdown: random.Random | None = None
) -> FootQuote:
    """The foot block's truth and printed rows for the lines of ``quote`` (a discount on the
    total, the VAT per rate, a deduction; ``breakdown``: the stream drawing a breakdown's layout)."""
    bases = _bases(quote, foot)
    gross = sum(bases.values(), Decimal(0))
    foot.discount = foot.discount and len(bases) == 1 and not foot.lines_ttc  # one rate's base HT
    off = (gross * Decimal(rng.choice([3, 5, 10])) / 100).quantize(CENT, ROUND_HALF_UP) if foot.discount else Decimal(0)
    bases = {r: base - off for r, base in bases.items()}
    taxed = foot.vat not in ("exempt", "reverse charge")
    vats = {r: (base * r / 100).quantize(CENT, ROUND_HALF_UP) if taxed else Decimal(0) for r, base in bases.items()}
    total_ht = sum(bases.values(), Decimal(0))
    total_ttc = total_ht + sum(vats.values(), Decimal(0))
    result = FootQuote(quote, foot, total_ht, total_ttc, off, total_tva=sum(vats.values(), Decimal(0)))
    if breakdown is not None:
        result.rows = _breakdown_rows(result, style, breakdown, bases, vats)
    else:
        result.rows = _foot_rows(result, style, rng, bases, vats, gross, off)
    return result


def _several_rates(lines: list[Line], rng: random.Random) -> None:
    """Give the lines two or three VAT rates, two at least used."""
    rates = rng.sample(_RATES, rng.choice([2, 2, 3]))
    for index, line in enumerate(lines):
        line.vat_rate = rates[index] if index < len(rates) else rng.choice(rates)
    rng.shuffle(lines)


def _breakdown_rows(
    fq: FootQuote, style: Style, rng: random.Random, bases: dict[Decimal, Decimal], vats: dict[Decimal, Decimal]
) -> list[tuple[str, str]]:
    """The foot's rows with the VAT per rate in a layout of ``_BREAKDOWNS`` (a table printed
    beside the totals goes to ``fq.beside``), then a deduction and the sum due as ``_foot_rows``."""
    kind = fq.breakdown = rng.choice(_BREAKDOWNS)
    amount = style.amount
    rates = sorted(bases, reverse=rng.random() < 0.5)
    total_vat = amount(sum(vats.values(), Decimal(0)))
    ht_rows = [(label, amount(fq.total_ht)) for label in rng.sample(_EN16931_HT, rng.choice([1, 2]))]
    vat_rows: list[tuple[str, str]] = []
    if kind.startswith("code table"):
        code = rng.random() < 0.7
        table = ["\t".join(rng.choice(_CODE_HEADERS))]
        codes = {r: f"S {r:.2f}".replace(".", ",") if code else f"{rate_text(r)} %" for r in rates}
        table += [f"{codes[r]}\t{amount(bases[r], False)}\t{amount(vats[r], False)}" for r in rates]
        if kind == "code table beside":
            fq.beside = [rng.choice(_BREAKDOWN_TITLES), *table]
            label = rng.choice(_RATE_LABELS) if rng.random() < 0.5 else ""
            vat_rows = [(label.format(r=rate_text(r)), amount(vats[r])) for r in rates] if label else []
            vat_rows = vat_rows or [(rng.choice(["Montant total TVA", "Total TVA"]), total_vat)]
        else:
            vat_rows = [(rng.choice(_BREAKDOWN_TITLES), ""), *((row, "") for row in table)]
            vat_rows.append((rng.choice(["Montant total TVA", "Total TVA"]), total_vat))
    elif kind == "rate labels":
        label = rng.choice(_RATE_LABELS)
        vat_rows = [(label.format(r=rate_text(r)), amount(vats[r])) for r in rates]
    elif kind == "rate and base":
        label = rng.choice(_RATE_AND_BASE)
        vat_rows = [(label.format(r=rate_text(r), b=amount(bases[r])), amount(vats[r])) for r in rates]
    else:
        heads = rng.choice(_COLUMN_HEADS)
        vat_rows = [("\t".join([heads[0], *(f"{rate_text(r)} %" for r in rates)]), "")]
        vat_rows.append(("\t".join([heads[1], *(amount(bases[r], False) for r in rates)]), ""))
        vat_rows.append(("\t".join([heads[2], *(amount(vats[r], False) for r in rates)]), ""))
        if rng.random() < 0.5:
            vat_rows.append((rng.choice(["Montant total TVA", "Total TVA"]), total_vat))
    ttc_rows = [(rng.choice(_EN16931_TTC), amount(fq.total_ttc))]
    if fq.foot.deduction:
        ttc_rows += _deduction_rows(fq.foot, style, rng, fq.total_ttc)
    elif rng.random() < 0.5:
        ttc_rows.append((rng.choice(_EN16931_DUE), amount(fq.total_ttc)))
    return [*ht_rows, *vat_rows, *ttc_rows]


def _add_extras(fq: FootQuote, style: Style, rng: random.Random) -> None:
    """Draw the foot kinds of ``_EXTRAS`` that fit ``fq`` (one at least when any does) and add
    their rows after the totals; the work's totals stay the truth."""
    foot = fq.foot
    taxed = foot.vat not in ("exempt", "reverse charge")
    ttc = fq.total_ttc if taxed else fq.total_ht
    fits = {
        "aid": taxed and foot.print_ttc and not foot.deduction,
        "deposit asked": foot.print_ttc and not foot.deduction,
        "eco": True,
        "rounding": taxed and foot.print_ttc and not foot.deduction and ttc % 1 != 0,
        "words": True,
    }
    drawn = [name for name in _EXTRAS if fits[name] and rng.random() < 0.35]
    if not drawn:
        drawn = [rng.choice([name for name in _EXTRAS if fits[name]])]
    if "aid" in drawn and "deposit asked" in drawn:
        drawn.remove(rng.choice(["aid", "deposit asked"]))  # one figure after the TTC for each
    if "aid" in drawn or "deposit asked" in drawn:
        drawn = [name for name in drawn if name != "rounding"]
    fq.extras = drawn
    amount = style.amount
    if "eco" in drawn:
        eco = Decimal(rng.choice([2, 5, 6, 10, 12, 24])) + Decimal(rng.choice([0, 50, 83])) / 100
        at = next((i + 1 for i, (label, _) in enumerate(fq.rows) if label in _HT_LABELS + _NET_HT_LABELS), None)
        row = (rng.choice(_ECO), amount(eco))
        if at is None:
            fq.rows.append(row)
        else:
            fq.rows.insert(at, row)
    if "aid" in drawn:
        aid = min(Decimal(rng.choice([400, 850, 1200, 2500, 4000])), (ttc * 6 / 10).quantize(Decimal(10)))
        aid = aid or Decimal(10)
        fq.rows.append((rng.choice(_AIDS), amount(-aid if rng.random() < 0.5 else aid)))
        fq.rows.append((rng.choice(_REMAINING), amount(ttc - aid)))
    if "deposit asked" in drawn:
        part = rng.choice([20, 30, 40, 50])
        fq.rows.append((rng.choice(_ASKED).format(p=part), amount((ttc * part / 100).quantize(CENT, ROUND_HALF_UP))))
    if "rounding" in drawn:
        rounded = ttc.quantize(Decimal(1), rounding=ROUND_DOWN)
        fq.rows.append((rng.choice(_ROUNDED), amount(rounded - ttc)))
        fq.rows.append((rng.choice(_DUE_LABELS), amount(rounded)))
    if "words" in drawn:
        fq.stated = rng.choice(_STATED).format(w=spell_euros(ttc))


def _add_payments(fq: FootQuote, style: Style, rng: random.Random) -> None:
    """Draw the payment shares of the sum to pay (a deposit in per cent, the balance without),
    where they stand, and a promotional column's rows (one of the two at least); the work's totals
    stay the truth."""
    due = fq.total_ttc if fq.foot.vat not in ("exempt", "reverse charge") else fq.total_ht
    shares, column = rng.random() < 0.8, rng.random() < 0.6
    if shares or not column:
        part = rng.choice([20, 30, 40, 50])
        deposit = (due * part / 100).quantize(CENT, ROUND_HALF_UP)
        sep = rng.choice(_SHARE_SEPARATORS)
        title = [rng.choice(_PAYMENT_TITLES)] if rng.random() < 0.5 else []
        fq.payments = [
            *title,
            f"{rng.choice(_DEPOSIT_SHARES).format(p=part)}{sep}{style.amount(deposit)}",
            f"{rng.choice(_BALANCES)}{sep}{style.amount(due - deposit)}",
        ]
        beside = fq.foot.position in ("below right", "split") and not fq.beside
        fq.payments_at = rng.choice(["above", "below", *(["beside"] if beside else [])])
    if column:
        fill = {"n": rng.choice([5, 10, 12, 15, 20, 25]), "d": rng.randint(1, 9), "m": rng.randint(40, 400)}
        fq.promotions = [text.format(**fill) for text in rng.sample(_PROMOTIONS, rng.randint(2, 4))]


def _payments(pdf: FPDF, fq: FootQuote) -> None:
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    for sentence in fq.payments:
        pdf.cell(0, 5, sentence, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _column(pdf: FPDF, rows: list[str], x: float, y: float) -> None:
    """A column of ``rows`` from (``x``, ``y``), the page's place after the lowest of it and what was there."""
    bottom = pdf.get_y()
    pdf.set_xy(x, y)
    pdf.set_font("DejaVu", "", 8)
    for row in rows:
        pdf.cell(62, 5, row, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.get_y()))


def _priced_ttc(line: Line, rate: Decimal) -> TtcLine:
    price_ttc = (line.unit_price * (1 + rate / 100)).quantize(CENT, ROUND_HALF_UP)
    return TtcLine(
        line.designation, line.quantity, line.unit, price_before_vat(price_ttc, rate), rate=rate, price_ttc=price_ttc
    )


def _bases(quote: UnseenQuote, foot: Foot) -> dict[Decimal, Decimal]:
    """Rate → base HT as the document prints it: lines priced TTC give the TTC per rate, whose
    HT is derived at the rate (the VAT then the difference)."""
    if not foot.lines_ttc:
        return {r: base for r, (base, _) in quote.vat_recap.items()}
    ttc: dict[Decimal, Decimal] = {}
    for line in quote.lines:
        assert isinstance(line, TtcLine)
        ttc[line.rate] = ttc.get(line.rate, Decimal(0)) + line.total_ttc
    return {r: price_before_vat(amount, r) for r, amount in sorted(ttc.items())}


def _foot_rows(
    fq: FootQuote,
    style: Style,
    rng: random.Random,
    bases: dict[Decimal, Decimal],
    vats: dict[Decimal, Decimal],
    gross: Decimal,
    off: Decimal,
) -> list[tuple[str, str]]:
    """The foot block's (label, value) rows in their printed order (a recap's rows carry their
    three cells in the label, tab-separated)."""
    foot = fq.foot
    amount = style.amount
    ttc = fq.total_ttc if foot.vat not in ("exempt", "reverse charge") else fq.total_ht
    if foot.lines_ttc:  # a TTC document's VAT: TTC less HT, per rate
        ttc_by_rate = {
            r: sum((ln.total_ttc for ln in fq.quote.lines if isinstance(ln, TtcLine) and ln.rate == r), Decimal(0))
            for r in bases
        }
        vats.update({r: ttc_by_rate[r] - bases[r] for r in bases})
        fq.total_ttc = ttc = sum(ttc_by_rate.values(), Decimal(0))
    ht_rows: list[tuple[str, str]] = []
    if foot.discount:
        percent = (off * 100 / gross).quantize(Decimal(1))
        ht_rows.append((rng.choice(_GROSS_LABELS), amount(gross)))
        sign = rng.choice([-1, 1])
        ht_rows.append((rng.choice(_DISCOUNT_LABELS).format(p=percent), amount(sign * off)))
        ht_rows.append((rng.choice(_NET_HT_LABELS), amount(fq.total_ht)))
    elif foot.print_ht:
        labels = _EXEMPT_TOTALS if foot.vat == "exempt" else _HT_LABELS
        ht_rows.append((rng.choice(labels), amount(fq.total_ht)))
    vat_rows: list[tuple[str, str]] = []
    if foot.print_vat:
        if foot.vat == "recap":
            head = rng.choice(_RECAP_HEADERS)
            vat_rows.append(("\t".join(head), ""))
            vat_rows += [(f"{rate_text(r)} %\t{amount(bases[r])}\t{amount(vats[r])}", "") for r in bases]
            if len(bases) > 1 or rng.random() < 0.5:
                vat_rows.append((rng.choice(_VAT_TOTAL_LABELS), amount(sum(vats.values(), Decimal(0)))))
        elif foot.vat == "row per rate" or (len(bases) == 1 and rng.random() < 0.7):
            label = rng.choice(_VAT_LABELS)
            vat_rows += [(label.format(r=rate_text(r)), amount(vats[r])) for r in bases]
        else:
            vat_rows.append((rng.choice(_VAT_TOTAL_LABELS), amount(sum(vats.values(), Decimal(0)))))
    ttc_rows: list[tuple[str, str]] = []
    if foot.print_ttc and foot.vat != "exempt":
        ttc_rows.append((rng.choice(_TTC_LABELS), amount(ttc)))
    rows = [*ttc_rows, *vat_rows, *ht_rows] if foot.ttc_first else [*ht_rows, *vat_rows, *ttc_rows]
    if foot.deduction:
        rows += _deduction_rows(foot, style, rng, ttc)
    return rows


def _deduction_rows(foot: Foot, style: Style, rng: random.Random, ttc: Decimal) -> list[tuple[str, str]]:
    """The deposit paid or the guarantee withheld off ``ttc``, then the sum still due."""
    part = Decimal(rng.choice([20, 30, 40])) if foot.deduction == "deposit" else Decimal(5)
    paid = (ttc * part / 100).quantize(CENT, ROUND_HALF_UP)
    label = rng.choice(_DEDUCTIONS if foot.deduction == "deposit" else _WITHHELD).format(p=part)
    return [
        (label, style.amount(-paid if rng.random() < 0.5 else paid)),
        (rng.choice(_DUE_LABELS), style.amount(ttc - paid)),
    ]


def _render(fq: FootQuote, style: Style, rng: random.Random, shares: random.Random) -> bytes:
    pdf = _pdf()
    pdf.add_page()
    _letterhead(pdf, fq.quote, rng)
    _table(pdf, fq, style, rng)
    if fq.payments_at == "above":
        _payments(pdf, fq)
    top, page = pdf.get_y() + 4, pdf.page  # the foot block's first row (``block`` skips 4 mm)
    block(pdf, fq, rng)
    # Beside the totals printed on the right: the shares (the flyer's « MODALITÉS DE PAIEMENT »),
    # else the promotional column; right of the page under the totals, the column not beside them.
    on_left = fq.foot.position in ("below right", "split") and not fq.beside and pdf.page == page
    shares_beside = fq.payments_at == "beside" and on_left
    shares_beside = shares_beside and len(fq.payments) <= len(fq.rows)  # beside the totals' rows, not the terms
    if shares_beside:
        _column(pdf, fq.payments, 12, top)
    if fq.promotions:
        beside = on_left and not shares_beside
        fq.promotions = fq.promotions[: len(fq.rows)] if beside else fq.promotions
        _column(pdf, fq.promotions, *((12, top) if beside else (120, pdf.get_y() + 2)))
    fq.payments_at = "below" if fq.payments_at == "beside" and not shares_beside else fq.payments_at
    if fq.payments_at == "below":
        _payments(pdf, fq)
    _share_terms(pdf, fq, style, shares)
    if fq.stated:
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(0, 4.5, fq.stated, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _share_terms(pdf: FPDF, fq: FootQuote, style: Style, rng: random.Random) -> None:
    """The terms of ``fq.shares`` after the foot: each figure a share of the total TTC (the sum
    to pay outside VAT) or HT, with the share's figure."""
    ttc = fq.total_ttc if fq.foot.vat not in ("exempt", "reverse charge") else fq.total_ht
    of_ttc = rng.choice(_SHARE_OF_TTC) if ttc == fq.total_ttc else rng.choice(_SHARE_OF_HT)
    sentences: list[str] = []

    def share(part: Decimal) -> str:
        value = (ttc * part / 100).quantize(CENT, ROUND_HALF_UP)
        return f"{rate_text(part)} % {of_ttc}" + rng.choice(_SHARE_LINKS).format(v=style.amount(value))

    if "schedule" in fq.shares:
        parts = rng.choice(_SCHEDULES)
        stages = [*rng.sample(_STAGES, len(parts) - 1), rng.choice(_LAST_STAGES)]
        sentences.append("Échéancier de paiement :")
        sentences += [f"– {stage} : {share(Decimal(p))}" for stage, p in zip(stages, parts, strict=True)]
    if "retention" in fq.shares:
        sentences.append(f"Retenue de garantie de {share(Decimal(5))}, libérée un an après la réception.")
    if "penalty" in fq.shares:
        per_day = rng.choice(["1/1000", "1/3000", "0,1 %"])
        sentences.append(
            f"Pénalités de retard : {per_day} {rng.choice(_SHARE_OF_HT)} par jour calendaire, plafonnées à 5 %."
        )
    pdf.set_font("DejaVu", "", 8)
    for sentence in sentences:
        pdf.cell(0, 4.5, sentence, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def block(pdf: FPDF, fq: FootQuote, rng: random.Random) -> None:
    """The foot block under a table: the totals where ``fq.foot`` places them, the mentions, the terms."""
    foot = fq.foot
    pdf.ln(4)
    mentions = {"exempt": _EXEMPT_MENTIONS, "reverse charge": _REVERSE_MENTIONS}.get(foot.vat)
    if fq.beside:
        _beside(pdf, fq.beside, fq.rows)
    elif foot.position == "grid" and not any("\t" in label for label, _ in fq.rows) and not fq.breakdown:
        _grid(pdf, fq.rows)
    elif foot.position == "side":
        _side(pdf, fq.rows)
    else:
        _below(pdf, fq.rows, left=foot.position == "below left", split=foot.position == "split")
    if mentions:
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 5, rng.choice(mentions), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if foot.position != "side":
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 8)
        for term in _TERMS[:3]:
            pdf.cell(0, 4.5, term, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, fq: FootQuote, style: Style, rng: random.Random) -> None:
    ttc = fq.foot.lines_ttc
    several = any(isinstance(line, TtcLine) and line.rate != fq.quote.vat_rate for line in fq.quote.lines)
    several = several or any(line.vat_rate is not None for line in fq.quote.lines)
    names = ["Désignation", "Qté", "Unité", "P.U. TTC" if ttc else "P.U. HT", "Montant TTC" if ttc else "Montant HT"]
    if ttc and rng.random() < 0.5:
        names[3:] = ["Prix unitaire", "Montant"]  # nothing on the table says TTC: the totals tell
    widths = [86.0, 16.0, 14.0, 26.0, 30.0]
    if several:
        names.insert(4, "TVA")
        widths = [76.0, 16.0, 14.0, 26.0, 12.0, 30.0]
    pdf.set_font("DejaVu", "B", 8)
    for name, width in zip(names, widths, strict=True):
        pdf.cell(width, 6, name, border=1, align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8)
    for line in fq.quote.lines:
        if isinstance(line, TtcLine):
            price, total, rate = line.price_ttc, line.total_ttc, line.rate
        else:
            price, total = line.unit_price, line.total
            rate = line.vat_rate if line.vat_rate is not None else fq.quote.vat_rate
        cells = [_fit(pdf, line.designation, widths[0]), style.quantity(line.quantity), style.unit(line.unit)]
        cells += [style.amount(price), *([f"{rate_text(rate)} %"] if several else []), style.amount(total)]
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            pdf.cell(width, 6, cell, border=1, align="L" if index == 0 else "R")
        pdf.ln(6)


def _below(pdf: FPDF, rows: list[tuple[str, str]], left: bool, split: bool) -> None:
    """One row per total, the label then its value, right of the page or left; ``split``: the
    block broken over two pages after its first row."""
    for index, (label, value) in enumerate(rows):
        if split and index == 1:
            pdf.add_page()
            pdf.set_font("DejaVu", "", 7)
            pdf.cell(0, 5, "Page 2/2", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", "B" if "TTC" in label or "payer" in label else "", 9)
        if "\t" in label:  # a recap row: its cells side by side
            cells = label.split("\t")
            pdf.set_x(16 if left else 96)
            for cell in cells:
                pdf.cell(28, 5, cell, align="R")
            pdf.ln(5)
            continue
        if left:
            pdf.cell(64, 5, label)
            pdf.cell(32, 5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(140, 5, label, align="R")
            pdf.cell(0, 5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _side(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    """The terms on the left, the totals beside them on the right, row by row."""
    for index in range(max(len(rows), len(_TERMS))):
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(92, 5, _TERMS[index] if index < len(_TERMS) else "")
        if index < len(rows):
            label, value = rows[index]
            if "\t" in label:
                for cell in label.split("\t"):
                    pdf.cell(28, 5, cell, align="R")
            else:
                pdf.cell(52, 5, label)
                pdf.cell(32, 5, value, align="R")
        pdf.ln(5)


def _beside(pdf: FPDF, table: list[str], rows: list[tuple[str, str]]) -> None:
    """A breakdown table on the left (its cells tab-separated), the totals beside it on the right."""
    for index in range(max(len(table), len(rows))):
        pdf.set_font("DejaVu", "", 8)
        cells = table[index].split("\t") if index < len(table) else []
        for cell in cells:
            pdf.cell(26 if len(cells) > 1 else 78, 5, cell, align="R" if len(cells) > 1 else "L")
        pdf.set_x(100)
        if index < len(rows):
            label, value = rows[index]
            pdf.set_font("DejaVu", "B" if "TTC" in label or "payer" in label else "", 8)
            pdf.cell(64, 5, label)
            pdf.cell(0, 5, value, align="R")
        pdf.ln(5)


def _grid(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    """One row of labels over one row of values, a cell each."""
    width = 178 / len(rows)
    pdf.set_font("DejaVu", "B", 7 if len(rows) > 4 else 8)
    for label, _ in rows:
        pdf.cell(width, 6, label, border=1, align="C")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 8)
    for _, value in rows:
        pdf.cell(width, 6, value, border=1, align="C")
    pdf.ln(6)


def misreadings(fq: FootQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    quote = reading.quote
    if quote is None:
        return ["no quote read"]
    read = list(quote.lines)
    wrong, _ = line_faults(fq.quote.lines, read, lambda unit: unit)
    wrong += [f"extra line: {x.designation[:40]} {x.total_ht}" for x in read if x.total_ht != -fq.discount]
    if quote.total_ht != fq.total_ht:
        wrong.append(f"total HT: {quote.total_ht} (truth {fq.total_ht})")
    if quote.total_ttc != fq.total_ttc:
        wrong.append(f"total TTC: {quote.total_ttc} (truth {fq.total_ttc})")
    truth = fq.total_ttc if fq.foot.vat not in ("exempt", "reverse charge") else fq.total_ht
    if quote.total_in_words is not None and quote.total_in_words != truth:
        wrong.append(f"total in words: {quote.total_in_words} (truth {truth})")
    if fq.breakdown and quote.total_tva != fq.total_tva:
        wrong.append(f"total TVA: {quote.total_tva} (truth {fq.total_tva})")
    if Flag.ARITHMETIC_ERROR in reading.flags:
        wrong.append("false arithmetic_error")
    return wrong
