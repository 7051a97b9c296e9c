"""PostgreSQL's way of keeping MonthStance in step: index probes of the governmental positions.

Each (country, topic, month) row is the month's last governmental position, found by one probe of
the partial (country, topic, stated_on desc, id desc) index. The portable twin in
positions/derived.py ranks every governmental position with a window function: at a million
positions (880,000 of them governmental) that sort took ~15 s, where stepping back through the
index a month at a time reads one row per country and month (~61,000). Tests hold the two to the
same rows.
"""

from django.db import connection

from positions.choices import GOVERNMENT_KINDS
from positions.models import MonthStance, Position


def names() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "position": quote(Position._meta.db_table),
        "months": quote(MonthStance._meta.db_table),
        # The choices' own values, written out so that the planner matches the partial index.
        "kinds": ", ".join(f"'{kind}'" for kind in GOVERNMENT_KINDS if str(kind).isidentifier()),
    }


def last_before(where: str) -> str:
    """The last governmental position of a pair meeting `where`, by date then id: one index probe."""
    return (
        "SELECT p.country, p.topic_id, p.stated_on, p.stance, p.date_precision FROM {position} p"
        " WHERE p.actor_kind IN ({kinds}) AND " + where + " ORDER BY p.stated_on DESC, p.id DESC LIMIT 1"
    )


def insert_pairs(pairs: list[tuple[str, int]]) -> None:
    """Write every month of these (country, topic id) pairs, walking back a month at a time from the last."""
    if not pairs:
        return
    latest = last_before("p.country = pair.country AND p.topic_id = pair.topic_id")
    earlier = last_before(
        "p.country = walk.country AND p.topic_id = walk.topic_id"
        " AND p.stated_on < date_trunc('month', walk.stated_on)::date"
    )
    sql = (
        "INSERT INTO {months} (country, topic_id, month, stated_on, stance, date_precision)"
        " WITH RECURSIVE walk AS ("
        " SELECT last.* FROM unnest(%s::varchar[], %s::bigint[]) AS pair(country, topic_id)"
        " CROSS JOIN LATERAL (" + latest + ") AS last"
        " UNION ALL SELECT earlier.* FROM walk CROSS JOIN LATERAL (" + earlier + ") AS earlier)"
        " SELECT country, topic_id, date_trunc('month', stated_on)::date, stated_on, stance, date_precision FROM walk"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**names()), [[country for country, _ in pairs], [topic for _, topic in pairs]])


def refresh_months(months: list[tuple]) -> None:
    """Recompute some (country, topic id, first day) rows in two statements, however many there are."""
    if not months:
        return
    touched = "unnest(%s::varchar[], %s::bigint[], %s::date[]) AS t(country, topic_id, month)"
    params = [[month[0] for month in months], [month[1] for month in months], [month[2] for month in months]]
    last = last_before(
        "p.country = t.country AND p.topic_id = t.topic_id"
        " AND p.stated_on >= t.month AND p.stated_on < (t.month + interval '1 month')::date"
    )
    delete = (
        "DELETE FROM {months} m USING " + touched + " WHERE m.country = t.country AND m.topic_id = t.topic_id"
        " AND m.month = t.month"
    )
    insert = (
        "INSERT INTO {months} (country, topic_id, month, stated_on, stance, date_precision)"
        " SELECT t.country, t.topic_id, t.month, last.stated_on, last.stance, last.date_precision"
        " FROM " + touched + " CROSS JOIN LATERAL (" + last + ") AS last"
    )
    with connection.cursor() as cursor:
        cursor.execute(delete.format(**names()), params)
        cursor.execute(insert.format(**names()), params)
