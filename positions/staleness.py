"""How old a statement is, and when a current stance counts as stale (settings.STALE_AFTER_MONTHS).

A stale stance is still the latest word: pages keep showing it, but say its age in words and
mark it, and timelines draw it faded past that age. Age is counted from the last day the stored
date can stand for (the end of its month or year), so a date known only to the month or year is
never made to look older than it may be.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from positions.timeline.scale import ONE_DAY, period_end


def stale_after_months() -> int:
    return settings.STALE_AFTER_MONTHS


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def latest_possible_day(stated_on: datetime.date, precision: str) -> datetime.date:
    """The last day a date known to the day, month or year may stand for."""
    end = period_end(stated_on, precision)
    return end - ONE_DAY if end != datetime.date.max else end


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later` (0 when `later` is not after it)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    return max(0, months)


def stale_from(stated_on: datetime.date, precision: str) -> datetime.date:
    """The first day on which a statement of this date counts as stale."""
    limit = add_months(latest_possible_day(stated_on, precision), stale_after_months())
    return limit + ONE_DAY if limit < datetime.date.max else limit


@dataclass(frozen=True)
class Age:
    """A statement's age on a given day: whole months, and whether it is past the staleness threshold."""

    months: int
    is_stale: bool


def age_of(stated_on: datetime.date, precision: str, today: datetime.date) -> Age:
    latest = latest_possible_day(stated_on, precision)
    return Age(months_between(latest, today), today >= stale_from(stated_on, precision))
