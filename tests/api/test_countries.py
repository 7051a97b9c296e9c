"""The countries resource as a client reads it: fields and types, order, names by language, the kept rendering."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from positions.api.queries import country_rows
from positions.api.serializers import CountrySerializer
from positions.cache_keys import rendering_key
from positions.choices import ActorKind, Stance
from positions.models import CountryStance
from sources.dates import DatePrecision
from sources.models import Attribution, Translation, Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

API = "/api/v1/countries/"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def stances(db):
    """Two topics, states with stances on them, an official with none, an organisation without a country."""
    first = TopicFactory(slug="combat-troops", name="Combat troops", order=1)
    second = TopicFactory(slug="air-policing", name="Air policing", order=2)
    for number, (code, stance) in enumerate([("IE", "supports"), ("AT", "opposes"), ("GB", "open")]):
        state = ActorFactory(kind=ActorKind.STATE, country=code)
        PositionFactory(actor=state, topic=second, stance=stance, stated_on=datetime.date(2024, 3, 1 + number))
        PositionFactory(actor=state, topic=first, stance="undecided", stated_on=datetime.date(2024, 4, 1 + number))
    ActorFactory(kind=ActorKind.OFFICIAL, country="LI")  # an actor, no position: listed without stances
    ActorFactory(kind=ActorKind.ORGANISATION, country="")  # no country: never listed


def test_every_field_has_the_type_the_schema_promises(client, stances):
    data = client.get(API).json()
    assert [country["code"] for country in data] == ["AT", "IE", "LI", "GB"]  # by name: Austria … United Kingdom
    gb = data[-1]
    assert gb["name"] == "United Kingdom"
    assert gb["url"] == "http://testserver/countries/gb/"
    assert gb["api_url"] == "http://testserver/api/v1/countries/gb/"
    assert gb["positions_url"] == "http://testserver/api/v1/positions/?country=gb"
    assert [stance["topic"]["slug"] for stance in gb["stances"]] == ["combat-troops", "air-policing"]  # topic order
    for stance in gb["stances"]:
        assert stance["stance"] in Stance.values
        assert ISO_DATE.match(stance["stated_on"])
        assert stance["date_precision"] in DatePrecision.values
        assert stance["verification"] in Verification.values
        assert stance["statements"] == 1
        assert set(stance["topic"]) == {"slug", "name", "url", "api_url"}
        assert stance["topic"]["url"] == f"http://testserver/positions/?topic={stance['topic']['slug']}"
        actor = stance["actor"]
        assert (actor["kind"], actor["country"]) == ("state", "GB")
        assert actor["url"] == f"http://testserver/actors/{actor['slug']}/"
        assert actor["api_url"] == f"http://testserver/api/v1/actors/{actor['slug']}/"
        position = stance["position"]
        assert position["url"] == f"http://testserver/positions/{position['id']}/"
        assert position["api_url"] == f"http://testserver/api/v1/positions/{position['id']}/"
    assert next(country for country in data if country["code"] == "LI")["stances"] == []


def test_the_stances_are_the_matrix_stances(client, stances):
    sent = {(c["code"], s["topic"]["slug"]): s["position"]["id"] for c in client.get(API).json() for s in c["stances"]}
    stored = {(s.country, s.topic.slug): s.position_id for s in CountryStance.objects.select_related("topic")}
    assert sent == stored


def test_one_country_is_the_lists_entry(client, stances):
    listed = {country["code"]: country for country in client.get(API).json()}
    assert client.get(f"{API}gb/").json() == listed["GB"]
    # A code without actors still has its address: no stances.
    assert client.get(f"{API}aq/").json()["stances"] == []


@pytest.mark.parametrize(("language", "name"), [("en", "Austria"), ("uk", "Австрія")])
def test_names_follow_the_language(stances, language, name):
    request = Request(APIRequestFactory().get(API))
    with translation.override(language):
        data = CountrySerializer(country_rows(), many=True, context={"request": request}).data
    assert {country["code"]: country["name"] for country in data}["AT"] == name


def test_the_list_is_rendered_once_per_data_version(client, stances, django_assert_num_queries):
    # First: the client's rate-limit count, the data version (ETag), the stances with their topics, positions and
    # actors, the countries with actors.
    with django_assert_num_queries(4):
        first = client.get(API)
    with django_assert_num_queries(2):  # then the rate-limit count and the data version alone
        again = client.get(API)
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    PositionFactory(actor__kind=ActorKind.STATE, actor__country="FR")
    assert "FR" in {country["code"] for country in client.get(API).json()}


@override_settings(PAGE_CACHE_SECONDS=0)
def test_with_the_cache_off_every_request_renders(client, stances, django_assert_num_queries):
    client.get(API)
    with django_assert_num_queries(4):
        client.get(API)


def test_one_country_takes_two_queries(client, stances, django_assert_num_queries):
    # The rate-limit count, the data version (ETag) and the country's stances.
    with django_assert_num_queries(3):
        assert client.get(f"{API}gb/").status_code == 200


def test_indented_json_is_kept_apart_from_compact(client, stances):
    compact = client.get(API).content
    indented = client.get(API, HTTP_ACCEPT="application/json; indent=2").content
    assert b"\n  " in indented and b"\n" not in compact
    assert client.get(API).content == compact


def test_an_unchanged_list_answers_304(client, stances):
    etag = client.get(API)["ETag"]
    assert client.get(API, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_rendering_keys_name_the_language_and_script_prefix(db):
    from django.urls import set_script_prefix

    with translation.override("en"):
        english = rendering_key("api-countries", "1-a", "http://testserver/")
        assert rendering_key("api-countries", "1-a", "http://testserver/") == english
        assert rendering_key("api-countries", "2-b", "http://testserver/") != english
        assert rendering_key("api-countries", "1-a", "https://elsewhere/") != english
        set_script_prefix("/tracker/")
        try:
            assert rendering_key("api-countries", "1-a", "http://testserver/") != english
        finally:
            set_script_prefix("/")
    with translation.override("uk"):
        assert rendering_key("api-countries", "1-a", "http://testserver/") != english


def test_each_stance_carries_its_age_staleness_attribution_and_translation(client, db):
    today = timezone.localdate()
    topic = TopicFactory(slug="combat-troops")
    state = ActorFactory(kind=ActorKind.STATE, country="FR")
    quote = QuoteFactory(
        attribution=Attribution.SPOKESPERSON,
        translation=Translation.MACHINE,
        original_text="Nous ne l'excluons pas.",
        original_language="fr",
    )
    PositionFactory(actor=state, topic=topic, quote=quote, stated_on=datetime.date(2024, 11, 23))
    other = TopicFactory(slug="instructors")
    PositionFactory(actor=state, topic=other, stated_on=today - datetime.timedelta(days=10))
    for data in (client.get(API).json()[0], client.get(f"{API}fr/").json()):
        old, fresh = data["stances"]
        assert (old["stated_on"], old["date_precision"]) == ("2024-11-23", "day")
        assert (old["age_days"], old["stale"]) == ((today - datetime.date(2024, 11, 23)).days, True)
        assert (old["attribution"], old["translation"]) == ("spokesperson", "machine")
        assert (fresh["age_days"], fresh["stale"]) == (10, False)
        assert (fresh["attribution"], fresh["translation"]) == ("direct", "original")


def test_the_kept_list_is_kept_per_day_as_the_ages_change(client, db, monkeypatch):
    PositionFactory(actor=ActorFactory(kind=ActorKind.STATE, country="FR"), stated_on=datetime.date(2024, 11, 23))
    first = client.get(API).json()[0]["stances"][0]["age_days"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    response = client.get(API)
    assert response.json()[0]["stances"][0]["age_days"] == first + 1
