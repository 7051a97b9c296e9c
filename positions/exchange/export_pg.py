"""The CSV export written by PostgreSQL's COPY, for exports of any size at the database's speed.

The same columns, neutralising and role-of-the-day rule as positions/exchange.py, spelled as
SQL so that PostgreSQL writes the CSV itself and the app only passes bytes on. Python builds a
row from model objects at a few thousand rows a second; COPY streams hundreds of thousands.
Used on PostgreSQL only; tests hold its output equal to exchange.csv_chunks'.
"""

from collections.abc import Iterator

import psycopg
from django.db import connections
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.expressions import Func
from django.db.models.functions import Cast, Coalesce, Concat

from positions.exchange.format import BOM, COLUMNS, FORMULA_PREFIXES, NEUTRALISER, page_path_parts
from positions.models import Role


def sql_literal(character: str) -> str:
    """A one-character SQL literal: control characters by code, quotes doubled."""
    if not character.isprintable():
        return f"chr({ord(character)})"
    return "'" + character.replace("'", "''") + "'"


# The characters of format.neutralise, as SQL lists.
FORMULA = ", ".join(sql_literal(character) for character in FORMULA_PREFIXES)
MARK = sql_literal(NEUTRALISER)
SUSPECT = f"{FORMULA}, {MARK}"


def neutralised(column: str) -> str:
    """exchange.neutralise in SQL, on a column of the inner query: an apostrophe before a cell a
    spreadsheet would run. Most cells start with a letter, so their first character settles it
    before any trimming copies a long quote."""
    return (
        f"CASE WHEN left({column}, 1) IN ({SUSPECT}) AND left(ltrim({column}, {MARK}), 1) IN ({FORMULA}) "
        f"THEN {MARK} || {column} ELSE {column} END"
    )


class IsoDate(Func):
    function = "to_char"
    template = "COALESCE(to_char(%(expressions)s, 'YYYY-MM-DD'), '')"
    output_field = CharField()


def role_title():
    """The title of the role held on the statement's day, or blank."""
    held = Role.objects.held_first(OuterRef("actor"), OuterRef("stated_on"))
    return Coalesce(Subquery(held.values("title")[:1]), Value(""))


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
    "quote_translation": F("quote__translation"),
    "attribution": F("quote__attribution"),
}
UNNEUTRALISED = {"id", "stated_on", "published_on"}
CHUNK_BYTES = 64 * 1024


def page_url_sql(base_url: str) -> Concat:
    """format.page_url in SQL: the site's address, the page's path, the id in its place."""
    before, after = page_path_parts()
    return Concat(Value(base_url + before), Cast(F("id"), CharField()), Value(after), output_field=CharField())


def export_sql(queryset, base_url: str = "") -> str:
    """The filtered, ordered queryset as one SELECT of the export's columns, parameters inlined.

    Rows are selected by an inner query and neutralised by an outer one, so each cell's
    expression (the role's is a subquery) runs once per row rather than once per mention. The
    inner ORDER BY keeps PostgreSQL from merging the two queries, and its order is the output's.
    """
    sources = {**SOURCES, "page_url": page_url_sql(base_url)}
    annotations = {f"export_{column}": sources.get(column, F(column)) for column in COLUMNS if column != "id"}
    rows = queryset.annotate(**annotations).values_list("id", *annotations)
    inner, params = rows.query.sql_with_params()
    cells = ['t."id"'] + [
        f't."export_{column}"' if column in UNNEUTRALISED else neutralised(f't."export_{column}"')
        for column in COLUMNS
        if column != "id"
    ]
    sql = f"SELECT {', '.join(cells)} FROM ({inner}) AS t"
    connection = connections[queryset.db]
    connection.ensure_connection()
    # COPY takes no parameters, so psycopg quotes them into the statement client-side.
    return psycopg.ClientCursor(connection.connection).mogrify(sql, params)


def copy_csv_chunks(queryset, delimiter: str = ",", bom: bool = False, base_url: str = "") -> Iterator[bytes]:
    """The CSV export as PostgreSQL writes it, passed on chunk by chunk as it arrives."""
    statement = (
        f"COPY ({export_sql(queryset, base_url)}) TO STDOUT "
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
