"""A search counts and lists at most SEARCH_COUNT_LIMIT matches; plain filters count exactly."""

import datetime
import re

import pytest
from django.db import connection

from positions.models import Position
from positions.views import positions as position_views
from tests.factories import ActorFactory, PositionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_ceasefires(monkeypatch):
    monkeypatch.setattr(position_views, "SEARCH_COUNT_LIMIT", 4)
    monkeypatch.setattr(position_views, "PER_PAGE", 2)
    return [PositionFactory(quote=QuoteFactory(text=f"A ceasefire first, number {i}.")) for i in range(7)]


def test_a_search_past_the_limit_says_more_than_and_pages_through_the_newest(client, seven_ceasefires):
    response = client.get("/positions/", {"q": "ceasefire"})
    html = response.content.decode()
    assert "More than 4 positions match" in html
    assert "The newest 4 are listed" in html
    assert response.context["page"].paginator.num_pages == 2
    assert "Page 1 of 2" in html
    assert "appear once a filter narrows the selection to 4 positions or fewer" in html
    last = client.get("/positions/", {"q": "ceasefire", "page": 2}).context["page"]
    assert len(last.object_list) == 2 and not last.has_next()
    assert client.get("/positions/", {"q": "ceasefire", "page": 3}).context["page"].number == 2


def test_a_search_within_the_limit_is_counted_exactly_with_facets(client, seven_ceasefires):
    PositionFactory(quote=QuoteFactory(text="Only instructors."))
    html = client.get("/positions/", {"q": "instructors"}).content.decode()
    assert re.search(r"<strong>1 position</strong>", html)
    assert 'class="count"' in html and "More than" not in html


def test_plain_filters_count_exactly_past_the_search_limit(client, seven_ceasefires):
    PositionFactory.create_batch(3)
    html = client.get("/positions/").content.decode()
    assert "<strong>10 positions</strong>" in html
    assert "Page 1 of 5" in html


def test_the_export_of_a_capped_search_has_every_match(client, seven_ceasefires):
    rows = client.get("/positions/export.csv", {"q": "ceasefire"}).getvalue().decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + 7


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
@pytest.mark.parametrize("limit, best_listed", [(4, False), (10, True)])
def test_relevance_ranks_the_newest_matches_a_capped_search_lists(client, monkeypatch, limit, best_listed):
    monkeypatch.setattr(position_views, "SEARCH_COUNT_LIMIT", limit)
    best = PositionFactory(
        actor=ActorFactory(name="Ceasefire Committee"),
        stated_on=datetime.date(2020, 1, 1),
        quote=QuoteFactory(text="A ceasefire, a ceasefire, only a ceasefire.", said_on=datetime.date(2020, 1, 1)),
    )
    for day in range(1, 7):
        PositionFactory(
            stated_on=datetime.date(2024, 1, day),
            quote=QuoteFactory(text=f"Troops, perhaps after a ceasefire ({day}).", said_on=datetime.date(2024, 1, day)),
        )
    page = client.get("/positions/", {"q": "ceasefire", "sort": "relevance"}).context["page"]
    assert (page.object_list[0].pk == best.pk) is best_listed
    assert (best in Position.objects.filter(pk__in=[p.pk for p in page.paginator.object_list])) is best_listed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search index is PostgreSQL's")
def test_a_search_among_few_filtered_rows_checks_them_and_finds_the_same(seven_ceasefires, monkeypatch):
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from positions import filtersets

    PositionFactory(quote=QuoteFactory(text="Instructors, not a ceasefire."), stance="opposes")
    PositionFactory(quote=QuoteFactory(text="Instructors only."), stance="opposes")

    def matches(query: str) -> tuple[set, str]:
        with CaptureQueriesContext(connection) as queries:
            found = set(
                filtersets.PositionFilter(QueryDict(query), queryset=Position.objects.all()).qs.values_list(
                    "pk", flat=True
                )
            )
        return found, queries.captured_queries[-1]["sql"]

    few, few_sql = matches("q=ceasefire&stance=opposes")
    alone, alone_sql = matches("q=ceasefire")
    assert "IS TRUE" in few_sql and "IS TRUE" not in alone_sql
    monkeypatch.setattr(filtersets, "FEW_CANDIDATES", 0)
    indexed, indexed_sql = matches("q=ceasefire&stance=opposes")
    assert "IS TRUE" not in indexed_sql
    assert few == indexed == {pk for pk in alone if Position.objects.get(pk=pk).stance == "opposes"}
    assert len(few) >= 1
