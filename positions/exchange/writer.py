"""Writing an import's new sources, quotes and positions in bulk, each with its `+` history row.

An import may create a hundred thousand rows of each. They are kept as `Pending` tuples, not
model instances, and written without a Python object per row: on PostgreSQL with ids drawn
from the table's sequence and the rows sent by COPY (positions with their search vectors computed
in one statement, postgres.copy_positions), elsewhere (SQLite, the small default) by
`bulk_create` in batches. History rows are then copied from the written rows by one
`INSERT … SELECT` per table (`history_statements`, which the plan runs while Python works,
`meanwhile`), as simple_history's bulk helpers would have made them one by one (history_type
`+`, the importing user, an empty change reason). Bulk writes send no signals: the importer
keeps positions' copied columns in step itself.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import NotSupportedError, connection
from django.utils import timezone

from positions import postgres
from positions.models import Position
from sources.models import Quote, Source

# Columns of the rows an import creates, in the order a Pending holds them. Parents (outlet,
# source, actor, topic, quote) are held as objects, since a new parent has no id until written.
NEW_COLUMNS = {
    Source: ("outlet_id", "title", "url", "published_on", "published_precision", "language", "archive_url"),
    Quote: (
        "source_id",
        "text",
        "original_text",
        "original_language",
        "said_on",
        "date_precision",
        "verification",
        "translation",
        "attribution",
    ),
    Position: (
        "actor_id",
        "topic_id",
        "quote_id",
        "stance",
        "stated_on",
        "date_precision",
        "conditions",
        "summary",
        "date_evidence",
        "country",
        "actor_kind",
        "verification",
        "attribution",
        "created_at",
        "updated_at",
        "office_rank",
    ),
}
PARENTS = {Source: (0,), Quote: (0,), Position: (0, 1, 2)}
BATCH_SIZE = 1000
# Keeps every `IN (...)` under SQLite's limit on query parameters.
ID_CHUNK = 500


class Pending:
    """A row the import will create: its values in NEW_COLUMNS order, and its id once written."""

    __slots__ = ("values", "line", "pk")

    def __init__(self, values: tuple, line: int):
        self.values = values
        self.line = line
        self.pk: int | None = None


def insert_new(model, pending: Sequence[Pending], words: dict | None = None) -> None:
    """Write the rows and set each Pending's id; their history rows are `history_statements`' work.

    `words`, for positions on PostgreSQL: the words' part of each one's search vector by line,
    computed beforehand (postgres.TextVectors).
    """
    if not pending:
        return
    if connection.vendor == "postgresql":
        copy_rows(model, pending, words)
    else:
        create_rows(model, pending)


def resolved(model, pending: Pending) -> list:
    values = list(pending.values)
    for index in PARENTS[model]:
        values[index] = values[index].pk
    return values


def other_columns(model) -> tuple[tuple[str, ...], tuple]:
    """The model's remaining columns with their defaults (a source's notes, its accessed date)."""
    given = set(NEW_COLUMNS[model]) | {model._meta.pk.attname}
    fields = [field for field in model._meta.concrete_fields if field.attname not in given]
    return tuple(field.column for field in fields), tuple(field.get_default() for field in fields)


def copy_rows(model, pending: Sequence[Pending], words: dict | None = None) -> None:
    """PostgreSQL: ids from the table's own sequence, then COPY of every row, in this transaction."""
    ids = postgres.next_ids(model, len(pending))
    extra_columns, extra_values = other_columns(model)
    columns = (model._meta.pk.column, *NEW_COLUMNS[model], *extra_columns)
    if words is not None:
        columns += ("search_vector",)

    def rows():
        # Ascending ids, so rows get them in the order given (positions: by statement date).
        for row, pk_value in zip(pending, ids, strict=True):
            row.pk = pk_value
            if words is None:
                yield (pk_value, *resolved(model, row), *extra_values)
            else:
                yield (pk_value, *resolved(model, row), *extra_values, words[row.line])

    if model is Position:
        postgres.copy_positions(columns, rows(), words_staged=words is not None)
    else:
        postgres.copy_into(model, columns, rows())


def create_rows(model, pending: Sequence[Pending]) -> None:
    """Other databases: bulk_create in batches; the database returns each new id."""
    columns = NEW_COLUMNS[model]
    for start in range(0, len(pending), BATCH_SIZE):
        batch = pending[start : start + BATCH_SIZE]
        objects = [model(**dict(zip(columns, resolved(model, row), strict=True))) for row in batch]
        model.objects.bulk_create(objects)
        if objects[0].pk is None:
            raise NotSupportedError("Importing needs a database that returns the ids of rows created in bulk.")
        for row, obj in zip(batch, objects, strict=True):
            row.pk = obj.pk


def history_sql(model, where: str) -> str:
    """INSERT … SELECT copying rows of `model` into its history table as creations, in id order."""
    quote_name = connection.ops.quote_name
    pk = quote_name(model._meta.pk.column)
    history = model.history.model
    tracked = history.tracked_fields
    targets = [history._meta.get_field(field.name).column for field in tracked]
    targets += [
        history._meta.get_field(name).column
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    sources = [quote_name(field.column) for field in tracked] + ["%s", "%s", "%s", "%s"]
    return (
        f"INSERT INTO {quote_name(history._meta.db_table)} ({', '.join(quote_name(name) for name in targets)}) "
        f"SELECT {', '.join(sources)} FROM {quote_name(model._meta.db_table)} WHERE {pk} {where.format(pk=pk)} ORDER BY {pk}"
    )


def history_statements(model, ids: list[int], user=None, now=None) -> list[tuple[str, list]]:
    """The statements adding a creation history row for each of the rows `ids` of `model`."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True) or not ids:
        return []
    params = [now or timezone.now(), "", "+", getattr(user, "pk", None)]
    if connection.vendor == "postgresql":
        # The range lets PostgreSQL walk the primary key over just the new rows.
        return [(history_sql(model, "BETWEEN %s AND %s AND {pk} = ANY(%s)"), [*params, min(ids), max(ids), ids])]
    return [(history_sql(model, f"IN ({', '.join(['%s'] * len(part))})"), [*params, *part]) for part in id_chunks(ids)]


def id_chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


@contextmanager
def meanwhile(statements: list[tuple[str, list]]):
    """Run `statements`, then check the foreign keys of every row written so far, while the block computes.

    On PostgreSQL a thread runs them on this transaction's connection (postgres.Meanwhile);
    elsewhere they run first, and the keys are checked at COMMIT as usual.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
        yield
        return
    running = postgres.Meanwhile([*statements, *postgres.CHECK_CONSTRAINTS_NOW])
    try:
        yield
    finally:
        running.wait()
