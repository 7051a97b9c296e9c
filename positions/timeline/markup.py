"""The timeline's SVG pieces as markup: each lane's bands and markers, and the labels beside them.

A country can have thousands of positions; building these few tags in Python is much faster than
a template loop over them. Every piece goes through `format_html` / `format_html_join`, which
escape each value exactly as the template engine would; text bound for the SVG first loses the
characters XML cannot carry (`xml_safe`). The page's structure stays in
templates/positions/_timeline*.html, and the list's entries (fifty at most) are
templates/positions/_timeline_entry.html, fed by `Wording`'s words worked out once per page; each
badge reuses the site's own partial, rendered once per stance or verification value. The geometry
lives in geometry.py.
"""

import datetime
from functools import cached_property
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from positions.choices import Stance
from positions.definitions import TRANSLATION_DEFINITIONS
from positions.templatetags.positions_tags import stance_badge, verification_badge
from positions.timeline.geometry import CHANGE_RING_RADIUS, MARKER_RADIUS, REVERSAL_RING_RADIUS
from sources.bilingual import localized_text, translated_field
from sources.dates import format_partial_date
from sources.models import Translation, Verification
from sources.text import xml_safe


class Wording:
    """Translated words and dates, each worked out once per page rather than once per position."""

    def __init__(self):
        self.stances = {value: str(label) for value, label in Stance.choices}
        self.verifications = {value: str(label) for value, label in Verification.choices}
        self.dates: dict[tuple[datetime.date, str], str] = {}
        self.stance_word, self.superseded = _("Stance"), _("Superseded")
        self.reversal, self.changed = _("Reversal"), _("Changed")
        self.reversal_long, self.change_long = _("reversal"), _("change of stance")
        self.period_only = _("Only the month or year is known.")
        self.superseded_on = _("Superseded %(day)s (%(stance)s)")
        self.machine = str(TRANSLATION_DEFINITIONS[Translation.MACHINE][0])
        self.language = get_language()
        self.names: dict[tuple[type, int], str] = {}

    def name(self, obj) -> str:
        """An actor's or topic's name in the page's language (as `localized_text`), looked up once each."""
        key = (type(obj), obj.id)
        if key not in self.names:
            self.names[key] = xml_safe(translated_field(obj, "name", self.language)[0])
        return self.names[key]

    @cached_property
    def badges(self) -> tuple[dict[str, str], dict[str, str]]:
        return render_badges()

    def date(self, day: datetime.date, precision: str) -> str:
        key = (day, precision)
        if key not in self.dates:
            self.dates[key] = format_partial_date(day, precision)
        return self.dates[key]

    def change(self, change) -> str:
        return f"{self.stances[change.before]} → {self.stances[change.after]}"

    def hover(self, entry) -> str:
        """The marker's SVG <title>: date, actor, topic, stance, change, then the quote excerpt."""
        position = entry.position
        lines = [f"{entry.stated_display} · {self.name(position.actor)} · {self.name(position.topic)}"]
        stance = self.stances[position.stance]
        if position.verification != Verification.CONFIRMED:
            stance += f" ({self.verifications[position.verification]})"
        lines.append(f"{self.stance_word}: {stance}")
        if entry.change:
            kind = self.reversal_long if entry.change.is_reversal else self.change_long
            lines.append(f"{kind}: {self.change(entry.change)}")
        if not entry.is_precise:
            lines.append(self.period_only)
        following = entry.superseded_by
        if following:
            lines.append(f"{self.superseded} {self.date(following.stated_on, following.date_precision)}")
        quote = f"“{entry.excerpt}”"
        if position.translation == Translation.MACHINE:
            quote += f" [{self.machine}]"
        lines.append(quote)
        return "\n".join(lines)


def shorten(text: str, length: int) -> str:
    """`Truncator(text).chars(length)`, skipping its translated ellipsis for the many names that fit."""
    return text if len(text) <= length else Truncator(text).chars(length)


def coordinate(value: float) -> str:
    """A coordinate with a decimal point whatever the language, and no trailing zeros.

    Digits, a point and a minus sign need no escaping, so the SVG builders below write coordinates
    straight into their tags; only texts and class names are escaped.
    """
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def number(value: float) -> SafeString:
    """`coordinate`, marked safe for format_html and templates."""
    return SafeString(coordinate(value))


class PlotX:
    """Horizontal positions as percentages of the plot's width, so the plot SVG can be drawn at any
    width (a phone fits the whole period) while markers stay round and text keeps its size."""

    def __init__(self, left: float, width: float):
        self.left, self.width = left, width

    def __call__(self, x: float) -> SafeString:
        return SafeString(f"{(x - self.left) * 100 / self.width:.3f}".rstrip("0").rstrip(".") + "%")

    def span(self, width: float) -> SafeString:
        return SafeString(f"{width * 100 / self.width:.3f}".rstrip("0").rstrip(".") + "%")


