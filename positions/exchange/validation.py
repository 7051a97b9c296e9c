"""Checking raw rows of an exchange file: typed values, or every reason a row is refused."""

import datetime
import functools
import re
import sys
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.country_codes import normalise
from positions.exchange.format import DATE_PATTERN, MAX_LENGTHS, REQUIRED_COLUMNS
from positions.exchange.readers import RawRow
from sources.dates import (
    DatePrecision,
    day_beyond_source,
    format_partial_date,
    later_than,
    truncate_to_precision,
)
from sources.models import Attribution, Translation, Verification
from sources.text import (
    BIDI_CONTROLS,
    CONTROL_CHARACTERS,
    INVISIBLE,
    JOINERS,
    NONCHARACTERS,
    first_bidi_control,
    first_control_character,
    first_invisible_character,
    first_noncharacter,
)


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
    # Blank when the file does not say (older files have no such column): as quote_translation.
    attribution: str
    # Blank when the file does not say: an existing position then keeps its own.
    date_evidence: str


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


def anonymous_confirmed_reason() -> str:
    return _(
        "attribution “anonymous” with verification “confirmed”: a report citing anonymous sources cannot be "
        "confirmed, there is no primary source to open; use reported or unverified."
    )


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


def check_statement_dates(
    stated_on, precision: str, published_on, published_precision: str, reasons: list, today=None
) -> None:
    """The models' rules (Quote.clean, Position.clean): no statement in the future, none after its source."""
    if stated_on is None or precision not in choice_values(DatePrecision):
        return
    today = today or timezone.localdate()
    if stated_on > today:
        reasons.append(
            _("stated_on %(value)s is in the future (today is %(today)s).")
            % {"value": stated_on.isoformat(), "today": today.isoformat()}
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


# Cells naming a record, shown on every page: bidirectional controls and invisible characters could disguise them.
NAME_COLUMNS = ("actor", "actor_slug", "role", "topic", "outlet")
not_plain_text = re.compile(
    "|".join(pattern.pattern for pattern in (CONTROL_CHARACTERS, NONCHARACTERS, BIDI_CONTROLS, INVISIBLE, JOINERS))
)


def is_plain_text(value: str) -> bool:
    """Whether `value` holds none of the characters refused above.

    Every refused character is a control, format, surrogate or unassigned code point, none of
    which `str.isprintable` passes, and that test runs in C an order of magnitude faster than the
    pattern: most imported text is printable and needs nothing more. Text with a line break, a
    tab or a no-break space is not printable, and is searched.
    """
    return value.isprintable() or not not_plain_text.search(value)


def check_characters(cells: dict, reasons: list[str]) -> None:
    """Refuse control characters and noncharacters anywhere, bidi and invisible ones in names, as the models do."""
    for column in REQUIRED_COLUMNS:
        character = first_control_character(cells[column])
        if character:
            reasons.append(
                _("%(column)s contains the control character %(character)s; only tabs and line breaks are allowed.")
                % {"column": column, "character": character}
            )
        character = first_noncharacter(cells[column])
        if character:
            reasons.append(
                _("%(column)s contains %(character)s, which is not a character of any text.")
                % {"column": column, "character": character}
            )
        if column not in NAME_COLUMNS:
            continue
        character = first_bidi_control(cells[column])
        if character:
            reasons.append(
                _("%(column)s contains the bidirectional control character %(character)s, which changes how it reads.")
                % {"column": column, "character": character}
            )
        character = first_invisible_character(cells[column])
        if character:
            reasons.append(
                _("%(column)s contains the invisible character %(character)s, which makes different names look alike.")
                % {"column": column, "character": character}
            )


def parse_row(raw: RawRow, today=None) -> ExchangeRow:
    """Check one row against the format and the models' rules; raise RowError with every reason.

    `today` is the server's date, which an import of many rows passes once: working it out
    (timezone.localdate()) took longer than the rest of a row's date checks.
    """
    today = today or timezone.localdate()
    cells = raw.cells
    if "__error__" in cells:
        raise RowError(raw.line, [cells["__error__"]])
    reasons: list[str] = []
    # One look at all the cells at once; each cell only when there is a character to place.
    if not is_plain_text("".join(required_cells(cells))):
        check_characters(cells, reasons)
    for column, limit in MAX_LENGTHS.items():
        if len(cells[column]) > limit:
            reasons.append(_("%(column)s is longer than %(limit)d characters.") % {"column": column, "limit": limit})
    for column in ("actor", "quote", "outlet"):
        if not cells[column].strip():
            reasons.append(_("%(column)s is empty.") % {"column": column})
    # A page whose headline was not seen is known by its URL; without either, by nothing.
    if not cells["source_title"].strip() and not cells["source_url"].strip():
        reasons.append(_("source_title is empty and there is no source_url."))
    stated_on = parse_date(cells["stated_on"], "stated_on", reasons)
    published_on = parse_date(cells["published_on"], "published_on", reasons) if cells["published_on"] else None
    published_precision = cells["published_precision"] or DatePrecision.DAY
    check_choice(cells, "date_precision", DatePrecision, reasons)
    check_choice({"published_precision": published_precision}, "published_precision", DatePrecision, reasons)
    check_choice(cells, "actor_kind", ActorKind, reasons)
    check_choice(cells, "stance", Stance, reasons)
    verification = cells["verification"] or Verification.UNVERIFIED.value
    check_choice({"verification": verification}, "verification", Verification, reasons)
    if cells["attribution"]:
        check_choice(cells, "attribution", Attribution, reasons)
    # A blank verification is unverified and a blank attribution direct for a new quote; an
    # existing quote's stored values are checked again when the import is planned.
    if cells["attribution"] == Attribution.ANONYMOUS and verification == Verification.CONFIRMED:
        reasons.append(anonymous_confirmed_reason())
    if cells["quote_translation"]:
        check_choice(cells, "quote_translation", Translation, reasons)
        if cells["quote_translation"] == Translation.ORIGINAL and cells["quote_original"]:
            reasons.append(_("quote_translation is “original”, but quote_original gives other original words."))
    check_statement_dates(stated_on, cells["date_precision"], published_on, published_precision, reasons, today)
    if published_on and day_beyond_source(cells["date_precision"], published_precision, cells["date_evidence"]):
        reasons.append(
            _(
                "date_precision is “day”, but the source is dated only %(published)s (published_precision "
                "“%(precision)s”): give date_evidence saying where the day comes from, or use month precision."
            )
            % {"published": format_partial_date(published_on, published_precision), "precision": published_precision}
        )
    character = first_control_character(cells["date_evidence"])
    if character:
        reasons.append(
            _("%(column)s contains the control character %(character)s; only tabs and line breaks are allowed.")
            % {"column": "date_evidence", "character": character}
        )
    if published_on is not None and published_on > today:
        reasons.append(_("published_on %(value)s is in the future.") % {"value": published_on.isoformat()})
    check_honest_date(stated_on, cells["date_precision"], "stated_on", reasons)
    check_honest_date(published_on, published_precision, "published_on", reasons)
    check_slug(cells, "actor_slug", reasons)
    check_slug(cells, "topic", reasons)
    check_url(cells, "source_url", reasons)
    check_url(cells, "archive_url", reasons)
    country = normalise(cells["country"])
    if country and not is_country_code(country):
        reasons.append(_("country “%(value)s” is not an ISO 3166 alpha-2 code.") % {"value": cells["country"]})
    if cells["quote_original"] and not cells["quote_language"]:
        reasons.append(_("quote_original is given without its quote_language."))
    if reasons:
        raise RowError(raw.line, reasons)
    assert stated_on is not None  # a date that does not parse leaves a reason above
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
        intern(cells["attribution"]),
        cells["date_evidence"],
    )
