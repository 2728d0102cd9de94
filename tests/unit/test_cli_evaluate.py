"""``billma evaluate``: the JSON contract of issue 3, the French table, and the acceptance figure
(the whole corpus in manifest order reproduces every expected outcome and flag)."""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from billma_cli.cli import main
from billma_cli.evaluate import expand, run_evaluate
from billma_core.money import money
from tests.french_amounts import french

CORPUS = Path(os.environ.get("BILLMA_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
TOP_KEYS = ["file", "sha256", "outcome", "flags", "reason", "quote", "revised_total_ttc", "gap_ttc"]
QUOTE_KEYS = ["kind", "contractor", "number", "date", "site_postal_code", "lines", "total_ht", "total_tva", "total_ttc"]
CONTRACTOR_KEYS = ["name", "siret", "siret_valid", "vat_number"]
LINE_KEYS = [
    "designation",
    "quantity",
    "unit",
    "unit_price_ht",
    "total_ht",
    "tva_rate",
    "discount_rate",
    "room",
    "bareme_code",
    "verdict",
    "reference_total_ht",
    "why",
]
OUTCOMES = ["auto_validated", "needs_review", "out_of_scope", "duplicate", "document_rejected"]


def _manifest() -> list[dict[str, Any]]:
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip(f"corpus absent ({CORPUS})")
    documents = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return sorted(documents, key=lambda d: d["upload_order"])


def evaluate_json(files: list[str], **kw: Any) -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_evaluate(
        files, True, kw.pop("cover", "DEGATS_DES_EAUX"), kw.pop("postal_code", None), stdout=out, stderr=err
    )
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def confusion(rows: list[tuple[str, str]]) -> str:
    counts = Counter(rows)
    header = "expected \\ actual".ljust(20) + "".join(o[:12].rjust(14) for o in OUTCOMES)
    lines = [header]
    for expected in OUTCOMES:
        lines.append(expected.ljust(20) + "".join(str(counts[(expected, a)]).rjust(14) for a in OUTCOMES))
    return "\n".join(lines)


def test_corpus_in_manifest_order_reproduces_every_outcome_and_flag() -> None:
    manifest = _manifest()
    status, results, _ = evaluate_json([str(CORPUS)])
    assert status == 0
    assert [Path(r["file"]).name for r in results] == [d["file"] for d in manifest]
    rows, problems = [], []
    for entry, result in zip(manifest, results, strict=True):
        truth = json.loads((CORPUS / entry["ground_truth"]).read_text(encoding="utf-8"))
        expected = truth["expected"]
        rows.append((expected["outcome"], result["outcome"]))
        flags = set(result["flags"])
        allowed = set(expected["flags"]) | set(expected.get("optional_flags") or [])
        if result["outcome"] != expected["outcome"] or not set(expected["flags"]) <= flags <= allowed:
            problems.append((entry["file"], expected["outcome"], expected["flags"], result["outcome"], result["flags"]))
        assert result["sha256"] == entry["sha256"]
    assert not problems, confusion(rows) + "\n" + "\n".join(map(str, problems))
    should_not = {"inflated", "slightly_high", "not_covered", "no_measurements", "arithmetic_error", "invalid_siret"}
    for entry, result in zip(manifest, results, strict=True):
        if entry["scenario"] in should_not:
            assert result["outcome"] != "auto_validated", entry["file"]


def test_json_contract_keys_and_types() -> None:
    entry = _manifest()[3]
    status, (result,), _ = evaluate_json([str(CORPUS / entry["file"])])
    assert status == 0
    assert list(result) == TOP_KEYS
    quote = result["quote"]
    assert list(quote) == QUOTE_KEYS
    assert list(quote["contractor"]) == CONTRACTOR_KEYS
    assert quote["date"] is None or (len(quote["date"]) == 10 and quote["date"][4] == "-")
    for line in quote["lines"]:
        assert list(line) == LINE_KEYS
        for key in ("quantity", "unit_price_ht", "total_ht"):
            assert isinstance(line[key], int | float)
        assert line["verdict"] in {"OK", "OVERPRICED", "NOT_COVERED", "UNMEASURED", "UNMATCHED"}
    assert isinstance(quote["total_ttc"], float)
    assert isinstance(result["revised_total_ttc"], float) and isinstance(result["gap_ttc"], float)
    assert any(line["verdict"] == "OVERPRICED" for line in quote["lines"])


def test_a_file_given_twice_is_a_duplicate_of_its_first_occurrence() -> None:
    path = str(CORPUS / _manifest()[0]["file"])
    _, results, _ = evaluate_json([path, path])
    assert results[0]["outcome"] == "auto_validated"
    assert results[1]["outcome"] == "duplicate" and results[1]["flags"] == ["duplicate"]
    assert Path(path).name in results[1]["reason"]


def test_rejected_and_missing_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("bonjour", encoding="utf-8")
    status, results, _ = evaluate_json([str(text), str(tmp_path / "absent.pdf")])
    assert status == 1
    assert results[0]["outcome"] == "document_rejected" and results[0]["flags"] == ["unsupported_type"]
    assert results[0]["quote"] is None and results[0]["revised_total_ttc"] is None
    assert results[1]["outcome"] == "document_rejected" and results[1]["reason"]


def test_expand_follows_the_manifest_then_names(tmp_path: Path) -> None:
    manifest = _manifest()
    assert [Path(p).name for p in expand([str(CORPUS)])] == [d["file"] for d in manifest]
    for name in ("b.pdf", "a.png", "c.txt"):
        (tmp_path / name).write_bytes(b"x")
    assert [Path(p).name for p in expand([str(tmp_path)])] == ["a.png", "b.pdf"]
    assert expand(["x.pdf"]) == ["x.pdf"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_french_table_and_progress_bar() -> None:
    out, err = io.StringIO(), _Tty()
    files = [str(CORPUS / d["file"]) for d in _manifest()[:6]]
    assert run_evaluate(files, False, None, None, stdout=out, stderr=err) == 0
    table = out.getvalue()
    assert "Fichier" in table and "Résultat" in table and "Écart TTC" in table
    assert "Validé automatiquement" in table and "À revoir" in table
    assert "6/6" in err.getvalue()


def test_cli_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(CORPUS / _manifest()[0]["file"])
    assert main(["evaluate", "--json", "--cover", "DEGATS_DES_EAUX", "--postal-code", "75011", path]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["outcome"] == "auto_validated"
    assert "dépt 75" in result["quote"]["lines"][0]["why"]


# ------------------------------------------------------- a layout and wordings never seen


def _write_quote(path: Path, number: str, postal_code: str, lines: list[tuple[str, str, str, str]]) -> None:
    from decimal import Decimal

    from fpdf import FPDF

    def fr(value: Decimal) -> str:
        return f"{french(money(value))} EUR"

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for text in (
        f"SAS Renov Habitat - 12 rue des Lilas, {postal_code}",
        "SIRET : 73282932000074",
        f"DEVIS N° {number}    Date : 12/05/2025",
        f"Adresse du chantier : 4 allée des Pins, {postal_code}",
    ):
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = [90, 18, 15, 30, 35]
    for header, width in zip(["Désignation", "Qté", "Unité", "PU HT", "Montant HT"], widths, strict=True):
        pdf.cell(width, 7, header, border=1)
    pdf.ln()
    total_ht = Decimal(0)
    for designation, quantity, unit, price in lines:
        amount = money(Decimal(quantity) * Decimal(price))
        total_ht += amount
        cells = [designation, quantity.replace(".", ","), unit, fr(Decimal(price)), fr(amount)]
        for value, width in zip(cells, widths, strict=True):
            pdf.cell(width, 7, value, border=1)
        pdf.ln()
    tva = money(total_ht * Decimal("0.10"))
    pdf.ln(3)
    for label, value in (("Total HT", total_ht), ("TVA 10 %", tva), ("Total TTC", total_ht + tva)):
        pdf.cell(150, 7, label, align="R")
        pdf.cell(35, 7, fr(value), align="R")
        pdf.ln()
    pdf.output(str(path))


UNSEEN = {
    "fair": (
        "35000",
        [
            ("Bâchage et protection des meubles", "1", "forfait", "78"),
            ("Dépose tapisserie existante", "18.5", "m²", "10.5"),
            ("Pose papier peint intissé fourni", "18.5", "m²", "31"),
            ("Peinture des plafonds 2 couches mat", "9.2", "m²", "36"),
            ("Fourniture et pose carrelage sol 45x45", "6.3", "m²", "78"),
            ("Nettoyage fin de chantier", "1", "forfait", "118"),
        ],
        "auto_validated",
        [],
    ),
    "inflated": (
        "69003",
        [
            ("Protection des sols et mobiliers", "1", "forfait", "80"),
            ("Décollage du papier peint", "22", "m²", "22"),
            ("Faïence murale fournie posée", "8", "m²", "140"),
            ("Peinture acrylique murs 2 couches", "30", "m²", "31"),
        ],
        "needs_review",
        ["overpriced"],
    ),
    "glazing": (
        "33000",
        [
            ("Protection des sols", "1", "forfait", "80"),
            ("Remplacement double vitrage 4/16/4", "1.8", "m²", "345"),
            ("Peinture des murs, finition velours", "25", "m²", "30"),
            ("Lessivage des murs", "25", "m²", "7"),
        ],
        "needs_review",
        ["not_covered"],
    ),
    "lump": (
        "31000",
        [
            ("Protection chantier", "1", "forfait", "80"),
            ("Peinture plafond séjour", "1", "forfait", "650"),
            ("Sous-couche anti-tache", "1", "forfait", "120"),
            ("Main d'oeuvre", "3", "h", "45"),
        ],
        "needs_review",
        ["no_measurements"],
    ),
}


def test_unseen_layout_and_wordings(tmp_path: Path) -> None:
    files = []
    for index, (name, (postal_code, lines, _, _)) in enumerate(UNSEEN.items()):
        path = tmp_path / f"{name}.pdf"
        _write_quote(path, f"DV-05{index:02d}", postal_code, lines)
        files.append(str(path))
    status, results, _ = evaluate_json(files)
    assert status == 0
    for (name, (_, lines, outcome, flags)), result in zip(UNSEEN.items(), results, strict=True):
        assert result["quote"] is not None and len(result["quote"]["lines"]) == len(lines), name
        assert (result["outcome"], result["flags"]) == (outcome, flags), (name, result["reason"])
