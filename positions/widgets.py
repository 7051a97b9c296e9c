"""Form widgets of the public filter forms.

`CheckList` replaces a multiple <select> (which needs Ctrl or ⌘, and cannot be used on a phone) for
filters that take several values: a fieldset of checkboxes, the chosen ones first, that submits the
same repeated parameters (`country=gb&country=fr`). Without JavaScript it is a plain list;
static/js/check-list.js adds a box that narrows the list as one types.
"""

from django import forms


class CheckList(forms.CheckboxSelectMultiple):
    """Several values as checkboxes (templates/django/forms/widgets/check_list.html)."""

    template_name = "django/forms/widgets/check_list.html"

    def __init__(self, attrs=None, choices=(), *, filterable: bool = True):
        super().__init__(attrs, choices)
        # A short list (four attributions) needs no box to narrow it.
        self.filterable = filterable

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filterable"] = self.filterable
        return context
