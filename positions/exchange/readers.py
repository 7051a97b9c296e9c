"""Reading an exchange file (CSV or JSON) into raw rows that remember the line each starts on."""

import codecs
import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from positions.exchange.format import COLUMNS, NEUTRALISER, REQUIRED_COLUMNS, FileError, restore

# A header may carry a few columns of a newer version of the format; not thousands.
EXTRA_COLUMNS_ALLOWED = 10
SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass
class RawRow:
    """A row as read from a file: the line it starts on and its cells as text."""

    line: int
    cells: dict


def decode(data: bytes) -> str:
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileError(
            _("The file is not UTF-8 text (line %(line)d). Save it as UTF-8 and try again.") % {"line": line}
        ) from None


def read_rows(data: bytes, name: str = "") -> list[RawRow]:
    """The rows of a CSV or JSON export file, told apart by the file name or, failing that, its content."""
    return list(iter_rows(data, name))


def iter_rows(data: bytes, name: str = "") -> Iterator[RawRow]:
    """`read_rows` a row at a time: a CSV file is decoded as it is read, never held twice in memory."""
    lowered = name.lower()
    start = data[:1024].lstrip(codecs.BOM_UTF8).lstrip()
    if lowered.endswith(".json") or (not lowered.endswith(".csv") and start[:1] in (b"[", b"{")):
        return iter(read_json(decode(data)))
    return read_csv_bytes(data)


def check_columns(columns: list[str]) -> None:
    """Refuse a header that is not the format's: counted once, however long (a huge header was slow to refuse)."""
    if len(columns) > len(COLUMNS) + EXTRA_COLUMNS_ALLOWED:
        raise FileError(
            _("Line 1: the header has %(found)d columns; the exchange format has %(expected)d.")
            % {"found": len(columns), "expected": len(COLUMNS)}
        )
    counts = Counter(columns)
    missing = [column for column in REQUIRED_COLUMNS if column not in counts]
    unknown = [printable(column) for column in counts if column not in COLUMNS]
    duplicated = sorted(column for column, count in counts.items() if count > 1)
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    if duplicated:
        problems.append(_("repeated columns: %(columns)s") % {"columns": ", ".join(duplicated)})
    if problems:
        raise FileError(
            _("Line 1: the header does not match the exchange format (%(problems)s). Expected: %(expected)s.")
            % {"problems": "; ".join(problems), "expected": ", ".join(COLUMNS)}
        )


def read_csv_bytes(data: bytes) -> Iterator[RawRow]:
    """Rows of a comma- or semicolon-separated file, each with the line it starts on, decoded as read.

    A file that is not UTF-8 raises FileError, whenever the bad bytes are met.
    """
    end = data.find(b"\n")
    first_line = (data if end < 0 else data[:end]).decode("utf-8-sig", errors="replace")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    try:
        yield from csv_rows(stream, first_line)
    except UnicodeDecodeError:
        decode(data)  # raises FileError naming the line
        raise


def csv_rows(stream, first_line: str) -> Iterator[RawRow]:
    if not first_line.strip():
        raise FileError(_("The file is empty or does not start with the header row."))
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        check_columns(header)
        width = len(header)
        start = reader.line_num + 1
        for cells in reader:
            if cells:
                if len(cells) != width:
                    yield RawRow(
                        start,
                        {
                            "__error__": _("%(found)d cells where the header has %(expected)d.")
                            % {"found": len(cells), "expected": width}
                        },
                    )
                else:
                    # Only a cell starting with an apostrophe can have been neutralised.
                    row = {
                        column: restore(cell) if cell[:1] == NEUTRALISER else cell
                        for column, cell in zip(header, cells)
                    }
                    row.setdefault("quote_translation", "")
                    row.setdefault("attribution", "")
                    row.setdefault("date_evidence", "")
                    yield RawRow(start, row)
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileError(
            _("Line %(line)d: not valid CSV (%(error)s).") % {"line": reader.line_num, "error": error}
        ) from None


def read_json(text: str) -> list[RawRow]:
    """Objects of a JSON array; each row carries the line its object starts on."""
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if text[position : position + 1] != "[":
        raise FileError(_("A JSON import must be an array of objects, one per position."))
    position += 1
    rows: list[RawRow] = []
    line, counted = 1, 0
    try:
        while True:
            position = skip_space(text, position)
            if text[position : position + 1] == "]":
                break
            if rows:
                if text[position : position + 1] != ",":
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
                position = skip_space(text, position + 1)
            # Lines counted from where the last item started, not from the start of the file each time.
            line += text.count("\n", counted, position)
            counted = position
            item, position = decoder.raw_decode(text, position)
            rows.append(json_row(line, item))
    except json.JSONDecodeError as error:
        raise FileError(
            _("Line %(line)d: not valid JSON (%(error)s).") % {"line": error.lineno, "error": error.msg}
        ) from None
    except RecursionError:
        raise FileError(
            _("Line %(line)d: the JSON is nested too deeply; each item must be an object of text values.")
            % {"line": line}
        ) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits.
        raise FileError(
            _("Line %(line)d: a number in the JSON is too long; values must be text.") % {"line": line}
        ) from None
    if skip_space(text, position + 1) != len(text):
        raise FileError(_("Unexpected text after the JSON array."))
    return rows


def printable(name: str) -> str:
    """A name from the file as it can be shown: an unpaired surrogate escaped, a long name cut."""
    name = SURROGATES.sub(lambda match: match.group().encode("utf-8", "backslashreplace").decode(), name)
    return name if len(name) <= 60 else name[:59] + "…"


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def json_row(line: int, item) -> RawRow:
    if not isinstance(item, dict):
        return RawRow(line, {"__error__": _("each item must be an object with the export's columns.")})
    missing = [column for column in REQUIRED_COLUMNS if column not in item]
    unknown = [printable(column) for column in item if column not in COLUMNS]
    if missing or unknown:
        reasons = []
        if missing:
            reasons.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            reasons.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        return RawRow(line, {"__error__": "; ".join(reasons)})
    cells = {}
    for column in REQUIRED_COLUMNS:
        value = item[column]
        if value is None:
            value = ""
        if not isinstance(value, str):
            return RawRow(line, {"__error__": _("%(column)s must be text.") % {"column": column}})
        if SURROGATES.search(value):
            # JSON's "\ud800" escapes read as text but cannot be stored or shown.
            return RawRow(
                line,
                {
                    "__error__": _("%(column)s holds an unpaired surrogate (\\ud800–\\udfff), which is not text.")
                    % {"column": column}
                },
            )
        cells[column] = value
    # Columns added since the first version: absent, null or blank all say nothing.
    for column in ("quote_translation", "attribution", "date_evidence"):
        value = item.get(column)
        if value is not None and not isinstance(value, str):
            return RawRow(line, {"__error__": _("%(column)s must be text.") % {"column": column}})
        cells[column] = value or ""
    return RawRow(line, cells)
