"""PostgreSQL index behind an actor's page: its positions, newest first.

Measured with one million positions (docs/performance.md): without it, PostgreSQL walks the
date index backwards and filters by actor (about 0.5 s for an actor with 1,500 positions);
with it, the page's 50 rows come from one index-only scan (under 0.1 ms), and counting an
actor's positions is an index-only scan too. Like migration 0003, it is raw SQL that SQLite,
the small embedded default, skips.
"""

from django.db import migrations

INDEXES = {
    "position_actor_date_idx": "positions_position (actor_id, stated_on, id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0003_search_and_stance_indexes"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
