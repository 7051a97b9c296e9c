"""The list's filter menus, rendered through templates/django/forms/widgets/select.html (Django's
select template with its options written inline) and, for the country filter, as a list of
checkboxes (check_list.html): what a reader sees and can submit, in en and uk."""

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


def checks(html: str, name: str) -> list[tuple[str, bool, str]]:
    """(value, checked, label) of each checkbox named `name`, in the order shown."""
    return [
        (value, bool(checked), label)
        for value, checked, label in re.findall(
            rf'<input type="checkbox" name="{name}" value="([^"]*)" id="[^"]*"( checked)?> ([^<]*)</label>', html
        )
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
    countries = checks(html, "country")
    assert countries[0] == ("ua", True, ukraine)  # the chosen first
    assert {value for value, _selected, _label in countries} == {"ua", "gb", "fr"}  # only countries with actors
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
        return checks(client.get(url).content.decode(), "country")

    assert ("ua", True, "Ukraine") in countries(f"{path}?country=UA")
    chosen = countries(f"{path}?country=GB")
    assert ("gb", True, "United Kingdom") in chosen and ("ua", False, "Ukraine") in chosen
    assert ("gb", True, "Велика Британія") in countries(f"/uk{path}?country=GB")
    # The list offers only countries with actors: a new one shows at once (the timeline offers every country).
    PositionFactory(actor=ActorFactory(country="PL"))
    assert "pl" in {value for value, _selected, _label in countries(f"{path}?country=GB")}


def test_the_country_checkboxes_sit_in_a_fieldset_and_what_they_offer_can_be_submitted(client, listed):
    html = client.get("/positions/").content.decode()
    fieldset = re.search(r'<fieldset class="field">\s*<legend>Country</legend>(.*?)</fieldset>', html, re.S).group(1)
    offered = [value for value, checked, _label in checks(fieldset, "country") if not checked]
    assert sorted(offered) == ["fr", "gb", "ua"]
    # The box that narrows the list is the script's to show; it has a label and sends nothing itself.
    search = re.search(
        r'<p class="check-list-search" hidden><label for="([^"]+)">[^<]+</label>\s*<input ([^>]*)>', html
    )
    assert search and f'id="{search.group(1)}"' in search.group(2) and "name=" not in search.group(2)
    page = client.get("/positions/", {"country": offered[:2]}).content.decode()
    assert [value for value, checked, _label in checks(page, "country") if checked] == offered[:2]
    assert "2 positions" in page


def test_the_comparison_form_offers_checkboxes_that_submit_repeated_parameters(client, listed):
    html = client.get("/compare/").content.decode()
    offered = [value for value, checked, _label in checks(html, "country")]
    assert offered == ["fr", "ua", "gb"] and "<select" not in html.split("compare-country")[1].split("</fieldset>")[0]
    page = client.get("/compare/", {"country": ["gb", "fr"]}).content.decode()
    assert [(value, checked) for value, checked, _label in checks(page, "country")][:2] == [("fr", True), ("gb", True)]
    assert re.findall(r'<th scope="col" data-key="(\w+)">', page) == ["GB", "FR"]


@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize("path", ["/positions/", "/timeline/", "/map/"])
def test_a_lower_case_code_is_ticked_in_every_form_that_filters_by_country(client, listed, path):
    html = client.get(path, {"country": "gb"}).content.decode()
    assert checks(html, "country")[0] == ("gb", True, "United Kingdom")
