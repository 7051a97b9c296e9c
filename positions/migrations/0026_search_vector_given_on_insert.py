"""A position inserted with its search vector already computed keeps it; any other still gets one.

The importer computes the vectors of a file's new positions in one `INSERT … SELECT`
(positions/postgres.py), joining the actors and quotes once for all rows; the row trigger
did the same work one row at a time, with two lookups each, and was half of the time PostgreSQL
spent writing an import's positions. The trigger is split: on INSERT it fires only when the row
arrives without a vector (every writer but the importer, which never names the column), so the
trigger's WHEN clause skips even the function call; on UPDATE it fires as before.
"""

from django.db import migrations

SPLIT = [
    "DROP TRIGGER IF EXISTS positions_position_search_vector ON positions_position",
    """
CREATE TRIGGER positions_position_search_vector
    BEFORE UPDATE OF actor_id, quote_id, summary, summary_uk ON positions_position
    FOR EACH ROW EXECUTE FUNCTION positions_position_search_vector();
""",
    """
CREATE TRIGGER positions_position_search_vector_insert
    BEFORE INSERT ON positions_position
    FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION positions_position_search_vector();
""",
]
# Migration 0011's single trigger.
JOINED = [
    "DROP TRIGGER IF EXISTS positions_position_search_vector_insert ON positions_position",
    "DROP TRIGGER IF EXISTS positions_position_search_vector ON positions_position",
    """
CREATE TRIGGER positions_position_search_vector
    BEFORE INSERT OR UPDATE OF actor_id, quote_id, summary, summary_uk ON positions_position
    FOR EACH ROW EXECUTE FUNCTION positions_position_search_vector();
""",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0025_actor_ukrainian_name_order"),
    ]

    operations = [
        migrations.RunPython(run(SPLIT), run(JOINED)),
    ]
