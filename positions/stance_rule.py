"""The rule that makes a country's stance on a topic out of its statements (docs/design.md, /about/).

Only statements on the record decide: the actor's own words or an authorised spokesperson's,
taking a side (commentary never does). Of those, the highest office that spoke within
STALE_AFTER_MONTHS of the country's newest one decides, by its newest statement. When statements
of that office rank taking different sides fall within MIXED_WITHIN_DAYS of its newest, the
country spoke with two voices and the cell is *mixed*. Paraphrases and anonymous reports never
decide: a country with nothing else shows *reported only*. Entry order (ids) never decides.

Pure functions over plain rows, so that the same rule makes the current stances (CountryStance)
and each month's (MonthStance) in positions/derived.py, and tests can state it directly.
"""

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from positions.choices import Stance
from positions.staleness import stale_after_months
from sources.dates import add_months
from sources.models import Attribution

ON_RECORD = (Attribution.DIRECT, Attribution.SPOKESPERSON)
MIXED_WITHIN_DAYS = 30
# How many disagreeing statements a cell keeps to list; the count says how many there are.
DISSENT_KEPT = 10


class CellState(models.TextChoices):
    """What a country's cell on a topic says: a stance, two voices, or only reports."""

    DECIDED = "decided", pgettext_lazy("a country's stance", "decided")
    MIXED = "mixed", _("mixed")
    REPORTED = "reported", _("reported only")

    @classmethod
    def definitions(cls) -> dict[str, str | Promise]:
        return {
            cls.DECIDED: _("The newest on-record statement of the highest office that spoke decides the stance."),
            cls.MIXED: _(
                "Offices of the same rank took different sides within 30 days of each other: the government "
                "spoke with more than one voice. Not a stance; both statements are listed."
            ),
            cls.REPORTED: _(
                "Nothing on the record: only paraphrases or reports citing unnamed sources, which never decide "
                "a stance. The newest report is shown, without a stance colour."
            ),
        }


class Statement(NamedTuple):
    """One position of a country on a topic, as the rule reads it. `rank` 0 is the highest office."""

    id: int
    actor_id: int
    rank: int
    stance: str
    stated_on: datetime.date
    date_precision: str
    attribution: str

    @property
    def on_record(self) -> bool:
        return self.attribution in ON_RECORD

    @property
    def decides(self) -> bool:
        return self.on_record and self.stance != Stance.COMMENTARY


# The columns of Position a Statement is read from, in its order.
STATEMENT_COLUMNS = ("id", "actor_id", "office_rank", "stance", "stated_on", "date_precision", "attribution")


@dataclass
class Decision:
    """A cell: its state, the statement it shows, and what stands beside it."""

    state: str
    shown: Statement  # the deciding statement, the newest of a mixed rank, or the newest report
    stance: str  # the stance decided; "" when mixed or reported only
    statements: int = 0  # every statement of the country on the topic that can count
    reported: int = 0  # of them, paraphrases and anonymous reports
    newest_report: Statement | None = None
    dissent: list[Statement] = field(default_factory=list)  # newest first, at most DISSENT_KEPT
    dissent_count: int = 0

    @property
    def chart_stance(self) -> str:
        """The value a month of the stance chart counts: the stance, or "mixed"."""
        return self.stance or self.state


def window_start(newest: datetime.date) -> datetime.date:
    """The first day whose statements still compete with the newest on-record one."""
    return add_months(newest, -stale_after_months())


def latest_per_actor(statements: Sequence[Statement]) -> list[Statement]:
    """Each actor's newest statement (all of them when one actor made several that day)."""
    newest: dict[int, datetime.date] = {}
    for statement in statements:
        if statement.stated_on > newest.get(statement.actor_id, datetime.date.min):
            newest[statement.actor_id] = statement.stated_on
    return [statement for statement in statements if statement.stated_on == newest[statement.actor_id]]


def decide_on_record(deciding: Sequence[Statement], days: Sequence[datetime.date], end: int) -> Decision | None:
    """The rule over the first `end` on-record statements taking a side, oldest first; `days` their dates.

    Only the window's statements are read, so sweeping a pair's months costs the months times the window.
    """
    if not end:
        return None
    newest_day = days[end - 1]
    competing = deciding[bisect.bisect_left(days, window_start(newest_day), 0, end) : end]
    top = min(statement.rank for statement in competing)
    highest = [statement for statement in competing if statement.rank == top]
    day = highest[-1].stated_on
    recent = [statement for statement in highest if statement.stated_on >= day - datetime.timedelta(MIXED_WITHIN_DAYS)]
    # An office that changed its mind within the 30 days is not a second voice: its newest word counts.
    voices = latest_per_actor(recent)
    newest = [statement for statement in voices if statement.stated_on == day]
    # Which of one day's statements is shown never changes the stance: same side, or mixed.
    shown = min(newest, key=lambda statement: statement.id)
    mixed = len({statement.stance for statement in voices}) > 1
    others = [
        statement
        for statement in latest_per_actor(competing)
        if statement.stance != shown.stance and statement.id != shown.id
    ]
    others.sort(key=lambda statement: (statement.rank, -statement.stated_on.toordinal(), statement.id))
    return Decision(
        state=CellState.MIXED if mixed else CellState.DECIDED,
        shown=shown,
        stance="" if mixed else shown.stance,
        dissent=others[:DISSENT_KEPT],
        dissent_count=len(others),
    )


def decide(statements: Sequence[Statement]) -> Decision | None:
    """A country's current cell on a topic from all its statements on it, oldest first; None when there is none."""
    deciding = [statement for statement in statements if statement.decides]
    reports = [statement for statement in statements if not statement.on_record]
    # The newest report, the highest office's first when several share its day.
    newest_report = max(reports, key=lambda s: (s.stated_on, -s.rank, -s.id), default=None)
    decision = decide_on_record(deciding, [statement.stated_on for statement in deciding], len(deciding))
    if decision is None:
        if newest_report is None:
            return None
        decision = Decision(state=CellState.REPORTED, shown=newest_report, stance="")
    decision.statements, decision.reported, decision.newest_report = len(statements), len(reports), newest_report
    return decision


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return add_months(first_of_month(day), 1)


def decide_by_month(
    statements: Sequence[Statement], since: datetime.date = datetime.date.min
) -> list[tuple[datetime.date, Decision]]:
    """The cell at the end of each month in which the country said something on the record, by month.

    Reports never decide, so only months with an on-record statement can change the cell; in
    between it stays as the last such month left it. Only months from `since`'s on are given: a
    month's cell reads nothing said after it, so earlier months stay as they were when statements
    are added from that day on.
    """
    deciding = [statement for statement in statements if statement.decides]
    days = [statement.stated_on for statement in deciding]
    months = sorted({first_of_month(day) for day in days[bisect.bisect_left(days, since) :]})
    found = []
    for month in months:
        upto = bisect.bisect_left(days, next_month(month))
        decision = decide_on_record(deciding, days, upto)
        assert decision is not None
        found.append((month, decision))
    return found
