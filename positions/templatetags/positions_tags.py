"""Template helpers for the public pages: dates with their precision, stance and verification badges."""

import datetime
from functools import lru_cache

from django import template
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import get_language

from positions.choices import Stance
from sources.dates import format_partial_date
from sources.models import Verification
from sources.text import xml_safe as strip_non_xml

register = template.Library()


@register.filter
def partial_date(value: datetime.date | None, precision: str) -> str:
    """`{{ position.stated_on|partial_date:position.date_precision }}` → "26 Nov 2024", "Nov 2024" or "2024"."""
    return format_partial_date(value, precision)


@register.filter
def xml_safe(value) -> str:
    """Text for inline SVG, without the control characters XML 1.0 cannot carry (then escaped as usual)."""
    return strip_non_xml(str(value))


@lru_cache(maxsize=256)
def badge(template_name: str, language: str | None, **context) -> str:
    """A badge's markup, rendered once per value and language: pages show hundreds of them."""
    return render_to_string(template_name, context)


@register.simple_tag
def stance_badge(stance: str) -> str:
    """The stance as colour and text label; the colour comes from one class per stance in site.css."""
    label = Stance(stance).label if stance in Stance.values else stance
    return badge("positions/_stance_badge.html", get_language(), stance=stance, label=str(label))


@register.simple_tag
def verification_badge(verification: str, show_confirmed: bool = False) -> str:
    """A word badge for `reported` and `unverified`; `confirmed` only when asked, to keep rows quiet."""
    label = Verification(verification).label if verification in Verification.values else verification
    shown = show_confirmed or verification != Verification.CONFIRMED
    return badge(
        "positions/_verification_badge.html", get_language(), verification=verification, label=str(label), shown=shown
    )


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
        [item for item in params.getlist(name) if item.strip().upper() != str(value).upper()]
        if name == "country"
        else [item for item in params.getlist(name) if item != str(value)]
    )
    params.setlist(name, kept)
    if not kept:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_with_facet(context, name: str, value: str) -> str:
    """The current query string narrowed to one facet value (replacing that parameter), back on page one."""
    params: QueryDict = context["request"].GET.copy()
    params.pop("page", None)
    params.setlist(name, [str(value)])
    return f"?{params.urlencode()}"
