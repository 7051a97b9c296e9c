"""Shared builders for the timeline tests: positions on given days with given stances and precisions."""

import datetime

from sources.dates import DatePrecision
from tests.factories import PositionFactory, QuoteFactory

D = datetime.date
TODAY = D(2025, 6, 15)


def state(actor, topic, stance, day, precision=DatePrecision.DAY, **extra):
    """A position whose quote was said the same day, with the same precision."""
    quote = QuoteFactory(said_on=day, date_precision=precision, **extra)
    return PositionFactory(
        actor=actor, topic=topic, quote=quote, stance=stance, stated_on=day, date_precision=precision
    )
