"""The code paths only PostgreSQL takes: COPY, array parameters and a LATERAL probe.

Each has a portable twin beside its caller (bulk_create, IN in chunks, a NOT EXISTS query), and
tests hold the two to the same results. Table and column names come from the models' _meta and
values from the choices module, so a renamed field or choice cannot leave stale SQL behind.
"""

from collections.abc import Iterable, Iterator, Sequence

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL


def quoted_column(model, field: str) -> str:
    quote_name = connection.ops.quote_name
    return f"{quote_name(model._meta.db_table)}.{quote_name(model._meta.get_field(field).column)}"


def copy_into(model, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """COPY rows of the given database columns into the model's table; returns how many."""
    quote_name = connection.ops.quote_name
    names = ", ".join(quote_name(column) for column in columns)
    written = 0
    connection.ensure_connection()
    # psycopg's own cursor, for COPY; its errors are turned into Django's (IntegrityError for a clash).
    with connection.wrap_database_errors, connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {quote_name(model._meta.db_table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
    return written


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
