"""Priced lines written as prose, wrapped at any width, with stray rows among their parts: drawn at
random, with the truth. Conventions no one listed.

An artisan who writes his quote himself (an e-mail, a letter, a note, text messages, a chat)
writes each line as a sentence whose figures stand in any order the sentence allows ("Q u à P =
A", "A pour Q u", "forfait A", "A (forfait)", the amount first or last, the price before the
quantity), and the medium wraps it at its own width: a bubble, a narrow note, a wide letter. What
the medium adds stands between or after a line's rows: a message's time or its delivery mark, a
day, a sender's name, a page mark, a quoted e-mail's header. Each seed draws the medium, the wrap
width, the bullets, the number format, the habits of lump sums and measured lines (one per
document or one per line), which stray rows there are and where they fall (after a message,
inside a wrapped line), and how the totals are written. ``misreadings`` names what a reading got
wrong. Used by ``bench/bench_reader_fuzz.py --prose``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from fpdf import FPDF
from layout_fuzzer import quote_faults
from unseen_layouts import DrawnQuote, Line, Style, UnseenQuote, _lines, _luhn_siret, _pdf

from billma_core.models import DocumentReading

MEDIA = ["email", "letter", "note", "sms", "chat"]
# Measured lines: {d} wording, {q} quantity and unit, {p} unit price, {a} amount, {per} "le m²".
_MEASURED = [
    "{d} : {q} x {p} = {a}",
    "{d}, {q} à {p} HT, soit {a} HT",
    "{d} ({q} à {p}) → {a} HT",
    "{d} : {a} HT ({q} à {p} {per})",
    "{q} de {d_lower} à {p} {per}, soit {a}",
    "{d} : {a} pour {q} ({p} {per})",
    "{d} — {q} × {p} : {a}",
    "{a} : {d_lower}, {q} à {p}",
    "{d} {q} à {p} = {a}",
    "{d} : {p} {per} x {q} = {a}",
    "{d}, soit {q} au prix de {p} HT, total {a} HT",
]
_LUMP = [
    "{d} : {a} HT (forfait)",
    "{d}, forfait {a}",
    "{d} : forfait {a}",
    "{d} au forfait : {a}",
    "Forfait {d_lower} : {a}",
    "{d}, forfait de {a} HT",
    "{d} : {a} HT forfaitaire",
    "{d} pour {a} HT (forfait)",
]
_PER = {"m2": "le m²", "ml": "le ml", "u": "l'unité", "h": "de l'heure", "j": "par jour"}
_UNITS = {
    "m2": ["m²", "m2"],
    "ml": ["ml", "m linéaires"],
    "u": ["u", "unités"],
    "h": ["h", "heures"],
    "j": ["j", "jours"],
}
_BULLETS = ["", "• ", "- ", "* ", "{n}) ", "{n}. "]
_NAMES = ["Jean Moreau", "Moreau Rénovation", "Moi", "Sophie L.", "Artisan Peinture"]
_DAYS = ["lundi 3 mars 2025", "mardi 4 mars", "Hier", "Aujourd'hui", "12/03/2025"]


@dataclass
class ProseConventions:
    medium: str
    width: float  # the wrap width, in mm
    bullet: str
    habit: str  # "document": one form for all lines; "line": one each
    stray_after: float  # chance of a stray row after a message of lines
    stray_inside: float  # chance of a stray row inside a wrapped line
    stray_kinds: tuple[str, ...]
    stray_align: str
    lines_per_message: int  # 0: all in one
    totals: str  # "rows" or "sentence"
    footer: bool  # a page mark at the foot of each page

    def names(self) -> dict[str, str]:
        return {
            "medium": self.medium,
            "width": f"{int(self.width // 30) * 30}-{int(self.width // 30) * 30 + 29} mm",
            "bullet": self.bullet.strip() or "none",
            "habit": self.habit,
            "stray after": str(self.stray_after > 0),
            "stray inside": str(self.stray_inside > 0),
            "stray kinds": "+".join(self.stray_kinds),
            "stray align": self.stray_align,
            "lines per message": str(self.lines_per_message),
            "totals": self.totals,
            "footer": str(self.footer),
        }


ProseQuote = DrawnQuote[ProseConventions]


def draw(rng: random.Random) -> ProseConventions:
    medium = rng.choice(MEDIA)
    narrow = medium in ("sms", "chat", "note")
    kinds = ["time", "delivered", "day", "name", "page", "quoted"]
    return ProseConventions(
        medium=medium,
        width=rng.uniform(45, 100) if narrow else rng.uniform(90, 178),
        bullet=rng.choice(_BULLETS),
        habit=rng.choice(["document", "line"]),
        stray_after=rng.choice([0.0, 0.5, 1.0]) if narrow else rng.choice([0.0, 0.0, 0.4]),
        stray_inside=rng.choice([0.0, 0.0, 0.2, 0.5]),
        stray_kinds=tuple(sorted(rng.sample(kinds, rng.randint(1, 3)))),
        stray_align=rng.choice(["left", "right", "centre"]),
        lines_per_message=rng.choice([0, 1, 2, 3]) if narrow else 0,
        totals=rng.choice(["rows", "sentence"]),
        footer=rng.random() < 0.3,
    )


def build_prose(seed: int) -> ProseQuote:
    rng = random.Random(f"prose-{seed}")
    conventions = draw(rng)
    style = Style(rng)
    if style.currency == "":
        style.currency = " €"  # a sentence names its currency
    rate = rng.choice([Decimal("10"), Decimal("20"), Decimal("5.5")])
    lines = _lines(rng, rng.choice([3, 4, 5, 6, 8]))
    for line in lines:
        if line.unit == "ens":
            line.unit = "forfait"  # a sentence says "forfait", no other unit for a lump sum
    quote = UnseenQuote("prose", seed, f"DV-{seed:05d}", _luhn_siret(rng), lines, rate)
    prose = ProseQuote(quote, conventions)
    quote.pdf = _render(prose, style, rng)
    return prose


def _sentence(line: Line, index: int, style: Style, c: ProseConventions, form: int) -> str:
    d = line.designation
    fields = {"d": d, "d_lower": d[0].lower() + d[1:], "a": style.amount(line.total)}
    if line.unit == "forfait":
        text = _LUMP[form % len(_LUMP)].format(**fields)
    else:
        unit = _UNITS[line.unit][form % 2]
        fields |= {"q": f"{style.quantity(line.quantity)} {unit}", "p": style.amount(line.unit_price)}
        text = _MEASURED[form % len(_MEASURED)].format(per=_PER[line.unit], **fields)
    return c.bullet.format(n=index) + text


def _stray(kind: str, rng: random.Random, page: int) -> str:
    if kind == "time":
        return f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}"
    if kind == "delivered":
        return rng.choice(["Distribué", "Lu", "Envoyé", f"Lu à {rng.randint(7, 21)}h{rng.randint(10, 59)}"])
    if kind == "day":
        return rng.choice(_DAYS)
    if kind == "name":
        return rng.choice(_NAMES)
    if kind == "page":
        return rng.choice([f"Page {page}", f"- {page} -", f"{page}/3"])
    return f"Le {rng.randint(1, 28)} mars 2025 à {rng.randint(8, 20)}:{rng.randint(10, 59)}, Claire Fontaine a écrit :"


class _Writer:
    def __init__(self, pdf: FPDF, c: ProseConventions, rng: random.Random) -> None:
        self.pdf, self.c, self.rng = pdf, c, rng

    def rows(self, text: str) -> list[str]:
        """``text`` wrapped at the medium's width, between words."""
        out: list[str] = []
        for word in text.split(" "):
            if out and self.pdf.get_string_width(f"{out[-1]} {word}") <= self.c.width:
                out[-1] = f"{out[-1]} {word}"
            else:
                out.append(word)
        return out

    def row(self, text: str, size: float = 9.0) -> None:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.cell(self.c.width, 4.6, text, new_x="LMARGIN", new_y="NEXT")

    def stray(self) -> None:
        self.pdf.set_font("DejaVu", "", 6.5)
        text = _stray(self.rng.choice(self.c.stray_kinds), self.rng, self.pdf.page_no())
        align = {"left": "L", "right": "R", "centre": "C"}[self.c.stray_align]
        self.pdf.cell(self.c.width, 3.6, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def sentence(self, text: str) -> None:
        rows = self.rows(text)
        for index, row in enumerate(rows):
            self.row(row)
            if index < len(rows) - 1 and self.rng.random() < self.c.stray_inside:
                self.stray()


def _render(prose: ProseQuote, style: Style, rng: random.Random) -> bytes:
    quote, c = prose.quote, prose.conventions
    pdf = _pdf()
    if c.footer:
        pdf.set_auto_page_break(True, margin=24)
    pdf.add_page()
    w = _Writer(pdf, c, rng)
    siret = f"{quote.siret[:3]} {quote.siret[3:6]} {quote.siret[6:9]} {quote.siret[9:]}"
    firm = rng.choice(["Moreau Rénovation", "Atelier Rivière Peinture", "Dubois Multiservices"])
    if c.medium in ("letter", "email"):
        w.row(f"{firm} – 14 chemin des Tanneurs, 69007 Lyon – SIRET {siret}")
        w.row("")
    else:
        w.row(f"{firm} · 06 12 34 56 78")
    w.sentence(f"Bonjour, voici le devis n° {quote.number} pour les travaux au 3 allée des Cerisiers, 69100 Lyon :")
    document_form = rng.randrange(100)
    messages = (
        [quote.lines]
        if c.lines_per_message == 0
        else [quote.lines[i : i + c.lines_per_message] for i in range(0, len(quote.lines), c.lines_per_message)]
    )
    number = 0
    for message in messages:
        for line in message:
            number += 1
            form = document_form if c.habit == "document" else rng.randrange(100)
            w.sentence(_sentence(line, number, style, c, form))
        if rng.random() < c.stray_after:
            w.stray()
        if c.medium in ("sms", "chat") and rng.random() < 0.3:
            pdf.set_x(pdf.l_margin + 60)
            pdf.set_font("DejaVu", "", 9)
            pdf.cell(c.width, 4.6, rng.choice(["Ok merci", "Et pour la chambre ?", "D'accord, je regarde."]))
            pdf.ln(5)
    ht, tva, ttc = (style.amount(v) for v in (quote.total_ht, quote.total_tva, quote.total_ttc))
    rate = f"{quote.vat_rate:g}".replace(".", ",")
    if c.totals == "rows":
        for label, value in (("Total HT", ht), (f"TVA {rate} %", tva), ("Total TTC", ttc)):
            w.row(f"{label} : {value}")
    else:
        w.sentence(f"Soit un total de {ht} HT, TVA {rate} % : {tva}, soit {ttc} TTC.")
    if rng.random() < c.stray_after:
        w.stray()
    if c.medium not in ("letter", "email"):
        w.row(f"{firm}, SIRET {siret}")
    w.sentence("Devis valable trois mois. Acompte de 30 % à la commande.")
    if c.footer:
        for page in range(1, pdf.page_no() + 1):
            pdf.page = page
            pdf.set_xy(pdf.l_margin, 285)
            pdf.set_font("DejaVu", "", 7)
            pdf.cell(0, 4, f"Page {page} / {pdf.pages_count}", align="C")
    return bytes(pdf.output())


def misreadings(prose: ProseQuote, reading: DocumentReading) -> list[str]:
    """What the reading got wrong, "kind: detail" each (empty when all is right)."""
    return quote_faults(prose.quote, reading)
