"""How well the robot generalises: quotes it has never seen (a script, not a test).

    .venv/bin/python bench/bench_heldout.py [--n 40] [--scans 15] [--seed 7] [--keep DIR] [--report FILE]
        [--ocr-cache DIR]

Generates held-out quotes with ground truth (``tests/heldout/generate.py``: other layouts,
other regions and covers, scans and photos), runs ``billma evaluate --json`` on them (one
process per cover and work-site postal code, as the dossier form gives both) and prints a
markdown report: extraction accuracy, outcome confusion table, flag agreement, unsafe
auto-validations and the failure cases grouped by cause, for text PDFs and scans apart.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.heldout.generate import generate, truths_only  # noqa: E402
from tests.heldout.scoring import (  # noqa: E402
    DocScore,
    evaluate_set,
    judge_perfect_reading,
    load_truths,
    score_document,
    summarise,
)

OUTCOMES = ("auto_validated", "needs_review", "out_of_scope", "duplicate", "document_rejected")


def robot_version() -> str:
    """The commit the robot runs from, and whether its working tree differs (others edit it live)."""
    import subprocess

    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return proc.stdout.strip()

    dirty = [ln for ln in git("status", "--porcelain", "--", "layers", "infra").splitlines() if ln.strip()]
    return f"{git('rev-parse', '--short', 'HEAD')}" + (f" + {len(dirty)} uncommitted robot file(s)" if dirty else "")


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def wording_table(scores: list[DocScore]) -> list[str]:
    """Wrong line verdicts by wording: what the matcher/barème engineers need."""
    counts: dict[tuple[str, str, str, str], set[str]] = {}
    for x in scores:
        for issue in x.verdict_issues:
            counts.setdefault(issue, set()).add(x.truth["file"])
    if not counts:
        return []
    out = [
        "Wrong line verdicts by wording (the room suffix removed):",
        "",
        "| cause | category | wording | robot's item | documents |",
        "|---|---|---|---|---:|",
    ]
    for (cause, category, wording, code), files in sorted(counts.items(), key=lambda kv: -len(kv[1])):
        out.append(f"| {cause} | {category} | {wording} | {code} | {len(files)} |")
    return [*out, ""]


def section(title: str, scores: list[DocScore], max_examples: int, list_wrong: bool = True) -> list[str]:
    out = [f"## {title} ({len(scores)} documents)", ""]
    if not scores:
        return [*out, "(aucun)", ""]
    s = summarise(scores)
    by_file = {x.truth["file"]: x for x in scores}
    out += [
        "| measure | value |",
        "|---|---:|",
        f"| total TTC exact | {pct(s.ttc)} |",
        f"| SIRET exact | {pct(s.siret)} |",
        f"| quote number exact | {pct(s.number)} |",
        f"| site postal code exact | {pct(s.postal)} |",
        f"| ground-truth lines found (their amount read) | {pct(s.lines_found)} |",
        f"| ground-truth lines with qty, unit, unit price exact | {pct(s.lines)} |",
        f"| read as the right kind (quote / invoice) | {pct(s.kind)} |",
        f"| outcome acceptable | {pct(s.outcome)} |",
        f"| flags agree (required present, none unexpected) | {pct(s.flags)} |",
        f"| quotes to review that carry every expected flag (right reason) | {pct(s.review_reason)} "
        f"of {s.review_docs} |",
        f"| every expected flag present (all documents) | {pct(s.flags_present)} |",
        f"| fair quotes auto-validated | {s.fair_auto}/{s.fair_docs} |",
        f"| **unsafe auto-validations** | **{len(s.unsafe)}** {', '.join(s.unsafe)} |",
        "",
        "Outcome confusion (rows expected, columns actual):",
        "",
    ]
    actual_cols = [o for o in OUTCOMES if any(k[1] == o for k in s.confusion)] + sorted(
        {k[1] for k in s.confusion} - set(OUTCOMES)
    )
    out.append("| expected \\ actual | " + " | ".join(actual_cols) + " |")
    out.append("|---|" + "---:|" * len(actual_cols))
    for exp in OUTCOMES:
        if any(k[0] == exp for k in s.confusion):
            out.append(f"| {exp} | " + " | ".join(str(s.confusion.get((exp, a), 0)) for a in actual_cols) + " |")
    out += [
        "",
        "By layout and medium:",
        "",
        "| layout | medium | docs | outcome acceptable | total TTC exact | SIRET exact | number exact "
        "| lines found | lines exact | flags agree | expected flags present | fair auto-validated |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups: dict[tuple[str, str], list[DocScore]] = {}
    for x in scores:
        groups.setdefault((x.truth["layout"], x.truth["media"]), []).append(x)
    for (layout, media), members in sorted(groups.items()):
        g = summarise(members)
        out.append(
            f"| {layout} | {media} | {g.docs} | {pct(g.outcome)} | {pct(g.ttc)} | {pct(g.siret)} | {pct(g.number)} "
            f"| {pct(g.lines_found)} | {pct(g.lines)} | {pct(g.flags)} | {pct(g.flags_present)} "
            f"| {g.fair_auto}/{g.fair_docs} |"
        )
    out += [
        "",
        "Failure causes, ranked by the number of documents whose outcome they break (a document can have"
        " several causes):",
        "",
    ]
    wrong = {x.truth["file"] for x in scores if not x.outcome_ok}

    def broken(items: list[tuple[str, str]]) -> int:
        return len({f for f, _ in items} & wrong)

    ranked = sorted(s.causes.items(), key=lambda kv: (-broken(kv[1]), -len({f for f, _ in kv[1]}), kv[0]))
    out.append("| cause | documents with a wrong outcome | documents touched | occurrences |")
    out.append("|---|---:|---:|---:|")
    for cause, items in ranked:
        out.append(f"| {cause} | {broken(items)} | {len({f for f, _ in items})} | {len(items)} |")
    out.append("")
    for cause, items in ranked:
        out.append(f"### {cause} — {len({f for f, _ in items})} documents")
        for file, detail in items[:max_examples]:
            t = by_file[file].truth
            out.append(f"- `{file}` ({t['layout']}, {t['media']}, {t['scenario']}): {detail}")
        if len(items) > max_examples:
            out.append(f"- … {len(items) - max_examples} more")
        out.append("")
    out += wording_table(scores)
    bad = [x for x in scores if not x.outcome_ok]
    if bad and list_wrong:
        out += [
            "Documents with a wrong outcome:",
            "",
            "| file | layout | media | cover | scenario | expected | got | flags | robot's reason |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for x in bad:
            t = x.truth
            out.append(
                f"| {t['file']} | {t['layout']} | {t['media']} | {t['cover']} | {t['scenario']} | "
                f"{'/'.join(t['expected']['acceptable_outcomes'])} {t['expected']['flags']} | "
                f"{x.actual_outcome} | {x.actual_flags} | {(x.result or {}).get('reason', '')} |"
            )
        out.append("")
    return out


def score_frozen(
    directory: Path,
    workers: int,
    examples: int,
    report_file: Path | None,
    part: str = "all",
    ocr_cache: Path | None = None,
) -> int:
    """The report on a committed set; the robot's raw answers go to a temporary file, not into the set.
    ``part`` "text" or "scans" runs the robot on those documents only (scans are slow: measure apart);
    "judge" runs no robot: the judge alone on the ground truth's quotes, in seconds."""
    with tempfile.TemporaryDirectory(prefix="frozen-") as tmp:
        started = time.perf_counter()
        scores = (
            []
            if part == "judge"
            else evaluate_set(
                directory,
                workers=workers,
                results_file=Path(tmp) / "robot-results.jsonl",
                scans={"all": None, "text": False, "scans": True}[part],
                ocr_cache=ocr_cache,
            )
        )
        done = time.perf_counter()
    truths = load_truths(directory)
    judged = judge_perfect_reading(truths)
    perfect = [score_document(t, judged.get(t["file"])) for t in truths]
    text = [s for s in scores if not s.scan]
    scans = [s for s in scores if s.scan]
    lines = [
        f"# Frozen held-out set {directory}",
        "",
        f"{len(text)} text PDFs + {len(scans)} scans/photos; robot {done - started:.0f} s; robot at {robot_version()}.",
        "",
        *section("Text PDFs", text, examples),
        *section("Scans and photos", scans, examples),
        "# The judge alone: a perfect reader",
        "",
        "The ground truth's quote given to the robot's `evaluate_quote` in-process (barème, matcher,",
        "cover rules, decision): what the judge decides when the reading is right.",
        "",
        *section("Same documents, perfect reading", perfect, examples, list_wrong=False),
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if report_file:
        report_file.write_text(report, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=40, help="text PDFs")
    parser.add_argument("--scans", type=int, default=15, help="scans and photos")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--reuse", action="store_true", help="do not regenerate when --keep already holds a set")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--examples", type=int, default=8, help="examples shown per cause")
    parser.add_argument("--report", type=Path, help="also write the markdown report here")
    parser.add_argument(
        "--wordings",
        type=Path,
        help="JSON {category: [wordings]} kept outside the repository, replacing the committed ones",
    )
    parser.add_argument(
        "--sweep", type=int, default=500, help="quotes judged with a perfect reader, without rendering (0: none)"
    )
    parser.add_argument(
        "--frozen",
        type=Path,
        help="score this frozen set (e.g. tests/heldout/frozen) as it is: no generation, no sweep",
    )
    parser.add_argument(
        "--part",
        choices=("all", "text", "scans", "judge"),
        default="all",
        help="with --frozen: run the robot on the text PDFs or the scans only, or not at all (the judge alone)",
    )
    parser.add_argument(
        "--ocr-cache",
        type=Path,
        help="RapidOCR's answers kept in this directory and replayed when seen again (bench/ocr_cache.py)",
    )
    args = parser.parse_args(argv)
    if args.frozen:
        return score_frozen(args.frozen, args.workers, args.examples, args.report, args.part, args.ocr_cache)

    if args.wordings:
        import json

        from tests.heldout.catalog import use_wordings

        use_wordings(json.loads(args.wordings.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        directory = args.keep or Path(tmp)
        started = time.perf_counter()
        if not (args.reuse and (directory / "manifest.json").exists()):
            generate(directory, args.n, args.scans, args.seed)
        generated = time.perf_counter()
        scores = evaluate_set(directory, workers=args.workers, ocr_cache=args.ocr_cache)
        done = time.perf_counter()
        truths = load_truths(directory)
    judged = judge_perfect_reading(truths)
    perfect = [score_document(t, judged.get(t["file"])) for t in truths]
    sweep_truths = truths_only(args.sweep, args.seed + 1000) if args.sweep else []
    sweep_judged = judge_perfect_reading(sweep_truths)
    sweep = [score_document(t, sweep_judged.get(t["file"])) for t in sweep_truths]
    text = [s for s in scores if not s.scan]
    scans = [s for s in scores if s.scan]
    lines = [
        "# Held-out benchmark",
        "",
        f"seed {args.seed}: {len(text)} text PDFs + {len(scans)} scans/photos; "
        f"generation {generated - started:.0f} s, robot {done - generated:.0f} s; robot at {robot_version()}.",
        "",
        *section("Text PDFs", text, args.examples),
        *section("Scans and photos", scans, args.examples),
        "# The judge alone: a perfect reader",
        "",
        "The ground truth's quote given to the robot's `evaluate_quote` in-process (barème, matcher,",
        "cover rules, decision), first on the same documents, then on a larger sweep that is not rendered.",
        "",
        *section("Same documents, perfect reading", perfect, args.examples),
    ]
    if sweep:
        lines += section(
            f"Sweep of {len(sweep)} quotes (seed {args.seed + 1000}), perfect reading",
            sweep,
            args.examples,
            list_wrong=False,
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
