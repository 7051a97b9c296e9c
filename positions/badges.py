"""Stance, verification, attribution and translation badges: a word in a coloured box that links to its definition.

A page shows hundreds of badges, each one of a handful of values, so each is built once per value,
options and language and kept for the life of the process: its label, definition and address
never change while it runs (they come from the code and its translations, not from the data).
The colour comes from one class per value in site.css.
"""

from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from positions.choices import Stance
from positions.definitions import (
    ATTRIBUTION_DEFINITIONS,
    STANCE_DEFINITIONS,
    TRANSLATION_DEFINITIONS,
    VERIFICATION_DEFINITIONS,
    definition_url,
)
from sources.models import Attribution, Verification

# What a badge that is not shown leaves: the line break the templates left.
NOTHING = mark_safe("\n")


def badge_html(kind: str, css_class: str, label, definition, link: bool, value: str) -> SafeString:
    """A link to the value's definition on the about page, titled with it; a span when `link` is off
    (inside another link) or when the value has no definition. Each ends with a line break, as the
    templates these replaced did, so the spacing of the text around every badge stays as it was."""
    if link and definition is not None:
        return format_html(
            '<a href="{}" title="{}" class="{}">{}</a>\n', definition_url(kind, value), definition, css_class, label
        )
    return format_html('<span title="{}" class="{}">{}</span>\n', definition or "", css_class, label)


@lru_cache(maxsize=256)
def cached_stance_badge(stance: str, link: bool, language: str | None) -> SafeString:
    label = Stance(stance).label if stance in Stance.values else stance
    return badge_html("stance", f"stance stance-{stance}", label, STANCE_DEFINITIONS.get(stance), link, stance)


@lru_cache(maxsize=256)
def cached_verification_badge(verification: str, link: bool, language: str | None) -> SafeString:
    label = Verification(verification).label if verification in Verification.values else verification
    return badge_html(
        "verification",
        f"verification verification-{verification}",
        label,
        VERIFICATION_DEFINITIONS.get(verification),
        link,
        verification,
    )


@lru_cache(maxsize=256)
def cached_attribution_badge(attribution: str, link: bool, language: str | None) -> SafeString:
    label = Attribution(attribution).label if attribution in Attribution.values else attribution
    return badge_html(
        "attribution",
        f"attribution attribution-{attribution}",
        label,
        ATTRIBUTION_DEFINITIONS.get(attribution),
        link,
        attribution,
    )


@lru_cache(maxsize=64)
def cached_translation_badge(status: str, link: bool, language: str | None) -> SafeString:
    label, definition = TRANSLATION_DEFINITIONS[status]
    return badge_html("translation", f"verification translation-{status}", label, definition, link, status)


def stance_badge_html(stance: str, link: bool = True) -> SafeString:
    """The stance as colour and text label; `link=False` inside another link (the definition is then the title)."""
    return cached_stance_badge(str(stance), bool(link), get_language())


def verification_badge_html(verification: str, show_confirmed: bool = False, link: bool = True) -> SafeString:
    """A word badge for `reported` and `unverified`; `confirmed` only when asked, to keep rows quiet."""
    if verification == Verification.CONFIRMED and not show_confirmed:
        return NOTHING
    return cached_verification_badge(str(verification), bool(link), get_language())


def attribution_badge_html(attribution: str, link: bool = True) -> SafeString:
    """How the quote's words reached us, every value shown: "direct" says as much as "anonymous"."""
    return cached_attribution_badge(str(attribution), bool(link), get_language())


def translation_badge_html(status: str | None, link: bool = True) -> SafeString:
    """A "machine-translated" badge for a quote's English text; nothing for an original or a human translation."""
    if status != "machine":
        return NOTHING
    return cached_translation_badge(status, bool(link), get_language())
