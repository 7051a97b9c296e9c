"""The positions list's rows (rendered from values, positions/api/rows.py) equal what PositionSerializer renders."""

import datetime
import io

import pytest
from django.core.management import call_command
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from positions.api.serializers import PositionSerializer
from positions.api.views import PositionViewSet
from positions.choices import ActorKind
from positions.models import Position, Role
from tests.factories import ActorFactory, PositionFactory

API = "/api/v1/positions/"


@pytest.fixture
def varied(db):
    """The demo's positions and generated ones, plus what neither has: tied roles, an organisation's office, an unknown source."""
    call_command("seed_demo", stdout=io.StringIO())
    call_command("generate_data", positions=150, seed=4, stdout=io.StringIO())
    # Two roles covering one day that start together: the higher id wins, on both paths.
    position = PositionFactory(
        stated_on=datetime.date(2024, 5, 1),
        quote__source__url="",
        quote__source__archive_url="",
        quote__source__published_on=None,
        quote__source__accessed_on=None,
    )
    for title in ("Envoy", "Special envoy"):
        Role.objects.create(actor=position.actor, title=title, country="GB", start_on=datetime.date(2024, 1, 1))
    # An organisation's office, ended after the statement; the organisation has no country.
    nato = ActorFactory(name="NATO", slug="nato", kind=ActorKind.ORGANISATION, country="")
    official = PositionFactory(stated_on=datetime.date(2024, 6, 3)).actor
    Role.objects.create(
        actor=official,
        title="Secretary General",
        organisation=nato,
        start_on=datetime.date(2020, 1, 1),
        end_on=datetime.date(2024, 9, 30),
    )


def listed(client, expand: str) -> list[dict]:
    rows, url = [], f"{API}?sort=date&page_size=500&expand={expand}"
    while url:
        data = client.get(url).json()
        rows += data["results"]
        url = data["next"]
    return rows


@pytest.mark.parametrize("expand", ["", "quote", "source", "quote,source"])
def test_list_rows_equal_the_serializers_rendering(client, varied, expand):
    request = Request(APIRequestFactory().get(API, {"expand": expand}))
    positions = PositionViewSet.with_related(Position.objects.order_by("stated_on", "id"))
    expected = PositionSerializer(positions, many=True, context={"request": request}).data
    rows = listed(client, expand)
    assert len(rows) == len(expected) > 150
    for row, serialized in zip(rows, expected, strict=True):
        assert row == serialized
        assert list(row) == list(serialized)  # the same keys in the same order
    # Not vacuous: the rows hold every kind of value the renderer treats apart.
    assert any(row["role"] and row["role"]["organisation"] for row in rows)
    assert any(row["role"] and not row["role"]["organisation"] for row in rows)
    assert any(row["role"] is None for row in rows)
    assert any(row["country"] is None for row in rows)
    assert {row["role"]["title"] for row in rows if row["role"]} >= {"Special envoy"}
    if "source" in expand:
        assert any(row["source"]["document_url"] is None for row in rows)
        assert any(row["source"]["published_on"] is None for row in rows)
    if "quote" in expand:
        assert any(row["quote"]["original_language"] for row in rows)
        assert any(row["quote"]["original_language"] is None for row in rows)


def test_an_unknown_expand_is_refused_even_on_an_empty_page(client, seeded):
    response = client.get(f"{API}?date_from=2999-01-01&expand=everything")
    assert response.status_code == 400
    assert set(response.json()) == {"expand"}
