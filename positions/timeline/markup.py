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

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from positions.bulk_html import format_html, format_html_join
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


def number(value: float) -> SafeString:
    """A coordinate with a decimal point whatever the language, and no trailing zeros.

    Digits, a point and a minus sign need no escaping: marked safe, format_html passes them
    through instead of escaping each of the ~10,000 coordinates of a large timeline.
    """
    return SafeString(f"{float(value):.2f}".rstrip("0").rstrip("."))


class PlotX:
    """Horizontal positions as percentages of the plot's width, so the plot SVG can be drawn at any
    width (a phone fits the whole period) while markers stay round and text keeps its size."""

    def __init__(self, left: float, width: float):
        self.left, self.width = left, width

    def __call__(self, x: float) -> SafeString:
        return SafeString(f"{(x - self.left) * 100 / self.width:.3f}".rstrip("0").rstrip(".") + "%")

    def span(self, width: float) -> SafeString:
        return SafeString(f"{width * 100 / self.width:.3f}".rstrip("0").rstrip(".") + "%")


def band_pattern(band, dom_id: str) -> str:
    """The id of the hatch pattern that fills a band, or "" for a plain (CSS-coloured) one."""
    if band.uncertain:
        return f"{dom_id}-period-{band.stance}"
    return ""


def band_markup(band, band_y: str, height: str, dom_id: str, at: PlotX) -> SafeString:
    pattern = band_pattern(band, dom_id)
    if pattern:
        return format_html(
            '<rect class="{}" x="{}" y="{}" width="{}" height="{}" fill="url(#{})"/>',
            band.css_class,
            at(band.x),
            band_y,
            at.span(band.width),
            height,
            pattern,
        )
    return format_html(
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>',
        band.css_class,
        at(band.x),
        band_y,
        at.span(band.width),
        height,
    )


def marker_markup(entry, at: PlotX) -> SafeString:
    cx, cy = at(entry.x), number(entry.y)
    ring = ""
    if entry.change:
        kind, radius = (
            ("reversal", REVERSAL_RING_RADIUS) if entry.change.is_reversal else ("change", CHANGE_RING_RADIUS)
        )
        ring = format_html('<circle class="tl-ring-{}" cx="{}" cy="{}" r="{}"/>', kind, cx, cy, radius)
    return format_html(
        '<a href="{}" class="tl-marker-link"><title>{}</title>{}<circle class="{}" cx="{}" cy="{}" r="{}"/></a>',
        entry.url,
        xml_safe(entry.hover_text),
        ring,
        entry.marker_class,
        cx,
        cy,
        MARKER_RADIUS,
    )


def lane_marks(lanes, dom_id: str, band_height: float, at: PlotX) -> SafeString:
    """Each lane's bands, then its markers (drawn on top), as one SVG group per lane."""
    height = number(band_height)
    return format_html_join(
        "",
        '<g class="tl-lane">{}{}</g>',
        (
            (
                format_html_join(
                    "", "{}", ((band_markup(band, number(lane.band_y), height, dom_id, at),) for band in lane.bands)
                ),
                format_html_join("", "{}", ((marker_markup(entry, at),) for entry in lane.entries)),
            )
            for lane in lanes
        ),
    )


ACTOR_LABEL = '<a href="{}" class="tl-actor-link"><title>{}</title><text class="tl-actor" x="8" y="{}">{}</text></a>'


def label_marks(groups, show_topics: bool, plot_left: float) -> SafeString:
    """The left-hand SVG's country names, rules, row shading, actor names (linked) and topic names."""
    left = number(plot_left)
    topics: dict[int, str] = {}

    def topic_label(topic) -> str:
        if topic.id not in topics:
            topics[topic.id] = shorten(localized_text(topic, "name"), 28)
        return topics[topic.id]

    def pieces():
        for group in groups:
            rule = number(group.rule_y)
            yield format_html(
                '<text class="tl-country" x="8" y="{}">{}</text>'
                '<line class="tl-group-rule" x1="0" x2="{}" y1="{}" y2="{}"/>',
                number(group.label_y),
                xml_safe(group.name),
                left,
                rule,
                rule,
            )
            for row in group.rows:
                if row.shaded:
                    yield format_html(
                        '<rect class="tl-row-shade" x="0" y="{}" width="{}" height="{}"/>',
                        number(row.y),
                        left,
                        number(row.height),
                    )
                name, label = localized_text(row.actor, "name"), xml_safe(row.label)
                if show_topics:
                    yield format_html(ACTOR_LABEL, row.actor.url, name, number(row.label_y), label)
                    for lane in row.lanes:
                        yield format_html(
                            '<text class="tl-topic" x="22" y="{}">{}</text>',
                            number(lane.label_y),
                            topic_label(lane.topic),
                        )
                else:
                    for lane in row.lanes:
                        yield format_html(ACTOR_LABEL, row.actor.url, name, number(lane.label_y), label)

    return mark_safe("\n".join(pieces()))


def row_shades(groups) -> SafeString:
    """The plot's shading of every other actor's row, matching the labels beside it."""
    return format_html_join(
        "",
        '<rect class="tl-row-shade" x="0" y="{}" width="100%" height="{}"/>',
        ((number(row.y), number(row.height)) for group in groups for row in group.rows if row.shaded),
    )


def render_badges() -> tuple[dict[str, str], dict[str, str]]:
    """The site's stance and verification badges, rendered once per value, each linking to its definition."""
    stance = {value: stance_badge(value) for value in Stance.values}
    verification = {value: verification_badge(value) for value in Verification.values}
    return stance, verification
