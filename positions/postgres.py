"""The code paths only PostgreSQL takes: COPY, array parameters and a LATERAL probe.

Each has a portable twin beside its caller (bulk_create, IN in chunks, a NOT EXISTS query), and
tests hold the two to the same results. Table and column names come from the models' _meta and
values from the choices module, so a renamed field or choice cannot leave stale SQL behind; the
exception, `copy_positions`, spells out the search trigger's formula as the migrations do, and a
test holds the vectors it writes to the trigger's.
"""

from collections.abc import Iterable, Iterator, Sequence

from django.db import IntegrityError, connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL


def quoted_column(model, field: str) -> str:
    quote_name = connection.ops.quote_name
    return f"{quote_name(model._meta.db_table)}.{quote_name(model._meta.get_field(field).column)}"


def copy_into(model, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """COPY rows of the given database columns into the model's table; returns how many."""
    return copy_into_table(model._meta.db_table, columns, rows)


def copy_into_table(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    quote_name = connection.ops.quote_name
    names = ", ".join(quote_name(column) for column in columns)
    written = 0
    connection.ensure_connection()
    # psycopg's own cursor, for COPY; its errors are turned into Django's (IntegrityError for a clash).
    with connection.wrap_database_errors, connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {quote_name(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
    return written


# New positions from the staging table into positions_position, each with its search vector:
# the formula of the position trigger (migrations 0011 and 0023), with the actor (a) and quote (q)
# joined once for all rows.
INSERT_STAGED_POSITIONS = """
INSERT INTO positions_position ({columns}, search_vector)
SELECT {staged_columns},
       positions_search_vector(coalesce(a.name, '') || ' ' || coalesce(a.name_uk, ''), a.aliases, q.text,
                               coalesce(p.summary, '') || ' ' || coalesce(p.summary_uk, ''), q.original_text)
  FROM import_new_positions p
  JOIN positions_actor a ON a.id = p.actor_id
  JOIN sources_quote q ON q.id = p.quote_id
 ORDER BY p.id
"""


def copy_positions(columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """COPY new positions, then insert them with their search vectors computed in one statement.

    The rows go first into a staging table without indexes or triggers; one `INSERT … SELECT`
    then joins every row's actor and quote at once, where the row trigger looked both up and
    computed the vector one row at a time (migration 0026 lets a row arriving with its vector
    keep it). `columns` include the primary key: rows are inserted in id order.
    """
    names = [connection.ops.quote_name(column) for column in columns]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS import_new_positions")
        cursor.execute("CREATE TEMP TABLE import_new_positions (LIKE positions_position) ON COMMIT DROP")
        staged = copy_into_table("import_new_positions", columns, rows)
        cursor.execute(
            INSERT_STAGED_POSITIONS.format(
                columns=", ".join(names), staged_columns=", ".join(f"p.{name}" for name in names)
            )
        )
        inserted = cursor.rowcount
        cursor.execute("DROP TABLE import_new_positions")
    if inserted != staged:
        # An actor or quote deleted meanwhile by someone else: the join dropped rows no foreign-key check would see.
        raise IntegrityError(f"{staged - inserted} new positions lost their actor or quote while importing.")
    return inserted


def next_ids(model, count: int) -> list[int]:
    """`count` new ids from the table's own sequence, ascending."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def among(queryset, field: str, values: list) -> Iterator:
    """Objects whose `field` is one of `values`: one query with a single array parameter, which
    costs little to build however many values there are."""
    column = quoted_column(queryset.model, field)
    yield from queryset.filter(RawSQL(f"{column} = ANY(%s)", (values,), output_field=BooleanField()))
