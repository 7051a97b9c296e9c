"""The CSV/JSON exchange format of DESIGN.md, defined once for the exports, the importer and the admin.

Columns and their order, how a position becomes a row, how a file becomes rows (with line
numbers), how a row is checked, and how CSV cells are kept from running as spreadsheet formulas.
"""

import codecs
import csv
import datetime
import functools
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from positions.choices import ActorKind, Stance
from sources.dates import DatePrecision, format_partial_date, in_the_future, later_than, truncate_to_precision
from sources.models import Translation, Verification

COLUMNS = (
    "id",
    "stated_on",
    "date_precision",
    "actor",
    "actor_slug",
    "actor_kind",
    "country",
    "role",
    "topic",
    "stance",
    "conditions",
    "summary",
    "quote",
    "quote_original",
    "quote_language",
    "verification",
    "source_title",
    "source_url",
    "outlet",
    "published_on",
    "published_precision",
    "archive_url",
    "quote_translation",
)
# `id` is informational: import matches by natural keys, so a file may leave it out. Columns
# added since the first version are optional on import, so older files keep importing.
OPTIONAL_COLUMNS = ("id", "quote_translation")
REQUIRED_COLUMNS = tuple(column for column in COLUMNS if column not in OPTIONAL_COLUMNS)
DELIMITERS = {"comma": ",", "semicolon": ";"}
BOM = "\ufeff"

# OWASP's CSV-injection guidance: a cell starting with one of these may run as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"

MAX_LENGTHS = {
    "actor": 200,
    "actor_slug": 200,
    "role": 200,
    "topic": 100,
    "source_title": 500,
    "source_url": 1000,
    "outlet": 200,
    "archive_url": 1000,
    "quote_language": 10,
}
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FileError(Exception):
    """The file as a whole cannot be read: not UTF-8, not CSV or JSON, wrong columns."""


def is_formula_like(value: str) -> bool:
    """True when a spreadsheet could run the cell, once any apostrophes before it are set aside."""
    rest = value.lstrip(NEUTRALISER)
    return rest[:1] in FORMULA_PREFIXES and rest != ""


