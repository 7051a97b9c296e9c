"""`{% localized actor "name" %}` and `{{ actor|localized_text:"name" }}`: a record's text in the page's language.

The tag marks an English fallback on a Ukrainian page with `lang="en"`; the filter gives plain
text for attributes, `<title>` and SVG (sources/bilingual.py).
"""

from django import template
from django.utils.translation import get_language_info

from sources import bilingual

register = template.Library()


@register.simple_tag
def localized(obj, field: str):
    return bilingual.localized_html(obj, field)


@register.filter
def localized_text(obj, field: str) -> str:
    return bilingual.localized_text(obj, field)


@register.filter
def language_name(code: str) -> str:
    """An ISO 639-1 code's language name in the page's language ("Ukrainian", "українська"), or the code itself."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
