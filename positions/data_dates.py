"""The two dates every page's footer gives of the data: its newest statement, and its last edit.

A bare "data last updated" read as if the record were current while its newest statement was two
years older, so the footer says both. Both are read in one query of index probes, as the single
date was: a page built for anonymous readers is kept for its data version (web/page_cache.py),
so the query runs once per page and version, not once per reader.
"""

import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import DateTimeField
from django.db.models.expressions import RawSQL

from positions.derived import CHANGES_SHOWN
from positions.models import Position


@dataclass(frozen=True)
class DataDates:
    newest_stated_on: datetime.date | None  # the newest statement's date, to its precision
    newest_precision: str
    last_edited: datetime.datetime | None  # when a position or quote was last added, changed or removed


def last_change_sql(connection) -> str:
    """derived.last_data_change's question as SQL, to ask it in the same query as the newest statement."""
    quote = connection.ops.quote_name
    latest = " UNION ALL ".join(
        f"SELECT MAX({quote('history_date')}) AS changed FROM {quote(model._meta.db_table)}" for model in CHANGES_SHOWN
    )
    return f"SELECT MAX(changed) FROM ({latest}) AS latest"


def read_data_dates() -> DataDates:
    """One query of index probes: the newest position by (stated_on, id) and the history tables' newest change."""
    alias = router.db_for_read(Position)
    newest = (
        Position.objects.using(alias)
        .order_by("-stated_on", "-id")
        .annotate(changed=RawSQL(last_change_sql(connections[alias]), (), output_field=DateTimeField()))
        .values_list("stated_on", "date_precision", "changed")
        .first()
    )
    if newest is None:
        # No statement: what the footer says needs no edit date.
        return DataDates(None, "", None)
    return DataDates(*newest)
