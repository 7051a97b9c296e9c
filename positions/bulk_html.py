"""`format_html` and `format_html_join` for markup built by the thousand (the timeline's SVG).

Django's format_html passes every argument through conditional_escape and escape, each wrapped
by keep_lazy, which looks at every argument for a lazy translation on every call. A timeline
of a thousand statements is some 9,000 format_html calls, and those wrappers were about a fifth
of its page's time at one million positions. These two give the same markup: each argument is
escaped by html.escape (what Django's escape does) unless it is already safe (has `__html__`),
and a lazy translation becomes its text first. tests/positions/test_bulk_html.py holds them
equal to Django's. For the SVG builders only (positions/timeline/, positions/map/svg.py); any
other markup belongs in a template.
"""

import html

from django.utils.safestring import SafeString


def escaped(value) -> str:
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def format_html(format_string: str, *args) -> SafeString:
    """django.utils.html.format_html with positional arguments only."""
    return SafeString(format_string.format(*map(escaped, args)))


def format_html_join(sep: str, format_string: str, args_generator) -> SafeString:
    """django.utils.html.format_html_join for sequences of positional arguments."""
    return SafeString(escaped(sep).join(format_string.format(*map(escaped, args)) for args in args_generator))
