"""The list's filter menus, rendered through templates/django/forms/widgets/select.html (Django's
select template with its options written inline): what a reader sees and can submit, in en and uk."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.test.html import parse_html

from positions.choices import Stance
from tests.factories import ActorFactory, PositionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def menu(html: str, name: str) -> str:
    return re.search(rf'<select name="{name}".*?</select>', html, re.S).group()


def options(select: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of each option."""
    return [
        (value, bool(selected), label)
        for value, selected, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    ]


@pytest.fixture
def listed():
    TopicFactory(slug="combat-troops", name="Combat & troops", name_uk="Бойові війська")
    for country in ("UA", "GB", "FR"):
        PositionFactory(actor=ActorFactory(country=country), stance=Stance.RULES_OUT)


@pytest.mark.parametrize(
    ("prefix", "any_word", "ukraine", "rules_out", "topic"),
    [
        ("", "any", "Ukraine", "rules out", "Combat &amp; troops"),
        ("/uk", "усі", "Україна", "відкидає", "Бойові війська"),
    ],
)
def test_the_menus_show_the_choices_in_the_pages_language_with_the_chosen_selected(
    client, listed, prefix, any_word, ukraine, rules_out, topic
):
    html = client.get(f"{prefix}/positions/?country=ua&stance=rules_out").content.decode()
    countries = options(menu(html, "country"))
    assert ("UA", True, ukraine) in countries
    assert {value for value, _selected, _label in countries} == {"UA", "GB", "FR"}  # only countries with actors
    stances = options(menu(html, "stance"))
    assert stances[0] == ("", False, any_word)
    assert ("rules_out", True, rules_out) in stances
    assert [selected for _value, selected, _label in stances].count(True) == 1
    assert any(label == topic for _value, _selected, label in options(menu(html, "topic")))


def test_what_a_menu_offers_can_be_submitted(client, listed):
    html = client.get("/positions/").content.decode()
    value, _selected, _label = next(option for option in options(menu(html, "topic")) if option[0])
    stance = next(option for option in options(menu(html, "stance")) if option[0])[0]
    response = client.get("/positions/", {"topic": value, "stance": stance})
    assert response.status_code == 200
    page = response.content.decode()
    assert (value, True) in [(v, s) for v, s, _label in options(menu(page, "topic"))]


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (forms.Select(choices=[("", "any"), ("a", "A <b>"), ("a", "A again"), (None, "none")]), "a", {}),
        (forms.SelectMultiple(choices=[("x", "X"), ("y&z", 'Y "z"')]), ["x", "y&z"], {"size": 5}),
        (forms.Select(choices=[("Europe", [("fr", "France"), ("de", "Germany")]), ("us", "USA")]), "de", {}),
        (forms.Select(choices=[("a", "A")]), None, {"required": True, "disabled": False, "data-x": "<'\">"}),
    ],
)
def test_the_inline_select_template_gives_djangos_markup(widget, value, attrs):
    """Same elements as Django's own select and select_option templates, option groups and attributes included."""
    ours = widget.render("f", value, {"id": "id_f", **attrs})
    djangos = widget.render("f", value, {"id": "id_f", **attrs}, renderer=DjangoTemplates())
    assert parse_html(ours) == parse_html(djangos)
    assert "<select" in ours and ours.count("<option") == djangos.count("<option")


@override_settings(PAGE_CACHE_SECONDS=0)  # the menu's own fragment cache, not the whole page's
@pytest.mark.parametrize("path", ["/positions/", "/timeline/"])
def test_a_kept_country_menu_follows_the_choice_the_language_and_the_data(client, listed, path):
    def countries(url):
        return options(menu(client.get(url).content.decode(), "country"))

    assert ("UA", True, "Ukraine") in countries(f"{path}?country=UA")
    chosen = countries(f"{path}?country=GB")
    assert ("GB", True, "United Kingdom") in chosen and ("UA", False, "Ukraine") in chosen
    assert ("GB", True, "Велика Британія") in countries(f"/uk{path}?country=GB")
    # The list offers only countries with actors: a new one shows at once (the timeline offers every country).
    PositionFactory(actor=ActorFactory(country="PL"))
    assert "PL" in {value for value, _selected, _label in countries(f"{path}?country=GB")}
