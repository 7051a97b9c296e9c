"""The positions list: every filter through the page, facets, removable filters, sort, pages, export links, bad input."""

import datetime
import re

import pytest
from django.db import connection

from positions.choices import ActorKind, Stance
from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def shown_ids(response) -> list[int]:
    """Position ids in the order the list shows them (each row links once to its detail page by "Details")."""
    return [int(pk) for pk in re.findall(r'<a href="/positions/(\d+)/">Details', response.content.decode())]


@pytest.fixture
def three():
    gb = PositionFactory(
        actor=ActorFactory(name="Keir Starmer", slug="keir-starmer", country="GB", aliases="Cyrus Starmer"),
        topic=TopicFactory(slug="combat-troops", name="Combat troops"),
        stance=Stance.OPEN,
        stated_on=D(2024, 11, 11),
    )
    fr = PositionFactory(
        actor=ActorFactory(name="France", slug="france", country="FR", kind=ActorKind.STATE),
        topic=gb.topic,
        stance=Stance.SUPPORTS,
        stated_on=D(2024, 11, 25),
    )
    ua = PositionFactory(
        actor=ActorFactory(name="Taras Semenyuk", slug="taras-semenyuk", country="UA", kind=ActorKind.ANALYST),
        topic=TopicFactory(slug="instructors", name="Instructors"),
        stance=Stance.COMMENTARY,
        stated_on=D(2024, 11, 1),
        date_precision="month",
        quote=QuoteFactory(verification="unverified", said_on=D(2024, 11, 1), date_precision="month"),
    )
    return gb, fr, ua


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=gb", ["gb"]),
        ("country=GB&country=fr", ["fr", "gb"]),
        ("actor=france", ["fr"]),
        ("actor_kind=analyst", ["ua"]),
        ("topic=instructors", ["ua"]),
        ("stance=supports", ["fr"]),
        ("verification=unverified", ["ua"]),
        ("date_from=2024-11-10", ["fr", "gb"]),
        ("date_to=2024-11-10", ["ua"]),
        ("q=Cyrus+Starmer", ["gb"]),
        ("sort=date", ["ua", "gb", "fr"]),
        ("sort=country", ["fr", "gb", "ua"]),
        ("sort=actor", ["fr", "gb", "ua"]),
        ("sort=stance", ["fr", "gb", "ua"]),
        ("sort=-stance", ["ua", "gb", "fr"]),
    ],
)
def test_every_filter_and_sort_of_the_list(client, three, query, expected):
    ids = {"gb": three[0].pk, "fr": three[1].pk, "ua": three[2].pk}
    shown = shown_ids(client.get(f"/positions/?{query}"))
    if query.startswith("sort="):
        assert shown == [ids[key] for key in expected]
    else:
        assert sorted(shown) == sorted(ids[key] for key in expected)


def test_outlet_filter(client, three):
    lbc = PositionFactory(quote=QuoteFactory(source=SourceFactory(outlet__slug="lbc")))
    assert shown_ids(client.get("/positions/?outlet=lbc")) == [lbc.pk]


def test_default_order_is_newest_first(client, three):
    gb, fr, ua = three
    assert shown_ids(client.get("/positions/")) == [fr.pk, gb.pk, ua.pk]


def test_facets_count_the_current_selection(client, three):
    page = client.get("/positions/?topic=combat-troops").content.decode()
    facets = page.split('class="browse-facets')[1]
    assert re.search(r">supports</a> <span class=\"count\">1<", facets)
    assert re.search(r">Combat troops</a> <span class=\"count\">2<", facets)
    assert "Instructors" not in facets
    assert re.search(r">United Kingdom</a> <span class=\"count\">1<", facets)
    assert re.search(r">official</a> <span class=\"count\">1<", facets)
    assert 'href="/positions/?topic=combat-troops&amp;stance=supports"' in facets


def test_active_filters_are_listed_and_each_removes_only_itself(client, three):
    page = client.get("/positions/?country=gb&country=fr&stance=open&page=1").content.decode()
    active = page.split('class="active-filters"')[1].split("</ul>")[0]
    assert 'href="/positions/?country=fr&amp;stance=open"' in active  # remove GB
    assert 'href="/positions/?country=gb&amp;stance=open"' in active  # remove FR
    assert 'href="/positions/?country=gb&amp;country=fr"' in active  # remove the stance
    assert "Stance: open" in active and "Country: United Kingdom" in active


