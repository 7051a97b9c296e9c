"""Template helpers for the public pages: dates with their precision, stance and verification badges."""

import datetime

from django import template
from django.http import QueryDict
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from positions import rows
from positions.badges import (
    attribution_badge_html,
    cell_badge_html,
    stance_age_html,
    stance_badge_html,
    translation_badge_html,
    verification_badge_html,
)
from positions.country_codes import in_address
from positions.definitions import ATTRIBUTION_DEFINITIONS, TRANSLATION_DEFINITIONS
from positions.map.table import table_lines
from positions.per_language import render_once, variant
from positions.staleness import stale_after_months
from sources.dates import format_day, format_day_short, format_partial_date
from sources.text import xml_safe as strip_non_xml

register = template.Library()


@register.filter
def partial_date(value: datetime.date | None, precision: str) -> str:
    """`{{ position.stated_on|partial_date:position.date_precision }}` → "26 Nov 2024", "Nov 2024" or "2024"."""
    return format_partial_date(value, precision)


@register.filter
def day_date(value: datetime.date | datetime.datetime | None, time_format: str = "") -> str:
    """`{{ day|day_date }}` → "6 December 2026", "6 грудня 2026": a day in running text;
    `{{ moment|day_date:"H:i e" }}` adds the time of day: "6 грудня 2026, 17:11 UTC"."""
    text = format_day(value)
    if time_format and isinstance(value, datetime.datetime):
        text += ", " + date_filter(value, time_format)
    return text


@register.filter
def day_date_short(value: datetime.date | datetime.datetime | None) -> str:
    """`{{ day|day_date_short }}` → "6 Dec 2026", "6 груд. 2026": a day in little room."""
    return format_day_short(value)


@register.simple_tag
def today_date() -> str:
    """Today in running text, for "accessed 6 December 2026" ("дата звернення: 6 грудня 2026")."""
    return format_day(timezone.localdate())


@register.filter
def xml_safe(value) -> str:
    """Text for inline SVG, without the control characters XML 1.0 cannot carry (then escaped as usual)."""
    return strip_non_xml(str(value))


@register.inclusion_tag("positions/_options.html")
def option_items(choices, selected=()) -> dict:
    """`{% option_items choices selected %}`: an <option> per (value, label), those in `selected` selected."""
    return {"choices": choices, "selected": set(selected)}


@register.simple_tag
def stance_badge(stance: str, link: bool = True) -> str:
    """The stance as colour and text label, linking to its definition on the about page (positions/badges.py).

    `link=False` inside another link (a matrix cell): the definition is then the badge's title.
    """
    return stance_badge_html(stance, link)


@register.simple_tag
def cell_badge(value: str, link: bool = True) -> str:
    """A country's cell: its stance, or "mixed" or "reported only" as a patterned word badge (Cell.badge)."""
    return cell_badge_html(value, link)


@register.simple_tag
def verification_badge(verification: str, show_confirmed: bool = False, link: bool = True) -> str:
    """A word badge for `reported` and `unverified`; `confirmed` only when asked, to keep rows quiet."""
    return verification_badge_html(verification, show_confirmed, link)


@register.simple_tag
def attribution_badge(attribution: str, link: bool = True) -> str:
    """How a quote's words reached us, as a word badge linking to its definition."""
    return attribution_badge_html(attribution, link)


@register.filter
def attribution_definition(attribution: str) -> str:
    """What an attribution means, in the readers' words (/about/ lists them all)."""
    return str(ATTRIBUTION_DEFINITIONS.get(attribution, ""))


@register.filter
def translation_definition(status: str) -> str:
    """What a translation status means, in the readers' words (/about/ lists them all)."""
    found = TRANSLATION_DEFINITIONS.get(status)
    return str(found[1]) if found else ""


