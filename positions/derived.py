"""Everything derived from other rows and kept in step: one place, called by the signals, the
importer and the data generator alike.

- Positions carry copies of their actor's country and kind and of their quote's verification,
  so every filter is an indexed column of positions (see `Position`). `copy_actor_columns` and
  `copy_quote_verification` bring existing positions in line after an actor or a quote changes.
- `CountryStance` holds each country's current stance per topic (its government's latest
  position, see `PositionQuerySet.country_stances`). Which position that is, and how many
  governmental positions the country has on the topic, change only when a position is added,
  deleted, moved to another topic or date, or when an actor's country or kind changes. Those
  events refresh the (country, topic) pairs they touch; bulk loads, which send no signals,
  refresh everything once. Everything else a matrix cell shows (stance, date, who,
  verification) is read through the position itself, so it can never be stale.
- `data_version` names the state of the data that the cached overview pages were drawn from;
  `last_data_change` says when a position or quote last changed (the footer's "last updated").
"""

import datetime

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from positions.models import Actor, CountryStance, Position, Topic
from sources.models import Quote

Pair = tuple[str, int]  # (country code, topic id)


def copy_actor_columns(actor: Actor) -> set[Pair]:
    """Copy an actor's country and kind onto its positions; returns the stance pairs it touched."""
    country = actor.country.code if actor.country else ""
    moved = Position.objects.filter(actor=actor).exclude(country=country, actor_kind=actor.kind)
    pairs = set(moved.order_by().values_list("country", "topic").distinct())
    if not pairs:
        return set()
    moved.update(country=country, actor_kind=actor.kind)
    return pairs | {(country, topic_id) for _old, topic_id in pairs}


def copy_quote_verification(quote_ids, verification: str) -> None:
    """Copy a verification onto the positions that cite these quotes."""
    Position.objects.filter(quote_id__in=quote_ids).exclude(verification=verification).update(verification=verification)


def statement_counts(positions) -> dict[Pair, int]:
    """Governmental positions per (country, topic id) among `positions`."""
    rows = positions.governmental().order_by().values_list("country", "topic").annotate(n=Count("id"))
    return {(country, topic_id): n for country, topic_id, n in rows}


@transaction.atomic
def refresh_all() -> int:
    """Rebuild the whole table, after a bulk load or a restore; returns how many stances there are."""
    counts = statement_counts(Position.objects.all())
    stances = [
        CountryStance(country=country, topic_id=topic_id, position_id=pk, statements=counts[country, topic_id])
        for pk, country, topic_id in Position.objects.country_stances().order_by().values_list("id", "country", "topic")
    ]
    CountryStance.objects.all().delete()
    CountryStance.objects.bulk_create(stances, batch_size=1000)
    return len(stances)


@transaction.atomic
def refresh(pairs) -> None:
    """Recompute the stances of some (country, topic id) pairs, adding, updating or removing rows."""
    pairs = {(country, topic_id) for country, topic_id in pairs if country}
    if not pairs:
        return
    found = []
    for country, topic_id in sorted(pairs):
        # One probe of the (country, topic, date) index and one count per pair: a save touches one
        # or two pairs, an actor's move at most two countries' topics.
        of_pair = Position.objects.governmental().filter(country=country, topic_id=topic_id)
        latest = of_pair.order_by("-stated_on", "-id").values_list("id", flat=True).first()
        if latest is not None:
            found.append(
                CountryStance(country=country, topic_id=topic_id, position_id=latest, statements=of_pair.count())
            )
    if found:
        CountryStance.objects.bulk_create(
            found,
            update_conflicts=True,
            unique_fields=["country", "topic"],
            update_fields=["position", "statements"],
        )
    gone = pairs - {(stance.country, stance.topic_id) for stance in found}
    for country, topic_id in gone:
        CountryStance.objects.filter(country=country, topic_id=topic_id).delete()


# Every saved change leaves a row in a history table (django-simple-history records saves,
# deletes and reverts; the importer writes history too), and every rebuild of the country
# stances gives them new ids. The largest of those ids therefore changes with any change a page
# could show, and is cheap to read: one index probe per table.
TRACKED = (Position.history.model, Actor.history.model, Topic.history.model, Quote.history.model, CountryStance)


def data_version() -> str:
    """A string that differs after any saved change to positions, actors, topics, quotes or country stances."""
    quote = connection.ops.quote_name
    maxima = ", ".join(
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})" for model in TRACKED
    )
    count = f"(SELECT COUNT(*) FROM {quote(CountryStance._meta.db_table)})"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}, {count}")
        return "-".join(str(value or 0) for value in cursor.fetchone())


# What readers see as "data last updated": the newest recorded change to a position or a quote.
# history_date is indexed, so this is one index probe per table.
CHANGES_SHOWN = (Position.history.model, Quote.history.model)


def last_data_change() -> datetime.datetime | None:
    """When a position or quote was last added, changed or deleted (None when no change is recorded)."""
    quote = connection.ops.quote_name
    latest = " UNION ALL ".join(
        f"SELECT MAX({quote('history_date')}) AS changed FROM {quote(model._meta.db_table)}" for model in CHANGES_SHOWN
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(changed) FROM ({latest}) AS latest")
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite hands back text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value
