"""Texts kept in English and, optionally, in Ukrainian: which one a page shows.

A model field `name` may have a twin `name_uk`. A Ukrainian page shows the twin when it is
filled and the English text otherwise, marked `lang="en"` so that screen readers pronounce it
as English. English pages always show the English text.
"""

import html

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .collation import collation_key
from .text import xml_safe


def translated_field(obj, field: str, language: str | None = None) -> tuple[str, str | None]:
    """The field's text for the language, and "en" when that is an English fallback on another language's page."""
    language = language or get_language() or settings.LANGUAGE_CODE
    english = getattr(obj, field, "") or ""
    if language == settings.LANGUAGE_CODE:
        return english, None
    translation = getattr(obj, f"{field}_{language}", "") or ""
    if translation:
        return translation, None
    return english, (settings.LANGUAGE_CODE if english else None)


def localized_value(english: str, translation: str) -> str:
    """Plain text from the two values themselves (a row read with values()): the translation on its page, or the English."""
    language = get_language() or settings.LANGUAGE_CODE
    return xml_safe((translation if language != settings.LANGUAGE_CODE and translation else english) or "")


def localized_menu(rows) -> list[tuple[str, str]]:
    """(value, English, translation) rows as a menu's (value, label) pairs in the page's language,
    in that language's alphabetical order."""
    menu = [(value, localized_value(english, translation)) for value, english, translation in rows]
    return sorted(menu, key=lambda choice: collation_key(choice[1]))


def localized_text(obj, field: str) -> str:
    """Plain text, for attributes, page titles and SVG text where no element can mark a language."""
    return xml_safe(translated_field(obj, field)[0])


def localized_html(obj, field: str) -> SafeString:
    """Escaped HTML: the text, inside `<span lang="en">` when it falls back to English. Characters
    XML cannot carry are dropped, as the page may be part of a feed or an SVG.

    Escaped by html.escape, as Django's escape does, without its check for lazy text: a page of
    rows calls this for every name, title and summary, and the text here is always a str."""
    text, fallback = translated_field(obj, field)
    text = html.escape(xml_safe(text))
    if fallback:
        return SafeString(f'<span lang="{html.escape(fallback)}">{text}</span>')
    return SafeString(text)
