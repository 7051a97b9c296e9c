"""The CSV/JSON exchange format, defined once for the exports, the importer and the admin.

Columns and their order, how a position becomes a row, and how CSV cells are kept from running
as spreadsheet formulas. Reading files is in readers.py, checking rows in validation.py; the
format itself is described for people in docs/exchange-format.md.
"""

import csv
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation

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
    "attribution",
    "date_evidence",
    "page_url",
)
# `id` and `page_url` are informational: import matches by natural keys, so a file may leave them
# out (and `page_url` is never read). Columns added since the first version are optional on
# import, so older files keep importing.
OPTIONAL_COLUMNS = ("id", "quote_translation", "attribution", "date_evidence", "page_url")
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


# Any id: the page's address is this path with the id in its place.
ID_MARK = 987654321


@cache
def page_path_parts() -> tuple[str, str]:
    """The public page's path before and after the position's id, in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("positions:position_detail", args=[ID_MARK])
    before, after = path.split(str(ID_MARK))
    return before, after


def page_url(position_id: int, base_url: str) -> str:
    """The position's public page: `base_url` (scheme and host, no slash at the end) and its path."""
    before, after = page_path_parts()
    return f"{base_url}{before}{position_id}{after}"


def position_row(position, base_url: str = "") -> dict:
    """One position as a row of plain values, in column order (dates ISO 8601, id an integer).

    Expects a position from `Position.objects.with_related()`, so no queries are made.
    `base_url` (e.g. "https://example.org") starts the page's address; without it the path alone.
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
        "attribution": quote.attribution,
        "date_evidence": position.date_evidence,
        "page_url": page_url(position.pk, base_url),
    }


class _Line:
    """A file-like object whose write() returns what it was given, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(positions: Iterable, delimiter: str = ",", bom: bool = False, base_url: str = "") -> Iterator[str]:
    """The CSV export, a line at a time, each cell neutralised against formulas."""
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    yield (BOM if bom else "") + writer.writerow(COLUMNS)
    for position in positions:
        row = position_row(position, base_url)
        yield writer.writerow([neutralise(str(row[column])) for column in COLUMNS])


def json_chunks(positions: Iterable, base_url: str = "") -> Iterator[str]:
    """The JSON export: an array of objects, one per line, written as the rows are read.

    Values are not neutralised: JSON is read by programs, not run by spreadsheets.
    """
    separator = "[\n"
    for position in positions:
        yield separator + json.dumps(position_row(position, base_url), ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"
