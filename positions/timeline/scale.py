"""The timeline's time axis: the x-scale, and month and year ticks (a partial date's period: sources/dates.py)."""

import datetime
from dataclasses import dataclass

from sources.dates import month_abbreviation, next_month


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def years_before(day: datetime.date, years: int) -> datetime.date:
    return datetime.date(max(datetime.MINYEAR, day.year - years), 1, 1)


def years_after(day: datetime.date, years: int) -> datetime.date:
    return datetime.date(min(datetime.MAXYEAR, day.year + years), 12, 31)


@dataclass(frozen=True)
class Scale:
    """Maps days onto x: `start` is the first day drawn, `end` the first day after the last."""

    start: datetime.date
    end: datetime.date
    left: float
    width: float

    def x(self, day: datetime.date) -> float:
        span = (self.end - self.start).days
        offset = min(max((day - self.start).days, 0), span)
        return round(self.left + self.width * offset / span, 2)

    @property
    def px_per_day(self) -> float:
        return self.width / (self.end - self.start).days


@dataclass
class Tick:
    x: float
    label: str
    is_year: bool
    label_x: float = 0.0


def make_ticks(scale: Scale) -> list[Tick]:
    """A tick at each month, labelled when there is room; a taller one with the year each January."""
    ticks = []
    month_px = scale.px_per_day * 30.4
    room = month_label_room()
    # Over decades there is no room to name every year: every fifth or tenth then.
    year_step = next(step for step in (1, 2, 5, 10, 20, 50) if month_px * 12 * step >= 40 or step == 50)
    day = scale.start
    while day < scale.end:
        x = scale.x(day)
        label_x = (x + scale.x(min(next_month(day), scale.end))) / 2
        if day.month == 1:
            ticks.append(Tick(x, str(day.year) if day.year % year_step == 0 else "", True, x + 4))
        if month_px >= room or (month_px >= 9 and day.month in (1, 4, 7, 10)):
            # With little room, only the quarters are named, at the start of their month.
            ticks.append(Tick(x, month_abbreviation(day), False, label_x if month_px >= room else x + 12))
        elif day.month != 1:
            ticks.append(Tick(x, "", False, label_x))
        day = next_month(day)
    if scale.start.month != 1 and year_step == 1:
        # The first year is named even when the range starts mid-year.
        ticks.insert(0, Tick(scale.x(scale.start), str(scale.start.year), True, scale.x(scale.start) + 4))
    return ticks


def month_label_room() -> int:
    """Pixels a month's short name needs at the axis's 11 px (about 6 a letter): 22 for "Apr", 34 for "черв."."""
    return 4 + 6 * max(len(month_abbreviation(datetime.date(2000, month, 1))) for month in range(1, 13))
