"""Page images made easy for OCR: deskew by projection profile, table rules erased.

Synthetic images only (no OCR engine): fast."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont
from reading_support import FakeOcr

from billma_core.reading import read_document
from billma_core.reading.images import clean_page, erase_rules, skew_angle, turned


def _page(width: int = 1200, height: int = 1600, grid: bool = True, banner: bool = False) -> Image.Image:
    """A white page with rows of word-like blocks, optionally ruled as a table."""
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    for row in range(24):
        y = 120 + row * 55
        x = 100
        for word in range(9):
            length = 30 + (row * 7 + word * 13) % 70
            for letter in range(x, x + length, 9):  # letters: strokes with gaps, never a long run
                draw.rectangle((letter, y, letter + 4, y + 16), fill=20)
            x += length + 25
    if grid:
        for row in range(25):
            y = 112 + row * 55 - 10
            draw.line((90, y, width - 90, y), fill=30, width=3)
        for x in (90, 300, 700, width - 90):
            draw.line((x, 102, x, 102 + 24 * 55), fill=30, width=3)
    if banner:
        draw.rectangle((90, 30, width - 90, 90), fill=40)
        draw.text((120, 50), "DESIGNATION", fill=250)
    return image


def _dark(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    region = image.crop(box)
    return sum(1 for value in region.tobytes() if value < 128)


@pytest.mark.parametrize("angle", [-2.0, -1.0, 1.5, 3.0])
def test_skew_angle_finds_the_tilt(angle: float) -> None:
    tilted = _page(grid=False).rotate(angle, expand=True, fillcolor=250)
    assert skew_angle(tilted) == pytest.approx(-angle, abs=0.3)


def test_straight_page_is_left_alone() -> None:
    assert skew_angle(_page(grid=False)) == 0.0
    assert skew_angle(Image.new("L", (600, 800), 255)) == 0.0


def test_rules_are_erased_and_words_kept() -> None:
    page = _page()
    cleaned = erase_rules(page)
    # A horizontal rule between two rows of words, and a vertical one between words.
    assert _dark(page, (400, 150, 600, 162)) > 100
    assert _dark(cleaned, (400, 150, 600, 162)) == 0
    assert _dark(cleaned, (296, 140, 304, 152)) == 0
    # The words are still there.
    words = (100, 120, 1100, 136)
    assert _dark(cleaned, words) >= 0.9 * _dark(page, words)


def test_a_filled_banner_is_not_a_rule() -> None:
    page = _page(grid=False, banner=True)
    cleaned = erase_rules(page)
    # Only the banner's edges may be trimmed: its body and the white title stay.
    middle = (90, 40, 1110, 80)
    assert _dark(cleaned, middle) == _dark(page, middle)


def test_page_without_rules_is_unchanged() -> None:
    page = _page(grid=False)
    assert erase_rules(page).tobytes() == page.tobytes()


def test_clean_page_straightens_and_erases() -> None:
    tilted = _page().rotate(1.5, expand=True, fillcolor=250)
    buffer = io.BytesIO()
    tilted.save(buffer, format="PNG")
    with Image.open(io.BytesIO(clean_page(buffer.getvalue()))) as cleaned:
        straight = cleaned.convert("L")
    assert skew_angle(straight) == pytest.approx(0.0, abs=0.3)
    # No long horizontal run of ink is left anywhere.
    data = straight.point(lambda p: 0 if p < 128 else 255).tobytes()
    assert b"\x00" * 200 not in data


def _photo(page: Image.Image) -> tuple[Image.Image, list[tuple[float, float]]]:
    """The page pasted in perspective on a darker table; returns the photo and its corners."""
    from billma_core.reading.geometry import perspective_coefficients

    width, height = page.size
    margin = 120
    corners = [(margin + 30.0, margin + 10.0), (width + margin - 20.0, margin + 40.0),
               (width + margin - 40.0, height + margin - 10.0), (margin + 10.0, height + margin + 20.0)]  # fmt: skip
    size = (width + 2 * margin, height + 2 * margin)
    source = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    coefficients = perspective_coefficients(source, corners)
    table = Image.new("L", size, 90)
    sheet = page.transform(size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR, fillcolor=0)
    mask = Image.new("L", page.size, 255).transform(size, Image.Transform.PERSPECTIVE, coefficients, fillcolor=0)
    table.paste(sheet, (0, 0), mask)
    return table, corners


def test_the_sheet_of_a_photo_is_found_and_flattened() -> None:
    from billma_core.reading.geometry import find_sheet, unwarp_page

    page = _page(900, 1200)
    photo, corners = _photo(page)
    found = find_sheet(photo)
    assert found is not None
    for (x, y), (ex, ey) in zip(found, corners, strict=True):
        assert abs(x - ex) < 12 and abs(y - ey) < 12
    flat = unwarp_page(photo)
    assert 800 < flat.width < 920 and 1120 < flat.height < 1260  # the sheet as photographed
    # Straight again: the rules are long horizontal runs of ink.
    assert b"\x00" * 500 in flat.point(lambda p: 0 if p < 128 else 255).tobytes()


def test_a_shadow_darker_than_the_table_stays_on_the_sheet() -> None:
    """A hand's shadow over one corner makes the paper there darker than the lit table: the
    sheet is still found whole (its edge is a sharp step, the shadow's a soft one)."""
    from PIL import ImageChops, ImageFilter

    from billma_core.reading.geometry import find_sheet

    page = _page(900, 1200)
    photo, corners = _photo(page)
    table = photo.point(lambda v: 140 if v == 90 else v)  # a lit table, brighter than shaded paper
    shadow = Image.new("L", table.size, 255)
    ImageDraw.Draw(shadow).ellipse((600, 900, 1500, 1800), fill=85)
    shaded = ImageChops.multiply(table, shadow.filter(ImageFilter.GaussianBlur(40)))
    assert shaded.getpixel((int(corners[2][0]) - 30, int(corners[2][1]) - 30)) < 140  # darker than the table
    found = find_sheet(shaded)
    assert found is not None
    for (x, y), (ex, ey) in zip(found, corners, strict=True):
        assert abs(x - ex) < 12 and abs(y - ey) < 12


@pytest.mark.parametrize("lettering", [True, False])
def test_a_dark_header_band_stays_on_the_sheet_when_it_holds_text(lettering: bool) -> None:
    """A coloured header band as dark as the table: the bright region stops under it, too
    squat for an A4 sheet; with white lettering in it the band is the sheet's, without any it
    could be the table and the sheet stays as found."""
    from billma_core.reading.geometry import find_sheet

    page = _page(900, 1273, grid=False)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 900, 200), fill=85)
    if lettering:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 26)
        draw.text((330, 80), "Devis DV26-0093", font=font, fill=250)  # the title in white
    photo, corners = _photo(page)
    found = find_sheet(photo)
    assert found is not None
    top_left, top_right = found[0], found[1]
    if lettering:
        # Prolonged to A4 proportions: the band's title is on the sheet (the photo's perspective
        # makes the printed sheet look a little longer than A4, hence the margin).
        assert top_left[1] < corners[0][1] + 70 and top_right[1] < corners[1][1] + 70
    else:
        assert top_left[1] > corners[0][1] + 150  # the band left out, as before


