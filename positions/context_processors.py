"""What every public page says about the data itself: its newest statement, its last edit, and how it ages."""

from functools import cache

from django.conf import settings

from positions.data_dates import read_data_dates


def data_freshness(request) -> dict:
    """`data_dates` is read (one query) only by a template that shows it, at most once per request."""
    dates = cache(read_data_dates)
    return {
        "data_dates": dates,
        "data_last_updated": lambda: dates().last_edited,
        "stale_after_months": settings.STALE_AFTER_MONTHS,
    }
