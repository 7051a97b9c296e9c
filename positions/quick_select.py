"""Select menus and text inputs rendered in Python, to the very markup Django's widget templates give.

Django renders each <option> of a <select> through two included templates: the list's country
menu of ~250 options took ~12 ms at one million positions, a tenth of the page. A plain Select or
SelectMultiple (no option groups, Django's own templates) is built here with `format_html`
instead, which escapes each value as the templates did; so is a plain text, search or date
<input> (two included templates each, ~0.5 ms apiece for the list's six); anything else is left
to Django. tests/positions/test_quick_select.py holds the two renderings equal, byte for byte.
"""

import copy
from functools import lru_cache

from django import forms
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def attributes(attrs: dict) -> SafeString:
    """Attributes as django/forms/widgets/attrs.html writes them: `True` as a bare name, `False` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelectMixin:
    """Renders the <select> and its options in Python when there are no option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        select_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        values = tuple(self.format_value(value))
        # Iterated, not list()ed: a list asks a model choice iterator for its length, one more query.
        choices = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # option groups: Django's templates
                return super().render(name, value, attrs, renderer)
            # A lazy label is its text in the current language, as the template would print it.
            label = str(label) if isinstance(label, Promise) else label
            choices.append(("" if option_value is None else str(option_value), label))
        if all(type(label) is str for _value, label in choices):
            # Text labels (the country menu's ~250): the same options again are the same markup.
            options = cached_options(tuple(choices), values, self.allow_multiple_selected)
        else:
            options = option_markup(choices, values, self.allow_multiple_selected)
        return format_html('<select name="{}"{}>{}\n</select>', name, attributes(select_attrs), options)


def option_markup(choices, values: tuple, multiple: bool) -> SafeString:
    """The <option>s, each on its own line followed by the blank line its included template left."""
    options = []
    has_selected = False
    for option_value, label in choices:
        # As ChoiceWidget.optgroups: a single select marks only the first matching option.
        selected = (not has_selected or multiple) and option_value in values
        has_selected |= selected
        options.append((option_value, " selected" if selected else "", label))
    return format_html_join("", '\n  <option value="{}"{}>{}</option>\n', options)


@lru_cache(maxsize=64)
def cached_options(choices: tuple, values: tuple, multiple: bool) -> SafeString:
    """option_markup for choices of plain strings, kept per process: the key is the whole menu and
    its selection, so a changed label, language or selection is another entry, never a stale one."""
    return option_markup(choices, values, multiple)


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class QuickInputMixin:
    """django/forms/widgets/input.html and its attrs.html, from the same context the templates get."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown, attributes(widget["attrs"])
        )


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickDateInput(QuickInputMixin, forms.DateInput):
    pass


QUICK = {
    forms.Select: QuickSelect,
    forms.SelectMultiple: QuickSelectMultiple,
    forms.TextInput: QuickTextInput,
    forms.DateInput: QuickDateInput,
}


def render_field_widget(bound_field) -> SafeString:
    """`{{ field }}`, with a plain select menu or text input built in Python (anything else as Django renders it)."""
    widget = bound_field.field.widget
    quick = QUICK.get(type(widget))
    if quick is None or bound_field.field.show_hidden_initial or widget.template_name != quick.template_name:
        return str(bound_field)
    clone = copy.copy(widget)
    clone.__class__ = quick
    return bound_field.as_widget(widget=clone)
