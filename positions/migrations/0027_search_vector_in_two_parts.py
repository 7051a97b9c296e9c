"""The search vector's formula in two parts: the actor's words, and the statement's own words.

`positions_search_vector` is the same vector as before (migration 0023's three weighted parts,
concatenated), now written as the actor's part followed by the words' part. The words' part
(quote, summary, original text) depends only on what an imported row says, so the importer can
have it computed by a second connection while this one matches the file's rows against the
database (positions/postgres.py, `TextVectors`), and join the actor's part when it writes. Stored
vectors need no recomputing: a concatenation of tsvectors shifts each part's positions by the
highest position before it, whichever way the three parts are grouped (checked on a million
positions, and by tests/exchange/test_import_derived.py).
"""

from django.db import migrations

ACTOR_VECTOR = """
CREATE OR REPLACE FUNCTION positions_actor_vector(actor_name text, actor_aliases text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig,
                                 positions_fold(coalesce(actor_name, '') || ' ' || coalesce(actor_aliases, ''))), 'A')
$$;
"""
TEXT_VECTOR = """
CREATE OR REPLACE FUNCTION positions_text_vector(quote_text text, summary text, original_text text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig,
                                 positions_fold(coalesce(quote_text, '') || ' ' || coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, positions_fold(coalesce(original_text, ''))), 'C')
$$;
"""
SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION positions_search_vector(
    actor_name text, actor_aliases text, quote_text text, summary text, original_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT positions_actor_vector(actor_name, actor_aliases) || positions_text_vector(quote_text, summary, original_text)
$$;
"""
# Migration 0023's formula, in one piece.
WHOLE = """
CREATE OR REPLACE FUNCTION positions_search_vector(
    actor_name text, actor_aliases text, quote_text text, summary text, original_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig,
                                 positions_fold(coalesce(actor_name, '') || ' ' || coalesce(actor_aliases, ''))), 'A')
        || setweight(to_tsvector('english'::regconfig,
                                 positions_fold(coalesce(quote_text, '') || ' ' || coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig, positions_fold(coalesce(original_text, ''))), 'C')
$$;
"""

FORWARD = [ACTOR_VECTOR, TEXT_VECTOR, SEARCH_VECTOR]
BACKWARD = [
    WHOLE,
    "DROP FUNCTION IF EXISTS positions_text_vector(text, text, text)",
    "DROP FUNCTION IF EXISTS positions_actor_vector(text, text)",
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
        ("positions", "0026_search_vector_given_on_insert"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
