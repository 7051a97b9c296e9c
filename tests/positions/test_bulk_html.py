"""positions/bulk_html.py's format_html and format_html_join give exactly Django's markup."""

import datetime

import pytest
from django.utils import html as django_html
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from positions import bulk_html

VALUES = [
    "plain",
    "<script>alert('x')</script> & \"quoted\"",
    mark_safe("<b>already safe</b>"),
    SafeString("1.5"),
    42,
    3.25,
    None,
    datetime.date(2024, 2, 29),
    gettext_lazy("Timeline"),
    "",
    "'apostrophe' and `backtick`",
]


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_format_html_escapes_as_django_does(value, language):
    template = '<a href="{}" title="{}">{}</a>'
    with translation.override(language):
        ours = bulk_html.format_html(template, value, value, value)
        theirs = django_html.format_html(template, value, value, value)
    assert ours == theirs
    assert isinstance(ours, SafeString)


def test_format_html_join_matches_django():
    rows = [(value, index) for index, value in enumerate(VALUES)]
    for separator in ("", "\n", "<br>", mark_safe("<br>")):
        ours = bulk_html.format_html_join(separator, "<li>{} ({})</li>", rows)
        theirs = django_html.format_html_join(separator, "<li>{} ({})</li>", rows)
        assert ours == theirs
        assert isinstance(ours, SafeString)
    generator = ((value,) for value in VALUES)
    assert bulk_html.format_html_join("", "{}", generator) == django_html.format_html_join(
        "", "{}", ((value,) for value in VALUES)
    )


def test_nested_pieces_are_not_escaped_twice():
    inner = bulk_html.format_html("<title>{}</title>", "a < b")
    assert bulk_html.format_html("<g>{}</g>", inner) == "<g><title>a &lt; b</title></g>"
