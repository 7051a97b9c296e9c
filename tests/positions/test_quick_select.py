"""Select menus built in Python (positions/quick_select.py) are byte for byte what Django's widget templates give."""

import copy
import datetime

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext

from positions.filtersets import PositionFilter
from positions.models import Position
from positions.quick_select import QUICK, QuickSelect, render_field_widget
from positions.views.positions import tidy_form
from tests.factories import ActorFactory, OutletFactory, TopicFactory

pytestmark = pytest.mark.django_db


def list_form(query: str):
    data = QueryDict(query, mutable=True)
    data.setlist("country", [code.upper() for code in data.getlist("country")])
    f = PositionFilter(data, queryset=Position.objects.all())
    tidy_form(f)
    f.is_valid()
    return f.form


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=ua&stance=rules_out",
        "country=gb&country=fr&topic=combat-troops&sort=-actor&actor=lammy&outlet=le-monde",
        "country=zz&stance=nonsense&date_from=2024-13-01&q=%3Cb%3E%22x%22",
        "verification=reported&actor_kind=official&date_from=2024-01-01",
    ],
)
def test_every_field_of_the_list_form_renders_as_django_does(language, query):
    ActorFactory(slug="lammy", country="GB", name="David <Lammy>")
    ActorFactory(country="FR")
    ActorFactory(country="UA")
    TopicFactory(slug="combat-troops", name="Combat & troops", name_uk="Бойові війська")
    OutletFactory(slug="le-monde", name="Le Monde")
    with translation.override(language):
        form = list_form(query)
        for bound_field in form:
            assert render_field_widget(bound_field) == str(bound_field), bound_field.name
        # The topic menu, listed by tidy_form, is the one Django gives from the model choice field.
        untouched = PositionFilter(form.data, queryset=Position.objects.all()).form
        untouched.fields["topic"].empty_label = gettext("any")
        assert render_field_widget(form["topic"]) == str(untouched["topic"])
    # Every field takes the quick path (the actor and outlet menus too, with few actors and outlets).
    assert all(type(field.widget) in QUICK for field in form.fields.values())


def test_text_inputs_render_as_django_does_with_values_errors_and_typed_menus(monkeypatch):
    """The actor and outlet are typed as slugs past MAX_ACTOR_MENU/MAX_OUTLET_MENU: text inputs with a placeholder."""
    monkeypatch.setattr(PositionFilter, "MAX_ACTOR_MENU", 0)
    monkeypatch.setattr(PositionFilter, "MAX_OUTLET_MENU", 0)
    ActorFactory(slug="lammy")
    OutletFactory(slug="le-monde")
    for language in ("en", "uk"):
        with translation.override(language):
            form = list_form('actor=la"m<my&outlet=&q=a+%26+b&date_from=2024-02-30&date_to=2024-03-01')
            assert type(form.fields["actor"].widget) is forms.TextInput
            for bound_field in form:
                assert render_field_widget(bound_field) == str(bound_field), bound_field.name
    for widget, value in [
        (forms.TextInput(attrs={"required": True, "disabled": False, "data-x": "<'\">"}), "x&y"),
        (forms.DateInput(format="%d/%m/%Y"), datetime.date(2024, 2, 29)),
        (forms.DateInput(attrs={"type": "date"}), ""),
        (forms.TextInput(), None),
    ]:
        quick = copy.copy(widget)
        quick.__class__ = QUICK[type(widget)]
        assert quick.render("f", value, {"id": "id_f"}) == widget.render("f", value, {"id": "id_f"})


def test_option_groups_and_other_widgets_are_left_to_django():
    class Form(forms.Form):
        grouped = forms.ChoiceField(choices=[("Europe", [("fr", "France"), ("de", "Germany")]), ("us", "USA")])
        text = forms.CharField()
        ticks = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    form = Form({"grouped": "de", "text": "<x>", "ticks": ["a"]})
    for bound_field in form:
        assert render_field_widget(bound_field) == str(bound_field)


def test_a_single_select_marks_only_the_first_matching_option():
    widget = QuickSelect(choices=[("a", "A"), ("a", "A again"), (None, "none")])
    assert widget.render("x", "a") == forms.Select(choices=widget.choices).render("x", "a")
    assert widget.render("x", "a").count("selected") == 1
    assert widget.render("x", None, {"required": True, "data-x": '"'}) == forms.Select(choices=widget.choices).render(
        "x", None, {"required": True, "data-x": '"'}
    )


def test_cached_menus_follow_the_language_and_the_selection():
    widget = QuickSelect(choices=[("", "any"), ("rules_out", forms.CharField().error_messages["required"])])
    with translation.override("en"):
        english = widget.render("stance", "rules_out")
        assert (
            english
            == widget.render("stance", "rules_out")
            == forms.Select(choices=widget.choices).render("stance", "rules_out")
        )
        assert widget.render("stance", "") != english
    with translation.override("uk"):
        ukrainian = widget.render("stance", "rules_out")
        assert ukrainian != english
        assert ukrainian == forms.Select(choices=widget.choices).render("stance", "rules_out")
