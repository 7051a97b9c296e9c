"""The positions export as an Excel workbook: the CSV's rows and columns, in constant memory.

openpyxl's write-only mode writes each row to a temporary file as it comes, with strings
inline (no shared-string table growing with the rows), and the finished workbook is spooled to
disk past a few megabytes, so memory stays flat whatever the number of positions. A workbook is
a zip whose directory comes last, so it is written whole before the first byte is sent.

Dates keep their precision: a month-precision date is stored as its first day (so it sorts and
filters as a date) but shown as "Nov 2024", and a text column beside each date ("stated",
"published") says it in words, so that no reader takes 2024-11-01 for a day
(docs/exchange-format.md). The workbook's other columns are the CSV's, in the CSV's order.

Unlike the CSV, no cell needs an apostrophe against formulas: every text cell is typed as a
string (`data_type = "s"`), which a spreadsheet shows as text and never runs.
"""

import datetime
import re
import tempfile
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from positions.exchange.format import COLUMNS, position_row
from sources.text import NONCHARACTERS, NOT_XML

SPOOL_BYTES = 4 * 1024 * 1024
DATE_COLUMNS = {"stated_on": "date_precision", "published_on": "published_precision"}
# Each date's text twin, placed right after it.
DATE_TEXT_COLUMNS = {"stated_on": "stated", "published_on": "published"}
XLSX_COLUMNS = tuple(name for column in COLUMNS for name in (column, DATE_TEXT_COLUMNS.get(column)) if name is not None)
DATE_FORMATS = {"day": "yyyy-mm-dd", "month": "mmm yyyy", "year": "yyyy"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Characters in the cells Excel width units: enough to read a name or a date without a
# wall of text from the quote columns.
WIDTHS = {
    "id": 8,
    "stated_on": 12,
    "stated": 12,
    "published": 12,
    "date_precision": 10,
    "actor": 28,
    "actor_slug": 24,
    "actor_kind": 13,
    "country": 9,
    "role": 28,
    "topic": 20,
    "stance": 12,
    "conditions": 30,
    "summary": 40,
    "quote": 60,
    "quote_original": 40,
    "quote_language": 10,
    "verification": 12,
    "source_title": 40,
    "source_url": 40,
    "outlet": 24,
    "published_on": 12,
    "published_precision": 10,
    "archive_url": 30,
    "attribution": 13,
}
# XML 1.0 cannot hold the C0 controls, U+FFFE, U+FFFF or lone surrogates: a workbook containing
# one would not open. The models refuse them and the other noncharacters, but a row stored before
# (or by raw SQL) must not break every workbook.
ILLEGAL = re.compile(f"{NOT_XML.pattern}|{NONCHARACTERS.pattern}")
REPLACEMENT = "\ufffd"


def date_text(value: str, precision: str) -> str:
    """An ISO date in words at its precision: "17 Feb 2025", "Nov 2024", "2024" (English, as the columns)."""
    if not value:
        return ""
    day = datetime.date.fromisoformat(value)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def with_date_texts(row: dict) -> dict:
    for column, text_column in DATE_TEXT_COLUMNS.items():
        row[text_column] = date_text(row[column], row[DATE_COLUMNS[column]])
    return row


def _cell(sheet, column: str, value, row: dict):
    if column == "id":
        return WriteOnlyCell(sheet, value=value)
    if column in DATE_COLUMNS:
        if not value:
            return WriteOnlyCell(sheet, value=None)
        cell = WriteOnlyCell(sheet, value=datetime.date.fromisoformat(value))
        cell.number_format = DATE_FORMATS.get(row[DATE_COLUMNS[column]], DATE_FORMATS["day"])
        return cell
    cell = WriteOnlyCell(sheet, value=None)
    # Set the value, then the type: assigning "=1+1" alone would make openpyxl write a formula.
    cell._value = ILLEGAL.sub(REPLACEMENT, str(value))
    cell.data_type = "s"
    return cell


def write_workbook(positions: Iterable, target, base_url: str = "") -> None:
    """Write the export of `positions` (from `with_related()`) into the binary file `target`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("positions")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, 14)
    bold = Font(bold=True)
    header = []
    for column in XLSX_COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for position in positions:
        row = with_date_texts(position_row(position, base_url))
        sheet.append([_cell(sheet, column, row[column], row) for column in XLSX_COLUMNS])
    workbook.save(target)


def workbook_file(positions: Iterable, base_url: str = ""):
    """The workbook in a temporary file (in memory while small), rewound for reading."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    write_workbook(positions, spool, base_url)
    spool.seek(0)
    return spool
