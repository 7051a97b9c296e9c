"""Which countries stood where on a topic at each month's end: the data behind the stance chart.

A country's stance at a month's end follows the rule of its current stance (positions/stance_rule.py)
applied to its statements up to that day: a stance, or "mixed". Each country's stance at the end
of each month it spoke on the record is read from `MonthStance` and swept month by month in Python.
"""

import datetime
from dataclasses import dataclass

from django_countries import countries

from positions.models import MonthStance
from positions.staleness import stale_from
from positions.timeline.scale import month_start
from sources.collation import collation_key
from sources.dates import next_month


def month_ends(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first of each month from `first`'s month to `last`'s month."""
    months: list[datetime.date] = []
    day = month_start(first)
    while day <= last and (not months or day > months[-1]):
        months.append(day)
        day = next_month(day)
    return months


@dataclass
class MonthTally:
    counts: dict[str, int]
    names: dict[str, list[str]]
    stale: dict[str, int]


def count_stances(rows, months: list[datetime.date]) -> list[MonthTally]:
    """Sweep the month rows by month: each month, count each country's latest stance (or "mixed").

    A country's stance counts as stale in a month whose end comes STALE_AFTER_MONTHS or more after it was stated.

    Kept per stance as sets of countries, so that each month only the stances some country moved
    to or from have their names sorted again; at a million positions (200 countries, 155 months)
    sorting every stance's names every month was most of the chart's Python. The names lists
    are shared by the months between changes and must not be changed by callers.
    """
    stance_of: dict[str, str] = {}
    fades_on: dict[str, datetime.date] = {}
    members: dict[str, set[str]] = {}
    sorted_names: dict[str, list[str]] = {}
    # Each name is translated, and its collation key worked out, once rather than once a month:
    # 200 countries over 13 years made seconds of it (the key alone ~30,000 calls at a million).
    name_of: dict[str, str] = {}
    order_of: dict[str, tuple] = {}
    # Many statements share a date: each (date, precision) is worked out once.
    fade_of: dict[tuple, datetime.date] = {}
    tallies = []
    index = 0
    for month in months:
        month_end = next_month(month)
        moved: set[str] = set()
        while index < len(rows) and rows[index][1] < month_end:
            country, _month, stated_on, stance, precision = rows[index]
            index += 1
            fades = fade_of.get((stated_on, precision))
            if fades is None:
                fades = fade_of[(stated_on, precision)] = stale_from(stated_on, precision)
            fades_on[country] = fades
            before = stance_of.get(country)
            if before != stance:
                if before is not None:
                    members[before].discard(country)
                    moved.add(before)
                else:
                    name_of[country] = str(countries.name(country) or country)
                    order_of[country] = collation_key(name_of[country])
                members.setdefault(stance, set()).add(country)
                moved.add(stance)
                stance_of[country] = stance
        for stance in moved:
            if members[stance]:
                sorted_names[stance] = [
                    name_of[country] for country in sorted(members[stance], key=order_of.__getitem__)
                ]
            else:
                # A stance every country has left (possibly one taken and left within the month).
                del members[stance]
                sorted_names.pop(stance, None)
        counts = {stance: len(found) for stance, found in members.items()}
        stale: dict[str, int] = {}
        for stance, found in members.items():
            faded = sum(1 for country in found if fades_on[country] < month_end)
            if faded:
                stale[stance] = faded
        tallies.append(MonthTally(counts, dict(sorted_names), stale))
    return tallies


# What the sweep reads of each MonthStance row.
MONTH_ROW = ("country", "month", "stated_on", "stance", "date_precision")


def month_rows(topic, codes: list[str] | None) -> list[tuple]:
    """Each country's stance on the topic at the end of each month it spoke on the record, oldest first.

    `count_stances` needs no more: a country's stance at a month's end is the one of the latest
    month up to then in which it spoke on the record. `MonthStance` holds those rows, kept in step with
    the positions (positions/derived.py): one index range of a topic's ~12,000 rows at a million
    positions, where walking the positions took one index probe per country and month.
    A country has one row a month, ordered by the month: the shown statement may be older than the
    month it decides (a head's word still deciding after a minister spoke), its date only ages it.
    """
    rows = MonthStance.objects.filter(topic=topic)
    if codes:
        rows = rows.filter(country__in=codes)
    return list(rows.order_by("month").values_list(*MONTH_ROW))
