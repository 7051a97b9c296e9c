"""Dates known only to the day, the month or the year, stored and shown honestly.

A date with month precision is stored as the first of that month and shown as
"Nov 2024" ("листопад 2024"); with year precision, as 1 January and shown as "2024".
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


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
PARTIAL_DATE_FORMATS = {
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


PRECISION_ORDER = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


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


def day_beyond_source(precision: str, source_precision: str, evidence: str) -> bool:
    """A day the source does not give (it is dated only to the month or year) and no other evidence for it.

    A day-dated source may still not say on which day the words were said (a report of an
    interview given earlier); that is for the editor to see, and the date evidence to say.
    """
    return precision == DatePrecision.DAY and source_precision != DatePrecision.DAY and not evidence.strip()
