"""Facet counts: one query gives what counting each column separately gives; huge selections are not counted."""

import pytest
from django.db.models import Count
from django.http import QueryDict

from positions import facets as facets_module
from positions.choices import ActorKind, Stance
from positions.facets import facets, grouped_counts, link_facets
from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed():
    topics = [TopicFactory(name="Combat troops"), TopicFactory(name="Instructors")]
    kinds = [ActorKind.OFFICIAL, ActorKind.STATE, ActorKind.ANALYST]
    stances = [Stance.SUPPORTS, Stance.OPPOSES, Stance.OPEN, Stance.RULES_OUT, Stance.SUPPORTS]
    for i in range(23):
        actor = ActorFactory(country=["GB", "FR", "DE", ""][i % 4], kind=kinds[i % 3])
        PositionFactory(actor=actor, topic=topics[i % 2], stance=stances[i % 5])


@pytest.mark.parametrize(
    "filters", [{}, {"stance": Stance.SUPPORTS}, {"country__in": ["GB", "FR"]}, {"topic__name": "Instructors"}]
)
def test_one_query_counts_what_a_query_per_column_counts(mixed, filters):
    selection = Position.objects.filter(**filters)
    counts = grouped_counts(selection)
    for column in ("stance", "topic_id", "country", "actor_kind"):
        expected = {str(value): n for value, n in selection.order_by().values_list(column).annotate(n=Count("id"))}
        assert counts[column] == expected, column


def test_facets_are_ranked_and_labelled(mixed):
    stance, topic, country, kind = facets(Position.objects.all(), 23)
    assert [row["count"] for row in stance["rows"]] == sorted((row["count"] for row in stance["rows"]), reverse=True)
    assert {row["value"] for row in topic["rows"]} == set(Position.objects.values_list("topic__slug", flat=True))
    assert "" not in {row["value"] for row in country["rows"]}
    assert {row["label"] for row in country["rows"]} == {"United Kingdom", "France", "Germany"}
    assert sum(row["count"] for row in kind["rows"]) == 23


def test_a_selection_too_large_to_count_says_so_instead(client, mixed, monkeypatch):
    monkeypatch.setattr(facets_module, "MAX_ROWS", 10)
    assert facets(Position.objects.all(), 23) is None
    # A date range counts rows (equality filters alone read the maintained counts, whatever the size).
    page = client.get("/positions/?date_from=1900-01-01").content.decode()
    assert "appear once a filter narrows the selection" in page
    narrowed = client.get("/positions/?country=GB&stance=supports&date_from=1900-01-01").content.decode()
    assert "appear once a filter narrows the selection" not in narrowed
    assert 'class="count"' in narrowed


def test_counting_with_the_facets_gives_the_size_and_stops_past_the_limit(mixed):
    from positions.facets import counted_facets

    selection = Position.objects.filter(stance=Stance.SUPPORTS)
    size, found = counted_facets(selection, limit=100)
    assert size == selection.count() == 9
    assert found == facets(selection, size)
    assert counted_facets(selection, limit=8) == (9, None)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=ua&stance=rules_out&page=3",
        "stance=opposes&q=caf%C3%A9+%26+co&country=GB&country=fr",
        "topic=x&sort=-date",
    ],
)
def test_facet_links_are_the_query_narrowed_to_one_value(query):
    """Each link is what QueryDict gives when the parameter is replaced, page dropped (as the template tag did)."""
    facet_list = [
        {"name": name, "rows": [{"value": value} for value in ("a", "é & b", "GB")]}
        for name in ("stance", "topic", "country", "actor_kind")
    ]
    link_facets(facet_list, QueryDict(query), "/uk/positions/")
    for facet in facet_list:
        for row in facet["rows"]:
            params = QueryDict(query).copy()
            params.pop("page", None)
            params.setlist(facet["name"], [row["value"]])
            assert row["href"] == f"/uk/positions/?{params.urlencode()}"
