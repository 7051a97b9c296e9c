"""The CSV export written by PostgreSQL's COPY, for exports of any size at the database's speed.

The same columns, neutralising and role-of-the-day rule as positions/exchange.py, spelled as
SQL so that PostgreSQL writes the CSV itself and the app only passes bytes on. Python builds a
row from model objects at a few thousand rows a second; COPY streams hundreds of thousands.
Used on PostgreSQL only; tests hold its output equal to exchange.csv_chunks'.
"""

from collections.abc import Iterator

import psycopg
from django.db import connections
from django.db.models import CharField, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce

from .exchange import BOM, COLUMNS
from .models import Role


class Neutralised(Func):
    """exchange.neutralise in SQL: an apostrophe before a cell a spreadsheet would run."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        template = (
            "CASE WHEN left(ltrim({0}, ''''), 1) IN ('=', '+', '-', '@', chr(9), chr(13)) "
            "THEN '''' || {0} ELSE {0} END"
        )
        # The cell's expression appears three times, and so do its parameters.
        return template.format(sql), (*params, *params, *params)


class IsoDate(Func):
    function = "to_char"
    template = "COALESCE(to_char(%(expressions)s, 'YYYY-MM-DD'), '')"
    output_field = CharField()


def role_title():
    """The title of the role held on the statement's day (Role.pick_for_day: latest start wins)."""
    held = Role.objects.filter(actor=OuterRef("actor"), start_on__lte=OuterRef("stated_on")).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=OuterRef("stated_on"))
    )
    return Coalesce(Subquery(held.order_by("-start_on", "-id").values("title")[:1]), Value(""))


SOURCES = {
    "stated_on": IsoDate(F("stated_on")),
    "actor": F("actor__name"),
    "actor_slug": F("actor__slug"),
    "actor_kind": F("actor__kind"),
    "country": F("actor__country"),
    "role": role_title(),
    "topic": F("topic__slug"),
    "quote": F("quote__text"),
    "quote_original": F("quote__original_text"),
    "quote_language": F("quote__original_language"),
    "verification": F("quote__verification"),
    "source_title": F("quote__source__title"),
    "source_url": F("quote__source__url"),
    "outlet": F("quote__source__outlet__name"),
    "published_on": IsoDate(F("quote__source__published_on")),
    "published_precision": F("quote__source__published_precision"),
    "archive_url": F("quote__source__archive_url"),
}
UNNEUTRALISED = {"id", "stated_on", "published_on"}
CHUNK_BYTES = 64 * 1024


def export_sql(queryset) -> str:
    """The filtered, ordered queryset as one SELECT of the export's columns, parameters inlined."""
    annotations = {}
    for column in COLUMNS:
        if column == "id":
            continue
        expression = SOURCES.get(column, F(column))
        annotations[f"export_{column}"] = expression if column in UNNEUTRALISED else Neutralised(expression)
    rows = queryset.annotate(**annotations).values_list("id", *annotations)
    sql, params = rows.query.sql_with_params()
    connection = connections[queryset.db]
    connection.ensure_connection()
    # COPY takes no parameters, so psycopg quotes them into the statement client-side.
    return psycopg.ClientCursor(connection.connection).mogrify(sql, params)


def copy_csv_chunks(queryset, delimiter: str = ",", bom: bool = False) -> Iterator[bytes]:
    """The CSV export as PostgreSQL writes it, passed on chunk by chunk as it arrives."""
    statement = (
        f"COPY ({export_sql(queryset)}) TO STDOUT "
        f"WITH (FORMAT csv, HEADER false, DELIMITER '{delimiter}', ENCODING 'UTF8')"
    )
    header = (BOM if bom else "") + delimiter.join(COLUMNS) + "\r\n"
    yield header.encode("utf-8")
    connection = connections[queryset.db]
    buffer = bytearray()
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        # COPY hands over a row at a time; a socket write per row would halve the rate.
        for data in copy:
            buffer += data
            if len(buffer) >= CHUNK_BYTES:
                yield bytes(buffer)
                buffer.clear()
    if buffer:
        yield bytes(buffer)
