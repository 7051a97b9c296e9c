"""What every public page says about the data itself: when it last changed, and how it ages."""

from functools import cache

from django.conf import settings

from positions.derived import last_data_change


def data_freshness(request) -> dict:
    """`data_last_updated` is read (one query) only by a template that shows it, at most once per request."""
    return {
        "data_last_updated": cache(last_data_change),
        "stale_after_months": settings.STALE_AFTER_MONTHS,
    }