def neutralise(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula.

    A cell that starts with apostrophes before a formula character gets one more, so that
    `restore` can always take exactly one away: the round trip loses nothing.
    """
    return NEUTRALISER + value if is_formula_like(value) else value


def restore(value: str) -> str:
    """Undo `neutralise`: drop the one apostrophe the export added, and only that one."""
    if value.startswith(NEUTRALISER) and is_formula_like(value[1:]):
        return value[1:]
    return value


def position_row(position) -> dict:
    """One position as a row of plain values, in column order (dates ISO 8601, id an integer).

    Expects a position from `Position.objects.with_related()`, so no queries are made.
    """
    quote = position.quote
    source = quote.source
    role = position.role
    return {
        "id": position.pk,
        "stated_on": position.stated_on.isoformat(),
        "date_precision": position.date_precision,
        "actor": position.actor.name,
        "actor_slug": position.actor.slug,
        "actor_kind": position.actor.kind,
        "country": position.actor.country.code or "",
        "role": role.title if role else "",
        "topic": position.topic.slug,
        "stance": position.stance,
        "conditions": position.conditions,
        "summary": position.summary,
        "quote": quote.text,
        "quote_original": quote.original_text,
        "quote_language": quote.original_language,
        "verification": quote.verification,
        "source_title": source.title,
        "source_url": source.url,
        "outlet": source.outlet.name,
        "published_on": source.published_on.isoformat() if source.published_on else "",
        "published_precision": source.published_precision,
        "archive_url": source.archive_url,
        "quote_translation": quote.translation,
    }


class _Line:
    """A file-like object whose write() returns what it was given, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(positions: Iterable, delimiter: str = ",", bom: bool = False) -> Iterator[str]:
    """The CSV export, a line at a time, each cell neutralised against formulas."""
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    yield (BOM if bom else "") + writer.writerow(COLUMNS)
    for position in positions:
        row = position_row(position)
        yield writer.writerow([neutralise(str(row[column])) for column in COLUMNS])


def json_chunks(positions: Iterable) -> Iterator[str]:
    """The JSON export: an array of objects, one per line, written as the rows are read.

    Values are not neutralised: JSON is read by programs, not run by spreadsheets.
    """
    separator = "[\n"
    for position in positions:
        yield separator + json.dumps(position_row(position), ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


# Reading files ---------------------------------------------------------------------------------


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
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    unknown = [column for column in columns if column not in COLUMNS]
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
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
    try:
        while True:
            position = skip_space(text, position)
            if text[position : position + 1] == "]":
                break
            if rows:
                if text[position : position + 1] != ",":
                    raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
                position = skip_space(text, position + 1)
            line = text.count("\n", 0, position) + 1
            item, position = decoder.raw_decode(text, position)
            rows.append(json_row(line, item))
    except json.JSONDecodeError as error:
        raise FileError(
            _("Line %(line)d: not valid JSON (%(error)s).") % {"line": error.lineno, "error": error.msg}
        ) from None
    if skip_space(text, position + 1) != len(text):
        raise FileError(_("Unexpected text after the JSON array."))
    return rows


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def json_row(line: int, item) -> RawRow:
    if not isinstance(item, dict):
        return RawRow(line, {"__error__": _("each item must be an object with the export's columns.")})
    missing = [column for column in REQUIRED_COLUMNS if column not in item]
    unknown = [str(column) for column in item if column not in COLUMNS]
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
        cells[column] = value
    translation = item.get("quote_translation")
    if translation is not None and not isinstance(translation, str):
        return RawRow(line, {"__error__": _("%(column)s must be text.") % {"column": "quote_translation"}})
    cells["quote_translation"] = translation or ""
    return RawRow(line, cells)


# Checking rows ---------------------------------------------------------------------------------


class ExchangeRow(NamedTuple):
    """A checked row: typed values, ready to be matched against the database.

    A tuple: an import holds one per line of the file until it is written, so it is kept as
    small and as quick to build as Python allows.
    """

    line: int
    stated_on: datetime.date
    date_precision: str
    actor: str
    actor_slug: str
    actor_kind: str
    country: str
    role: str
    topic: str
    stance: str
    conditions: str
    summary: str
    quote: str
    quote_original: str
    quote_language: str
    verification: str
    source_title: str
    source_url: str
    outlet: str
    published_on: datetime.date | None
    published_precision: str
    archive_url: str
    # Blank when the file does not say: a new quote then takes the default, an existing one keeps its own.
    quote_translation: str
    verification_given: bool


class RowError(Exception):
    """A row that cannot be imported, with every reason found."""

    def __init__(self, line: int, reasons: list[str]):
        super().__init__(f"line {line}: " + "; ".join(reasons))
        self.line = line
        self.reasons = reasons


def parse_date(value: str, column: str, reasons: list[str]) -> datetime.date | None:
    try:
        if DATE_PATTERN.match(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    reasons.append(_("%(column)s “%(value)s” is not a date written YYYY-MM-DD.") % {"column": column, "value": value})
    return None


@functools.cache
def choice_values(choices) -> frozenset:
    # `TextChoices.values` builds a new list on every access; an import checks five cells a row.
    return frozenset(choices.values)


def check_choice(cells: dict, column: str, choices, reasons: list[str]) -> None:
    if cells[column] not in choice_values(choices):
        reasons.append(
            _("%(column)s “%(value)s” is not one of: %(values)s.")
            % {"column": column, "value": cells[column], "values": ", ".join(choices.values)}
        )


def check_honest_date(value, precision: str, column: str, reasons: list[str]) -> None:
    if value and precision in choice_values(DatePrecision) and truncate_to_precision(value, precision) != value:
        reasons.append(
            _("%(column)s %(value)s has %(precision)s precision, so it must be written %(expected)s.")
            % {
                "column": column,
                "value": value.isoformat(),
                "precision": precision,
                "expected": truncate_to_precision(value, precision).isoformat(),
            }
        )


def check_statement_dates(stated_on, precision: str, published_on, published_precision: str, reasons: list) -> None:
    """The models' rules (Quote.clean, Position.clean): no statement in the future, none after its source."""
    if stated_on is None or precision not in choice_values(DatePrecision):
        return
    if in_the_future(stated_on):
        reasons.append(
            _("stated_on %(value)s is in the future (today is %(today)s).")
            % {"value": stated_on.isoformat(), "today": timezone.localdate().isoformat()}
        )
    if published_on and published_precision in choice_values(DatePrecision):
        if later_than(stated_on, precision, published_on, published_precision):
            reasons.append(
                _(
                    "stated_on %(stated)s is after published_on %(published)s: "
                    "a source cannot report a statement made after it was published."
                )
                % {
                    "stated": format_partial_date(stated_on, precision),
                    "published": format_partial_date(published_on, published_precision),
                }
            )


VALIDATE_URL = URLValidator()
# scheme://site, then an optional path, query or fragment without white space. Without an "@"
# anywhere there is no user part, so the site ends at the first "/", "?" or "#", and Django's
# check passes or fails the whole URL exactly as it passes or fails its scheme://site.
URL_PARTS = re.compile(r"([^/?#@\s]*://[^/?#@\s]*)(?:[/?#]\S*)?\Z")


def is_valid_url(value: str) -> bool:
    """Django's URL check; a file cites thousands of pages of a few sites, so each site is checked once."""
    parts = URL_PARTS.match(value)
    if parts and len(value) <= VALIDATE_URL.max_length:
        return passes_url_validator(parts[1])
    return passes_url_validator(value)


@functools.lru_cache(maxsize=65536)
def passes_url_validator(value: str) -> bool:
    try:
        VALIDATE_URL(value)
    except ValidationError:
        return False
    return True


@functools.lru_cache(maxsize=1024)
def is_country_code(code: str) -> bool:
    return code in countries


def check_url(cells: dict, column: str, reasons: list[str]) -> None:
    if cells[column]:
        if not is_valid_url(cells[column]):
            reasons.append(_("%(column)s “%(value)s” is not a valid URL.") % {"column": column, "value": cells[column]})


@functools.lru_cache(maxsize=65536)
def is_slug(value: str) -> bool:
    """Django's slug check, remembered: a file names the same actors and topics again and again."""
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return True


def check_slug(cells: dict, column: str, reasons: list[str]) -> None:
    if not is_slug(cells[column]):
        reasons.append(
            _("%(column)s “%(value)s” is not a slug (letters, numbers, hyphens, underscores).")
            % {"column": column, "value": cells[column]}
        )


required_cells = itemgetter(*REQUIRED_COLUMNS)

# Cells that repeat from row to row (names, slugs, codes) are kept once each, not once per row.
SHARED_COLUMNS = (
    "date_precision",
    "actor",
    "actor_slug",
    "actor_kind",
    "role",
    "topic",
    "stance",
    "quote_language",
    "verification",
    "source_title",
    "outlet",
)


def parse_row(raw: RawRow) -> ExchangeRow:
    """Check one row against the format and the models' rules; raise RowError with every reason."""
    cells = raw.cells
    if "__error__" in cells:
        raise RowError(raw.line, [cells["__error__"]])
    reasons: list[str] = []
    # One search of all the cells at once; each cell only when there is a NUL to place.
    if "\x00" in "".join(required_cells(cells)):
        for column in REQUIRED_COLUMNS:
            if "\x00" in cells[column]:
                reasons.append(_("%(column)s contains a NUL character.") % {"column": column})
    for column, limit in MAX_LENGTHS.items():
        if len(cells[column]) > limit:
            reasons.append(_("%(column)s is longer than %(limit)d characters.") % {"column": column, "limit": limit})
    for column in ("actor", "quote", "source_title", "outlet"):
        if not cells[column].strip():
            reasons.append(_("%(column)s is empty.") % {"column": column})
    stated_on = parse_date(cells["stated_on"], "stated_on", reasons)
    published_on = parse_date(cells["published_on"], "published_on", reasons) if cells["published_on"] else None
    published_precision = cells["published_precision"] or DatePrecision.DAY
    check_choice(cells, "date_precision", DatePrecision, reasons)
    check_choice({"published_precision": published_precision}, "published_precision", DatePrecision, reasons)
    check_choice(cells, "actor_kind", ActorKind, reasons)
    check_choice(cells, "stance", Stance, reasons)
    verification = cells["verification"] or Verification.UNVERIFIED.value
    check_choice({"verification": verification}, "verification", Verification, reasons)
    if cells["quote_translation"]:
        check_choice(cells, "quote_translation", Translation, reasons)
        if cells["quote_translation"] == Translation.ORIGINAL and cells["quote_original"]:
            reasons.append(_("quote_translation is “original”, but quote_original gives other original words."))
    check_statement_dates(stated_on, cells["date_precision"], published_on, published_precision, reasons)
    if in_the_future(published_on):
        reasons.append(_("published_on %(value)s is in the future.") % {"value": published_on.isoformat()})
    check_honest_date(stated_on, cells["date_precision"], "stated_on", reasons)
    check_honest_date(published_on, published_precision, "published_on", reasons)
    check_slug(cells, "actor_slug", reasons)
    check_slug(cells, "topic", reasons)
    check_url(cells, "source_url", reasons)
    check_url(cells, "archive_url", reasons)
    country = cells["country"].upper()
    if country and not is_country_code(country):
        reasons.append(_("country “%(value)s” is not an ISO 3166 alpha-2 code.") % {"value": cells["country"]})
    if cells["quote_original"] and not cells["quote_language"]:
        reasons.append(_("quote_original is given without its quote_language."))
    if reasons:
        raise RowError(raw.line, reasons)
    intern = sys.intern
    for column in SHARED_COLUMNS:
        cells[column] = intern(cells[column])
    return ExchangeRow(
        raw.line,
        stated_on,
        cells["date_precision"],
        cells["actor"],
        cells["actor_slug"],
        cells["actor_kind"],
        intern(country),
        cells["role"],
        cells["topic"],
        cells["stance"],
        cells["conditions"],
        cells["summary"],
        cells["quote"],
        cells["quote_original"],
        cells["quote_language"],
        intern(verification),
        cells["source_title"],
        cells["source_url"],
        cells["outlet"],
        published_on,
        intern(published_precision),
        cells["archive_url"],
        intern(cells["quote_translation"]),
        bool(cells["verification"]),
    )
