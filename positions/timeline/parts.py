"""What a timeline is made of: bands, entries, lanes, rows, groups and the timeline itself.

Plain objects that layout.py fills in and the SVG and list templates only loop over.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.choices import Stance
from positions.staleness import stale_after_months
from positions.timeline.geometry import (
    AXIS_HEIGHT,
    BAND_HEIGHT,
    GROUP_HEIGHT,
    LABEL_WIDTH,
    LANE_HEIGHT,
    RIGHT_MARGIN,
)
from positions.timeline.history import HistoryLink, StanceChange
from positions.timeline.markup import PlotX, Wording, label_marks, lane_marks, row_shades, shorten
from positions.timeline.scale import (
    Scale,
    Tick,
)
from sources.dates import ONE_DAY, DatePrecision, format_partial_date

EXCERPT_CHARS = 160
# How many statements the list beside a chart names, the newest; the chart itself draws every one.
LIST_LIMIT = 50


@dataclass(slots=True)
class ActorRef:
    """The few facts of an actor a timeline shows, read as values rather than as a model instance."""

    id: int
    name: str
    name_uk: str
    slug: str
    country: str  # the code, "" for none
    kind: str
    url: str = ""
    # The name in the page's language, as `localized_text` gives it: worked out once per actor,
    # for its label, its place in its country's rows and its list entries.
    shown_name: str = ""

    @property
    def country_name(self) -> str:
        return str(countries.name(self.country)) if self.country else ""


@dataclass(slots=True)
class TopicRef:
    id: int
    name: str
    name_uk: str
    slug: str
    order: int


@dataclass(slots=True)
class Statement:
    """One drawn position as plain values: a timeline of a thousand needs no model instance per statement."""

    pk: int
    actor_id: int
    topic_id: int
    stance: str
    stated_on: datetime.date
    date_precision: str
    verification: str
    country: str
    actor: ActorRef
    topic: TopicRef
    quote_text: str  # the quote's first EXCERPT_CHARS + 1 characters, enough to tell whether it is cut
    previous_stance: str | None = None
    translation: str = ""  # what the quote's English text is (sources.models.Translation)

    @property
    def id(self) -> int:
        return self.pk


@dataclass
class Band:
    """A stretch of time during which the actor held a stance.

    `uncertain` covers a month/year-only date; `stale` is the part held more than STALE_AFTER_MONTHS
    after the statement with no newer one, drawn faded (see timeline.css).
    """

    x: float
    width: float
    stance: str
    uncertain: bool = False
    stale: bool = False

    @property
    def css_class(self) -> str:
        return (
            f"tl-band stance-{self.stance}"
            + (" tl-band-uncertain" if self.uncertain else "")
            + (" tl-band-stale" if self.stale else "")
        )


@dataclass
class Entry:
    """One position as the chart and the list show it."""

    position: Statement
    url: str
    history: list[HistoryLink]
    index: int
    change: StanceChange | None
    actor_url: str = ""
    wording: Wording = field(default_factory=Wording, repr=False)
    x: float = 0.0
    y: float = 0.0

    @property
    def superseded_by(self) -> HistoryLink | None:
        """The actor's next position on the topic (a same-day tie goes to the higher id)."""
        return self.history[self.index + 1] if self.index + 1 < len(self.history) else None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def is_precise(self) -> bool:
        return self.position.date_precision == DatePrecision.DAY

    @property
    def held_until_next(self) -> HistoryLink | None:
        """The actor's next position on the topic that takes a side: commentary does not end a stance."""
        for link in self.history[self.index + 1 :]:
            if link.stance != Stance.COMMENTARY:
                return link
        return None

    # Each string below is shown twice (chart and list), thousands of times on a big page: work it out once.
    @cached_property
    def stated_display(self) -> str:
        return self.wording.date(self.position.stated_on, self.position.date_precision)

    @cached_property
    def excerpt(self) -> str:
        text = self.position.quote_text
        return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"

    @cached_property
    def marker_class(self) -> str:
        classes = [
            "tl-marker",
            f"stance-{self.position.stance}",
            "tl-marker-day" if self.is_precise else "tl-marker-period",
        ]
        if self.change:
            classes.append("tl-marker-reversal" if self.change.is_reversal else "tl-marker-change")
        if self.is_superseded:
            classes.append("tl-marker-superseded")
        return " ".join(classes)

    @cached_property
    def hover_text(self) -> str:
        return self.wording.hover(self)

    # What the list beside the chart says of the entry, as words for templates/positions/_timeline_entry.html.
    @property
    def list_class(self) -> str:
        classes = "tl-entry"
        if self.change:
            classes += " tl-entry-reversal" if self.change.is_reversal else " tl-entry-change"
        if self.is_superseded:
            classes += " tl-entry-superseded"
        return classes

    @property
    def stance_badge(self) -> str:
        return self.wording.badges[0].get(self.position.stance, "")

    @property
    def verification_badge(self) -> str:
        return self.wording.badges[1].get(self.position.verification, "")

    @property
    def change_kind(self) -> str:
        if not self.change:
            return ""
        return self.wording.reversal if self.change.is_reversal else self.wording.changed

    @property
    def change_text(self) -> str:
        return self.wording.change(self.change) if self.change else ""

    @property
    def change_direction(self) -> str:
        return (self.change.direction if self.change else "") or "other"

    @property
    def superseded_text(self) -> str:
        following = self.superseded_by
        if not following:
            return ""
        return self.wording.superseded_on % {
            "day": self.wording.date(following.stated_on, following.date_precision),
            "stance": self.wording.stances[following.stance],
        }

    @property
    def actor_country(self) -> str:
        """The actor's country after its name, unless it says nothing more ("France · France")."""
        actor = self.position.actor
        country_name = actor.country_name if self.position.country else ""
        if country_name and country_name != actor.shown_name:
            return country_name
        return ""


