"""Run ``billma evaluate --json`` on a held-out set and compare with the ground truth.

Used by ``bench/bench_heldout.py`` (report) and ``tests/heldout/test_heldout.py`` (floors).
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from billma_core.money import net_price
from tests.heldout.catalog import ITEMS
from tests.heldout.generate import TOLERANCE

ROOT = Path(__file__).resolve().parents[2]
BILLMA = ROOT / ".venv" / "bin" / "billma"
EPS = 0.005


def load_truths(directory: Path) -> list[dict[str, Any]]:
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return [json.loads((directory / d["ground_truth"]).read_text(encoding="utf-8")) for d in manifest["documents"]]


def billma_command(ocr_cache: Path | None = None) -> list[str]:
    """``billma``, or with ``ocr_cache`` the same CLI answering RapidOCR's calls seen before from
    that directory (``bench/ocr_cache.py``)."""
    if ocr_cache is not None:
        return [sys.executable, str(ROOT / "bench" / "ocr_cache.py"), str(ocr_cache)]
    return [str(BILLMA) if BILLMA.exists() else "billma"]


def _run_group(
    directory: Path, cover: str, postal_code: str | None, files: list[str], command: list[str]
) -> list[dict[str, Any]]:
    cmd = [*command, "evaluate", "--json", "--cover", cover]
    if postal_code:
        cmd += ["--postal-code", postal_code]
    cmd += [str(directory / f) for f in files]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    results = []
    for raw in proc.stdout.splitlines():
        text = raw.strip()
        if text.startswith("{"):
            results.append(json.loads(text))
    if len(results) != len(files):
        sys.stderr.write(
            f"billma: {len(results)} résultats pour {len(files)} fichiers (code {proc.returncode})\n"
            f"{proc.stderr[-2000:]}\n"
        )
    return results


def run_robot(
    directory: Path,
    truths: list[dict[str, Any]],
    workers: int = 4,
    with_postal_code: bool = True,
    ocr_cache: Path | None = None,
) -> dict[str, dict[str, Any]]:
    """Evaluate every document, one ``billma`` process per (cover, site postal code) group.

    The dossier form gives the work-site postal code, so it is passed like the portal would.
    Files of one group are given in upload order; groups run in parallel. ``ocr_cache``: see
    ``billma_command``.
    """
    command = billma_command(ocr_cache)
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for t in truths:
        groups[(t["cover"], t["site_postal_code"] if with_postal_code else None)].append(t["file"])
    out: dict[str, dict[str, Any]] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_run_group, directory, cover, cp, files, command) for (cover, cp), files in groups.items()
        ]
        for fut in futures:
            for result in fut.result():
                out[Path(result["file"]).name] = result
    return out


# --------------------------------------------------------------------------- comparison


def _eq(a: Any, b: Any) -> bool:
    try:
        return a is not None and b is not None and abs(float(a) - float(b)) < EPS
    except (TypeError, ValueError):
        return False


def _charged(line: dict[str, Any]) -> dict[str, Any]:
    """The line at the unit price it is charged, its own discount off: the truth's unit price."""
    rate, price = line.get("discount_rate"), line.get("unit_price_ht")
    if not rate or price is None:
        return line
    return {**line, "unit_price_ht": float(net_price(Decimal(str(price)), Decimal(str(rate))))}


def line_text(line: dict[str, Any]) -> str:
    return (
        f"«{line.get('designation')}» {line.get('quantity')} {line.get('unit')} × {line.get('unit_price_ht')} "
        f"= {line.get('total_ht')}"
    )


@dataclass
class DocScore:
    truth: dict[str, Any]
    result: dict[str, Any] | None
    ttc_ok: bool = False
    siret_ok: bool = False
    number_ok: bool = False
    postal_ok: bool = False
    lines_total: int = 0
    lines_ok: int = 0
    lines_found: int = 0  # ground-truth lines read at all (their amount HT is among the read lines)
    kind_ok: bool = False  # read as a quote or as an invoice, like the ground truth's ``kind``
    outcome_ok: bool = False
    flags_ok: bool = False
    unsafe: bool = False
    causes: list[tuple[str, str]] = field(default_factory=list)
    # (cause, category, wording variant, robot's barème code) of the line verdicts that are wrong
    verdict_issues: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def scan(self) -> bool:
        return bool(self.truth["media"] != "text_pdf")

    @property
    def actual_outcome(self) -> str:
        return self.result["outcome"] if self.result else "missing"

    @property
    def actual_flags(self) -> list[str]:
        return sorted(self.result.get("flags", [])) if self.result else []


