"""Evaluation of a quote against the barème: matching, line verdicts, decision."""

from billma_core.evaluation.decision import evaluate_quote
from billma_core.evaluation.matching import MATCH_THRESHOLD, Candidate, Match, Matcher, matcher_for
from billma_core.evaluation.verdicts import PricingContext, evaluate_line
from billma_core.models import ordered_flags

__all__ = [
    "MATCH_THRESHOLD",
    "Candidate",
    "Match",
    "Matcher",
    "PricingContext",
    "evaluate_line",
    "evaluate_quote",
    "matcher_for",
    "ordered_flags",
]
