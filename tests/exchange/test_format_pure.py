"""The exchange format's pure functions, with no database: neutralising, reading and checking rows."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from positions.exchange.format import COLUMNS, NEUTRALISER, is_formula_like, neutralise, restore
from positions.exchange.readers import RawRow, read_rows
from positions.exchange.validation import RowError, is_plain_text, not_plain_text, parse_row


@pytest.mark.parametrize("cell", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx", "'=1+1", "''=x"])
def test_formula_like_cells_get_an_apostrophe(cell):
    assert neutralise(cell) == NEUTRALISER + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Keir Starmer", "", "'quoted'", "Київ", "2024-11-26", "a=b"])
def test_ordinary_cells_stay_as_they_are(cell):
    assert not is_formula_like(cell) or cell.startswith(NEUTRALISER)
    assert restore(neutralise(cell)) == cell


@pytest.mark.fuzz
@given(st.text())
def test_neutralise_round_trips_any_text(text):
    assert restore(neutralise(text)) == text


def good_cells(**changes) -> dict:
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(
        stated_on="2024-11-26",
        date_precision="day",
        actor="David Lammy",
        actor_slug="david-lammy",
        actor_kind="official",
        country="GB",
        topic="combat-troops",
        stance="opposes",
        quote="We are not committing UK troops to the theatre of action.",
        verification="reported",
        source_title="Lammy insists UK is not sending troops to Ukraine",
        source_url="https://example.org/lammy",
        outlet="LBC",
        published_on="2024-11-26",
        published_precision="day",
    )
    cells.update(changes)
    return cells


def test_a_good_row_becomes_typed_values():
    row = parse_row(RawRow(2, good_cells()))
    assert row.line == 2
    assert row.stated_on == datetime.date(2024, 11, 26)
    assert (row.actor_slug, row.country, row.stance) == ("david-lammy", "GB", "opposes")


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"stated_on": "26/11/2024"}, "YYYY-MM-DD"),
        ({"stance": "maybe"}, "stance"),
        ({"country": "XX"}, "XX"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"date_precision": "month"}, "must be written 2024-11-01"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_reason(changes, reason):
    with pytest.raises(RowError) as refused:
        parse_row(RawRow(7, good_cells(**changes)))
    assert refused.value.line == 7
    assert reason.lower() in " ".join(refused.value.reasons).lower()


def test_csv_rows_remember_the_line_each_starts_on():
    header = ",".join(COLUMNS)
    first = ",".join(f'"{value}"' for value in good_cells(summary="two\nlines").values())
    second = ",".join(good_cells().values())
    rows = read_rows(f"{header}\r\n{first}\r\n{second}\r\n".encode(), "positions.csv")
    assert [row.line for row in rows] == [2, 4]
    assert rows[0].cells["summary"] == "two\nlines"


def test_the_printable_shortcut_agrees_with_the_refused_characters_everywhere():
    # is_plain_text skips the search for printable text: no refused character may be printable.
    refused = [chr(code) for code in range(0x110000) if not_plain_text.search(chr(code))]
    assert refused and not any(character.isprintable() for character in refused)
    for character in refused:
        assert not is_plain_text(f"Keir Starmer{character} said"), repr(character)
    assert is_plain_text("Київ, 26 листопада")
    assert is_plain_text("line one\nline two\u00a0and a no-break space")


@pytest.mark.parametrize("character", ["\u202e", "\u200b", "\x07", "\ufdd0", "\ud800"])
def test_a_refused_character_in_any_cell_is_named_by_the_row_check(character):
    with pytest.raises(RowError) as refused:
        parse_row(RawRow(2, good_cells(actor=f"David{character} Lammy")))
    assert f"U+{ord(character):04X}" in str(refused.value)
