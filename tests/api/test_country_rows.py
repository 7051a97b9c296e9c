"""The countries resource (written from values, positions/api/country_rows.py) is byte-equal to what CountrySerializer renders."""

import datetime
import io
import json
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_countries import countries
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from positions.api.country_rows import CountryRows, country_names
from positions.api.fields import quoted
from positions.api.json_text import WrittenJSON, WrittenJSONRenderer, literal
from positions.api.serializers import CountrySerializer
from positions.choices import ActorKind, Stance
from positions.models import Actor, CountryStance
from tests.factories import ActorFactory, PositionFactory, TopicFactory

API = "/api/v1/countries/"


@dataclass
class Country:
    code: str
    name: str
    url: str = ""
    api_url: str = ""
    positions_url: str = ""
    stances: list = field(default_factory=list)


def serialized(request, code: str | None = None):
    """The view's former rendering, kept as the reference: model instances through CountrySerializer."""
    stances = CountryStance.objects.select_related("topic", "position__actor").order_by(
        "topic__order", "topic__name", "topic_id"
    )
    actors = Actor.objects.exclude(country="").order_by()
    if code:
        stances, actors = stances.filter(country=code), actors.filter(country=code)
    by_code: dict[str, list] = {}
    for stance in stances:
        by_code.setdefault(stance.country, []).append(stance)
    codes = set(by_code) | set(actors.values_list("country", flat=True).distinct())
    if code:
        codes.add(code)
    found = [Country(code=c, name=countries.name(c) or c, stances=by_code.get(c, [])) for c in codes]
    for country in found:
        lower = country.code.lower()
        country.url = request.build_absolute_uri(reverse("positions:country_detail", args=[lower]))
        country.api_url = request.build_absolute_uri(reverse("api:country-detail", args=[lower]))
        country.positions_url = request.build_absolute_uri(f"{reverse('api:position-list')}?country={lower}")
    found.sort(key=lambda country: (country.name, country.code))
    return CountrySerializer(found, many=True, context={"request": request}).data


@pytest.fixture
def varied(db):
    """The demo and generated positions, plus stances of every kind, a topic without a Ukrainian name and a country without stances."""
    call_command("seed_demo", stdout=io.StringIO())
    call_command("generate_data", positions=150, seed=4, stdout=io.StringIO())
    untranslated = TopicFactory(slug="air-policing", name="Air policing", name_uk="", order=1)
    for number, stance in enumerate(Stance.values):
        state = ActorFactory(kind=ActorKind.STATE, country=["IE", "AT", "MT", "CY", "LU", "IS"][number])
        PositionFactory(actor=state, topic=untranslated, stance=stance, stated_on=datetime.date(2024, 3, 1 + number))
    ActorFactory(kind=ActorKind.OFFICIAL, country="LI")  # an actor, no position: listed without stances
    ActorFactory(kind=ActorKind.ORGANISATION, country="")  # no country: never listed


def request_for(path: str) -> Request:
    return Request(APIRequestFactory().get(path))


def assert_same(written: str, expected) -> None:
    """The text written is the bytes JSONRenderer makes of the serializer's data: same keys, order, escaping."""
    assert json.loads(written) == expected  # a readable diff first
    assert WrittenJSONRenderer().render(WrittenJSON(written)) == JSONRenderer().render(expected)


@pytest.mark.parametrize("language", ["en", "uk"])
def test_countries_equal_the_serializers_rendering(varied, language):
    request = request_for(API)
    with translation.override(language):
        expected = serialized(request)
        written = "[" + ",".join(CountryRows(request).countries()) + "]"
    assert_same(written, expected)
    rows = json.loads(written)
    # Not vacuous: every stance, countries with and without stances, an untranslated topic.
    cells = [cell for country in rows for cell in country["stances"]]
    assert {cell["stance"] for cell in cells} == set(Stance.values)
    assert next(country for country in rows if country["code"] == "LI")["stances"] == []
    assert "air-policing" in {cell["topic"]["slug"] for cell in cells}
    assert len(rows) > 10


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("code", ["GB", "IE", "LI", "AQ"])
def test_one_country_equals_the_serializers_rendering(varied, language, code):
    request = request_for(f"{API}{code.lower()}/")
    with translation.override(language):
        (expected,) = serialized(request, code)
        (written,) = CountryRows(request).countries(code)
    assert_same(written, expected)


def test_the_api_sends_the_serializers_rendering(client, varied):
    expected = JSONRenderer().render(serialized(request_for(API)))
    assert client.get(API).content == expected
    one = JSONRenderer().render(serialized(request_for(f"{API}ie/"), "IE")[0])
    assert client.get(f"{API}ie/").content == one


@pytest.mark.parametrize("language", ["en", "uk"])
def test_country_names_are_django_countries_names(language):
    with translation.override(language):
        names = country_names()
        assert names == {code: countries.name(code) for code in countries.countries}
    assert all(type(name) is str for name in names.values())  # plain text for the JSON encoder


def test_the_list_takes_four_queries_and_one_country_three(client, varied, django_assert_num_queries):
    # The data version (ETag), the stances with their topics, positions and actors, the countries
    # with actors; and each request's rate-limit count (limits/counters.py).
    with django_assert_num_queries(4):
        assert client.get(API).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(f"{API}gb/").status_code == 200


@pytest.mark.parametrize("key", [7, "david-lammy", "a.b_c~d", "żółw", "a b/c?d#e", "50%", ""])
def test_quoted_keys_equal_urllib_quote(key):
    assert quoted(key) == quote(str(key), safe="")


def test_the_api_sends_indented_json_when_asked(client, varied):
    indented = JSONRenderer().render(serialized(request_for(API)), "application/json; indent=2")
    assert client.get(API, HTTP_ACCEPT="application/json; indent=2").content == indented


@pytest.mark.parametrize(
    "value",
    ["plain", 'quote " and \\ back', "line\nbreak\ttab\x00", "Київ — «ліва»", "\u2028\u2029", 0, 42, None],
)
def test_written_text_is_what_the_renderer_writes(value):
    expected = JSONRenderer().render({"key": value})
    assert WrittenJSONRenderer().render(WrittenJSON("{" + literal("key") + ":" + literal(value) + "}")) == expected
