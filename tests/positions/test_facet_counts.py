"""The maintained facet counts: always what counting the positions gives, and what the list shows."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from positions import derived
from positions.choices import ActorKind, Stance
from positions.exchange.importer import import_file
from positions.facets import facets, table_facets
from positions.models import FacetCount, Position
from sources.models import Verification
from tests.exchange.test_import import csv_bytes, row
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db


def counted() -> dict:
    rows = Position.objects.order_by().values_list(*derived.FACET_DIMENSIONS).annotate(n=Count("id"))
    return {tuple(row[:-1]): row[-1] for row in rows}


def maintained() -> dict:
    return {tuple(row[:-1]): row[-1] for row in FacetCount.objects.values_list(*derived.FACET_DIMENSIONS, "n")}


@pytest.fixture
def mixed():
    topics = [TopicFactory(name="Combat troops"), TopicFactory(name="Instructors")]
    actors = [
        ActorFactory(country=code, kind=kind)
        for code, kind in [("GB", ActorKind.OFFICIAL), ("FR", ActorKind.STATE), ("", ActorKind.ANALYST)]
    ]
    stances = [Stance.SUPPORTS, Stance.OPPOSES, Stance.OPEN, Stance.RULES_OUT]
    return [PositionFactory(actor=actors[i % 3], topic=topics[i % 2], stance=stances[i % 4]) for i in range(12)]


def test_every_kind_of_edit_keeps_the_counts_exact(mixed):
    assert maintained() == counted() and sum(maintained().values()) == 12
    first, second, third = mixed[:3]
    first.stance = Stance.OPEN
    first.save()  # another stance
    second.topic = TopicFactory(name="Air policing")
    second.save()  # another topic
    third.actor.country = "DE"
    third.actor.kind = ActorKind.LEGISLATURE
    third.actor.save()  # every position of an actor moves country and kind
    quote = mixed[4].quote
    quote.verification = Verification.UNVERIFIED
    quote.save()  # the verification copied onto its positions
    mixed[5].delete()
    PositionFactory(actor=mixed[6].actor, quote=QuoteFactory(), stance=Stance.SUPPORTS)
    assert maintained() == counted()


def test_a_rebuild_gives_the_same_counts(mixed):
    before = maintained()
    FacetCount.objects.all().delete()
    call_command("refresh_country_stances", verbosity=0)
    assert maintained() == before == counted()


@pytest.mark.parametrize(
    "where, filters",
    [
        ({}, {}),
        ({"country__in": ["GB"]}, {"country": "GB"}),
        ({"country__in": ["GB", "FR"], "stance": Stance.OPEN}, {"country__in": ["GB", "FR"], "stance": Stance.OPEN}),
        (
            {"actor_kind": ActorKind.STATE, "verification": Verification.CONFIRMED},
            {"actor_kind": ActorKind.STATE, "verification": Verification.CONFIRMED},
        ),
    ],
)
def test_summed_facets_are_the_counted_facets(mixed, where, filters):
    selection = Position.objects.filter(**filters)
    size, summed = table_facets(where)
    assert size == selection.count()
    assert summed == (facets(selection, size) if size else [])


def test_the_list_reads_the_counts_table_for_equality_filters(client, mixed):
    html = client.get("/positions/?country=GB&stance=supports").content.decode()
    expected = Position.objects.filter(country="GB", stance=Stance.SUPPORTS).count()
    assert f"{expected} position" in html


def test_an_import_of_new_positions_adds_to_the_counts(mixed):
    rows = [
        row(
            actor_slug=f"state-{code.lower()}",
            actor=f"State {code}",
            actor_kind=kind,
            country=code,
            role="",
            stance=stance,
            verification=verification,
            quote=f"Words {n}.",
            source_url=f"https://example.org/{n}",
        )
        for n, (code, kind, stance, verification) in enumerate(
            [
                ("GB", "official", "opposes", "reported"),  # a combination already counted
                ("GB", "official", "opposes", "reported"),
                ("FR", "state", "supports", "confirmed"),
                ("PL", "state", "open", "unverified"),  # a country with no counts yet
            ]
        )
    ]
    assert import_file(csv_bytes(rows), "a.csv").written
    assert maintained() == counted()
    assert sum(maintained().values()) == 16