def test_a_scan_has_no_sheet_to_cut_out() -> None:
    from billma_core.reading.geometry import find_sheet, unwarp_page

    page = _page(900, 1200)
    assert find_sheet(page) is None
    assert unwarp_page(page) is page


def test_flattening_evens_a_shadow_but_keeps_a_banner_title() -> None:
    from PIL import ImageChops

    from billma_core.reading.images import flatten_background

    page = _page(900, 1200, grid=False, banner=True)
    shade = Image.linear_gradient("L").rotate(90).resize(page.size).point(lambda v: 110 + v * 145 // 255)
    shaded = ImageChops.multiply(page, shade)
    flat = flatten_background(shaded)
    # Paper on the dark side is light again…
    assert min(flat.crop((20, 400, 60, 1100)).tobytes()) > 180
    # …and the banner is still a dark band with its light title.
    band = flat.crop((100, 40, 800, 80)).tobytes()
    assert sum(1 for v in band if v < 100) > 0.5 * len(band)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_page_is_turned_counter_clockwise_without_loss(degrees: int) -> None:
    page = _page(600, 800, banner=True)
    result = Image.open(io.BytesIO(turned(_png(page), degrees)))
    assert result.tobytes() == page.rotate(degrees, expand=True).tobytes()
    back = Image.open(io.BytesIO(turned(turned(_png(page), degrees), 360 - degrees)))
    assert back.tobytes() == page.tobytes()
    assert turned(_png(page), 0) == _png(page)


@pytest.mark.parametrize(
    ("turn", "banner_side"),
    [
        (0, "top"),
        (90, "left"),
        pytest.param(180, "bottom", marks=pytest.mark.slow),
        pytest.param(270, "right", marks=pytest.mark.slow),
    ],
)
def test_the_reader_reads_the_page_the_way_the_survey_says_is_up(turn: int, banner_side: str) -> None:
    engine = FakeOcr("Devis n° D-1\nTotal TTC 120,00 €", turn=turn)
    reading = read_document(_png(_page(1200, 900, grid=False, banner=True)), ocr=engine)
    assert reading.quote is not None and reading.quote.total_ttc is not None
    assert engine.images  # every reading of the page sees it turned: the banner where the turn puts it
    for image in engine.images:
        width, height = image.size
        sides = {
            "top": (0, 0, width, height // 8),
            "bottom": (0, height - height // 8, width, height),
            "left": (0, 0, width // 8, height),
            "right": (width - width // 8, 0, width, height),
        }
        darkest = max(sides, key=lambda side: _dark(image, sides[side]))
        assert darkest == banner_side, (turn, image.size)
