"""Judging a line against the barème item a reviewer chose for it.

Only the matcher's answer changes: the chosen item is the match, as is, and the robot's own
verdict rules (cover, measurements, price ceiling at the site's coefficient) judge the line.
"""

from __future__ import annotations

import dataclasses

from billma_core.bareme.schema import BaremeItem
from billma_core.evaluation.matching import Candidate, Match, Matcher
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import LineEvaluation, QuoteLine, Unit

CHOSEN_NOTE = " Article du barème choisi par le Billmateur."


class ChosenItemMatcher(Matcher):
    """The barème's matcher whose match is always the chosen item, and only it."""

    def __init__(self, matcher: Matcher, item: BaremeItem) -> None:
        # Shares the built index instead of rebuilding it: one chosen line costs one match.
        self.__dict__.update(matcher.__dict__)
        self.chosen = item

    def match(self, wording: str, unit: Unit | None = None) -> Match:
        found = super().match(wording, unit)
        removal = None
        if self.chosen.removal and self.words.includes_removal(wording):
            removal = self.bareme.item(self.chosen.removal)
        # The chosen item alone: no other plausible candidate to be judged against, no parts.
        chosen = Candidate(self.chosen, 1.0, 1.0, self.chosen.label, confidence=1.0)
        return dataclasses.replace(
            found,
            item=self.chosen,
            confidence=1.0,
            best=chosen,
            removal=removal,
            candidates=(chosen,),
            plausible=1,
            parts=(),
        )


def judge_with_item(
    index: int, line: QuoteLine, matcher: Matcher, item: BaremeItem, context: PricingContext
) -> LineEvaluation:
    """The verdict on ``line`` priced against ``item``, saying the item was a reviewer's choice."""
    judged = evaluate_line(index, line, ChosenItemMatcher(matcher, item), context)
    return judged.model_copy(update={"why": judged.why + CHOSEN_NOTE})
