"""How old a statement is, and when a current stance counts as stale (settings.STALE_AFTER_MONTHS).

A stale stance is still the latest word: pages keep showing it, but say its age in words and
mark it, and timelines draw it faded past that age. Age is counted from the last day the stored
date can stand for (the end of its month or year), so a date known only to the month or year is
never made to look older than it may be.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from sources.dates import ONE_DAY, add_months, latest_possible_day, months_between


def stale_after_months() -> int:
    return settings.STALE_AFTER_MONTHS


def stale_from(stated_on: datetime.date, precision: str) -> datetime.date:
    """The first day on which a statement of this date counts as stale."""
    limit = add_months(latest_possible_day(stated_on, precision), stale_after_months())
    return limit + ONE_DAY if limit < datetime.date.max else limit


@dataclass(frozen=True)
class Age:
    """A statement's age on a given day: whole months, and whether it is past the staleness threshold."""

    months: int
    is_stale: bool


def age_in_days(stated_on: datetime.date, precision: str, today: datetime.date) -> int:
    """Whole days from the last day the stored date can stand for to `today`; 0 for a date not yet past."""
    return max(0, (today - latest_possible_day(stated_on, precision)).days)


def age_of(stated_on: datetime.date, precision: str, today: datetime.date) -> Age:
    latest = latest_possible_day(stated_on, precision)
    return Age(months_between(latest, today), today >= stale_from(stated_on, precision))
