"""A stored, weighted full-text vector per position, kept current by PostgreSQL triggers.

Searching used to build a tsvector for every matching row from the actor, the quote and the
summary (about 19 s for "ceasefire" over one million positions, docs/performance.md). The
vector now sits on the position, behind one GIN index, so a search is an index lookup and the
newest matches come from the date index with LIMIT.

Weights follow the ranking it replaces: actor name and aliases A, quote text and summary B
(both 'english'), the original text C ('simple', for Cyrillic and French words unstemmed).
Triggers keep it correct whoever writes: the ORM, the admin, the importer or COPY; editing a
quote or an actor recomputes the positions that show it. The column is not a model field,
since SQLite, the embedded default, has none: migrations skip it there and positions/querysets.py
spells it out in SQL.
"""

from django.db import migrations

# One formula, used by the triggers and the backfill alike.
VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION positions_search_vector(
    actor_name text, actor_aliases text, quote_text text, summary text, original_text text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig,
                                 coalesce(actor_name, '') || ' ' || coalesce(actor_aliases, '')), 'A')
        || setweight(to_tsvector('english'::regconfig,
                                 coalesce(quote_text, '') || ' ' || coalesce(summary, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(original_text, '')), 'C')
$$;
"""

POSITION_TRIGGER = """
CREATE OR REPLACE FUNCTION positions_position_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT positions_search_vector(a.name, a.aliases, q.text, NEW.summary, q.original_text)
      INTO NEW.search_vector
      FROM positions_actor a, sources_quote q
     WHERE a.id = NEW.actor_id AND q.id = NEW.quote_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER positions_position_search_vector
    BEFORE INSERT OR UPDATE OF actor_id, quote_id, summary ON positions_position
    FOR EACH ROW EXECUTE FUNCTION positions_position_search_vector();
"""

QUOTE_TRIGGER = """
CREATE OR REPLACE FUNCTION positions_quote_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE positions_position p
       SET search_vector = positions_search_vector(a.name, a.aliases, NEW.text, p.summary, NEW.original_text)
      FROM positions_actor a
     WHERE p.quote_id = NEW.id AND a.id = p.actor_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER positions_quote_search_vector
    AFTER UPDATE OF text, original_text ON sources_quote
    FOR EACH ROW
    WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.original_text IS DISTINCT FROM NEW.original_text)
    EXECUTE FUNCTION positions_quote_search_vector();
"""

ACTOR_TRIGGER = """
CREATE OR REPLACE FUNCTION positions_actor_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE positions_position p
       SET search_vector = positions_search_vector(NEW.name, NEW.aliases, q.text, p.summary, q.original_text)
      FROM sources_quote q
     WHERE p.actor_id = NEW.id AND q.id = p.quote_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER positions_actor_search_vector
    AFTER UPDATE OF name, aliases ON positions_actor
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.aliases IS DISTINCT FROM NEW.aliases)
    EXECUTE FUNCTION positions_actor_search_vector();
"""

# Set-based, as generate_data also runs it after a bulk load (positions/bulk_load.py).
BACKFILL = """
UPDATE positions_position p
   SET search_vector = positions_search_vector(a.name, a.aliases, q.text, p.summary, q.original_text)
  FROM positions_actor a, sources_quote q
 WHERE a.id = p.actor_id AND q.id = p.quote_id
"""

# Migration 0003's per-column expression indexes served the search this vector replaces; dropping
# them spares every write of a quote, an actor or a position their upkeep.
OLD_INDEXES = {
    "quote_text_fts": "sources_quote USING gin (to_tsvector('english', text))",
    "quote_original_fts": "sources_quote USING gin (to_tsvector('simple', original_text))",
    "actor_names_fts": "positions_actor USING gin (to_tsvector('english', name || ' ' || aliases))",
    "position_summary_fts": "positions_position USING gin (to_tsvector('english', summary))",
}

FORWARD = [
    "ALTER TABLE positions_position ADD COLUMN search_vector tsvector",
    VECTOR_FUNCTION,
    POSITION_TRIGGER,
    QUOTE_TRIGGER,
    ACTOR_TRIGGER,
    *(f"DROP INDEX IF EXISTS {name}" for name in OLD_INDEXES),
    "SET LOCAL maintenance_work_mem = '256MB'",
    BACKFILL,
    # The backfill wrote a new version of every row, leaving the old ones dead: the table would
    # stay twice its size (VACUUM frees the space but cannot return it, and cannot run in a
    # migration's transaction). CLUSTER rewrites it compactly, in date order, which the list's
    # newest-first pages then read from neighbouring pages.
    "CLUSTER positions_position USING position_date_idx",
    "CREATE INDEX position_search_vector_idx ON positions_position USING gin (search_vector)",
    # Without statistics on the new column the planner guesses a search matches 0.1 % of rows,
    # and sorts every match rather than walking the date index for a page of a common word.
    "ANALYZE positions_position",
]

BACKWARD = [
    "SET LOCAL maintenance_work_mem = '256MB'",
    *(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}" for name, definition in OLD_INDEXES.items()),
    "DROP TRIGGER IF EXISTS positions_actor_search_vector ON positions_actor",
    "DROP TRIGGER IF EXISTS positions_quote_search_vector ON sources_quote",
    "DROP TRIGGER IF EXISTS positions_position_search_vector ON positions_position",
    "DROP FUNCTION IF EXISTS positions_actor_search_vector()",
    "DROP FUNCTION IF EXISTS positions_quote_search_vector()",
    "DROP FUNCTION IF EXISTS positions_position_search_vector()",
    "DROP INDEX IF EXISTS position_search_vector_idx",
    "ALTER TABLE positions_position DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS positions_search_vector(text, text, text, text, text)",
]


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0004_perf_indexes"),
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_search_vector, drop_search_vector)]
