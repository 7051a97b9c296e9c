"""Natural keys: which rows of an import describe the same actor, source or quote, rows that
contradict each other, and finding many objects by key in few queries."""

from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter

from django.db import connection
from django.utils.translation import gettext as _

from positions import postgres
from positions.exchange.validation import ExchangeRow, RowError


def outlet_key(row: ExchangeRow) -> str:
    return row.outlet.casefold()


def source_key(row: ExchangeRow) -> tuple:
    if row.source_url:
        return ("url", row.source_url)
    return ("title", outlet_key(row), row.source_title, row.published_on)


def quote_key(row: ExchangeRow) -> tuple:
    return (source_key(row), row.quote, row.stated_on)


ACTOR_FIELDS = ("actor", "actor_kind", "country")
# The outlet last: its name is compared without regard to case.
SOURCE_FIELDS = ("source_title", "published_on", "published_precision", "archive_url", "outlet")
QUOTE_FIELDS = ("quote_original", "quote_language", "verification", "quote_translation")
source_details = attrgetter(*SOURCE_FIELDS[:-1])


def inconsistencies(rows: list[ExchangeRow]) -> list[RowError]:
    """Rows that describe the same actor, source or quote differently, or repeat a position."""
    errors = []
    checks: list[tuple[str, Callable, Callable, tuple[str, ...]]] = [
        ("actor_slug", attrgetter("actor_slug"), attrgetter(*ACTOR_FIELDS), ACTOR_FIELDS),
        ("source", source_key, lambda row: (*source_details(row), row.outlet.casefold()), SOURCE_FIELDS),
        ("quote", quote_key, attrgetter(*QUOTE_FIELDS), QUOTE_FIELDS),
    ]
    for what, key_of, described_by, fields in checks:
        first: dict = {}
        for row in rows:
            described = described_by(row)
            other, other_described = first.setdefault(key_of(row), (row, described))
            if described == other_described:
                continue
            differing = [name for name, a, b in zip(fields, other_described, described, strict=True) if a != b]
            errors.append(
                RowError(
                    row.line,
                    [
                        _("describes the same %(what)s as line %(other)d differently (%(fields)s).")
                        % {"what": what, "other": other.line, "fields": ", ".join(differing)}
                    ],
                )
            )
    return errors


# Keeps every `IN (...)` under SQLite's limit on query parameters.
LOOKUP_CHUNK = 500


def chunks(values: Iterable, size: int = LOOKUP_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def among(queryset, field: str, values: Iterable) -> Iterator:
    """Objects of `queryset` whose `field` is one of `values`.

    On PostgreSQL one query with the values as a single array parameter (`= ANY(%s)`), which
    costs little to build however many there are; elsewhere `IN (...)` in chunks.
    """
    values = list(values)
    if not values:
        return
    if connection.vendor == "postgresql":
        yield from postgres.among(queryset, field, values)
        return
    for part in chunks(values):
        yield from queryset.filter(**{f"{field}__in": part})


def identity(obj) -> tuple:
    return ("pk", obj.pk) if obj.pk else ("new", id(obj))