def _match_lines(gt_lines: list[dict[str, Any]], got_lines: list[dict[str, Any]]) -> list[int | None]:
    used: set[int] = set()
    pairs: list[int | None] = []
    for gl in gt_lines:
        found = None
        for j, line in enumerate(got_lines):
            if j in used:
                continue
            if gl.get("category") == "discount":  # a discount has no quantity nor unit of its own
                same = _eq(line.get("total_ht"), gl["total_ht"])
            else:
                same = (
                    _eq(line.get("quantity"), gl["quantity"])
                    and line.get("unit") == gl["unit"]
                    and _eq(line.get("unit_price_ht"), gl["unit_price_ht"])
                )
            if same:
                found = j
                break
        if found is not None:
            used.add(found)
        pairs.append(found)
    return pairs


def _closest(gl: dict[str, Any], got_lines: list[dict[str, Any]], used: set[int]) -> dict[str, Any] | None:
    best, best_score = None, 0.0
    for j, line in enumerate(got_lines):
        if j in used:
            continue
        score = difflib.SequenceMatcher(
            None, str(gl["designation"]).lower(), str(line.get("designation") or "").lower()
        ).ratio()
        if _eq(line.get("total_ht"), gl["total_ht"]):
            score += 0.5
        if score > best_score:
            best, best_score = line, score
    return best if best_score >= 0.45 else None


def _fair_certain(truth: dict[str, Any], gl: dict[str, Any]) -> bool:
    item = ITEMS.get(gl["category"])
    if item is None or not item.known or not gl["measurable"]:
        return False
    lo = float(truth["regional_coefficient_range"][0])
    return float(gl["unit_price_ht"]) / item.typical <= lo * TOLERANCE * 0.98


def _over_certain(truth: dict[str, Any], gl: dict[str, Any]) -> bool:
    item = ITEMS.get(gl["category"])
    if item is None or not item.known or not gl["measurable"]:
        return False
    hi = float(truth["regional_coefficient_range"][1])
    return float(gl["unit_price_ht"]) / item.typical > hi * TOLERANCE * 1.03


def _variant(gl: dict[str, Any]) -> str:
    item = ITEMS.get(gl["category"])
    text = str(gl["designation"])
    if item is not None:
        for variant in item.variants:
            if text.startswith(variant):
                return variant
    return text


def _why(line: dict[str, Any]) -> str:
    why = str(line.get("why") or "")
    return why[:220]


