"""Things made from the code and its translations alone, kept for the life of the process.

A badge, the navigation or an address pattern depends on nothing a reader or the data can
change: only on the arguments, the page's language and the script prefix the site is served
under. `per_language` keeps one copy per combination of the three, reading the language and the
prefix itself (`variant`), so no caller has to remember to put them in the key; templates put
`{% page_variant %}` in the key of their `{% cache %}` fragments for the same reason. With DEBUG
on nothing is kept, so an edited template or catalogue shows at once.
"""

from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Every function kept this way, so that tests can empty them all at once (clear_all).
KEPT: list[Any] = []


def variant() -> str:
    """The page's language and script prefix, as one key part: what its addresses and words depend on."""
    return f"{get_language()}:{get_script_prefix()}"


def per_language(maxsize: int = 256):
    """Decorator: the function's result kept per (language, script prefix, arguments).

    The arguments must be hashable and say everything the result depends on besides the two.
    """

    def decorate(function):
        @lru_cache(maxsize=maxsize)
        def kept(page_variant, args, kwargs):
            return function(*args, **dict(kwargs))

        @wraps(function)
        def wrapper(*args, **kwargs):
            if settings.DEBUG:
                return function(*args, **kwargs)
            return kept(variant(), args, tuple(sorted(kwargs.items())))

        wrapper.cache_clear = kept.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = kept.cache_info  # type: ignore[attr-defined]
        KEPT.append(wrapper)
        return wrapper

    return decorate


def clear_all() -> None:
    for function in KEPT:
        function.cache_clear()


@per_language()
def rendered(template_name: str, values: tuple) -> SafeString:
    return mark_safe(render_to_string(template_name, dict(values)))


def render_once(template_name: str, **values) -> SafeString:
    """The template rendered with only `values` in its context (no request: nothing per reader),
    once per language, script prefix and values."""
    return rendered(template_name, tuple(sorted(values.items())))
