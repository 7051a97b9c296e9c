"""Every public page runs the same number of queries for 1 row as for 50: no N+1 anywhere.

Each page is built with one row and with fifty, and the count is pinned for both, so a template
that starts querying per row fails here (Django prints every query on a mismatch).
"""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.models import Actor, Position
from sources.models import Source
from tests.factories import (
    ActorFactory,
    AuthorisationBodyFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
CODES = [code for code, _name in countries][:60]
# Only the first country has a position in both runs; tests/publish/test_compare.py compares several.
COMPARE_URL = f"/compare/?country={CODES[0].lower()}"
STANCES = [Stance.SUPPORTS, Stance.OPPOSES, Stance.OPEN, Stance.RULES_OUT]


def spread(n: int) -> None:
    """n positions, each by its own official in its own country, from its own source, with an authorisation body."""
    topics = [TopicFactory(slug=f"topic-{i}") for i in range(3)]
    for i in range(n):
        actor = ActorFactory(country=CODES[i], kind=ActorKind.OFFICIAL)
        RoleFactory(actor=actor, country=CODES[i], start_on=D(2020, 1, 1))
        quote = QuoteFactory(verification="reported" if i % 2 else "confirmed", said_on=D(2024, 11, 1 + i % 28))
        PositionFactory(actor=actor, topic=topics[i % 3], quote=quote, stance=STANCES[i % 4], stated_on=quote.said_on)
        AuthorisationBodyFactory(country=CODES[i], scope="deploy_abroad" if i % 2 else "admit_foreign")


def concentrated(n: int) -> Actor:
    """n positions by one British official over n days on two topics, all quoted from one source."""
    actor = ActorFactory(slug="lammy", country="GB", kind=ActorKind.OFFICIAL)
    RoleFactory(actor=actor, start_on=D(2020, 1, 1), end_on=D(2024, 7, 4), title="Shadow Foreign Secretary")
    RoleFactory(actor=actor, start_on=D(2024, 7, 5))
    source = SourceFactory(outlet=OutletFactory())
    topics = [TopicFactory(slug="combat-troops"), TopicFactory(slug="instructors")]
    for i in range(n):
        day = D(2024, 1, 1) + datetime.timedelta(days=5 * i)
        quote = QuoteFactory(source=source, said_on=day, original_text="Texte", original_language="fr")
        PositionFactory(actor=actor, topic=topics[i % 2], quote=quote, stance=STANCES[i % 4], stated_on=day)
        AuthorisationBodyFactory(country="GB", name=f"Body {i}", scope="deploy_abroad")
    AuthorisationBodyFactory(country="UA", name="Verkhovna Rada", scope="admit_foreign")
    return actor


def spread_urls() -> list[str]:
    return [
        "/",
        "/countries/",
        "/actors/",
        "/positions/",
        "/positions/?q=statement&verification=confirmed",
        "/sources/",
        "/authorisations/",
        "/map/",
        COMPARE_URL,
    ]


def concentrated_urls(actor: Actor) -> list[str]:
    position = Position.objects.filter(actor=actor).order_by("-stated_on").first()
    source = Source.objects.get()
    return ["/countries/gb/", f"/actors/{actor.slug}/", f"/positions/{position.pk}/", f"/sources/{source.pk}/"]


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# Pinned counts: change them only with a reason (a new section on the page), never for a per-row query.
# Every page built on base.html runs one more, its footer's "data last updated" (the newest change in the
# position and quote history tables, one index probe each in one statement): the +1 in each count below.
# Every anonymous page also reads the data version once for its HTTP validators (web/http_cache.py):
# the home page, /countries/, /positions/ and /map/ reuse that read for their cached fragments and
# counts; the others show it as a second +1.
SPREAD_COUNTS = {
    # Uncached: data version, country stances with their positions and actors, topics, latest + their roles;
    # +1 for the data releases its embed dialog offers ("as of release X")
    "/": 5 + 1 + 1,
    "/countries/": 5 + 1,  # data version, country stances, topics, actors and positions per country
    "/actors/": 4 + 1 + 1,  # country choices, count, page, roles
    # countries of actors, actor and outlet menus or not, three filter choice lists, count, page ids,
    # page, roles, the four facets in one query, their topics
    "/positions/": 12 + 1,
    # a search counts its matches with the facets, after counting the rows its other filters leave
    "/positions/?q=statement&verification=confirmed": 12 + 1 + 1,
    "/sources/": 4 + 1 + 1,  # outlets, count, page ids, the page with its counts
    "/authorisations/": 1 + 1 + 1,
    # The home matrix's own queries (country stances with their positions and actors, topics), the data
    # version, the filter's two menu-size checks (actors, outlets) and its topic menu; +1 for the data
    # releases its embed dialog offers
    "/map/": 6 + 1 + 1,
    # the menus' countries and actors, country stances, the shared axis's bounds, topics, and per compared
    # column (at most 6) its timeline's 3 queries
    COMPARE_URL: 8 + 1 + 1,
}
# Country and actor pages: +3 for their timeline (how many to draw, its positions, their actors' histories);
# both +1 for the "Compare with…" menu (the countries with actors; the other actors). The country page reads
# the role of who stated each current stance with the stance itself (CountryStance.role); with disagreeing
# statements to list it reads them and their actors' roles: +2, whatever their number
# (test_country_page_lists_disagreeing_statements_in_a_fixed_number_of_queries). The position page +1 for its
# public corrections, the country page +1 for the data releases its embed dialog offers ("as of release X").
CONCENTRATED_COUNTS = {"country": 13 + 1 + 1, "actor": 10 + 1 + 1, "position": 4 + 1 + 1 + 1, "source": 6 + 1 + 1}


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("url", spread_urls())
def test_list_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, rows, url):
    spread(rows)
    with django_assert_num_queries(SPREAD_COUNTS[url]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("page", ["country", "actor", "position", "source"])
def test_detail_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, rows, page):
    actor = concentrated(rows)
    urls = dict(zip(["country", "actor", "position", "source"], concentrated_urls(actor)))
    with django_assert_num_queries(CONCENTRATED_COUNTS[page]):
        response = client.get(urls[page])
    assert response.status_code == 200


def test_the_pages_really_show_fifty_rows(client):
    """Guards the counts above: a page that silently showed one row would pass them trivially."""
    spread(50)
    assert client.get("/positions/").content.decode().count('class="position-row"') == 50
    assert client.get("/actors/").content.decode().count("/actors/actor-") >= 50
    home = client.get("/").content.decode()
    assert home.count('class="cell"') == 50


@pytest.mark.parametrize("url", ["/", "/positions/", "/countries/gb/"])
def test_rows_of_actors_without_roles_cost_no_query_per_row(client, url):
    """An empty set of loaded roles is still loaded: the rows must not ask each actor for its roles."""
    from tests.factories import ActorFactory, PositionFactory

    def queries_with(count: int) -> int:
        Position.objects.all().delete()
        for index in range(count):
            actor = ActorFactory(country="GB", kind=ActorKind.OFFICIAL)
            PositionFactory(actor=actor, stated_on=D(2024, 1, 1 + index))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with override_settings(PAGE_CACHE_SECONDS=0):
        few, many = queries_with(2), queries_with(12)
    assert not Actor.objects.filter(roles__isnull=False).exists()
    assert many == few