def band_markup(band, band_y: str, height: str, dom_id: str, at: PlotX) -> str:
    """One band's <rect>; `band_y` and `height` are coordinates, `dom_id` is escaped already."""
    fill = f' fill="url(#{dom_id}-period-{escape(band.stance)})"' if band.uncertain else ""
    return (
        f'<rect class="{escape(band.css_class)}" x="{at(band.x)}" y="{band_y}"'
        f' width="{at.span(band.width)}" height="{height}"{fill}/>'
    )


def marker_markup(entry, at: PlotX) -> str:
    """One statement's marker: a link with its hover text, a ring when the stance changed, the dot."""
    cx, cy = at(entry.x), coordinate(entry.y)
    ring = ""
    if entry.change:
        kind, radius = (
            ("reversal", REVERSAL_RING_RADIUS) if entry.change.is_reversal else ("change", CHANGE_RING_RADIUS)
        )
        ring = f'<circle class="tl-ring-{kind}" cx="{cx}" cy="{cy}" r="{radius}"/>'
    return (
        f'<a href="{escape(entry.url)}" class="tl-marker-link"><title>{escape(xml_safe(entry.hover_text))}</title>'
        f'{ring}<circle class="{escape(entry.marker_class)}" cx="{cx}" cy="{cy}" r="{MARKER_RADIUS}"/></a>'
    )


def lane_marks(lanes, dom_id: str, band_height: float, at: PlotX) -> SafeString:
    """Each lane's bands, then its markers (drawn on top), as one SVG group per lane.

    Written with f-strings, each text and class escaped by html.escape (as the template engine
    escapes) and each coordinate written as it is: a thousand markers and two thousand bands
    made some 25,000 format_html arguments, most of them coordinates.
    """
    height, dom = coordinate(band_height), escape(dom_id)
    pieces = []
    for lane in lanes:
        band_y = coordinate(lane.band_y)
        pieces.append('<g class="tl-lane">')
        pieces.extend(band_markup(band, band_y, height, dom, at) for band in lane.bands)
        pieces.extend(marker_markup(entry, at) for entry in lane.entries)
        pieces.append("</g>")
    return mark_safe("".join(pieces))


def actor_label(url: str, name: str, y: str, label: str) -> str:
    """An actor's name in the left-hand SVG, linked to its page; `url`, `name` and `label` are escaped already."""
    return (
        f'<a href="{url}" class="tl-actor-link"><title>{name}</title>'
        f'<text class="tl-actor" x="8" y="{y}">{label}</text></a>'
    )


def label_marks(groups, show_topics: bool, plot_left: float) -> SafeString:
    """The left-hand SVG's country names, rules, row shading, actor names (linked) and topic names."""
    left = coordinate(plot_left)
    topics: dict[int, str] = {}

    def topic_label(topic) -> str:
        if topic.id not in topics:
            topics[topic.id] = escape(shorten(localized_text(topic, "name"), 28))
        return topics[topic.id]

    def pieces():
        for group in groups:
            rule = coordinate(group.rule_y)
            yield (
                f'<text class="tl-country" x="8" y="{coordinate(group.label_y)}">{escape(xml_safe(group.name))}</text>'
                f'<line class="tl-group-rule" x1="0" x2="{left}" y1="{rule}" y2="{rule}"/>'
            )
            for row in group.rows:
                if row.shaded:
                    yield (
                        f'<rect class="tl-row-shade" x="0" y="{coordinate(row.y)}" width="{left}"'
                        f' height="{coordinate(row.height)}"/>'
                    )
                url = escape(row.actor.url)
                name, label = escape(row.actor.shown_name), escape(xml_safe(row.label))
                if show_topics:
                    yield actor_label(url, name, coordinate(row.label_y), label)
                    for lane in row.lanes:
                        yield f'<text class="tl-topic" x="22" y="{coordinate(lane.label_y)}">{topic_label(lane.topic)}</text>'
                else:
                    for lane in row.lanes:
                        yield actor_label(url, name, coordinate(lane.label_y), label)

    return mark_safe("\n".join(pieces()))


def row_shades(groups) -> SafeString:
    """The plot's shading of every other actor's row, matching the labels beside it."""
    return mark_safe(
        "".join(
            f'<rect class="tl-row-shade" x="0" y="{coordinate(row.y)}" width="100%" height="{coordinate(row.height)}"/>'
            for group in groups
            for row in group.rows
            if row.shaded
        )
    )


def render_badges() -> tuple[dict[str, str], dict[str, str]]:
    """The site's stance and verification badges, rendered once per value, each linking to its definition."""
    stance = {value: stance_badge(value) for value in Stance.values}
    verification = {value: verification_badge(value) for value in Verification.values}
    return stance, verification
