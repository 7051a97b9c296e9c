"""Optional Ukrainian texts beside the English ones, and Ukrainian names in the search vector.

Explicit `_uk` columns (docs/translation.md says why not django-modeltranslation), with a
default of '' in Python (for the COPY writers that read every field of a new row) and in the
database, so that writers which do not name them (COPY in positions/demo/bulk_load.py, raw
SQL) still insert rows. On PostgreSQL the search triggers of migration 0005 now also read the actor's `name_uk` (weight A,
with the name and aliases) and the position's `summary_uk` (weight B, with the summary), and fire
when those change. The vector formula itself is unchanged, so no row needs rewriting now: every
new column starts empty, which adds nothing to a vector.
"""

from django.db import migrations, models

import sources.text

# The formula's arguments: the Ukrainian texts ride along with their English twins.
ACTOR_NAMES = "coalesce({a}.name, '') || ' ' || coalesce({a}.name_uk, '')"
SUMMARIES = "coalesce({p}.summary, '') || ' ' || coalesce({p}.summary_uk, '')"


def triggers(actor_names: str, summaries: str, actor_columns: str, position_columns: str) -> list[str]:
    position_actor = actor_names.format(a="a")
    new_summaries = summaries.format(p="NEW")
    actor_new = actor_names.format(a="NEW")
    p_summaries = summaries.format(p="p")
    return [
        "DROP TRIGGER IF EXISTS positions_position_search_vector ON positions_position",
        f"""
CREATE OR REPLACE FUNCTION positions_position_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT positions_search_vector({position_actor}, a.aliases, q.text, {new_summaries}, q.original_text)
      INTO NEW.search_vector
      FROM positions_actor a, sources_quote q
     WHERE a.id = NEW.actor_id AND q.id = NEW.quote_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER positions_position_search_vector
    BEFORE INSERT OR UPDATE OF {position_columns} ON positions_position
    FOR EACH ROW EXECUTE FUNCTION positions_position_search_vector();
""",
        f"""
CREATE OR REPLACE FUNCTION positions_quote_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE positions_position p
       SET search_vector = positions_search_vector({position_actor}, a.aliases, NEW.text, {p_summaries},
                                                   NEW.original_text)
      FROM positions_actor a
     WHERE p.quote_id = NEW.id AND a.id = p.actor_id;
    RETURN NULL;
END
$$;
""",
        "DROP TRIGGER IF EXISTS positions_actor_search_vector ON positions_actor",
        f"""
CREATE OR REPLACE FUNCTION positions_actor_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE positions_position p
       SET search_vector = positions_search_vector({actor_new}, NEW.aliases, q.text, {p_summaries},
                                                   q.original_text)
      FROM sources_quote q
     WHERE p.actor_id = NEW.id AND q.id = p.quote_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER positions_actor_search_vector
    AFTER UPDATE OF {actor_columns} ON positions_actor
    FOR EACH ROW
    WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in actor_columns.split(", "))})
    EXECUTE FUNCTION positions_actor_search_vector();
""",
    ]


FORWARD = triggers(ACTOR_NAMES, SUMMARIES, "name, name_uk, aliases", "actor_id, quote_id, summary, summary_uk")
# Migration 0005's triggers, for going back: the English texts alone.
BACKWARD = triggers("{a}.name", "{p}.summary", "name, aliases", "actor_id, quote_id, summary")


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0010_credibility"),
    ]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="description_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="description in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="actor",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                help_text="Shown on the Ukrainian pages; found by search.",
                max_length=200,
                verbose_name="name in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="authorisationbody",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                max_length=300,
                verbose_name="body in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="description_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="description in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                help_text="Shown on the Ukrainian pages; found by search.",
                max_length=200,
                verbose_name="name in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalauthorisationbody",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                max_length=300,
                verbose_name="body in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="conditions_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="conditions in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalposition",
            name="summary_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="summary in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicalrole",
            name="title_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                help_text="e.g. Міністр закордонних справ",
                max_length=200,
                verbose_name="title in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicaltopic",
            name="description_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="description in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="historicaltopic",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                max_length=200,
                verbose_name="name in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="conditions_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="conditions in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="summary_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="summary in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="role",
            name="title_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                help_text="e.g. Міністр закордонних справ",
                max_length=200,
                verbose_name="title in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="description_uk",
            field=models.TextField(
                validators=[sources.text.NoControlCharacters()],
                blank=True,
                db_default="",
                default="",
                verbose_name="description in Ukrainian",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_uk",
            field=models.CharField(
                validators=[sources.text.NoControlCharacters(), sources.text.NoBidiControls()],
                blank=True,
                db_default="",
                default="",
                max_length=200,
                verbose_name="name in Ukrainian",
            ),
        ),
        # After the columns exist (the triggers read them); before them when going back.
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