def score_document(truth: dict[str, Any], result: dict[str, Any] | None) -> DocScore:
    s = DocScore(truth=truth, result=result, lines_total=len(truth["lines"]))
    exp = truth["expected"]
    if result is None:
        s.causes.append(("robot gave no result", truth["file"]))
        return s
    quote = result.get("quote")
    actual = set(result.get("flags", []))
    s.outcome_ok = result["outcome"] in exp["acceptable_outcomes"]
    s.unsafe = result["outcome"] == "auto_validated" and "auto_validated" not in exp["acceptable_outcomes"]
    missing = set(exp["flags"]) - actual
    extra = actual - set(exp["flags"]) - set(exp.get("optional_flags", []))
    s.flags_ok = not missing and not extra
    if not quote:
        s.causes.append(
            (
                "document not read as a quote",
                f"outcome {result['outcome']} flags {sorted(actual)} reason «{result.get('reason')}»",
            )
        )
        return s
    s.ttc_ok = _eq(quote.get("total_ttc"), truth["total_ttc"])
    contractor = quote.get("contractor") or {}
    s.siret_ok = contractor.get("siret") == truth["artisan"]["siret"]
    s.number_ok = quote.get("number") == truth["devis_number"]
    s.kind_ok = quote.get("kind", "quote") == ("invoice" if truth.get("kind") == "facture" else "quote")
    s.postal_ok = quote.get("site_postal_code") == truth["site_postal_code"]
    if not s.ttc_ok:
        s.causes.append(("total TTC misread", f"expected {truth['total_ttc']} got {quote.get('total_ttc')}"))
    if not s.siret_ok:
        s.causes.append(("SIRET misread", f"expected {truth['artisan']['siret']} got {contractor.get('siret')}"))
    if not s.number_ok:
        s.causes.append(("quote number misread", f"expected {truth['devis_number']!r} got {quote.get('number')!r}"))
    got_lines: list[dict[str, Any]] = [_charged(line) for line in quote.get("lines") or []]
    if not got_lines:
        s.causes.append(("no line read at all", f"reason «{result.get('reason')}»"))
    pairs = _match_lines(truth["lines"], got_lines)
    used = {j for j in pairs if j is not None}
    s.lines_ok = len(used)
    found: set[int] = set(used)
    for gl, j in zip(truth["lines"], pairs, strict=True):
        if j is None:
            k = next(
                (k for k, line in enumerate(got_lines) if k not in found and _eq(line.get("total_ht"), gl["total_ht"])),
                None,
            )
            if k is not None:
                found.add(k)
    s.lines_found = len(found)
    for gl, j in zip(truth["lines"], pairs, strict=True):
        if j is None:
            if not got_lines:
                continue
            near = _closest(gl, got_lines, used)
            if near is None:
                s.causes.append(("line not found", f"{line_text(gl)} → nothing similar"))
            else:
                what = [
                    k
                    for k in ("quantity", "unit", "unit_price_ht")
                    if not (near.get(k) == gl[k] if k == "unit" else _eq(near.get(k), gl[k]))
                ]
                s.causes.append((f"line misread ({'/'.join(what)})", f"{line_text(gl)} → got {line_text(near)}"))
            continue
        got = got_lines[j]
        verdict = got.get("verdict")
        item = ITEMS.get(gl["category"])
        detail = f"{line_text(gl)} [{gl['category']}, {truth['cover']}, CP {truth['site_postal_code']}]"
        before = len(s.causes)
        if verdict == "UNMATCHED" and item is not None and item.known:
            s.causes.append(("matcher: known item left UNMATCHED", detail))
        if verdict == "OVERPRICED" and _fair_certain(truth, gl):
            s.causes.append(
                (
                    "false OVERPRICED on a fair line",
                    f"{detail} ratio {gl['price_ratio']} → {got.get('bareme_code')}: {_why(got)}",
                )
            )
        if _over_certain(truth, gl) and verdict == "OK":
            s.causes.append(("missed OVERPRICED", f"{detail} ratio {gl['price_ratio']} → {got.get('bareme_code')} OK"))
        if item is not None:
            if verdict == "NOT_COVERED" and truth["cover"] not in item.not_covered | item.uncertain_cover:
                s.causes.append(("false NOT_COVERED", f"{detail} → {got.get('bareme_code')}: {_why(got)}"))
            if truth["cover"] in item.not_covered and verdict not in ("NOT_COVERED",):
                s.causes.append(("missed NOT_COVERED", f"{detail} → {got.get('bareme_code')} {verdict}"))
            if verdict == "UNMEASURED" and gl["measurable"]:
                s.causes.append(("false UNMEASURED", f"{detail} → {got.get('bareme_code')}: {_why(got)}"))
            if not gl["measurable"] and verdict != "UNMEASURED":
                s.causes.append(("missed UNMEASURED (lump sum)", f"{detail} → {got.get('bareme_code')} {verdict}"))
        for cause, _detail in s.causes[before:]:
            s.verdict_issues.append((cause, gl["category"], _variant(gl), str(got.get("bareme_code"))))
    for j, line in enumerate(got_lines):
        if j not in used and _closest_gt(line, truth["lines"]) is None:
            s.causes.append(("extra line read (not a quote line)", line_text(line)))
    explained = " ".join(c for c, _d in s.causes)
    for flag in sorted(missing):
        if flag == "overpriced" and "missed OVERPRICED" in explained:
            continue
        if flag == "not_covered" and "missed NOT_COVERED" in explained:
            continue
        if flag == "no_measurements" and "missed UNMEASURED" in explained:
            continue
        s.causes.append((f"missing flag {flag}", _flag_detail(truth, flag, pairs, got_lines)))
    for flag in sorted(extra):
        if flag == "overpriced" and "false OVERPRICED" in explained:
            continue
        if flag == "unmatched_line" and "UNMATCHED" in explained:
            continue
        if flag == "not_covered" and "false NOT_COVERED" in explained:
            continue
        if flag == "no_measurements" and "false UNMEASURED" in explained:
            continue
        s.causes.append((f"unexpected flag {flag}", _extra_detail(flag, quote, truth)))
    if not s.outcome_ok and not s.causes:
        s.causes.append(
            (
                "wrong outcome, cause unclear",
                f"expected {exp['outcome']} got {result['outcome']} «{result.get('reason')}»",
            )
        )
    return s


