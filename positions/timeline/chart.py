"""Stance over time: for one topic, how many countries stood at each stance at the end of each month.

A country's stance at a month's end follows `PositionQuerySet.country_stances()`: the latest
position (by date, then id) of its state actor or officials stated on or before that day. The
governmental positions on the topic are fetched once (on PostgreSQL only each country's last of
each month) and swept month by month in Python.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connections, router
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from positions.bulk_html import format_html, format_html_join
from positions.choices import GOVERNMENT_KINDS, Stance
from positions.models import CountryStance, Position
from positions.staleness import stale_after_months, stale_from
from positions.timeline.markup import number
from positions.timeline.scale import month_start, next_month
from sources.dates import DatePrecision, format_partial_date

LEFT = 48
TOP = 26
PLOT_HEIGHT = 220
AXIS_HEIGHT = 40
RIGHT_MARGIN = 16
MIN_PLOT_WIDTH = 1090
MAX_BAR_WIDTH = 40
MIN_BAR_WIDTH = 6
COMMENTARY_FILL = mark_safe(' fill="url(#sc-commentary)"')
# Bottom of the stack first: the scale from support to ruling out, then commentary.
STACK_ORDER = [Stance.SUPPORTS, Stance.OPEN, Stance.UNDECIDED, Stance.OPPOSES, Stance.RULES_OUT, Stance.COMMENTARY]


@dataclass
class Segment:
    """The countries at one stance in one month: those stated recently, or (`stale`) those whose word is old."""

    stance: str
    count: int
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    stale: bool = False

    @property
    def label(self) -> str:
        return str(Stance(self.stance).label)

    @property
    def css_class(self) -> str:
        return f"sc-segment stance-{self.stance}" + (" sc-segment-stale" if self.stale else "")


@dataclass
class MonthColumn:
    """The countries' stances at one month's end."""

    month: datetime.date
    counts: dict[str, int]
    # Country names at each stance, and which of them had said nothing newer for STALE_AFTER_MONTHS.
    names: dict[str, list[str]] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    changed: bool = False
    x: float = 0.0
    width: float = 0.0
    month_label: str = ""

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def label(self) -> str:
        return format_partial_date(self.month, DatePrecision.MONTH)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[int, str, int]]:
        """(count, the countries' names, how many of them are stale) in legend order, for the text table."""
        return [
            (self.counts.get(stance, 0), ", ".join(self.names.get(stance, [])), self.stale.get(stance, 0))
            for stance in STACK_ORDER
        ]

    @property
    def hover_text(self) -> str:
        """Month, then each stance with its count and countries; stale ones are named as such."""
        parts = []
        for stance in STACK_ORDER:
            if self.counts.get(stance):
                line = f"{Stance(stance).label}: {self.counts[stance]} ({', '.join(self.names[stance])})"
                if self.stale.get(stance):
                    line += " — " + str(_("%(count)s stale") % {"count": self.stale[stance]})
                parts.append(line)
        return f"{self.label}\n" + ("\n".join(parts) if parts else str(_("no country has stated a position")))


@dataclass
class YTick:
    y: float
    label: str


@dataclass
class StanceChart:
    topic: object
    columns: list[MonthColumn]
    width: float
    height: float
    y_ticks: list[YTick]
    year_ticks: list[tuple[float, str]]

    @property
    def is_empty(self) -> bool:
        return not any(column.total for column in self.columns)

    @property
    def changed_columns(self) -> list[MonthColumn]:
        """The months whose counts differ from the month before: the text alternative lists these."""
        return [column for column in self.columns if column.changed]

    @property
    def stale_after_months(self) -> int:
        return stale_after_months()

    @property
    def stances(self) -> list[tuple[str, str]]:
        return [(stance.value, stance.label) for stance in STACK_ORDER]

    @property
    def column_marks(self) -> SafeString:
        """Each month's bar: its segments, its hover text and its month label, as SVG for the page.

        Written by format_html_join rather than a template loop: 155 months of bars took ~100 ms
        through the template engine.
        """
        month_y = number(self.month_label_y)

        def segments(column) -> SafeString:
            return format_html_join(
                "",
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"{}/>',
                (
                    (
                        segment.css_class,
                        number(segment.x),
                        number(segment.y),
                        number(segment.width),
                        number(segment.height),
                        COMMENTARY_FILL if segment.stance == Stance.COMMENTARY else "",
                    )
                    for segment in column.segments
                ),
            )

        def label(column) -> SafeString:
            if not column.month_label:
                return SafeString("")
            return format_html(
                '<text class="tl-month" x="{}" y="{}">{}</text>', number(column.centre), month_y, column.month_label
            )

        return format_html_join(
            "\n",
            '<g class="sc-column"><title>{}</title>{}{}</g>',
            ((column.hover_text, segments(column), label(column)) for column in self.columns),
        )

    @property
    def table_rows(self) -> SafeString:
        """The text alternative's rows: each month whose counts changed, its count and countries per stance."""

        def cells(column) -> SafeString:
            return format_html_join(
                "",
                '<td class="num">{}{}{}</td>',
                (
                    (
                        count,
                        format_html("<br><small>{}</small>", names) if names else "",
                        format_html(
                            "<br><small>{}</small>",
                            ngettext("%(counter)s stale", "%(counter)s stale", stale) % {"counter": stale},
                        )
                        if stale
                        else "",
                    )
                    for count, names, stale in column.cells
                ),
            )

        return format_html_join(
            "\n",
            '<tr><th scope="row">{}</th>{}</tr>',
            ((column.label, cells(column)) for column in self.changed_columns),
        )

    @property
    def plot_bottom(self) -> float:
        return TOP + PLOT_HEIGHT

    @property
    def plot_left(self) -> float:
        return LEFT

    @property
    def plot_right(self) -> float:
        return self.width - RIGHT_MARGIN

    @property
    def count_label_x(self) -> float:
        return LEFT - 8

    @property
    def month_label_y(self) -> float:
        return TOP + PLOT_HEIGHT + 15

    @property
    def year_label_y(self) -> float:
        return self.height - 6


def month_ends(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first of each month from `first`'s month to `last`'s month."""
    months, day = [], month_start(first)
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
    """Sweep positions ordered by (stated_on, id): each month, count the latest stance of each country.

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
    # Each name is translated once, not once a month: 200 countries over 13 years took ~2.5 s.
    name_of: dict[str, str] = {}
    # Many statements share a date: each (date, precision) is worked out once.
    fade_of: dict[tuple, datetime.date] = {}
    tallies = []
    index = 0
    for month in months:
        month_end = next_month(month)
        moved: set[str] = set()
        while index < len(rows) and rows[index][1] < month_end:
            country, stated_on, stance, precision = rows[index]
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
                members.setdefault(stance, set()).add(country)
                moved.add(stance)
                stance_of[country] = stance
        for stance in moved:
            if members[stance]:
                sorted_names[stance] = sorted(name_of[country] for country in members[stance])
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


def last_of_each_month(connection, topic, codes: list[str] | None) -> list[tuple]:
    """PostgreSQL: each country's last governmental position on the topic in each month it spoke, by date then id.

    `count_stances` needs no more: a country's stance at a month's end is its last position in the
    latest month up to then in which it spoke. Walking back a month at a time along the
    (country, topic, stated_on, id) index of governmental positions reads one row per country and
    month, where the portable query reads every position (75,000 for Ukraine on one topic at a
    million positions: ~180 ms of SQL and ~1 s of Python). The countries are those with a stance
    on the topic in `CountryStance`, which is kept in step with the positions.
    """
    quote_name = connection.ops.quote_name
    position = quote_name(Position._meta.db_table)
    stance_table = quote_name(CountryStance._meta.db_table)
    columns = ", ".join(
        quote_name(Position._meta.get_field(name).column)
        for name in ("country", "stated_on", "stance", "date_precision", "id")
    )

    # The kinds are the choices' own values, written out so that the planner matches the partial index.
    kinds = ", ".join(f"'{kind}'" for kind in GOVERNMENT_KINDS if str(kind).isidentifier())

    def latest(country: str, before: str) -> str:
        return (
            f"SELECT {columns} FROM {position} WHERE country = {country} AND topic_id = %(topic)s"
            f" AND actor_kind IN ({kinds}){before} ORDER BY stated_on DESC, id DESC LIMIT 1"
        )

    sql = f"""
        WITH RECURSIVE walk AS (
            SELECT last.* FROM (
                SELECT DISTINCT country FROM {stance_table}
                WHERE topic_id = %(topic)s AND country <> ''{" AND country = ANY(%(codes)s)" if codes else ""}
            ) AS spoke CROSS JOIN LATERAL ({latest("spoke.country", "")}) AS last
            UNION ALL
            SELECT earlier.* FROM walk CROSS JOIN LATERAL (
                {latest("walk.country", " AND stated_on < date_trunc('month', walk.stated_on)::date")}
            ) AS earlier
        )
        SELECT country, stated_on, stance, date_precision FROM walk ORDER BY stated_on, id
    """
    params = {"topic": topic.pk, "codes": codes}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def build_stance_chart(topic, *, countries=None, date_from=None, date_to=None, today=None) -> StanceChart:
    """How many countries stood at each stance on `topic`, month by month, in one query."""
    today = today or timezone.localdate()
    codes = [code.upper() for code in countries] if countries else None
    # The router's choice, as for the ORM's reads: a replica when one serves public pages.
    connection = connections[router.db_for_read(Position)]
    if connection.vendor == "postgresql":
        rows = last_of_each_month(connection, topic, codes)
    else:
        positions = Position.objects.governmental().filter(topic=topic)
        if codes:
            positions = positions.filter(country__in=codes)
        rows = list(
            positions.order_by("stated_on", "id").values_list("country", "stated_on", "stance", "date_precision")
        )
    if not rows:
        return StanceChart(topic, [], LEFT + MIN_PLOT_WIDTH + RIGHT_MARGIN, 0, [], [])
    # Nothing changes before the first statement or after today: months outside add only empty bars.
    first = max(date_from, rows[0][1]) if date_from else rows[0][1]
    last = max(today, rows[-1][1])
    last = min(date_to, last) if date_to else last
    months = month_ends(first, last)
    if not months:
        return StanceChart(topic, [], LEFT + MIN_PLOT_WIDTH + RIGHT_MARGIN, 0, [], [])
    columns = [
        MonthColumn(month, tally.counts, tally.names, tally.stale)
        for month, tally in zip(months, count_stances(rows, months))
    ]
    for before, column in zip([None, *columns], columns):
        column.changed = (column.counts, column.stale) != (
            (before.counts, before.stale) if before else ({}, {})
        ) and bool(column.total or before)
    return lay_out(StanceChart(topic, columns, 0, 0, [], []))


def lay_out(chart: StanceChart) -> StanceChart:
    """Stacked bars, one per month, on a y-axis of whole countries."""
    columns = chart.columns
    slot = max(MIN_BAR_WIDTH + 2, min(MAX_BAR_WIDTH + 4, MIN_PLOT_WIDTH / len(columns)))
    plot_width = max(MIN_PLOT_WIDTH, slot * len(columns))
    slot = plot_width / len(columns)
    peak = max(1, max(column.total for column in columns))
    step = max(1, -(-peak // 5))
    top_count = step * -(-peak // step)
    unit = PLOT_HEIGHT / top_count
    for index, column in enumerate(columns):
        column.x = round(LEFT + index * slot + slot * 0.15, 2)
        column.width = round(slot * 0.7, 2)
        if slot >= 26:
            column.month_label = formats.date_format(column.month, "M")
        elif slot >= 10:
            column.month_label = formats.date_format(column.month, "M")[:1]
        y = TOP + PLOT_HEIGHT
        for stance in STACK_ORDER:
            # Each stance's stale countries sit at the foot of its block, faded (see timeline.css).
            stale = column.stale.get(stance, 0)
            for count, is_stale in ((stale, True), (column.counts.get(stance, 0) - stale, False)):
                if count:
                    height = round(count * unit, 2)
                    y = round(y - height, 2)
                    column.segments.append(Segment(stance, count, column.x, y, column.width, height, is_stale))
    chart.y_ticks = [
        YTick(round(TOP + PLOT_HEIGHT - value * unit, 2), str(value)) for value in range(0, top_count + 1, step)
    ]
    chart.year_ticks = [
        (round(LEFT + index * slot, 2), str(column.month.year))
        for index, column in enumerate(columns)
        if column.month.month == 1 or index == 0
    ]
    chart.width = LEFT + plot_width + RIGHT_MARGIN
    chart.height = TOP + PLOT_HEIGHT + AXIS_HEIGHT
    return chart
