"""Bulk loading of rows given as tuples: COPY on PostgreSQL, `bulk_create` on other databases.

Used by `generate_data`. Rows carry explicit ids; afterwards `finish()` moves the id sequences
past them and refreshes the planner's statistics.
"""

from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection

from positions import postgres
from positions.models import Actor, Position, Role
from sources.models import Outlet, Quote, Source


class BulkWriter:
    """Writes rows of explicit columns: COPY on PostgreSQL, `bulk_create` on other databases."""

    def __init__(self, batch_size: int = 2000):
        self.batch_size = batch_size
        self.postgres = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}
        self.dropped_indexes: list[str] = []

    def write(self, model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        written = 0
        if self.postgres:
            written = postgres.copy_into(model, [model._meta.get_field(name).column for name in columns], rows)
        else:
            batch = []
            for row in rows:
                batch.append(model(**dict(zip(columns, row, strict=True))))
                if len(batch) >= self.batch_size:
                    model.objects.bulk_create(batch)
                    written += len(batch)
                    batch = []
            model.objects.bulk_create(batch)
            written += len(batch)
        label = model._meta.verbose_name_plural
        self.counts[label] = self.counts.get(label, 0) + written
        return written

    def drop_secondary_indexes(self, models) -> None:
        """Drop the plain indexes of these tables, to build them once after the load (PostgreSQL only).

        Building an index over a loaded table is several times faster than updating it row by row;
        indexes that back a constraint (primary key, unique) stay, so the load is still checked.
        """
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(
                    """
                    SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
                    WHERE indrelid = %s::regclass AND NOT indisprimary AND NOT indisunique
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
                    """,
                    [model._meta.db_table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {name}")
                    self.dropped_indexes.append(definition)

    def rebuild_indexes(self) -> None:
        if not self.dropped_indexes:
            return
        with connection.cursor() as cursor:
            # Foreign keys are checked at commit; an index cannot be built over pending checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for definition in self.dropped_indexes:
                cursor.execute(definition)
        self.dropped_indexes = []

    def finish(self) -> None:
        """Move id sequences past the copied rows and refresh the planner's statistics.

        Outside a transaction, VACUUM as well: it sets the visibility map, without which
        PostgreSQL cannot answer counts from an index alone (index-only scans).
        """
        if not self.postgres:
            return
        loaded = [Actor, Role, Outlet, Source, Quote, Position]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                cursor.execute(statement)
            refresh = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for model in loaded:
                cursor.execute(f"{refresh} {connection.ops.quote_name(model._meta.db_table)}")
