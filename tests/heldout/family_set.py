"""The one driver of the frozen sets of layout families (``families4.py`` onwards): a set is its data
(``FamilySet``: its families and how each is drawn, its plan, how its quotes are built and scanned);
``plan``, ``generate`` and ``main`` draw every set the same way, so a set regenerates byte-identical
from its seed."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from tests.heldout import families, families2
from tests.heldout.generate import Quote, expectations
from tests.heldout.set_plan import Planned, family_plan, file_stem, write_json

# The categories of a quote's lines: (rng, cover, count) -> categories.
Pick = Callable[[random.Random, str, int], list[str]]
# A scan or photo of a PDF: (pdf, medium asked, rng) -> (bytes, extension, medium for the truth, degradation).
Scan = Callable[[bytes, str, random.Random], tuple[bytes, str, str, str]]
# (rng, family, scenario, cover, invoice, medium) -> the base family ``families.build`` draws.
Base = Callable[[random.Random, str, str, str, bool, str], str]


@dataclass(frozen=True)
class FamilySet:
    """A frozen set as its generator draws it; each callable takes the document's own ``rng``."""

    name: str  # the generator's module: the seed of each document's draws, the manifest's generator
    rank: str  # « quatrième »…: the command line's description
    seed: int
    wordings: Path  # the public wordings its quotes are worded with
    render: Mapping[str, Callable[[Quote, random.Random], bytes]]  # each family's drawing, in plan order
    text_scenarios: Mapping[str, Sequence[str]]  # each family's text PDFs
    text_cover: Callable[[str, int, str], str]  # (family, k, scenario) -> the k-th text PDF's cover
    invoices: Mapping[str, Sequence[int]]  # which of a family's text PDFs are invoices
    scans: Sequence[tuple[str, str, str, str]]  # (family, medium, scenario, cover) of each scan or photo
    scan_invoice: Callable[[int, str], bool]  # (k, family) -> the k-th scan is an invoice
    base: Base  # ``export_or_letter(...)`` where no family's quotes run long
    text_stems: tuple[str, ...]  # the names senders give its text PDFs
    scan: Scan
    pick: Callable[[frozenset[str]], Pick] | None = None  # from the worded categories; None: the catalogue's
    # (quote, rng, family, scenario): what a family changes in a built quote (one VAT rate, a client company…)
    shape: Callable[[Quote, random.Random, str, str], None] | None = None


def export_or_letter(exports: Collection[str]) -> Base:
    """The base family ``families.build`` draws for a set whose quotes never run long: an invoice as
    an invoice, a quote of the families in ``exports`` as a program's export (its lines may carry
    several VAT rates, an option, a company customer), a quote of the others as a letter (one VAT
    rate)."""
    exported = frozenset(exports)

    def base(rng: random.Random, family: str, scenario: str, cover: str, invoice: bool, media: str) -> str:
        if invoice:
            return "invoice"
        return "export" if family in exported else "letter"

    return base


def plan(family_set: FamilySet, seed: int) -> list[Planned]:
    """(family, scenario, cover, media, invoice) of every document, in a shuffled upload order."""
    s = family_set
    return family_plan(seed, tuple(s.render), s.text_scenarios, s.text_cover, s.invoices, s.scans, s.scan_invoice)


def generate(family_set: FamilySet, out_dir: Path, seed: int) -> list[dict[str, Any]]:
    """Write the set: each planned document built with the public wordings, drawn by its family,
    scanned or photographed when its medium asks, with its ground truth; then the manifest."""
    s = family_set
    out_dir.mkdir(parents=True, exist_ok=True)
    pick = s.pick(frozenset(families2.load_wordings(s.wordings))) if s.pick else None
    truths = []
    with families2.public_wordings(s.wordings):
        for index, (family, scenario, cover, requested, invoice) in enumerate(plan(s, seed), start=1):
            rng = random.Random(f"{s.name}-{seed}-{index}")
            base = s.base(rng, family, scenario, cover, invoice, requested)
            document = families.build(rng, index, base, scenario, cover, pick)
            if s.shape:
                s.shape(document, rng, family, scenario)
            document.layout = family
            pdf = s.render[family](document, rng)
            media, degradation = requested, ""
            if requested == "text_pdf":
                data, ext = pdf, "pdf"
            else:
                data, ext, media, degradation = s.scan(pdf, requested, rng)
            document.media = media
            document.expected = expectations(document)
            kind = "facture" if invoice else "devis"
            truth = families.write_document(
                out_dir, document, pdf, data, ext, file_stem(rng, media, s.text_stems), kind, "fpdf2"
            )
            if degradation:
                truth["degradation"] = degradation
                write_json(out_dir / f"{Path(truth['file']).stem}.json", truth)
            truths.append(truth)
    families.write_manifest(
        out_dir,
        truths,
        seed=seed,
        generator=f"tests/heldout/{s.name}.py",
        wordings=f"tests/heldout/{s.wordings.parent.name}/{s.wordings.name}",
    )
    return truths


def main(family_set: FamilySet, argv: list[str] | None = None) -> int:
    """The set's command line: ``python -m tests.heldout.<name> OUT_DIR [--seed N]``."""
    return families.run_generator(
        argv,
        f"Génère le {family_set.rank} jeu gelé de documents avec leur vérité terrain.",
        partial(generate, family_set),
        family_set.seed,
    )
