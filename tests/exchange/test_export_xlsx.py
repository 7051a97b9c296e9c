"""The Excel export: the CSV's rows and columns as a workbook, dates as dates, text never a formula."""

import datetime
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from positions.exchange.format import COLUMNS, restore
from positions.exchange.xlsx import XLSX_COLUMNS
from positions.models import Position
from tests.exchange.helpers import body, csv_rows
from tests.factories import PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
XLSX_URL = reverse("positions:export_xlsx")
CSV_URL = reverse("positions:export_csv")


def sheet_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(body(response)))
    return list(workbook.active.iter_rows(values_only=True))


def as_csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def test_url_is_the_documented_one():
    assert XLSX_URL == "/positions/export.xlsx"


def test_workbook_holds_the_same_rows_as_the_csv(client):
    PositionFactory.create_batch(4)
    PositionFactory(summary='=HYPERLINK("http://evil.example")', conditions="+1", quote=QuoteFactory(text="-2"))
    xlsx = sheet_rows(client.get(XLSX_URL))
    csv = csv_rows(body(client.get(CSV_URL)))
    assert list(xlsx[0]) == list(XLSX_COLUMNS) and csv[0] == list(COLUMNS)
    # The same columns, with a date in words beside each date.
    assert [column for column in XLSX_COLUMNS if column not in ("stated", "published")] == list(COLUMNS)
    kept = [index for index, column in enumerate(XLSX_COLUMNS) if column in COLUMNS]
    # The CSV guards formula-like cells with an apostrophe; the workbook types them as text instead.
    expected = [[restore(cell) for cell in row] for row in csv[1:]]
    assert [[as_csv_text(row[index]) for index in kept] for row in xlsx[1:]] == expected
    assert len(xlsx) == 6


def test_formula_like_text_is_stored_as_a_string_not_a_formula(client):
    PositionFactory(summary="=1+1")
    workbook = load_workbook(io.BytesIO(body(client.get(XLSX_URL))))
    cell = workbook.active.cell(row=2, column=XLSX_COLUMNS.index("summary") + 1)
    assert cell.value == "=1+1"
    assert cell.data_type == "s"


def test_dates_are_real_dates_the_header_frozen_and_columns_sized(client):
    PositionFactory(stated_on=datetime.date(2024, 11, 26), quote=QuoteFactory(said_on=datetime.date(2024, 11, 26)))
    workbook = load_workbook(io.BytesIO(body(client.get(XLSX_URL))))
    sheet = workbook.active
    stated = sheet.cell(row=2, column=XLSX_COLUMNS.index("stated_on") + 1)
    assert stated.is_date and stated.value.date() == datetime.date(2024, 11, 26)
    assert stated.number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions[get_column_letter(XLSX_COLUMNS.index("quote") + 1)].width == 60


@pytest.mark.parametrize(
    "precision, shown, number_format",
    [("day", "26 Nov 2024", "yyyy-mm-dd"), ("month", "Nov 2024", "mmm yyyy"), ("year", "2024", "yyyy")],
)
def test_dates_keep_their_precision_in_words_and_in_format(client, precision, shown, number_format):
    day = datetime.date(2024, 11, 26)
    PositionFactory(stated_on=day, date_precision=precision, quote=QuoteFactory(said_on=day, date_precision=precision))
    sheet = load_workbook(io.BytesIO(body(client.get(XLSX_URL)))).active
    stated = sheet.cell(row=2, column=XLSX_COLUMNS.index("stated_on") + 1)
    assert stated.is_date and stated.number_format == number_format
    assert sheet.cell(row=2, column=XLSX_COLUMNS.index("stated") + 1).value == shown
    assert XLSX_COLUMNS.index("stated") == XLSX_COLUMNS.index("stated_on") + 1


def test_each_row_ends_with_the_position_page_address(client):
    position = PositionFactory()
    sheet = load_workbook(io.BytesIO(body(client.get(XLSX_URL)))).active
    assert XLSX_COLUMNS[-1] == "page_url"
    assert sheet.cell(row=2, column=len(XLSX_COLUMNS)).value == f"http://testserver/positions/{position.pk}/"


def test_filters_apply_and_name_the_file(client):
    topic = TopicFactory(slug="instructors")
    PositionFactory(topic=topic)
    PositionFactory()
    response = client.get(XLSX_URL, {"topic": "instructors"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'attachment; filename="positions-instructors-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert len(sheet_rows(response)) == 2


def test_invalid_filters_are_a_plain_400(client):
    response = client.get(XLSX_URL, {"stance": "maybe"})
    assert response.status_code == 400
    assert "Invalid export or feed parameters" in response.content.decode()


def test_head_sends_headers_only(client):
    response = client.head(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x0b", "\ufdd0", "\U0001fffe"])
def test_a_stored_noncharacter_cannot_break_the_workbook(client, character):
    """Adversarial review, Dec 2026: one U+FFFE in any summary made every export.xlsx unreadable."""
    position = PositionFactory(summary="fine")
    Position.objects.filter(pk=position.pk).update(summary=f"before{character}after")  # as if stored long ago
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    data = body(response)
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        for name in workbook.namelist():
            if name.endswith(".xml"):
                ET.fromstring(workbook.read(name))  # a strict XML 1.0 parser, as Excel's
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    [summary] = [row[XLSX_COLUMNS.index("summary")] for row in rows[1:]]
    assert summary == "before\ufffdafter"
