"""Partial dates with no database: truncating to the known part and showing only that part."""

import datetime

import pytest

from sources.dates import DatePrecision, format_partial_date, truncate_to_precision

DAY = datetime.date(2024, 11, 26)


@pytest.mark.parametrize(
    "precision, truncated, shown",
    [
        (DatePrecision.DAY, DAY, "26 Nov 2024"),
        (DatePrecision.MONTH, datetime.date(2024, 11, 1), "Nov 2024"),
        (DatePrecision.YEAR, datetime.date(2024, 1, 1), "2024"),
    ],
)
def test_a_date_is_kept_and_shown_only_as_precisely_as_it_is_known(precision, truncated, shown):
    assert truncate_to_precision(DAY, precision) == truncated
    assert format_partial_date(truncated, precision) == shown


def test_an_unknown_date_stays_unknown():
    assert truncate_to_precision(None, DatePrecision.DAY) is None
    assert format_partial_date(None, DatePrecision.DAY) == ""
