"""PostgreSQL-only indexes behind full-text search and the country-stance matrix.

They are expression and partial indexes that the queries in positions/querysets.py spell out
in SQL, so they live here rather than in Meta.indexes; SQLite, the embedded default, skips them.
"""

from django.db import migrations

INDEXES = {
    "quote_text_fts": "sources_quote USING gin (to_tsvector('english', text))",
    "quote_original_fts": "sources_quote USING gin (to_tsvector('simple', original_text))",
    "actor_names_fts": "positions_actor USING gin (to_tsvector('english', name || ' ' || aliases))",
    "position_summary_fts": "positions_position USING gin (to_tsvector('english', summary))",
    "position_gov_stance_idx": (
        "positions_position (country, topic_id, stated_on DESC, id DESC) WHERE actor_kind IN ('state', 'official')"
    ),
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
        ("positions", "0002_groups"),
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
