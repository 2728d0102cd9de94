"""Line tables of French building-trade quoting software the other fuzzers never drew, with
consistent figures and their truth (issue 11, session 14: classes taken from public models).

Each seed draws one class, in its own stream (``trade-{seed}``), and prints a table
"[N°] Désignation Qté U [T.U.] P.U. HT Montant HT" over one or more pages (the header repeated
under a continuation title), then the totals:

- ``priced components``: a measured work (« ouvrage ») printed with its quantity, unit, unit price and
  amount, then its sub-detail: indented rows of its supplies and labour, each with a quantity,
  unit, unit price and amount, that add up to the work's amount (the last one a lump « petites
  fournitures » row taking the rest). The total counts the works once, not their components.
  Sources: Batiprix's price books give each work « un sous-détail … en décomposant la part main
  d'oeuvre et la part matériaux » (https://lecteurs.com/livre/batiprix-coffret-complet-edition-2013/2476640);
  ACCA's guide to the « sous-détail des prix » (main-d'œuvre, matériaux, locations:
  https://biblus.accasoftware.com/fr/sous-detail-comment-calculer-le-prix-unitaire-d-un-ouvrage/);
  Sydev's quote lines are articles, hourly rates, equipment or works made of them
  (https://sydev.com/faq/comment-reconnaitre-les-types-de-lignes-dun-devis).
- ``nested subtotals``: numbered positions on three levels (chapter « 1 », sub-chapter « 1.1 »,
  line « 1.1.2 ») in a column of their own, a title row for each chapter and sub-chapter, a
  subtotal row after each sub-chapter and a chapter total after each chapter (which adds its
  sub-chapters' subtotals). Sources: DeviSOC's levels (lot, chapitre, ouvrage élémentaire:
  http://doc.socinformatique.fr/doku.php?do=export_xhtml&id=devisoc%3Abase_etudes%3Acreation_de_la_structure_de_l_affaire),
  Sydev's « Début/Fin de chapitre/sous-chapitre » and « Sous-total de chapitre/sous-chapitre » rows
  (the FAQ above).
- ``unit time``: a column of the labour time per unit (« T.U. », hours, « 0,35 ») between the
  unit and the unit price, as price books print it beside each work (Batiprix: « le temps moyen
  d'exécution », « l'unité de mise en oeuvre »; the summary of « Le coût des travaux de bâtiment »:
  « le prix unitaire de chaque ouvrage composé, le temps unitaire nécessaire à la mise en œuvre »,
  https://di.univ-blida.dz/xmlui/handle/123456789/29254): a figure that is no quantity nor money.

``misreadings`` names what a reading got wrong. Used by ``bench/bench_reader_fuzz.py --trade``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from fpdf.enums import XPos, YPos
from layout_fuzzer import quote_faults
from unseen_layouts import CENT, Line, Style, UnseenQuote, _fit, _letterhead, _lines, _luhn_siret, _pdf, _text

from billma_core.models import DocumentReading

CLASSES = ("priced components", "nested subtotals", "unit time")

# (wording, unit, share of the work's amount per unit of the work, unit price): a work's sub-detail.
_SUPPLIES = [
    ("Fourniture : plaque de plâtre BA13", "m2", Decimal("1.05"), (Decimal("6"), Decimal("11"))),
    ("Fourniture : enduit de lissage", "kg", Decimal("0.8"), (Decimal("1.2"), Decimal("3.5"))),
    ("Fourniture : peinture acrylique", "l", Decimal("0.3"), (Decimal("9"), Decimal("18"))),
    ("Fourniture : colle carrelage", "kg", Decimal("4"), (Decimal("0.6"), Decimal("1.4"))),
    ("Fourniture : bande à joint", "ml", Decimal("1.5"), (Decimal("0.2"), Decimal("0.6"))),
]
_LABOUR = [
    ("Main d'oeuvre : compagnon", "h", Decimal("0.35"), (Decimal("38"), Decimal("52"))),
    ("Main d'oeuvre : ouvrier qualifié", "h", Decimal("0.25"), (Decimal("36"), Decimal("48"))),
]
_REST = ["Petites fournitures et consommables", "Frais de chantier", "Accessoires de pose"]
_COMPONENT_MARKS = ["    ", "    - ", "    > ", "      dont "]
_CHAPTERS = ["PRÉPARATION", "PLÂTRERIE - ISOLATION", "PEINTURE", "ÉLECTRICITÉ", "REVÊTEMENTS", "PLOMBERIE"]
_SUBCHAPTERS = ["Murs", "Plafonds", "Menuiseries", "Sols", "Protections", "Réseaux"]
_SUBTOTAL_LABELS = ["Sous-total {n}", "Sous-total {n} {name}", "Total {n}", "S/Total {name}"]
_CHAPTER_LABELS = ["Total chapitre {n}", "TOTAL {n} {name}", "Total {name}", "Sous-total chapitre {n}"]
_TIME_HEADERS = ["T.U.", "Tps U.", "Temps (h)", "T.U. (h)"]
_HEADERS = {
    "position": ["N°", "Pos.", "Art."],
    "designation": ["Désignation", "Description des travaux", "Libellé"],
    "qty": ["Qté", "Quantité"],
    "unit": ["U", "Unité"],
    "time": _TIME_HEADERS,
    "pu": ["P.U. HT", "Prix unitaire HT", "PU HT"],
    "total": ["Montant HT", "Total HT", "Prix total HT"],
}
_WIDTHS = {"position": 14.0, "qty": 16.0, "unit": 12.0, "time": 14.0, "pu": 24.0, "total": 26.0}
_PAGE_WIDTH = 178.0
_PAGE_BOTTOM = 268.0


@dataclass
class Component:
    designation: str
    quantity: Decimal
    unit: str
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT, ROUND_HALF_UP)


@dataclass
class TradeQuote:
    quote: UnseenQuote
    kind: str  # one of CLASSES
    header_repeated: bool  # a page break under a continuation title and the header again
    components: dict[int, list[Component]] = field(default_factory=dict)  # by the work's index
    chapters: list[list[list[int]]] = field(default_factory=list)  # chapter → sub-chapter → line indexes
    times: list[Decimal] = field(default_factory=list)  # each line's time per unit

    def names(self) -> dict[str, str]:
        """The conventions the bench counts faults by."""
        return {"trade class": self.kind, "header repeated": str(self.header_repeated)}

    @property
    def pdf(self) -> bytes:
        return self.quote.pdf


def build_trade(seed: int) -> TradeQuote:
    rng = random.Random(f"trade-{seed}")
    kind = rng.choice(CLASSES)
    style = Style(rng)
    count = rng.choice([4, 5, 6, 8]) if kind != "nested subtotals" else rng.choice([5, 6, 8, 10])
    lines = _lines(rng, count)
    siret = _luhn_siret(rng)
    quote = UnseenQuote("trade", seed, f"DV-{seed:05d}", siret, lines, rng.choice([Decimal(10), Decimal(20)]))
    trade = TradeQuote(quote, kind, header_repeated=rng.random() < 0.4)
    if kind == "priced components":
        drawn = [i for i, line in enumerate(lines) if line.unit in ("m2", "ml") or rng.random() < 0.3]
        # A measured work (a price book's sub-detail is per unit of work): under a lump sum the
        # detail reads as well as a heading carrying its group's total.
        works = [i for i in drawn if lines[i].quantity != 1]
        if not works:
            works = [max(range(count), key=lambda i: lines[i].quantity)]
            lines[works[0]].quantity = max(lines[works[0]].quantity, Decimal(2))
        trade.components = {i: _components(lines[i], rng) for i in works}
    elif kind == "nested subtotals":
        trade.chapters = _chapters(count, rng)
    else:
        trade.times = [Decimal(rng.randint(5, 120)) / 100 for _ in lines]
    quote.pdf = _render(trade, style, rng)
    return trade


def _components(work: Line, rng: random.Random) -> list[Component]:
    """The work's sub-detail: a supply and the labour scaled on its quantity, priced so as to
    take most of its amount, and a lump row of the rest (the amounts add up to the work's)."""
    amount = work.total
    drawn = [rng.choice(_SUPPLIES), rng.choice(_LABOUR)][: rng.choice([1, 2, 2])]
    parts: list[Component] = []
    for share, (wording, unit, per_unit, _) in zip(_shares(rng, len(drawn)), drawn, strict=True):
        quantity = max((work.quantity * per_unit).quantize(CENT, ROUND_HALF_UP), Decimal(1))
        price = (amount * share / quantity).quantize(CENT, ROUND_HALF_UP)
        parts.append(Component(wording, quantity, unit, price))
    rest = amount - sum((part.total for part in parts), Decimal(0))
    parts.append(Component(rng.choice(_REST), Decimal(1), "ens", rest))
    return parts


def _shares(rng: random.Random, count: int) -> list[Decimal]:
    """Shares of a work's amount, together between 70 and 90 %."""
    whole = Decimal(rng.randint(70, 90)) / 100
    if count == 1:
        return [whole]
    first = (whole * Decimal(rng.randint(30, 70)) / 100).quantize(CENT)
    return [first, whole - first]


def _chapters(count: int, rng: random.Random) -> list[list[list[int]]]:
    """The lines in order, cut into two or three chapters of one or two sub-chapters each."""
    indexes = list(range(count))
    cuts = sorted(rng.sample(range(1, count), rng.choice([1, 2]) if count > 4 else 1))
    chapters = [indexes[a:b] for a, b in zip([0, *cuts], [*cuts, count], strict=True)]
    result = []
    for chapter in chapters:
        if len(chapter) > 1 and rng.random() < 0.6:
            cut = rng.randint(1, len(chapter) - 1)
            result.append([chapter[:cut], chapter[cut:]])
        else:
            result.append([chapter])
    return result


def _render(trade: TradeQuote, style: Style, rng: random.Random) -> bytes:
    quote = trade.quote
    pdf = _pdf()
    pdf.add_page()
    pdf.set_auto_page_break(False)
    _letterhead(pdf, quote, rng)
    order = ["designation", "qty", "unit", "pu", "total"]
    if trade.kind == "nested subtotals":
        order.insert(0, "position")
    if trade.kind == "unit time":
        order.insert(3, "time")
    widths = {role: _WIDTHS[role] for role in order if role != "designation"}
    widths["designation"] = _PAGE_WIDTH - sum(widths.values())
    words = {role: rng.choice(_HEADERS[role]) for role in order}
    italic = rng.random() < 0.6
    mark = rng.choice(_COMPONENT_MARKS)
    # Where the page breaks: early enough, when the header is repeated, that the table spans two pages.
    bottom = rng.uniform(150, 200) if trade.header_repeated else _PAGE_BOTTOM

    def header() -> None:
        pdf.set_font("DejaVu", "B", 7)
        for role in order:
            pdf.cell(widths[role], 6, words[role], border=1, align="C")
        pdf.ln(6)

    def row(cells: dict[str, str], font: str = "", size: float = 7.5) -> None:
        nonlocal bottom
        if pdf.get_y() > bottom:
            pdf.add_page()
            bottom = _PAGE_BOTTOM
            _text(pdf, f"Devis n° {quote.number} (suite)", 8)
            header()
        pdf.set_font("DejaVu", font, size)
        for role in order:
            text = cells.get(role, "")
            text = _fit(pdf, text, widths[role]) if role == "designation" else text
            pdf.cell(widths[role], 5.5, text, border="LR", align="L" if role == "designation" else "R")
        pdf.ln(5.5)

    def line_row(index: int, position: str = "") -> None:
        line = quote.lines[index]
        cells = {
            "position": position,
            "designation": line.designation,
            "qty": style.quantity(line.quantity),
            "unit": style.unit(line.unit),
            "pu": style.amount(line.unit_price),
            "total": style.amount(line.total),
        }
        if trade.times:
            cells["time"] = f"{trade.times[index]:.2f}".replace(".", style.mark)
        row(cells)
        for part in trade.components.get(index, []):
            cells = {
                "designation": mark + part.designation,
                "qty": style.quantity(part.quantity),
                "unit": style.unit(part.unit) if part.unit in ("m2", "ml", "ens") else part.unit,
                "pu": style.amount(part.unit_price),
                "total": style.amount(part.total),
            }
            row(cells, "I" if italic else "", 6.5)

    header()
    if trade.chapters:
        subtotal, chapter_total = rng.choice(_SUBTOTAL_LABELS), rng.choice(_CHAPTER_LABELS)
        names = rng.sample(_CHAPTERS, len(trade.chapters))
        for c, (chapter, name) in enumerate(zip(trade.chapters, names, strict=True), 1):
            row({"position": str(c), "designation": name}, "B")
            sub_names = rng.sample(_SUBCHAPTERS, len(chapter))
            for s, (indexes, sub_name) in enumerate(zip(chapter, sub_names, strict=True), 1):
                if len(chapter) > 1:
                    row({"position": f"{c}.{s}", "designation": sub_name}, "B")
                for i, index in enumerate(indexes, 1):
                    line_row(index, f"{c}.{s}.{i}" if len(chapter) > 1 else f"{c}.{i}")
                if len(chapter) > 1:
                    amount = sum((quote.lines[i].total for i in indexes), Decimal(0))
                    label = subtotal.format(n=f"{c}.{s}", name=sub_name)
                    row({"designation": label, "total": style.amount(amount)}, "I")
            amount = sum((quote.lines[i].total for indexes in chapter for i in indexes), Decimal(0))
            row({"designation": chapter_total.format(n=c, name=name), "total": style.amount(amount)}, "B")
    else:
        for index in range(len(quote.lines)):
            line_row(index)
    pdf.cell(_PAGE_WIDTH, 0, "", border="T", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if pdf.get_y() > 250:
        pdf.add_page()
    pdf.ln(3)
    for label, value in (
        ("Total HT", quote.total_ht),
        (f"TVA {quote.vat_rate:g} %".replace(".", ","), quote.total_tva),
        ("Total TTC", quote.total_ttc),
    ):
        pdf.set_font("DejaVu", "B" if "TTC" in label else "", 8)
        pdf.cell(140, 5, label, align="R")
        pdf.cell(0, 5, style.amount(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def misreadings(trade: TradeQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right): the works are
    the lines (a component or a subtotal read as a line is extra)."""
    return quote_faults(trade.quote, reading)
