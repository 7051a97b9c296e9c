"""A version of the data the public overview pages show, for caching what they render.

Rendering the matrix of every country's stances costs far more than reading it (about 1,400
cells with 200 countries), while the data changes only when an editor saves or an import runs.
Every such change leaves a row in a history table (django-simple-history records saves,
deletes and reverts; the importer writes history too), and every rebuild of the country stances
gives them new ids. The largest of those ids therefore changes with any change a page could
show, and is cheap to read: one index probe per table.
"""

from django.db import connection
from sources.models import Quote

from .models import Actor, CountryStance, Position, Topic

TRACKED = (Position.history.model, Actor.history.model, Topic.history.model, Quote.history.model, CountryStance)


def data_version() -> str:
    """A string that differs after any saved change to positions, actors, topics, quotes or country stances."""
    maxima = ", ".join(
        f"(SELECT MAX({connection.ops.quote_name(model._meta.pk.column)}) FROM {connection.ops.quote_name(model._meta.db_table)})"
        for model in TRACKED
    )
    count = f"(SELECT COUNT(*) FROM {connection.ops.quote_name(CountryStance._meta.db_table)})"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}, {count}")
        return "-".join(str(value or 0) for value in cursor.fetchone())
