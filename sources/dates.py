"""Dates known only to the day, the month or the year, stored and shown honestly.

A date with month precision is stored as the first of that month and shown as
"Nov 2024" ("листопад 2024"); with year precision, as 1 January and shown as "2024". Here too: the
period such a date stands for, and whole-month arithmetic (ages and staleness build on them).
"""

import datetime
from typing import overload

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


@overload
def truncate_to_precision(value: datetime.date, precision: str) -> datetime.date: ...
@overload
def truncate_to_precision(value: None, precision: str) -> None: ...
def truncate_to_precision(value: datetime.date | None, precision: str) -> datetime.date | None:
    """The first day of the period a date stands for, so no day is made up."""
    if value is None:
        return None
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


# Per language, each precision's format in Django's date format characters, and whether the
# result is lower-cased. Ukrainian names a day's month in the genitive ("26 листопада 2024", 'E')
# and a month alone in the nominative, lower-case as in running text ("листопад 2024").
PARTIAL_DATE_FORMATS: dict[str, dict[str, tuple[str, bool]]] = {
    "en": {DatePrecision.DAY: ("j M Y", False), DatePrecision.MONTH: ("M Y", False), DatePrecision.YEAR: ("Y", False)},
    "uk": {DatePrecision.DAY: ("j E Y", False), DatePrecision.MONTH: ("F Y", True), DatePrecision.YEAR: ("Y", False)},
}


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """'26 Nov 2024', 'Nov 2024' or '2024' in English; '26 листопада 2024', 'листопад 2024' or '2024' in Ukrainian."""
    if value is None:
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    per_precision = PARTIAL_DATE_FORMATS.get(language, PARTIAL_DATE_FORMATS["en"])
    pattern, lower = per_precision.get(precision, per_precision[DatePrecision.DAY])
    text = formats.date_format(value, pattern)
    return text.lower() if lower else text


# Ukrainian month abbreviations as a Ukrainian editor writes them, with the full stop (CLDR's
# "6 груд. 2026", "квіт."). Django's Ukrainian catalogue has capitalised three-letter stems
# ("Гру", "Кві") that no Ukrainian text uses.
MONTH_ABBREVIATIONS_UK = (
    "січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд.",
)  # fmt: skip


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    """A date, or an aware datetime's date in the site's time zone (as the `date` filter shows it)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _ukrainian() -> bool:
    return (get_language() or settings.LANGUAGE_CODE) == "uk"


def format_day(value: datetime.date | datetime.datetime | None) -> str:
    """A day in running text: '6 December 2026'; '6 грудня 2026' (the month in the genitive)."""
    if value is None:
        return ""
    return formats.date_format(_day(value), "j E Y" if _ukrainian() else "j F Y")


def format_day_short(value: datetime.date | datetime.datetime | None) -> str:
    """A day in little room: '6 Dec 2026'; '6 груд. 2026'."""
    if value is None:
        return ""
    day = _day(value)
    if _ukrainian():
        return f"{day.day} {MONTH_ABBREVIATIONS_UK[day.month - 1]} {day.year}"
    return formats.date_format(day, "j M Y")


def month_abbreviation(value: datetime.date) -> str:
    """A month's short name, for a chart's axis: 'Apr'; 'квіт.'."""
    return MONTH_ABBREVIATIONS_UK[value.month - 1] if _ukrainian() else formats.date_format(value, "M")


def honest_date_constraint(field: str, precision_field: str, name: str) -> models.CheckConstraint:
    """A month-precision date falls on the 1st; a year-precision date on 1 January."""
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{field}__isnull": True})
            | models.Q(**{precision_field: DatePrecision.DAY})
            | models.Q(**{precision_field: DatePrecision.MONTH, f"{field}__day": 1})
            | models.Q(**{precision_field: DatePrecision.YEAR, f"{field}__day": 1, f"{field}__month": 1})
        ),
        name=name,
        violation_error_message=_(
            "A date known only to the month must be stored as the 1st of that month, "
            "and one known only to the year as 1 January."
        ),
    )


def choices_constraint(field: str, choices: type[models.TextChoices], name: str, label: str) -> models.CheckConstraint:
    """Hold a choice field to its listed values even when forms are bypassed."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": choices.values}),
        name=name,
        violation_error_message=_("%(label)s must be one of: %(values)s.")
        % {"label": label, "values": ", ".join(choices.values)},
    )


PRECISION_ORDER: dict[str, int] = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


def coarser_precision(first: str, second: str) -> str:
    return max(first, second, key=lambda precision: PRECISION_ORDER.get(precision, 0))


def later_than(value: datetime.date, precision: str, other: datetime.date, other_precision: str) -> bool:
    """Whether `value` is certainly after `other`, each known only to its precision.

    Both are compared at the coarser of the two precisions: a statement of "Nov 2024" is not
    after a publication on 25 Nov 2024, but one of 26 Nov 2024 is after a publication in October.
    """
    precision = coarser_precision(precision, other_precision)
    return truncate_to_precision(value, precision) > truncate_to_precision(other, precision)


def in_the_future(value: datetime.date | None) -> bool:
    """After today, by the server's date. A date truncated to its precision is the period's first day."""
    return value is not None and value > timezone.localdate()


# Periods and months: what a partial date stands for, and calendar arithmetic on whole months.
ONE_DAY = datetime.timedelta(days=1)


def next_month(day: datetime.date) -> datetime.date:
    """The first of the following month (the last day there is, after December 9999)."""
    if day.year == datetime.MAXYEAR and day.month == 12:
        return datetime.date.max
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_end(day: datetime.date, precision: str) -> datetime.date:
    """The first day after the period a stored date stands for (its day, month or year)."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return next_month(day)
    return day + ONE_DAY


def latest_possible_day(stated_on: datetime.date, precision: str) -> datetime.date:
    """The last day a date known to the day, month or year may stand for."""
    end = period_end(stated_on, precision)
    return end - ONE_DAY if end != datetime.date.max else end


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


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months from `earlier` to `later` (0 when `later` is not after it)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    return max(0, months)


def day_beyond_source(precision: str, source_precision: str, evidence: str) -> bool:
    """A day the source does not give (it is dated only to the month or year) and no other evidence for it.

    A day-dated source may still not say on which day the words were said (a report of an
    interview given earlier); that is for the editor to see, and the date evidence to say.
    """
    return precision == DatePrecision.DAY and source_precision != DatePrecision.DAY and not evidence.strip()
