"""`{% localized actor "name" %}` and `{{ actor|localized_text:"name" }}`: a record's text in the page's language.

The tag marks an English fallback on a Ukrainian page with `lang="en"`; the filter gives plain
text for attributes, `<title>` and SVG (sources/bilingual.py).
"""

from django import template
from django.utils.translation import get_language, get_language_info

from sources import bilingual

register = template.Library()


@register.simple_tag
def localized(obj, field: str):
    return bilingual.localized_html(obj, field)


@register.filter
def localized_text(obj, field: str) -> str:
    return bilingual.localized_text(obj, field)


# Not "language_name": Django's i18n library has a filter of that name, which would replace this one.
@register.filter
def original_language_name(code: str) -> str:
    """An ISO 639-1 code's language name in the page's language ("Ukrainian", "українська"), or the code itself."""
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
    # Django's catalogue capitalises names for menus; in a Ukrainian sentence they are lower-case.
    return name[:1].lower() + name[1:] if get_language() == "uk" else name