def test_export_links_carry_the_same_query_and_count(client, three):
    page = client.get("/positions/?country=gb&country=fr&page=1").content.decode()
    assert "Export these 2 positions" in page
    assert 'href="/positions/export.csv?country=gb&amp;country=fr"' in page
    assert 'href="/positions/export.json?country=gb&amp;country=fr"' in page


def test_pages_have_stable_links_and_an_out_of_range_page_shows_the_last(client):
    for day in range(60):
        PositionFactory(stated_on=D(2024, 1, 1) + datetime.timedelta(days=day))
    first = client.get("/positions/?stance=open")
    assert 'href="?stance=open&amp;page=2"' in first.content.decode()
    second = client.get("/positions/?stance=open&page=2")
    assert len(shown_ids(second)) == 10 and "Page 2 of 2" in second.content.decode()
    assert shown_ids(client.get("/positions/?stance=open&page=999999")) == shown_ids(second)
    assert shown_ids(client.get("/positions/?page=abc")) == shown_ids(first)
    assert shown_ids(client.get("/positions/?page=-3")) == shown_ids(second)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("stance=hopeful", "Select a valid choice"),
        ("country=zz", "Select a valid choice"),
        ("date_from=2024-13-45", "Enter a valid date"),
        ("date_from=yesterday", "Enter a valid date"),
        ("date_from=2024-12-01&date_to=2024-01-01", "The end date is before the start date."),
        ("actor=nobody", "Select a valid choice"),
        ("topic=%27%3B+DROP+TABLE+positions_position%3B--", "Select a valid choice"),
        ("sort=price", "Select a valid choice"),
        ("verification=%00", None),
        ("attribution=rumour", "Select a valid choice"),
        ("attribution=direct&attribution=rumour", "Select a valid choice"),
        ("q=" + "x" * 10000, "at most 200 characters"),
    ],
)
def test_bad_filters_give_a_clear_message_never_a_server_error(client, three, query, message):
    response = client.get(f"/positions/?{query}")
    assert response.status_code in (200, 400)
    page = response.content.decode()
    if message:
        assert response.status_code == 400
        assert "Some filters could not be used" in page and message in page
        assert 'class="position-row"' not in page


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        '"; DROP TABLE positions_position; --',
        "<script>alert(1)</script>",
        "🇺🇦 troops 💂",
        "%_\\",
        "a & b | !c",
        ":*",
        "()",
    ],
)
def test_odd_searches_are_answered(client, three, q):
    response = client.get("/positions/", {"q": q})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page


def test_searching_the_garbled_name_finds_keir_starmer_in_the_seed(client, seeded):
    starmer = set(Position.objects.filter(actor__slug="keir-starmer").values_list("pk", flat=True))
    shown = shown_ids(client.get("/positions/", {"q": "Cyrus Starmer", "sort": "relevance"}))
    # France's position quotes the same article, which names Starmer too.
    assert starmer and starmer <= set(shown)
    if connection.vendor == "postgresql":  # ranked by relevance when asked: the name match comes first
        assert shown[0] in starmer


def test_a_search_lists_newest_first_unless_relevance_is_asked_for(client):
    old = PositionFactory(quote=QuoteFactory(text="Troops troops troops"), stated_on=datetime.date(2020, 1, 1))
    new = PositionFactory(
        quote=QuoteFactory(text="No troops, and a long quote about other things"), stated_on=datetime.date(2024, 1, 1)
    )
    assert shown_ids(client.get("/positions/", {"q": "troops"})) == [new.pk, old.pk]
    if connection.vendor == "postgresql":
        assert shown_ids(client.get("/positions/", {"q": "troops", "sort": "relevance"})) == [old.pk, new.pk]


def test_a_lower_case_country_is_shown_selected_in_the_form(client, three):
    page = client.get("/positions/?country=gb").content.decode()
    assert re.search(
        r'<input type="checkbox" name="country" value="gb" id="id_country_\d+" checked> United Kingdom<', page
    )


def test_large_counts_are_shown_with_thousands_separators(client, monkeypatch):
    from positions.views.positions import IdsFirstPaginator

    monkeypatch.setattr(IdsFirstPaginator, "count", 1234567)
    PositionFactory()
    html = client.get("/positions/?date_from=1900-01-01").content.decode()  # a filter that counts rows
    assert "1,234,567 positions" in html
    assert "Page 1 of 24,692" in html
