"""The timeline's repeated pieces as markup: each lane's bands and markers, and each entry of the list.

A country can have thousands of positions; building these few tags in Python is over ten times
faster than a template loop over them. Every text value goes through `html.escape` (quotes too),
exactly as the template engine would escape it. The page's structure stays in
templates/positions/_timeline*.html; each badge reuses the site's own partial, rendered once per
stance or verification value.
"""

import datetime
from functools import cached_property
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from positions.choices import Stance
from sources.bilingual import localized_html, localized_text
from sources.dates import format_partial_date
from sources.models import Verification

MARKER_RADIUS = 6
CHANGE_RING_RADIUS = 9
REVERSAL_RING_RADIUS = 11


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
        lines = [
            f"{entry.stated_display} · {localized_text(position.actor, 'name')} · {localized_text(position.topic, 'name')}"
        ]
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
        lines.append(f"“{entry.excerpt}”")
        return "\n".join(lines)


def number(value: float) -> str:
    """A coordinate with a decimal point whatever the language, and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def band_fill(band, dom_id: str) -> str:
    if band.uncertain:
        return f' fill="url(#{dom_id}-period-{band.stance})"'
    if band.stance == Stance.COMMENTARY:
        return f' fill="url(#{dom_id}-commentary)"'
    return ""


def lane_marks(lanes, dom_id: str, band_height: float) -> SafeString:
    parts = []
    height = number(band_height)
    for lane in lanes:
        parts.append('<g class="tl-lane">')
        band_y = number(lane.band_y)
        for band in lane.bands:
            # Only class names, ids and numbers of our own go into these attributes.
            parts.append(
                f'<rect class="{band.css_class}" x="{number(band.x)}" y="{band_y}" width="{number(band.width)}" '
                f'height="{height}"{band_fill(band, dom_id)}/>'
            )
        for entry in lane.entries:
            cx, cy = number(entry.x), number(entry.y)
            ring = ""
            if entry.change:
                kind, radius = (
                    ("reversal", REVERSAL_RING_RADIUS) if entry.change.is_reversal else ("change", CHANGE_RING_RADIUS)
                )
                ring = f'<circle class="tl-ring-{kind}" cx="{cx}" cy="{cy}" r="{radius}"/>'
            parts.append(
                f'<a href="{escape(entry.url)}" class="tl-marker-link"><title>{escape(entry.hover_text)}</title>{ring}'
                f'<circle class="{entry.marker_class}" cx="{cx}" cy="{cy}" r="{MARKER_RADIUS}"/></a>'
            )
        parts.append("</g>")
    return mark_safe("".join(parts))


def render_badges() -> tuple[dict[str, str], dict[str, str]]:
    """The site's stance and verification badges, rendered once per value."""
    stance = {
        value: render_to_string("positions/_stance_badge.html", {"stance": value, "label": label})
        for value, label in Stance.choices
    }
    verification = {
        value: render_to_string(
            "positions/_verification_badge.html",
            {"verification": value, "label": label, "shown": value != Verification.CONFIRMED},
        )
        for value, label in Verification.choices
    }
    return stance, verification


def change_note(entry, wording: Wording) -> str:
    if not entry.change:
        return ""
    kind = wording.reversal if entry.change.is_reversal else wording.changed
    return (
        f'<strong class="tl-change tl-change-{entry.change.direction or "other"}">'
        f'<span class="tl-change-kind">{escape(kind)}</span>: {escape(wording.change(entry.change))}</strong>'
    )


def superseded_note(entry, wording: Wording) -> str:
    following = entry.superseded_by
    if not following:
        return ""
    text = wording.superseded_on % {
        "day": wording.date(following.stated_on, following.date_precision),
        "stance": wording.stances[following.stance],
    }
    return f'<span class="tl-superseded">{escape(text)}</span>'


def list_items(entries) -> SafeString:
    """The list's <li> for each entry: date, stance, change, who, topic, quote excerpt and link."""
    if not entries:
        return mark_safe("")
    stance_badges, verification_badges = entries[0].wording.badges
    on, position_word = escape(pgettext("timeline entry, before the topic", "on")), escape(_("Position"))
    # Names repeat across thousands of rows: escape each once.
    actors: dict[int, tuple[str, str]] = {}
    topics: dict[int, str] = {}
    rows = []
    for entry in entries:
        position = entry.position
        if position.actor_id not in actors:
            actor = position.actor
            country_name = str(actor.country.name) if position.country else ""
            # "France · France" says nothing more: a state's own row needs no country after it.
            shown_name = localized_text(actor, "name")
            country = f" · {escape(country_name)}" if country_name and country_name != shown_name else ""
            actors[position.actor_id] = (localized_html(actor, "name"), country)
        if position.topic_id not in topics:
            topics[position.topic_id] = localized_html(position.topic, "name")
        name, country = actors[position.actor_id]
        topic = topics[position.topic_id]
        classes = "tl-entry"
        if entry.change:
            classes += " tl-entry-reversal" if entry.change.is_reversal else " tl-entry-change"
        if entry.is_superseded:
            classes += " tl-entry-superseded"
        day, url = escape(entry.stated_display), escape(entry.url)
        rows.append(
            f'<li class="{classes}"><p class="tl-entry-meta"><time datetime="{position.stated_on.isoformat()}">{day}</time> '
            f"{stance_badges.get(position.stance, '')}{verification_badges.get(position.verification, '')} "
            f"{change_note(entry, entry.wording)} {superseded_note(entry, entry.wording)}</p>"
            f'<p class="tl-entry-who"><a href="{escape(entry.actor_url)}">{name}</a>{country} · {on} {topic}</p>'
            f'<p class="tl-entry-quote"><span lang="en">“{escape(entry.excerpt)}”</span> <a href="{url}">{position_word}'
            f'<span class="visually-hidden">: {name}, {topic}, {day}</span></a></p></li>'
        )
    return mark_safe("\n".join(rows))
