"""An actor's history on a topic: its positions in order, the changes of stance, what superseded what.

Positions are ordered by date, then id, so two positions stated on the same day are settled by
which was recorded later (the same rule as `PositionQuerySet.current()`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

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


def load_histories(model, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], list[HistoryLink]]:
    """Every position of these (actor id, topic id) pairs, ordered by date then id (ties by id).

    The actors are named as a list, so PostgreSQL probes the actor index for each of them; asked
    through a subquery of the selection, it misjudged how many there are and scanned every
    position (240 ms for a country's 4,899 statements at a million positions).
    """
    actor_ids = sorted({actor_id for actor_id, _topic_id in pairs})
    rows = (
        model.objects.filter(actor_id__in=actor_ids, topic_id__in={topic_id for _actor_id, topic_id in pairs})
        .order_by("actor_id", "topic_id", "stated_on", "id")
        .values_list("actor_id", "topic_id", "id", "stance", "stated_on", "date_precision")
    )
    histories: dict[tuple[int, int], list[HistoryLink]] = defaultdict(list)
    for actor_id, topic_id, pk, stance, stated_on, precision in rows:
        if (actor_id, topic_id) in pairs:
            histories[(actor_id, topic_id)].append(HistoryLink(pk, stance, stated_on, precision))
    return histories
