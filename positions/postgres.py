"""The code paths only PostgreSQL takes: COPY, array parameters and a LATERAL probe.

Each has a portable twin beside its caller (bulk_create, IN in chunks, a NOT EXISTS query), and
tests hold the two to the same results. Table and column names come from the models' _meta and
values from the choices module, so a renamed field or choice cannot leave stale SQL behind; the
exception, `copy_positions`, spells out the search trigger's formula as the migrations do, and a
test holds the vectors it writes to the trigger's.
"""

import threading
from collections.abc import Iterable, Iterator, Sequence

from django.db import DatabaseError, IntegrityError, connection, connections
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
# the formula of the position trigger (migrations 0011, 0023 and 0027), with the actor (a) and
# quote (q) joined once for all rows, and each actor's part of the vector worked out once (a
# file names a few thousand actors in 100,000 rows). {words} is the words' part of the vector.
INSERT_STAGED_POSITIONS = """
INSERT INTO positions_position ({columns}, search_vector)
SELECT {staged_columns}, a.vector || {words}
  FROM import_new_positions p
  JOIN (SELECT id, positions_actor_vector(coalesce(name, '') || ' ' || coalesce(name_uk, ''), aliases) AS vector
          FROM positions_actor
         WHERE id IN (SELECT actor_id FROM import_new_positions)) a ON a.id = p.actor_id
  JOIN sources_quote q ON q.id = p.quote_id
 ORDER BY p.id
"""
WORDS_COMPUTED_HERE = (
    "positions_text_vector(q.text, coalesce(p.summary, '') || ' ' || coalesce(p.summary_uk, ''), q.original_text)"
)
# Computed beforehand (TextVectors) and staged in the row's own search_vector column.
WORDS_STAGED = "p.search_vector"


def copy_positions(columns: Sequence[str], rows: Iterable[tuple], words_staged: bool = False) -> int:
    """COPY new positions, then insert them with their search vectors computed in one statement.

    The rows go first into a staging table without indexes or triggers; one `INSERT … SELECT`
    then joins every row's actor and quote at once, where the row trigger looked both up and
    computed the vector one row at a time (migration 0026 lets a row arriving with its vector
    keep it). `columns` include the primary key: rows are inserted in id order. With
    `words_staged`, the last column is `search_vector`, holding each row's words' part already
    computed (TextVectors); the actor's part is added here.
    """
    names = [connection.ops.quote_name(column) for column in columns]
    inserted_names = names[:-1] if words_staged else names
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS import_new_positions")
        cursor.execute("CREATE TEMP TABLE import_new_positions (LIKE positions_position) ON COMMIT DROP")
        staged = copy_into_table("import_new_positions", columns, rows)
        cursor.execute(
            INSERT_STAGED_POSITIONS.format(
                columns=", ".join(inserted_names),
                staged_columns=", ".join(f"p.{name}" for name in inserted_names),
                words=WORDS_STAGED if words_staged else WORDS_COMPUTED_HERE,
            )
        )
        inserted = cursor.rowcount
        cursor.execute("DROP TABLE import_new_positions")
    if inserted != staged:
        # An actor or quote deleted meanwhile by someone else: the join dropped rows no foreign-key check would see.
        raise IntegrityError(f"{staged - inserted} new positions lost their actor or quote while importing.")
    return inserted


# The words' part of each vector, for values given as three arrays, in their order.
TEXT_VECTORS = """
SELECT positions_text_vector(t.quote_text, t.summary, t.original_text)::text
  FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS t(quote_text, summary, original_text, n)
 ORDER BY t.n
"""


class TextVectors:
    """The words' part of new positions' search vectors, computed by a second connection meanwhile.

    That part is a function of a row's own words (quote, summary, original text), so it need not
    wait for the import's transaction: a thread with its own connection has PostgreSQL compute
    it on the machine's other core while this connection matches the file's rows and writes
    sources and quotes. It was half of what writing an import's positions cost. `texts` maps a
    key (the file's line) to (quote, summary, original text), the summary as the vector reads it
    (`summary || ' ' || summary_uk`). `result()` waits for the vectors, as tsvector text by key;
    None if the second connection failed, and the insert then computes them itself.
    """

    CHUNK = 20_000

    def __init__(self, texts: dict, alias: str):
        self.texts = texts
        self.alias = alias
        self.vectors: dict | None = None
        self.thread = threading.Thread(target=self.compute, name="import-text-vectors", daemon=True)
        self.thread.start()

    def compute(self) -> None:
        side = connections[self.alias]  # this thread's own connection
        try:
            keys = list(self.texts)
            vectors: dict[object, str] = {}
            with side.cursor() as cursor:
                for start in range(0, len(keys), self.CHUNK):
                    part = keys[start : start + self.CHUNK]
                    columns = list(zip(*(self.texts[key] for key in part), strict=True))
                    cursor.execute(TEXT_VECTORS, [list(values) for values in columns])
                    vectors.update(zip(part, (vector for (vector,) in cursor.fetchall()), strict=True))
            self.vectors = vectors
        except DatabaseError:
            self.vectors = None
        finally:
            self.texts = {}  # the words are held by the file's rows; only the vectors are kept
            side.close()

    def result(self) -> dict | None:
        self.thread.join()
        return self.vectors


class Meanwhile:
    """SQL statements run in this transaction by a thread, while the caller works in Python.

    An import has stretches where PostgreSQL writes (history rows, foreign-key checks) and
    Python waits, and others where Python computes (office ranks, stances) and PostgreSQL waits:
    on a machine with two cores the two can overlap. psycopg serialises the use of a connection
    between threads, so a query the caller makes meanwhile only waits its turn. `wait()` returns
    when the statements are done and raises what they raised, as Django's exceptions.
    """

    def __init__(self, statements: list[tuple[str, list]]):
        connection.ensure_connection()
        # Captured here: in the thread, `connection` would be that thread's own connection.
        self.wrapper = connections[connection.alias]
        self.raw = connection.connection
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, args=(statements,), name="import-meanwhile", daemon=True)
        self.thread.start()

    def run(self, statements: list[tuple[str, list]]) -> None:
        try:
            with self.wrapper.wrap_database_errors, self.raw.cursor() as cursor:
                for sql, params in statements:
                    cursor.execute(sql, params)
        except BaseException as error:  # handed to the caller's thread by wait()
            self.error = error

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


# Runs the foreign-key checks of the rows written so far now rather than at COMMIT (all of this
# schema's deferrable constraints are initially deferred, Django's default), then defers again.
CHECK_CONSTRAINTS_NOW: list[tuple[str, list]] = [
    ("SET CONSTRAINTS ALL IMMEDIATE", []),
    ("SET CONSTRAINTS ALL DEFERRED", []),
]


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