@dataclass
class Lane:
    """One actor's history on one topic: bands and markers on a line."""

    topic: TopicRef
    y: float = 0.0
    bands: list[Band] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def centre(self) -> float:
        return self.y + LANE_HEIGHT / 2

    @property
    def band_y(self) -> float:
        return self.centre - BAND_HEIGHT / 2

    @property
    def label_y(self) -> float:
        return self.centre + 5


@dataclass
class ActorRow:
    actor: ActorRef
    lanes: list[Lane]
    y: float = 0.0
    height: float = 0.0
    shaded: bool = False

    @property
    def label(self) -> str:
        return shorten(self.actor.shown_name, 30)

    @property
    def label_y(self) -> float:
        return self.y + 15


@dataclass
class CountryGroup:
    code: str
    name: str
    rows: list[ActorRow]
    y: float = 0.0

    @property
    def label_y(self) -> float:
        return self.y + 24

    @property
    def rule_y(self) -> float:
        return self.y + GROUP_HEIGHT - 3


@dataclass
class MonthGroup:
    """The list's heading for a month, or for a year when only the year is known."""

    label: str
    entries: list[Entry]


@dataclass
class Timeline:
    groups: list[CountryGroup]
    entries: list[Entry]
    scale: Scale | None
    ticks: list[Tick]
    width: float
    height: float
    today: datetime.date
    show_topics: bool
    dom_id: str = "tl"
    cutoff: datetime.date | None = None  # set when only the newest MAX_POSITIONS are drawn
    list_limit: int | None = None  # the list beside the chart names only the newest this many (LIST_LIMIT)
    stance_values = Stance.values

    @property
    def stale_after_months(self) -> int:
        return stale_after_months()

    @property
    def is_empty(self) -> bool:
        return not self.entries

    @property
    def changes(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.change]

    @property
    def reversals(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.change and entry.change.is_reversal]

    @property
    def actor_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def today_x(self) -> float | None:
        if self.scale and self.scale.start <= self.today < self.scale.end:
            return self.scale.x(self.today)
        return None

    @property
    def plot_left(self) -> float:
        return LABEL_WIDTH

    @property
    def plot_right(self) -> float:
        return self.width - RIGHT_MARGIN

    @property
    def plot_svg_width(self) -> float:
        """The chart is two SVGs side by side: the labels (which stay put when the chart scrolls) and the plot."""
        return round(self.width - LABEL_WIDTH, 2)

    @property
    def axis_y(self) -> float:
        return AXIS_HEIGHT

    @property
    def month_label_y(self) -> float:
        return AXIS_HEIGHT - 6

    @property
    def month_tick_y(self) -> float:
        return AXIS_HEIGHT - 16

    @property
    def first_day(self) -> str:
        return format_partial_date(self.scale.start, DatePrecision.DAY) if self.scale else ""

    @property
    def last_day(self) -> str:
        return format_partial_date(self.scale.end - ONE_DAY, DatePrecision.DAY) if self.scale else ""

    @property
    def labels(self) -> str:
        """The left-hand SVG's names and rules, as SVG."""
        return label_marks(self.groups, self.show_topics, LABEL_WIDTH)

    @property
    def shades(self) -> str:
        """The plot's row shading, as SVG."""
        return row_shades(self.groups)

    @property
    def marks(self) -> str:
        """Every lane's bands and markers, as SVG."""
        return lane_marks(
            [lane for group in self.groups for row in group.rows for lane in row.lanes],
            self.dom_id,
            BAND_HEIGHT,
            self.at,
        )

    @cached_property
    def at(self) -> PlotX:
        """x positions in the plot SVG, as percentages of its width (markup.PlotX)."""
        return PlotX(LABEL_WIDTH, self.plot_svg_width)

    @property
    def axis_ticks(self) -> list[tuple[str, str, str, str]]:
        """(x, label x, label, kind) of each tick, placed as percentages of the plot. Kind: "month",
        "year", or "year-partial" for a first year of under half the axis's months, whose name a
        phone's narrow plot leaves out rather than print it over the next year's."""
        first_x = self.scale.x(self.scale.start) if self.scale and self.scale.start.month > 6 else None
        ticks: list[tuple[str, str, str, str]] = []
        for tick in self.ticks:
            kind = "year" if tick.is_year else "month"
            if tick.is_year and tick.x == first_x:
                kind = "year-partial"
            ticks.append((self.at(tick.x), self.at(tick.label_x), tick.label, kind))
        return ticks

    @property
    def today_at(self) -> str | None:
        return self.at(self.today_x) if self.today_x is not None else None

    @property
    def axis_end(self) -> str:
        return self.at(self.plot_right)

    @property
    def months_drawn(self) -> int:
        return round((self.scale.end - self.scale.start).days / 30.4) if self.scale else 0

    @property
    def plot_class(self) -> str:
        """How the plot fits a phone (timeline.css): over three years it keeps a width of its own and
        scrolls; up to eight months it has room to name each month; between, the years name the axis."""
        if self.months_drawn > 36:
            return "tl-svg tl-svg-long"
        return "tl-svg tl-svg-short" if self.months_drawn <= 8 else "tl-svg"

    @cached_property
    def listed(self) -> list[Entry]:
        """The entries the list names: the newest `list_limit` by date, then id (the chart draws them all).

        A list of a thousand statements made the timeline page 1.7 MB and most of its time; the
        positions list, with the same filters, pages through the rest.
        """
        limit = self.list_limit or LIST_LIMIT
        if len(self.entries) <= limit:
            return self.entries
        newest = sorted(self.entries, key=lambda entry: (entry.position.stated_on, entry.position.pk), reverse=True)
        return newest[:limit]

    @property
    def is_list_cut(self) -> bool:
        return len(self.listed) < len(self.entries)

    @cached_property
    def months(self) -> list[MonthGroup]:
        """The listed entries oldest first, under a heading per month (or per year for year-only dates)."""

        def key(entry: Entry):
            stated = entry.position.stated_on
            if entry.position.date_precision == DatePrecision.YEAR:
                return (stated.year, 0)
            return (stated.year, stated.month)

        ordered = sorted(self.listed, key=lambda entry: (key(entry), entry.position.stated_on, entry.position.pk))
        groups = []
        for (year, month), items in groupby(ordered, key=key):
            if month:
                label = format_partial_date(datetime.date(year, month, 1), DatePrecision.MONTH)
            else:
                label = str(_("%(year)s (month not known)") % {"year": year})
            groups.append(MonthGroup(label, list(items)))
        return groups
