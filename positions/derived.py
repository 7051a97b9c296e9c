"""Keeping the CountryStance table in step with positions.

A country's stance on a topic is its government's latest position on it (see
`PositionQuerySet.country_stances`). Which position that is, and how many governmental
positions the country has on the topic, change only when a position is added, deleted, moved
to another topic or date, or when an actor's country or kind changes. Those events refresh the
(country, topic) pairs they touch; bulk loads, which send no signals, refresh everything once.
Everything else a matrix cell shows (stance, date, who, verification) is read through the
position itself, so it can never be stale.
"""

from django.db import transaction
from django.db.models import Count

from .models import CountryStance, Position


def statement_counts(positions) -> dict[tuple[str, int], int]:
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
            found.append(CountryStance(country=country, topic_id=topic_id, position_id=latest, statements=of_pair.count()))
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
