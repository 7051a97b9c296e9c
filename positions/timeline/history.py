"""An actor's history on a topic: the positions around the drawn ones, the changes of stance, what superseded what.

Positions are ordered by date, then id, so two positions stated on the same day are settled by
which was recorded later (the same rule as `PositionQuerySet.current()`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import OuterRef, Q, Subquery

from positions.choices import Stance


@dataclass(frozen=True)
class HistoryLink:
    """One position in an actor's history on a topic, with just what ordering and bands need."""

    id: int
    stance: str
    stated_on: datetime.date
    date_precision: str


@dataclass(frozen=True)
class StanceChange:
    """A move from one stance to another between an actor's consecutive positions on a topic."""

    before: str
    after: str

    @cached_property
    def steps(self) -> int | None:
        """Steps along the supports → rules-out scale; None when commentary is involved."""
        before, after = Stance.scale_position(self.before), Stance.scale_position(self.after)
        if before is None or after is None:
            return None
        return abs(after - before)

    @property
    def is_reversal(self) -> bool:
        """Two or more steps at once, e.g. open → opposes: the changes readers most need to see."""
        return (self.steps or 0) >= 2

    @property
    def direction(self) -> str:
        before, after = Stance.scale_position(self.before), Stance.scale_position(self.after)
        if before is None or after is None:
            return ""
        return "towards-support" if after < before else "towards-ruling-out"

    @property
    def label(self) -> str:
        return f"{Stance(self.before).label} → {Stance(self.after).label}"


def detect_change(previous: str | None, current: str) -> StanceChange | None:
    if previous is None or previous == current:
        return None
    return StanceChange(previous, current)


def previous_stance(model):
    """The stance of the same actor's position on the same topic just before the outer row (date, then id).

    Asked per drawn statement, so the stance a statement changed from is right even when the one
    before it is older than anything drawn or hidden by a filter. `stated_on <= outer` stands
    apart from the tie on id so that PostgreSQL bounds its walk back along the
    (actor, topic, stated_on) index by it.
    """
    earlier = Q(stated_on__lt=OuterRef("stated_on")) | Q(id__lt=OuterRef("id"))
    return Subquery(
        model.objects.filter(actor_id=OuterRef("actor_id"), topic_id=OuterRef("topic_id"))
        .filter(earlier, stated_on__lte=OuterRef("stated_on"))
        .order_by("-stated_on", "-id")
        .values("stance")[:1]
    )


def load_histories(
    model, pairs: set[tuple[int, int]], since: tuple[datetime.date, int] | None = None
) -> dict[tuple[int, int], list[HistoryLink]]:
    """The positions of these (actor id, topic id) pairs from `since` (a date and id) on, by date then id.

    What a drawn statement needs of its history comes after it (the position that supersedes it,
    the next one that takes a side), so nothing older than the oldest drawn statement is read:
    a country's 200 newest statements used to load every position of their actors on their
    topics (tens of thousands at a million positions). The stance before each statement comes
    from `previous_stance`. The actors are named as a list, so PostgreSQL probes the
    (actor, topic, stated_on) index for each of them; asked through a subquery of the selection,
    it misjudged how many there are and scanned every position.
    """
    if not pairs:
        return {}
    actor_ids = sorted({actor_id for actor_id, _topic_id in pairs})
    rows = model.objects.filter(actor_id__in=actor_ids, topic_id__in={topic_id for _actor_id, topic_id in pairs})
    if since:
        day, pk = since
        rows = rows.filter(Q(stated_on__gt=day) | Q(id__gte=pk), stated_on__gte=day)
    rows = rows.order_by("actor_id", "topic_id", "stated_on", "id").values_list(
        "actor_id", "topic_id", "id", "stance", "stated_on", "date_precision"
    )
    histories: dict[tuple[int, int], list[HistoryLink]] = defaultdict(list)
    for actor_id, topic_id, pk, stance, stated_on, precision in rows:
        if (actor_id, topic_id) in pairs:
            histories[(actor_id, topic_id)].append(HistoryLink(pk, stance, stated_on, precision))
    return histories
