"""SIRET (Luhn, La Poste) and VAT number: examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billma_core.reading.fields import find_siret, find_vat_number
from billma_core.reading.identifiers import luhn_ok, siret_is_valid, vat_number_for_siren


def luhn_complete(digits: str) -> str:
    """Append the Luhn check digit."""
    for check in "0123456789":
        if luhn_ok(digits + check):
            return digits + check
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("73282932000074", True),  # a public, well-known SIRET
        ("61841748900027", True),
        ("97569259100023", False),  # corpus: invalid_siret scenario
        ("35600000000048", True),  # La Poste head office: plain Luhn
        ("35600000012345", False),
        ("35600000010000", True),  # La Poste establishment: digit sum 15, not Luhn
        ("7328293200007", False),
        ("7328293200007a", False),
        ("", False),
        ("７３２８２９３２００００７４", False),  # full-width digits are not digits here
    ],
)
def test_siret_examples(siret: str, valid: bool) -> None:
    assert siret_is_valid(siret) is valid


def test_la_poste_rule_is_digit_sum() -> None:
    assert not luhn_ok("35600000010000")
    assert sum(int(c) for c in "35600000010000") % 5 == 0


@given(st.text(alphabet="0123456789", min_size=13, max_size=13).filter(lambda s: not s.startswith("356000000")))
def test_luhn_completed_siret_is_valid(prefix: str) -> None:
    assert siret_is_valid(luhn_complete(prefix))


@given(
    st.text(alphabet="0123456789", min_size=13, max_size=13).filter(lambda s: not s.startswith("356000000")),
    st.integers(min_value=0, max_value=13),
    st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_error_is_caught(prefix: str, position: int, delta: int) -> None:
    siret = luhn_complete(prefix)
    changed = siret[:position] + str((int(siret[position]) + delta) % 10) + siret[position + 1 :]
    assert not siret_is_valid(changed)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_vat_number_key_formula(number: int) -> None:
    siren = f"{number:09d}"
    vat = vat_number_for_siren(siren)
    assert vat.startswith("FR") and vat.endswith(siren) and len(vat) == 13
    assert int(vat[2:4]) == (12 + 3 * (number % 97)) % 97


def test_vat_number_examples() -> None:
    assert vat_number_for_siren("618417489") == "FR21618417489"
    with pytest.raises(ValueError, match="SIREN"):
        vat_number_for_siren("12345")


@pytest.mark.parametrize(
    "text",
    [
        "SIRET 618 417 489 00027 | TVA FR21618417489",
        "Siret : 618.417.489.00027",
        "N° SIRET: 61841748900027",
        "SIRET 618 417 489 000 27",
        "S I R E T  618 4l7 489 OOO27",  # OCR: l for 1, O for 0
    ],
)
def test_find_siret_formats(text: str) -> None:
    found = find_siret(text)
    assert found is not None and found.value == "61841748900027" and found.valid


def test_find_siret_prefers_a_valid_later_copy_of_a_damaged_one() -> None:
    text = "SIRET 618 417 489 00028\n...\nSARL – SIRET 618 417 489 00027 – RCS Nantes"
    found = find_siret(text)
    assert found is not None and found.value == "61841748900027"


def test_find_siret_keeps_an_invalid_one_to_flag_it() -> None:
    found = find_siret("SIRET : 975 692 591 000 23")
    assert found is not None and found.value == "97569259100023" and not found.valid


@pytest.mark.parametrize("text", ["TVA FR 21 618417489", "N° TVA : FR21 618 417 489", "TVA intracom. FR21618417489"])
def test_find_vat_number(text: str) -> None:
    assert find_vat_number(text, "618417489") == "FR21618417489"


# The seller's SIREN 476 469 598 (its VAT number FR25476469598), establishment 00025.
_VAT_LINE = "Rénov'Habitat SARL\nSIRET {siret} - TVA {vat}\n"


def test_a_siren_digit_ocr_misread_is_mended_by_the_vat_number() -> None:
    text = _VAT_LINE.format(siret="476 469 898 00025", vat="FR25476469598")
    found = find_siret(text, ocr=True)
    assert found is not None and (found.value, found.valid) == ("47646959800025", True)
    assert found.note is not None and "numéro de TVA" in found.note and "« 8 »" in found.note


@pytest.mark.parametrize(
    ("siret", "vat", "ocr"),
    [
        ("476 469 898 00025", "FR25476469598", False),  # a text layer prints what the contractor typed
        ("476 469 598 00026", "FR25476469598", True),  # the establishment number has no second witness
        ("476 469 898 00025", "FR26476469598", True),  # a VAT number whose key fails confirms nothing
        ("476 461 898 00025", "FR25476469598", True),  # two digits off the VAT number's SIREN
    ],
)
def test_a_siret_key_that_fails_stays_a_finding(siret: str, vat: str, ocr: bool) -> None:
    found = find_siret(_VAT_LINE.format(siret=siret, vat=vat), ocr=ocr)
    assert found is not None and found.value == siret.replace(" ", "") and not found.valid and found.note is None


def test_a_seller_siret_whose_label_ocr_lost_beside_the_customers_labelled_one() -> None:
    """The customer's SIRET, labelled, sits under its heading; the seller's lost its label to
    noise but kept its fourteen digits and their key."""
    rows = [
        "Rénov'Habitat SARL                                  DEVIS N° D-2025-00881",
        " S:RE* 476469 598 00025",
        "                                                    Client :",
        "                                                    SCI Roux",
        "                                                    SIRET 81075042200059",
    ]
    found = find_siret("\n".join(rows))
    assert found is not None and (found.value, found.valid) == ("47646959800025", True)
    assert find_siret("\n".join(rows[:1] + rows[2:])) is None  # only the customer's: no seller's


@pytest.mark.parametrize("printed", ["3576G290700025", "35766Z90700025", "357662907OOO25"])
def test_letters_read_for_digits_in_a_labelled_siret(printed: str) -> None:
    found = find_siret(f"Peintures Lemoine EURL\nSIRET {printed}\n")
    assert found is not None and (found.value, found.valid) == ("35766290700025", True)


@pytest.mark.parametrize(
    ("printed", "ocr", "expected"),
    [
        ("8B6 268 499 00060", True, "88626849900060"),  # an « 8 » read « B », its label read « SRET »
        ("8B6 268 499 00060", False, None),  # a text layer prints no letter for a digit
        ("8B6 268 499 00061", True, None),  # read back, the key fails: no SIRET made up
        ("BBB 268 S99 00060", True, None),  # three letters: a word, not a number
    ],
)
def test_a_seller_siret_whose_label_and_a_digit_ocr_lost(printed: str, ocr: bool, expected: str | None) -> None:
    found = find_siret(f"Menuiserie Alu PVC\n SAS. SRET {printed}   TV4 FR07886268499\n", ocr=ocr)
    assert (found.value if found is not None else None) == expected
