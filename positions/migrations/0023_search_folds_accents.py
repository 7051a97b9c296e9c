"""Search folds case and accents both ways: "lecka" finds "Łęcka", and "łęcka" finds "Lecka".

On PostgreSQL, the `unaccent` extension (in Debian's postgresql-15 package; trusted, so the
database's owner may create it) and `positions_fold`, lower case without accents, applied to
every text of the stored search vector and to each searched word (positions/querysets.py).
The vector's formula changes, so every position's vector is computed again here. SQLite gets a
Python function of the same name on each connection (positions/folding.py).
"""

from django.db import migrations

FOLD_FUNCTION = """
CREATE OR REPLACE FUNCTION positions_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(unaccent('unaccent'::regdictionary, coalesce(value, '')))
$$;
"""
# unaccent() is only STABLE (its rules file could change); the vector is stored and recomputed
# by this migration if the rules ever did, so calling it IMMUTABLE here is safe.

VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION positions_search_vector(
    actor_name text, actor_aliases text, quote_text text, summary text, original_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig,
                                 {fold}(coalesce(actor_name, '') || ' ' || coalesce(actor_aliases, ''))), 'A')
        || setweight(to_tsvector('english'::regconfig,
                                 {fold}(coalesce(quote_text, '') || ' ' || coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, {fold}(coalesce(original_text, ''))), 'C')
$$;
"""

RECOMPUTE = """
UPDATE positions_position p
   SET search_vector = positions_search_vector(
           coalesce(a.name, '') || ' ' || coalesce(a.name_uk, ''), a.aliases, q.text,
           coalesce(p.summary, '') || ' ' || coalesce(p.summary_uk, ''), q.original_text)
  FROM positions_actor a, sources_quote q
 WHERE a.id = p.actor_id AND q.id = p.quote_id;
"""

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    FOLD_FUNCTION,
    VECTOR_FUNCTION.format(fold="positions_fold"),
    RECOMPUTE,
]
# Back to migration 0005's formula; the extension stays (another app may use it).
BACKWARD = [
    VECTOR_FUNCTION.format(fold=""),
    RECOMPUTE,
    "DROP FUNCTION IF EXISTS positions_fold(text)",
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
        ("positions", "0022_corrections"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
