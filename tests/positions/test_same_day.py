"""Many positions sharing a date: pages stay bounded in size and in queries.

Adversarial review, Nov 2026: with 11,500 positions of one actor on one day, the actor's page took
9.8 s (current positions compared every tie with every other), a position's page listed 11,524
"other positions", and the timeline's cap never cut a day in half.
"""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from positions.models import Position
from positions.timeline.layout import build_timeline
from positions.views.actors import POSITIONS_PER_PAGE
from positions.views.positions import OTHER_POSITIONS_SHOWN
from sources.models import Quote
from tests.factories import ActorFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 2)


def same_day_positions(count: int, actor=None, topic=None) -> list[Position]:
    """`count` positions of one actor on one topic, all stated on DAY, written in bulk."""
    actor = actor or ActorFactory(country="GB")
    topic = topic or TopicFactory(slug="combat-troops")
    source = SourceFactory()
    quotes = Quote.objects.bulk_create(
        Quote(source=source, text=f"Statement {n}.", said_on=DAY, verification="confirmed") for n in range(count)
    )
    Position.objects.bulk_create(
        Position(
            actor=actor,
            topic=topic,
            quote=quote,
            stance="open" if n % 2 else "opposes",
            stated_on=DAY,
            country=actor.country.code,
            actor_kind=actor.kind,
            verification="confirmed",
        )
        for n, quote in enumerate(quotes)
    )
    return list(Position.objects.filter(actor=actor, topic=topic).order_by("id"))


def test_current_position_among_hundreds_on_one_day_is_the_highest_id():
    positions = same_day_positions(300)
    assert list(Position.objects.filter(actor=positions[0].actor_id).current()) == [positions[-1]]
    assert list(Position.objects.current()) == [positions[-1]]


def test_current_keeps_the_latest_of_the_pair_even_outside_a_filter():
    positions = same_day_positions(5)
    latest = positions[-1]
    # The latest overall is "opposes" or "open"; filtering on the other stance leaves no current position.
    other = "open" if latest.stance == "opposes" else "opposes"
    assert list(Position.objects.filter(stance=other).current()) == []
    assert list(Position.objects.filter(stance=latest.stance).current()) == [latest]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@override_settings(PAGE_CACHE_SECONDS=0)  # the third request's context is read: it must build the page
def test_actor_page_queries_and_current_positions_do_not_grow_with_ties(client):
    few = same_day_positions(3, actor=ActorFactory(slug="few", country="GB"))
    many = same_day_positions(300, actor=ActorFactory(slug="many", country="GB"), topic=few[0].topic)
    assert queries_for(client, reverse("positions:actor_detail", args=["few"])) == queries_for(
        client, reverse("positions:actor_detail", args=["many"])
    )
    response = client.get(reverse("positions:actor_detail", args=["many"]))
    assert list(response.context["current"]) == [many[-1]]
    assert len(response.context["page"].object_list) == POSITIONS_PER_PAGE


def test_position_page_lists_a_bounded_number_of_other_positions_with_a_link_to_all(client):
    positions = same_day_positions(300)
    response = client.get(positions[0].get_absolute_url())
    history = response.context["history"]
    assert len(history) == OTHER_POSITIONS_SHOWN
    assert history[0] == positions[-1] and positions[0] not in history
    expected = reverse("positions:position_list") + "?actor=" + positions[0].actor.slug + "&amp;topic=combat-troops"
    assert expected in response.content.decode()
    # Few others: all listed, no link.
    few = same_day_positions(3, actor=ActorFactory(slug="few"))
    response = client.get(few[0].get_absolute_url())
    assert len(response.context["history"]) == 2 and response.context["more_url"] is None


def test_position_page_queries_do_not_grow_with_ties(client):
    few = same_day_positions(3, actor=ActorFactory(slug="few"))
    many = same_day_positions(300, actor=ActorFactory(slug="many"), topic=few[0].topic)
    assert queries_for(client, few[0].get_absolute_url()) == queries_for(client, many[0].get_absolute_url())


def test_timeline_cap_cuts_by_count_within_a_day():
    positions = same_day_positions(300)
    timeline = build_timeline(Position.objects.all(), limit=120)
    drawn = sorted(entry.position.pk for entry in timeline.entries)
    assert drawn == [position.pk for position in positions[-120:]]
    assert timeline.cutoff == DAY
