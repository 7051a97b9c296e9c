"""Stance, verification, attribution and translation badges: a word in a coloured box that links to its
definition; and a statement's age in words, marked when stale.

The markup is templates/positions/_badge.html. A page shows hundreds of badges of a handful of
values, and a badge's label, definition and address come from the code and its translations,
never from the data, so each is rendered once per value and options (positions/per_language.py
adds the language and the script prefix). The colour comes from one class per value in site.css.
"""

import datetime

from django.utils.safestring import SafeString, mark_safe

from positions.choices import Stance
from positions.definitions import (
    ATTRIBUTION_DEFINITIONS,
    CELL_DEFINITIONS,
    STANCE_DEFINITIONS,
    TRANSLATION_DEFINITIONS,
    VERIFICATION_DEFINITIONS,
    definition_url,
)
from positions.per_language import per_language, render_once
from positions.staleness import age_of
from positions.stance_rule import CellState
from sources.models import Attribution, Verification

# What a badge that is not shown leaves: the line break a shown one ends with, so that the
# spacing of the text around it stays the same.
NOTHING = mark_safe("\n")


def badge(kind: str, css_class: str, label, definition, link: bool, value: str) -> SafeString:
    """A link to the value's definition on the about page, titled with it; a span when `link` is
    off (inside another link) or when the value has no definition."""
    return render_once(
        "positions/_badge.html",
        url=definition_url(kind, value) if link and definition is not None else "",
        definition=str(definition or ""),
        css_class=css_class,
        label=str(label),
    )


@per_language()
def stance_badge_html(stance: str, link: bool = True) -> SafeString:
    """The stance as colour and text label; `link=False` inside another link (the definition is then the title)."""
    label = Stance(stance).label if stance in Stance.values else stance
    return badge("stance", f"stance stance-{stance}", label, STANCE_DEFINITIONS.get(stance), link, stance)


@per_language()
def cell_badge_html(value: str, link: bool = True) -> SafeString:
    """A country's cell: its stance's badge, or a patterned badge for "mixed" and "reported only" (not a stance)."""
    if value not in (CellState.MIXED, CellState.REPORTED):
        return stance_badge_html(value, link)
    return badge("cell", f"stance stance-{value}", CellState(value).label, CELL_DEFINITIONS[value], link, value)


@per_language()
def shown_verification_badge(verification: str, link: bool) -> SafeString:
    label = Verification(verification).label if verification in Verification.values else verification
    return badge(
        "verification",
        f"verification verification-{verification}",
        label,
        VERIFICATION_DEFINITIONS.get(verification),
        link,
        verification,
    )


@per_language()
def attribution_badge_html(attribution: str, link: bool = True) -> SafeString:
    """How the quote's words reached us (direct, spokesperson, paraphrase, anonymous sources), always shown."""
    label = Attribution(attribution).label if attribution in Attribution.values else attribution
    return badge(
        "attribution",
        f"attribution attribution-{attribution}",
        label,
        ATTRIBUTION_DEFINITIONS.get(attribution),
        link,
        attribution,
    )


def verification_badge_html(verification: str, show_confirmed: bool = False, link: bool = True) -> SafeString:
    """A word badge for `reported` and `unverified`; `confirmed` only when asked, to keep rows quiet."""
    if verification == Verification.CONFIRMED and not show_confirmed:
        return NOTHING
    return shown_verification_badge(str(verification), bool(link))


def stance_age_html(
    stated_on: datetime.date, precision: str, today: datetime.date, current: bool = True, show_fresh: bool = True
) -> SafeString:
    """How old a statement is, in words (templates/positions/_stance_age.html); a stale one is marked
    "stale" in text and style. Empty for a fresh one when `show_fresh` is off."""
    age = age_of(stated_on, precision, today)
    if not age.is_stale and not show_fresh:
        return mark_safe("")
    return render_once("positions/_stance_age.html", months=age.months, stale=age.is_stale, current=current)


def translation_badge_html(status: str | None, link: bool = True) -> SafeString:
    """A "machine-translated" badge for a quote's English text; nothing for an original or a human translation."""
    if status != "machine":
        return NOTHING
    label, definition = TRANSLATION_DEFINITIONS[status]
    return badge("translation", f"verification translation-{status}", label, definition, bool(link), status)
