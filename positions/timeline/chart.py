"""Stance over time: for one topic, how many countries stood at each stance at the end of each month.

Which country stood where each month is worked out in chart_tally.py; this module lays the
months out as stacked bars and writes their markup.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from positions.choices import Stance
from positions.country_codes import normalise
from positions.models import Topic
from positions.staleness import stale_after_months
from positions.stance_rule import CellState
from positions.timeline.chart_tally import count_stances, month_ends, month_rows
from positions.timeline.markup import coordinate
from positions.timeline.scale import month_label_room
from sources.dates import DatePrecision, format_partial_date, month_abbreviation

LEFT = 48
TOP = 26
PLOT_HEIGHT = 220
AXIS_HEIGHT = 40
RIGHT_MARGIN = 16
MIN_PLOT_WIDTH = 1090
MAX_BAR_WIDTH = 40
MIN_BAR_WIDTH = 6
# Mixed countries are hatched: two voices are not a point on the scale (commentary never makes a
# country's stance, positions/stance_rule.py).
MIXED_FILL = mark_safe(' fill="url(#sc-commentary)"')
MIXED = CellState.MIXED.value
# Bottom of the stack first: the scale from support to ruling out, then the countries whose offices disagree.
STACK_ORDER = [Stance.SUPPORTS, Stance.OPEN, Stance.UNDECIDED, Stance.OPPOSES, Stance.RULES_OUT, MIXED]


def stack_label(value: str):
    return CellState(value).label if value == MIXED else Stance(value).label


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
        return str(stack_label(self.stance))

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

    @cached_property
    def label(self) -> str:
        # Asked for the bar's hover text and again for the table's row: formatted once.
        return format_partial_date(self.month, DatePrecision.MONTH)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def joined_names(self) -> dict[str, str]:
        """Each stance's countries as one line, for the hover text and again for the table."""
        return {stance: ", ".join(found) for stance, found in self.names.items()}

    @property
    def cells(self) -> list[tuple[int, str, int]]:
        """(count, the countries' names, how many of them are stale) in legend order, for the text table."""
        joined = self.joined_names
        return [
            (self.counts.get(stance, 0), joined.get(stance, ""), self.stale.get(stance, 0)) for stance in STACK_ORDER
        ]

    @property
    def hover_text(self) -> str:
        """Month, then each stance with its count and countries; stale ones are named as such."""
        return self.hover(HoverWords.now())

    def hover(self, words: "HoverWords") -> str:
        """`hover_text` with the words translated once for all the chart's months (155 of them unfiltered)."""
        parts = []
        for stance in STACK_ORDER:
            if self.counts.get(stance):
                line = f"{words.stances[stance]}: {self.counts[stance]} ({self.joined_names[stance]})"
                if self.stale.get(stance):
                    line += " — " + words.stale % {"count": self.stale[stance]}
                parts.append(line)
        return f"{self.label}\n" + ("\n".join(parts) if parts else words.silence)


@dataclass(frozen=True)
class HoverWords:
    """The hover texts' words in the active language."""

    stances: dict[str, str]
    stale: str
    silence: str

    @classmethod
    def now(cls) -> "HoverWords":
        return cls(
            {stance: str(stack_label(stance)) for stance in STACK_ORDER},
            str(_("%(count)s stale")),
            str(_("no country has stated a position")),
        )


@dataclass
class YTick:
    y: float
    label: str


@dataclass
class StanceChart:
    topic: Topic
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
    def stances(self) -> list[tuple[str, str | Promise]]:
        return [(str(stance), stack_label(stance)) for stance in STACK_ORDER]

    @property
    def column_marks(self) -> SafeString:
        """Each month's bar: its segments, its hover text and its month label, as SVG for the page.

        Written with f-strings rather than a template loop, which was slow for the hundred-odd
        months of a long chart: texts and class names escaped by html.escape (as the template
        engine escapes), coordinates written as they are.
        """
        month_y = coordinate(self.month_label_y)
        words = HoverWords.now()

        def column_mark(column) -> str:
            segments = "".join(
                f'<rect class="{escape(segment.css_class)}" x="{coordinate(segment.x)}" y="{coordinate(segment.y)}"'
                f' width="{coordinate(segment.width)}" height="{coordinate(segment.height)}"'
                f"{MIXED_FILL if segment.stance == MIXED else ''}/>"
                for segment in column.segments
            )
            label = (
                f'<text class="tl-month" x="{coordinate(column.centre)}" y="{month_y}">{escape(column.month_label)}</text>'
                if column.month_label
                else ""
            )
            return f'<g class="sc-column"><title>{escape(column.hover(words))}</title>{segments}{label}</g>'

        return mark_safe("\n".join(column_mark(column) for column in self.columns))

    @property
    def table(self) -> list[tuple[str, list[tuple[int, str, str]]]]:
        """The text alternative's rows: each month whose counts changed, and for each stance its
        count, its countries and how many of them are stale, in words.

        "N stale" is translated once per number, not once per cell (a long chart has ~900 cells).
        """
        stale_words: dict[int, str] = {}

        def stale_text(stale: int) -> str:
            if stale not in stale_words:
                stale_words[stale] = ngettext("%(counter)s stale", "%(counter)s stale", stale) % {"counter": stale}
            return stale_words[stale]

        return [
            (column.label, [(count, names, stale_text(stale) if stale else "") for count, names, stale in column.cells])
            for column in self.changed_columns
        ]

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


def build_stance_chart(
    topic, *, countries=None, date_from=None, date_to=None, today=None, rows: list[tuple] | None = None
) -> StanceChart:
    """How many countries stood at each stance on `topic`, month by month, in one query of MonthStance.

    `rows` are that query's rows (`month_rows`), when the caller has read them already.
    """
    today = today or timezone.localdate()
    if rows is None:
        rows = month_rows(topic, [normalise(code) for code in countries] if countries else None)
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
    label_room = month_label_room() + 4
    for index, column in enumerate(columns):
        column.x = round(LEFT + index * slot + slot * 0.15, 2)
        column.width = round(slot * 0.7, 2)
        if slot >= label_room:
            column.month_label = month_abbreviation(column.month)
        elif slot >= 10:
            column.month_label = month_abbreviation(column.month)[:1]
        y: float = TOP + PLOT_HEIGHT
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
