"""An index for the Ukrainian actors list's order: the Ukrainian name, else the English one, in the
Ukrainian alphabet's order (ICU's `uk-x-icu`), then the id (ActorQuerySet.by_name).

Without it PostgreSQL sorts every actor for each page of /uk/actors/. PostgreSQL only: SQLite's
collation of that name is a Python function (positions/apps.py), which an index would need
whenever the file is opened.
"""

from django.db import migrations

INDEX = "positions_actor_name_uk_order_idx"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON positions_actor "
    "((COALESCE(NULLIF(name_uk, ''), name) COLLATE \"uk-x-icu\"), id)"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0024_correction_restored"),
    ]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
