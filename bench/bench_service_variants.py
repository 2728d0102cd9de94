"""A work done on a thing in place is never priced as the thing new (a script, not a test).

    .venv/bin/python bench/bench_service_variants.py [--examples N]

Each word of a work that neither supplies nor replaces its thing (``Vocabulary.service_words``:
« vérification », « nettoyage », « protection »…) is put with each thing the barème sells (the
heads of the items that price no such work, an hour of labour aside), in two forms: the work first (« Nettoyage
radiateur ») and the thing with the work after it (« Radiateur : nettoyage »), in the unit of the
item selling the thing. A line is *priced at another work* when one of its plausible candidates
(or of its parts) is an item that does not price the line's work (``BaremeItem.services``; an hour
of labour or a day's hire prices any): its reference would be a new thing's price, and an inflated line could pass
under it. Prints how many such lines, by kind of work, and some examples. A line may go to a
reviewer (unmatched) or to an item of its work; both are safe.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from billma_core.bareme import load_bareme  # noqa: E402
from billma_core.bareme.schema import Bareme, BaremeItem  # noqa: E402
from billma_core.evaluation.matching import matcher_for  # noqa: E402
from billma_core.evaluation.text import fold  # noqa: E402
from billma_core.models import Unit  # noqa: E402

FORMS = ("{work} {thing}", "{thing} : {work}")


def prices(bareme: Bareme, item: BaremeItem, kind: str) -> bool:
    """Whether the item prices that work on a thing in place (its own, its included items', any for
    a thing priced by the time it is worked or used: an hour of labour, a day's hire)."""
    if item.unit in (Unit.H, Unit.DAY):
        return True
    return kind in item.services or any(kind in bareme.item(code).services for code in item.includes)


class Variant(NamedTuple):
    kind: str  # the kind of work (a key of ``Vocabulary.service_words``)
    thing: str  # an item's head the work is done on
    wording: str
    unit: Unit


def variants(bareme: Bareme) -> list[Variant]:
    """One line for each work word, thing sold and form."""
    out = []
    for kind, words in bareme.vocabulary.service_words.items():
        things = {
            (head, item.unit)
            for item in bareme.items
            if not item.services and not prices(bareme, item, kind)
            for head in item.heads
            if fold(head) not in words
        }
        for word in words:
            for thing, unit in sorted(things):
                out += [Variant(kind, thing, form.format(work=word, thing=thing).capitalize(), unit) for form in FORMS]
    return out


def plausible_readings(bareme: Bareme, wording: str, unit: Unit) -> list[BaremeItem]:
    """A line's plausible readings: its parts when it names several works, else the candidates the
    matcher cannot rule out."""
    match = matcher_for(bareme).match(wording, unit)
    return list(match.parts) or [c.item for c in match.candidates[: match.plausible]]


def priced_at_another_work(bareme: Bareme) -> list[tuple[str, str, Unit, list[str]]]:
    """The variants one of whose plausible readings does not price the line's work."""
    found = []
    for kind, _, wording, unit in variants(bareme):
        other = [item.code for item in plausible_readings(bareme, wording, unit) if not prices(bareme, item, kind)]
        if other:
            found.append((kind, wording, unit, other))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="examples shown per kind of work")
    args = parser.parse_args()
    bareme = load_bareme()
    total = Counter(variant.kind for variant in variants(bareme))
    found = priced_at_another_work(bareme)
    wrong = Counter(kind for kind, *_ in found)
    print(f"## {sum(total.values())} lines, {len(found)} priced at an item of another work")
    for kind in total:
        print(f"{kind:10} {wrong[kind]:5} / {total[kind]}")
        for _, wording, unit, codes in [f for f in found if f[0] == kind][: args.examples]:
            print(f"    {wording!r} ({unit.value}) -> {', '.join(codes)}")


if __name__ == "__main__":
    main()
