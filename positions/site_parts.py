"""Parts of every page that change only with the language and the section: rendered once per process.

The navigation and the footer's links are some twenty `{% url %}` and twenty `{% translate %}`
tags, ~3 ms of every page at the machine's slow speed (docs/performance.md). Their text depends
on nothing but the page's language, the script prefix, the few values the tag passes (the
section, to mark the current page) and the template, so each combination is rendered once and
kept. With DEBUG on they are rendered afresh, so an edited template shows at once.
"""

from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def cached_part(template_name: str, language: str | None, script_prefix: str, values: tuple) -> SafeString:
    return mark_safe(render_to_string(template_name, dict(values)))


def site_part(template_name: str, **values) -> SafeString:
    """The template rendered with only `values` in its context (no request: nothing per reader)."""
    key = tuple(sorted(values.items()))
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name, dict(key)))
    return cached_part(template_name, get_language(), get_script_prefix(), key)
