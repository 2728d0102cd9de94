"""The barème as data: schema, coverage of France, realistic prices, every item reachable."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from billma_core.bareme import (
    DEPARTEMENTS,
    Bareme,
    BaremeError,
    Trade,
    clear_cache,
    load_bareme,
    packaged_bareme_bytes,
    packaged_versions,
    parse_bareme,
)
from billma_core.bareme.search import search
from billma_core.evaluation.matching import matcher_for
from billma_core.models import Cover, Unit

CORPUS = Path(os.environ.get("BILLMA_CORPUS_DIR", Path(__file__).resolve().parents[4] / "shared" / "corpus"))
TOLERANCE = Decimal("0.15")


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _raw() -> dict[str, Any]:
    return json.loads(packaged_bareme_bytes())  # type: ignore[no-any-return]


def _corpus_lines() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent ({CORPUS})")
    lines = []
    for path in sorted(CORPUS.glob("[0-9]*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        for line in truth.get("lines") or []:
            lines.append({**line, "_site": truth.get("site_postal_code"), "_file": path.name})
    return lines


# ----------------------------------------------------------------------------------- shape


def test_packaged_version_loads_and_is_cached(bareme: Bareme) -> None:
    assert bareme.version in packaged_versions()
    assert bareme.effective_date.year >= 2024
    assert load_bareme() is bareme


def test_all_101_departements_with_realistic_coefficients(bareme: Bareme) -> None:
    assert len(DEPARTEMENTS) == 101
    assert set(bareme.coefficients) == set(DEPARTEMENTS)
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= set(bareme.coefficients)
    assert "20" not in bareme.coefficients and "975" not in bareme.coefficients
    values = bareme.coefficients.values()
    assert min(values) == Decimal("0.95")
    assert max(values) == bareme.coefficients["75"] == Decimal("1.30")
    # Île-de-France above the big provincial cities, which are above the rural départements.
    for idf in ("92", "93", "94", "78", "91", "95", "77"):
        assert bareme.coefficients[idf] >= Decimal("1.10")
    for city in ("69", "13", "33", "31", "44", "59", "67"):
        assert Decimal("1.03") <= bareme.coefficients[city] <= Decimal("1.10")
    for rural in ("23", "15", "48"):
        assert bareme.coefficients[rural] == Decimal("0.95")


# Plausible regional ranges (docs/heldout.md, from the facts page: Paris x1.35 and big cities x1.10
# against the provinces, Île-de-France about +20 %); the barème's coefficient sits inside each.
PLAUSIBLE = [
    (("75",), "1.20", "1.35"),
    (("92",), "1.10", "1.25"),
    (("69", "13", "31", "59", "67", "44", "33"), "1.00", "1.15"),
    (("2A", "2B", "971", "972", "973", "974", "976"), "0.95", "1.30"),
    (("23", "63", "21", "29", "15", "48"), "0.95", "1.10"),
]


@pytest.mark.parametrize(("departements", "low", "high"), PLAUSIBLE)
def test_coefficients_within_plausible_regional_ranges(
    bareme: Bareme, departements: tuple[str, ...], low: str, high: str
) -> None:
    for departement in departements:
        assert Decimal(low) <= bareme.coefficients[departement] <= Decimal(high), departement


def test_coefficient_for_postal_codes(bareme: Bareme) -> None:
    assert bareme.coefficient_for("75011") == (Decimal("1.30"), "75")
    assert bareme.coefficient_for("20090")[1] == "2A"
    assert bareme.coefficient_for("20200")[1] == "2B"
    assert bareme.coefficient_for("97400")[1] == "974"
    assert bareme.coefficient_for(None) == (Decimal("1.00"), None)
    assert bareme.coefficient_for("abc") == (Decimal("1.00"), None)
    assert bareme.coefficient_for("97500") == (Decimal("1.00"), None)  # Saint-Pierre-et-Miquelon


def test_item_count_and_trades(bareme: Bareme) -> None:
    assert 80 <= len(bareme.items) <= 150
    trades = {item.trade for item in bareme.items}
    assert trades >= {
        Trade.PLUMBING,
        Trade.ELECTRICITY,
        Trade.CARPENTRY,
        Trade.PLASTERING,
        Trade.FLOORING,
        Trade.PAINTING,
        Trade.GLAZING,
        Trade.CLEANING,
        Trade.DRYING,
        Trade.SITE_SETUP,
    }


# Items of the facts page: code, public low and high (€ HT), unit.
FACTS = [
    ("PEI-003", 20, 50, Unit.M2),  # wall painting
    ("PEI-004", 15, 50, Unit.M2),  # ceiling painting
    ("REV-001", 5, 18, Unit.M2),  # wallpaper removal
    ("REV-002", 15, 60, Unit.M2),  # wallpaper laying
    ("PEI-001", 3, 15, Unit.M2),  # washing / surface prep
    ("PEI-002", 3, 15, Unit.M2),  # stain-blocking primer
    ("PLA-001", 34, 67, Unit.M2),  # plasterboard BA13
    ("PLA-002", 5, 15, Unit.M2),  # joint tape and filler
    ("SOL-002", 30, 105, Unit.M2),  # laminate floor
    ("SOL-001", 8, 15, Unit.M2),  # floor covering removal
    ("CAR-003", 15, 30, Unit.M2),  # tile removal
    ("CAR-001", 60, 150, Unit.M2),  # floor tiling
    ("CAR-002", 60, 150, Unit.M2),  # wall tiling
    ("SOL-010", 10, 25, Unit.ML),  # skirting boards
    ("PLA-007", 30, 105, Unit.M2),  # suspended ceiling tiles
    ("INS-001", 50, 150, Unit.FORFAIT),  # protection
    ("NET-001", 60, 250, Unit.FORFAIT),  # end-of-works cleaning
    ("NET-002", 3, 10, Unit.M2),
    ("NET-005", 25, 45, Unit.H),
    ("INS-002", 20, 80, Unit.FORFAIT),  # travel / set-up
    ("PLO-001", 100, 850, Unit.FORFAIT),  # leak search
    ("PLO-002", 100, 400, Unit.FORFAIT),  # leak repair (not payable)
    ("VIT-001", 45, 550, Unit.M2),  # double glazing
    ("MEN-001", 200, 450, Unit.U),  # interior door
    ("ELE-001", 50, 90, Unit.U),  # socket
    ("ELE-002", 54, 140, Unit.U),  # switch
    ("MOE-001", 20, 70, Unit.H),  # labour
    ("PLO-013", 40, 70, Unit.H),  # plumber
    ("ELE-011", 35, 70, Unit.H),  # electrician
]


@pytest.mark.parametrize(("code", "low", "high", "unit"), FACTS)
def test_facts_page_items_within_public_ranges(bareme: Bareme, code: str, low: int, high: int, unit: Unit) -> None:
    item = bareme.item(code)
    assert item.unit is unit
    assert Decimal(low) <= item.unit_price_ht <= Decimal(high)


def test_measured_items_need_measurements(bareme: Bareme) -> None:
    for item in bareme.items:
        assert item.needs_measurements == (item.unit in (Unit.M2, Unit.ML, Unit.H)), item.code


def test_cover_rules_in_the_data(bareme: Bareme) -> None:
    dde, bdg = Cover.DEGATS_DES_EAUX, Cover.BRIS_DE_GLACE
    assert bareme.item("PLO-001").payable_under(dde)  # leak search is paid
    assert not bareme.item("PLO-002").payable_under(dde)  # the pipe repair is not
    assert not bareme.item("VIT-001").payable_under(dde)  # glazing is not water damage
    assert bareme.item("VIT-001").payable_under(bdg)
    assert not bareme.item("MEN-003").payable_under(bdg)  # whole window under glass breakage
    assert bareme.item("PEI-003").payable_under(dde)
    assert not bareme.item("PEI-003").payable_under(bdg)
    for item in bareme.items:
        if not item.covers:
            assert item.exclusion_note(dde), item.code
    # Travel, protection and cleaning go with any covered work, a glazier's included.
    for code in ("INS-001", "INS-002", "NET-001", "MOE-001"):
        assert set(bareme.item(code).covers) == set(Cover), code


# ----------------------------------------------------------------------- reachability


@pytest.mark.slow  # every item of the barème through the matcher (7 s): CI runs it
def test_every_item_reachable_by_its_label_and_synonyms(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    misses = []
    for item in bareme.items:
        for wording in (item.label, *item.synonyms):
            match = matcher.match(wording, item.unit)
            if match.item is None or match.item.code != item.code:
                misses.append((item.code, wording, match.item.code if match.item else None))
    assert not misses


def test_search_by_code_wording_and_empty(bareme: Bareme) -> None:
    assert [item.code for item in search("PEI-003", bareme)] == ["PEI-003"]
    assert search("plinthe", bareme)[0].code in {"SOL-010", "PEI-007"}
    assert {"SOL-010", "PEI-007", "CAR-004", "SOL-011"} <= {i.code for i in search("plinthes", bareme)}
    assert search("recherche de fuite", bareme)[0].code == "PLO-001"
    assert search("zzzzqqq", bareme) == []
    assert len(search("", bareme, limit=500)) == len(bareme.items)
    assert len(search(None, bareme, limit=3)) == 3


# ------------------------------------------------------------------ prices vs the corpus


def test_every_fair_corpus_line_is_within_tolerance(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    checked = 0
    for line in _corpus_lines():
        if line["price_ratio"] is None or line["price_ratio"] > 1.08 or line["category"] == "leak_repair":
            continue
        item = matcher.match(line["designation"], Unit(line["unit"])).item
        assert item is not None, line["designation"]
        coefficient, _ = bareme.coefficient_for(line["_site"])
        ceiling = item.unit_price_ht * coefficient * (1 + TOLERANCE)
        assert Decimal(str(line["unit_price_ht"])) <= ceiling, (line["_file"], line["designation"])
        checked += 1
    assert checked > 100


def test_inflated_corpus_lines_exceed_tolerance(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    for line in _corpus_lines():
        if line["price_ratio"] is None or line["price_ratio"] < 1.35:
            continue
        item = matcher.match(line["designation"], Unit(line["unit"])).item
        assert item is not None
        coefficient, _ = bareme.coefficient_for(line["_site"])
        assert Decimal(str(line["unit_price_ht"])) > item.unit_price_ht * coefficient * (1 + TOLERANCE)


def test_reference_prices_sit_on_the_typical_market_price(bareme: Bareme) -> None:
    """A fair price (≤ +8 %) passes even in the cheapest département (0.95), and +35 % fails
    wherever the coefficient is at most 1.17 (everywhere but Paris and its inner suburbs)."""
    matcher = matcher_for(bareme)
    for line in _corpus_lines():
        item = matcher.match(line["designation"], Unit(line["unit"])).item
        assert item is not None
        typical = Decimal(str(line["typical_unit_price_ht"]))
        assert item.unit_price_ht * Decimal("0.95") * (1 + TOLERANCE) >= typical * Decimal("1.08")
        assert item.unit_price_ht * Decimal("1.17") * (1 + TOLERANCE) < typical * Decimal("1.35")


# ----------------------------------------------------------------------- schema guards


def _broken(mutate: Any) -> bytes:
    raw = _raw()
    mutate(raw)
    return json.dumps(raw).encode()


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda r: r["coefficients"].pop("2A"), id="missing-departement"),
        pytest.param(lambda r: r["coefficients"].update({"20": "1.00"}), id="unknown-departement"),
        pytest.param(lambda r: r["coefficients"].update({"75": "3.00"}), id="coefficient-out-of-range"),
        pytest.param(lambda r: r["items"].append(dict(r["items"][0])), id="duplicate-code"),
        pytest.param(lambda r: r["items"][0].update({"unit": "litre"}), id="bad-unit"),
        pytest.param(lambda r: r["items"][0].update({"unit_price_ht": "-5"}), id="negative-price"),
        pytest.param(lambda r: r["items"][0].update({"covers": ["MALADIE"]}), id="unknown-cover"),
        pytest.param(lambda r: r["items"][0].update({"code": "peinture"}), id="bad-code"),
        pytest.param(lambda r: r["items"][0].update({"extra": 1}), id="unknown-field"),
        pytest.param(lambda r: r.update({"items": []}), id="no-items"),
        pytest.param(lambda r: r.update({"currency": "USD"}), id="not-euro"),
        pytest.param(
            lambda r: next(i for i in r["items"] if i["unit"] == "m2").update({"needs_measurements": False}),
            id="m2-without-measurements",
        ),
        pytest.param(
            lambda r: r["items"][0].update({"exclusion_notes": {"MALADIE": "x"}}), id="note-for-unknown-cover"
        ),
        pytest.param(lambda r: r.update({"every_site_trades": []}), id="no-trade-of-every-site"),
        pytest.param(lambda r: r.update({"every_site_trades": ["gardening"]}), id="unknown-trade-of-every-site"),
        pytest.param(lambda r: r.pop("every_site_trades"), id="trades-of-every-site-missing"),
        pytest.param(lambda r: r.update({"repair_callout_hours": "0"}), id="no-callout-hours"),
        pytest.param(lambda r: r.update({"repair_callout_hours": "24"}), id="callout-longer-than-a-day"),
        pytest.param(lambda r: r.pop("repair_callout_hours"), id="callout-hours-missing"),
        pytest.param(lambda r: r.pop("general_labour"), id="repairs-without-a-general-rate"),
        pytest.param(lambda r: r["sources"].pop("repair_callout_hours"), id="rule-without-source"),
        pytest.param(lambda r: r["sources"].update({"price_tolerance": "x"}), id="source-of-no-rule"),
        pytest.param(lambda r: r["sources"].update({"every_site_trades": " "}), id="blank-source"),
        pytest.param(lambda r: r["items"][0].update({"services": ["painting"]}), id="service-of-no-kind"),
        pytest.param(
            lambda r: r["vocabulary"]["service_words"]["check"].append("nettoyage"), id="service-word-of-two-kinds"
        ),
        pytest.param(lambda r: r["vocabulary"]["service_words"].update({"Check": ["x"]}), id="service-kind-not-folded"),
        pytest.param(lambda r: r["vocabulary"]["sources"].pop("service_words"), id="service-words-without-source"),
    ],
)
def test_schema_rejects_bad_data(mutate: Any) -> None:
    with pytest.raises(BaremeError):
        parse_bareme(_broken(mutate))


def test_schema_rejects_invalid_json() -> None:
    with pytest.raises(BaremeError):
        parse_bareme(b"{not json")


# ---------------------------------------------------------------------------- sources


def test_s3_source_goes_through_the_callers_fetch(tmp_path: Path) -> None:
    # Only this test's sources are forgotten: the packaged barème and its matcher's warm caches stay
    # for the tests that run after it in this process.
    uri, path = "s3://bucket/bareme-2099.1.json", tmp_path / "b.json"
    packaged = load_bareme()
    clear_cache(uri)
    newer = _raw()
    newer["version"] = "2099.1"
    calls: list[str] = []

    def fetch(source: str) -> bytes:
        calls.append(source)
        return json.dumps(newer).encode()

    try:
        first = load_bareme(uri, fetch=fetch)
        again = load_bareme(uri, fetch=fetch)
        assert first.version == "2099.1" and again is first
        assert calls == [uri]  # once per process
        with pytest.raises(BaremeError):
            load_bareme("s3://bucket/other.json")  # no fetch given
        path.write_text(json.dumps(newer), encoding="utf-8")
        assert load_bareme(str(path)).version == "2099.1"
        with pytest.raises(BaremeError):
            load_bareme(str(tmp_path / "missing.json"))
        with pytest.raises(BaremeError):
            load_bareme("packaged:1999.9")
        clear_cache(uri)
        assert load_bareme(uri, fetch=fetch) is not first and calls == [uri, uri]  # forgotten: fetched again
        assert load_bareme() is packaged  # kept
    finally:
        clear_cache(uri, str(path))