def _closest_gt(line: dict[str, Any], gt_lines: list[dict[str, Any]]) -> dict[str, Any] | None:
    for gl in gt_lines:
        if _eq(line.get("total_ht"), gl["total_ht"]) or _eq(line.get("unit_price_ht"), gl["unit_price_ht"]):
            return gl
    return None


def _flag_detail(truth: dict[str, Any], flag: str, pairs: list[int | None], got_lines: list[dict[str, Any]]) -> str:
    if flag in ("overpriced", "not_covered", "no_measurements"):
        parts = []
        for gl, j in zip(truth["lines"], pairs, strict=True):
            item = ITEMS.get(gl["category"])
            if item is None:
                continue
            concerned = (
                (flag == "overpriced" and _over_certain(truth, gl))
                or (flag == "not_covered" and truth["cover"] in item.not_covered)
                or (flag == "no_measurements" and not gl["measurable"])
            )
            if not concerned:
                continue
            if j is None:
                parts.append(f"{line_text(gl)} → line not read as such")
            else:
                got = got_lines[j]
                parts.append(f"{line_text(gl)} → {got.get('bareme_code')} {got.get('verdict')}")
        if parts:
            return "; ".join(parts)
    if flag == "arithmetic_error":
        return f"{truth['arithmetic_error']}"
    if flag == "invalid_siret":
        return f"SIRET {truth['artisan']['siret']}"
    if flag == "amount_out_of_range":
        return f"total TTC {truth['total_ttc']}"
    return f"scenario {truth['scenario']}"


def _extra_detail(flag: str, quote: dict[str, Any], truth: dict[str, Any]) -> str:
    if flag == "arithmetic_error":
        return (
            f"read HT {quote.get('total_ht')} TVA {quote.get('total_tva')} TTC {quote.get('total_ttc')}, "
            f"sum of read lines {round(sum(float(ln.get('total_ht') or 0) for ln in quote.get('lines') or []), 2)}"
            f"; truth HT {truth['total_ht']} TVA {truth['total_tva']} TTC {truth['total_ttc']}"
        )
    if flag == "invalid_siret":
        return f"read SIRET {(quote.get('contractor') or {}).get('siret')} truth {truth['artisan']['siret']}"
    if flag == "amount_out_of_range":
        return f"read TTC {quote.get('total_ttc')} truth {truth['total_ttc']}"
    return f"scenario {truth['scenario']}"


# --------------------------------------------------------------------------- aggregation


@dataclass
class Summary:
    docs: int
    ttc: float
    siret: float
    number: float
    postal: float
    lines: float
    lines_found: float
    kind: float
    outcome: float
    flags: float
    unsafe: list[str]
    review_reason: float  # expected needs_review: share that carries every expected flag
    review_docs: int
    fair_docs: int  # expected auto_validated: fair, in scope, nothing else wrong
    fair_auto: int  # of which the robot auto-validated
    flags_present: float  # share of documents that carry every expected flag (extra ones allowed)
    confusion: dict[tuple[str, str], int]
    causes: dict[str, list[tuple[str, str]]]  # cause → [(file, detail)]


def summarise(scores: list[DocScore]) -> Summary:
    n = max(1, len(scores))
    confusion: Counter[tuple[str, str]] = Counter()
    causes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s in scores:
        confusion[(s.truth["expected"]["outcome"], s.actual_outcome)] += 1
        for cause, detail in s.causes:
            causes[cause].append((s.truth["file"], detail))
    total_lines = max(1, sum(s.lines_total for s in scores))
    review = [s for s in scores if s.truth["expected"]["outcome"] == "needs_review"]
    reason_ok = [s for s in review if set(s.truth["expected"]["flags"]) <= set(s.actual_flags)]
    fair = [s for s in scores if s.truth["expected"]["outcome"] == "auto_validated"]
    return Summary(
        docs=len(scores),
        ttc=sum(s.ttc_ok for s in scores) / n,
        siret=sum(s.siret_ok for s in scores) / n,
        number=sum(s.number_ok for s in scores) / n,
        postal=sum(s.postal_ok for s in scores) / n,
        lines=sum(s.lines_ok for s in scores) / total_lines,
        lines_found=sum(s.lines_found for s in scores) / total_lines,
        kind=sum(s.kind_ok for s in scores) / n,
        outcome=sum(s.outcome_ok for s in scores) / n,
        flags=sum(s.flags_ok for s in scores) / n,
        unsafe=[s.truth["file"] for s in scores if s.unsafe],
        review_reason=len(reason_ok) / max(1, len(review)),
        review_docs=len(review),
        fair_docs=len(fair),
        fair_auto=sum(s.actual_outcome == "auto_validated" for s in fair),
        flags_present=sum(set(s.truth["expected"]["flags"]) <= set(s.actual_flags) for s in scores) / n,
        confusion=dict(confusion),
        causes=dict(causes),
    )