@register.simple_tag
def translation_badge(status: str | None, link: bool = True) -> str:
    """A "machine-translated" word badge for a quote's English text; nothing for an original or a human translation.

    Pass the quote's translation status: `{% translation_badge quote.<status field> %}`.
    """
    return translation_badge_html(status, link)


@register.simple_tag
def page_variant() -> str:
    """`{% page_variant as variant %}`: the language and script prefix, for the key of a `{% cache %}` fragment."""
    return variant()


@register.simple_tag
def site_part(template_name: str, **values) -> str:
    """A part of every page rendered once per language, script prefix and values (positions/per_language.py)."""
    return render_once(template_name, **values)


@register.inclusion_tag("positions/_position_rows.html")
def position_rows(positions, hide_actor: bool = False, roles: dict | None = None, replaced: dict | None = None) -> dict:
    """The rows of a list of positions (templates/positions/_position_rows.html).

    `roles`: the actors' roles as positions.rows.roles_by_actor gives them, when the view loaded
    them itself rather than prefetching them with the positions; `replaced`: {position id: the
    stance it changed from}, for the rows that mark a change.
    """
    # An empty dict of roles is loaded roles (none), not "look them up per actor".
    loaded = roles if isinstance(roles, dict) else None
    return {"rows": rows.row_records_for_page(positions, loaded, replaced or None), "hide_actor": bool(hide_actor)}


@register.inclusion_tag("positions/_map_table.html")
def map_table(map_rows, topic) -> dict:
    """The map's text table: a line per country's current stance on `topic` (positions/map/table.py)."""
    return {"lines": table_lines(map_rows), "topic": topic}


@register.simple_tag
def as_of_today() -> str:
    """Today's date as the pages write a day: what "stances as of" a page or picture says (pages are kept per day)."""
    return format_partial_date(timezone.localdate(), "day")


@register.simple_tag(takes_context=True)
def stance_age(
    context, stated_on: datetime.date | None, precision: str, current: bool = True, show_fresh: bool = True
) -> str:
    """How old a statement is, in words; a stale one (past STALE_AFTER_MONTHS) is marked "stale" in text and style.

    Counted to today, or to the context's `as_of` day: a release's frozen view ages its stances to the release.
    """
    if stated_on is None:
        return ""
    today = context.get("as_of") or timezone.localdate()
    return stance_age_html(stated_on, precision, today, bool(current), bool(show_fresh))


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one); page is reset unless given."""
    params: QueryDict = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_without(context, name: str, value: str) -> str:
    """The current query string without one value of one parameter, for removing an active filter."""
    params: QueryDict = context["request"].GET.copy()
    params.pop("page", None)
    kept = (
        [item for item in params.getlist(name) if in_address(item) != in_address(value)]
        if name == "country"
        else [item for item in params.getlist(name) if item != str(value)]
    )
    params.setlist(name, kept)
    if not kept:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def absolute_uri(context, path: str | None = None) -> str:
    """The page's (or `path`'s) full address, for citations and Open Graph tags."""
    request = context.get("request")
    if request is None:
        return path or ""
    return request.build_absolute_uri(path) if path else request.build_absolute_uri()


@register.simple_tag(takes_context=True)
def feed_url(context, **filters) -> str:
    """The Atom feed taking the given filters, or the current list's filters when none are given."""
    base = reverse("positions:feed")
    if filters:
        params = QueryDict(mutable=True)
        for name, value in filters.items():
            if value:
                params[name] = str(value)
    else:
        request = context.get("request")
        params = request.GET.copy() if request is not None else QueryDict(mutable=True)
        params.pop("page", None)
    encoded = params.urlencode()
    return f"{base}?{encoded}" if encoded else base


@register.simple_tag
def stale_key_words() -> str:
    """The stale pattern's words in a map's key, as the drawn legend says them (positions/views/stance_map.py)."""
    months = stale_after_months()
    return ngettext(
        "stale: latest statement over %(months)s month old",
        "stale: latest statement over %(months)s months old",
        months,
    ) % {"months": months}