def below_floors(scores: list[DocScore], floors: dict[str, float]) -> dict[str, float]:
    """The measures of ``scores`` (``Summary`` fields named by ``floors``) under their floor."""
    summary = summarise(scores)
    measured = {name: float(getattr(summary, name)) for name in floors}
    return {name: round(value, 3) for name, value in measured.items() if value < floors[name]}


def unsafe_cases(scores: list[DocScore]) -> list[tuple[str, str, str]]:
    """The documents auto-validated although a reviewer must see them."""
    return [(s.truth["file"], s.truth["layout"], s.truth["scenario"]) for s in scores if s.unsafe]


def evaluate_set(
    directory: Path,
    workers: int = 4,
    results_file: Path | None = None,
    scans: bool | None = None,
    ocr_cache: Path | None = None,
) -> list[DocScore]:
    """Run the robot on the set in ``directory`` (raw answers kept in ``results_file``, by default
    ``robot-results.jsonl`` beside the documents); ``scans`` True or False: only the scans and
    photos, or only the text PDFs; ``ocr_cache``: see ``billma_command``."""
    truths = [t for t in load_truths(directory) if scans is None or (t["media"] != "text_pdf") is scans]
    results = run_robot(directory, truths, workers=workers, ocr_cache=ocr_cache)
    with (results_file or directory / "robot-results.jsonl").open("w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(results.get(t["file"]), ensure_ascii=False) + "\n")
    return [score_document(t, results.get(t["file"])) for t in truths]


# --------------------------------------------------------------------------- perfect reader


def judge_perfect_reading(truths: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What the robot decides when its reader is perfect: the ground truth's quote, judged in-process.

    Isolates the barème, the matcher, the cover rules and the decision from the reading.
    Answers have the shape of ``billma evaluate --json``.
    """
    from billma_core.bareme import load_bareme
    from billma_core.evaluation import evaluate_quote
    from billma_core.evaluation.groundtruth import quote_from_ground_truth
    from billma_core.models import Cover, DocumentKind, Flag
    from billma_core.settings import Settings

    bareme, settings = load_bareme(), Settings()
    out: dict[str, dict[str, Any]] = {}
    for truth in truths:
        invoice = truth.get("kind") == "facture"  # an invoice is judged like a quote
        quote = quote_from_ground_truth({**truth, "kind": "devis"} if invoice else truth)
        if quote is None:
            continue
        if invoice:
            quote = quote.model_copy(update={"kind": DocumentKind.INVOICE})
        ev = evaluate_quote(
            quote,
            cover=Cover(truth["cover"]),
            bareme=bareme,
            settings=settings,
            postal_code=truth["site_postal_code"],
            reading_flags=[Flag.OCR] if truth["media"] != "text_pdf" else [],
        )
        lines = []
        for line, judged in zip(quote.lines, ev.lines, strict=True):
            lines.append(
                {
                    "designation": line.designation,
                    "quantity": float(line.quantity),
                    "unit": line.unit.value if line.unit else None,
                    "unit_price_ht": float(line.unit_price_ht or 0),
                    "discount_rate": float(line.discount_rate) if line.discount_rate else None,
                    "total_ht": float(line.total_ht or 0),
                    "verdict": judged.verdict.value,
                    "bareme_code": judged.bareme_code,
                    "why": judged.why,
                }
            )
        out[truth["file"]] = {
            "file": truth["file"],
            "outcome": ev.outcome.value,
            "flags": [f.value for f in ev.flags],
            "reason": ev.reason,
            "quote": {
                "contractor": {"siret": truth["artisan"]["siret"]},
                "number": truth["devis_number"],
                "kind": quote.kind.value,
                "site_postal_code": truth["site_postal_code"],
                "lines": lines,
                "total_ht": truth["total_ht"],
                "total_tva": truth["total_tva"],
                "total_ttc": truth["total_ttc"],
            },
        }
    return out
