"""Derived views of the data: current positions, country stances, roles on a day, authorisations needed."""

import datetime

import pytest

from positions.choices import ActorKind, Stance
from positions.models import Actor, AuthorisationBody, Position, Role
from tests.factories import (
    ActorFactory,
    AuthorisationBodyFactory,
    PositionFactory,
    QuoteFactory,
    RoleFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_current_position_is_the_latest_by_date():
    actor, topic = ActorFactory(), TopicFactory()
    PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 1, 1), stance=Stance.OPEN)
    latest = PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 6, 1), stance=Stance.RULES_OUT)
    PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 3, 1), stance=Stance.SUPPORTS)
    assert list(Position.objects.current()) == [latest]


def test_current_position_ties_on_the_same_day_go_to_the_higher_id():
    actor, topic = ActorFactory(), TopicFactory()
    PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 1, 1))
    second = PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 1, 1))
    assert list(Position.objects.current()) == [second]


def test_a_day_inside_a_month_counts_as_later_than_the_month_itself():
    actor, topic = ActorFactory(), TopicFactory()
    day = PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 11, 15))
    PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 11, 1), date_precision="month")
    assert list(Position.objects.current()) == [day]


def test_current_positions_are_per_actor_and_topic():
    actor = ActorFactory()
    a = PositionFactory(actor=actor, topic=TopicFactory(slug="a"))
    b = PositionFactory(actor=actor, topic=TopicFactory(slug="b"))
    other = PositionFactory(topic=a.topic)
    assert set(Position.objects.current()) == {a, b, other}


def test_denormalised_columns_follow_actor_and_quote():
    position = PositionFactory(actor=ActorFactory(country="GB", kind=ActorKind.OFFICIAL))
    assert (position.country, position.actor_kind, position.verification) == ("GB", "official", "confirmed")
    actor = position.actor
    actor.country, actor.kind = "FR", ActorKind.STATE
    actor.save()
    quote = position.quote
    quote.verification = "unverified"
    quote.save()
    position.refresh_from_db()
    assert (position.country, position.actor_kind, position.verification) == ("FR", "state", "unverified")


def test_role_held_on_a_day():
    actor = ActorFactory()
    foreign = RoleFactory(actor=actor, title="Foreign Secretary", start_on=D(2024, 7, 5), end_on=D(2025, 9, 5))
    deputy = RoleFactory(actor=actor, title="Deputy Prime Minister", start_on=D(2025, 9, 5))
    assert list(Role.objects.filter(actor=actor).held_on(D(2024, 11, 26))) == [foreign]
    assert actor.role_on(D(2024, 11, 26)) == foreign
    assert actor.role_on(D(2026, 1, 1)) == deputy
    assert actor.role_on(D(2024, 1, 1)) is None
    # On the handover day both cover it; the newer office wins.
    assert actor.role_on(D(2025, 9, 5)) == deputy


def test_position_shows_the_role_of_the_day_it_was_stated():
    actor = ActorFactory()
    RoleFactory(actor=actor, title="Foreign Secretary", start_on=D(2024, 7, 5), end_on=D(2025, 9, 5))
    RoleFactory(actor=actor, title="Deputy Prime Minister", start_on=D(2025, 9, 5))
    position = PositionFactory(actor=actor, stated_on=D(2024, 11, 26))
    assert position.role.title == "Foreign Secretary"


def test_authorisation_bodies_needed_are_senders_and_ukraines():
    rada = AuthorisationBodyFactory(country="UA", scope="admit_foreign", name="Verkhovna Rada")
    commons = AuthorisationBodyFactory(country="GB", scope="deploy_abroad", name="House of Commons")
    AuthorisationBodyFactory(country="FR", scope="deploy_abroad", name="Parlement")
    AuthorisationBodyFactory(country="UA", scope="deploy_abroad", name="Verkhovna Rada")
    position = PositionFactory(actor=ActorFactory(country="GB"), topic=TopicFactory(slug="combat-troops"))
    # One requirement: the sender's own body before Ukraine's (the sender decides to send first).
    assert list(position.authorisation_bodies_needed()) == [commons, rada]


def test_no_authorisation_needed_for_topics_without_deployment():
    AuthorisationBodyFactory(country="UA", scope="admit_foreign")
    topic = TopicFactory(slug="troops-for-russia")
    topic.involves_deployment = False
    topic.save()
    assert list(PositionFactory(topic=topic).authorisation_bodies_needed()) == []


def test_international_organisation_needs_only_ukraines_admission():
    rada = AuthorisationBodyFactory(country="UA", scope="admit_foreign")
    position = PositionFactory(actor=ActorFactory(country="", kind=ActorKind.ORGANISATION))
    assert list(AuthorisationBody.objects.needed_for(position)) == [rada]


def test_search_finds_garbled_alias(seeded):
    found = Position.objects.search("Cyrus Starmer")
    assert "keir-starmer" in {p.actor.slug for p in found}


def test_search_matches_quote_words():
    PositionFactory(quote=QuoteFactory(text="Reassurance force after a ceasefire"))
    PositionFactory(quote=QuoteFactory(text="Nothing relevant"))
    assert Position.objects.search("ceasefire").count() == 1


def test_search_on_postgresql_stems_ranks_and_spans_actor_and_quote(seeded):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("stemming and ranking are PostgreSQL's full-text search")
    assert {p.actor.slug for p in Position.objects.search("rumour")} == {"taras-semenyuk"}
    spanning = list(Position.objects.search("the Lammy troops").order_by("-rank"))
    assert [p.actor.slug for p in spanning] == ["david-lammy"]
    ranked = list(Position.objects.search("Cyrus Starmer").order_by("-rank"))
    assert ranked[0].actor.slug == "keir-starmer" and ranked[0].rank >= ranked[-1].rank


def test_country_codes_are_every_country_with_an_actor_once():
    for country in ("UA", "GB", "UA", "PL", "AT"):
        ActorFactory(country=country)
    ActorFactory(country="")
    assert Actor.objects.country_codes() == {"AT", "GB", "PL", "UA"}
    assert Actor.objects.country_codes() == set(
        Actor.objects.exclude(country="").values_list("country", flat=True).distinct()
    )


def test_country_codes_of_no_actors_is_empty():
    ActorFactory(country="")
    assert Actor.objects.country_codes() == set()


@pytest.mark.parametrize(
    "day", [D(2019, 12, 31), D(2020, 1, 1), D(2022, 6, 30), D(2022, 7, 1), D(2024, 5, 1), D(2025, 2, 1)]
)
def test_the_role_held_first_in_sql_is_the_one_picked_from_loaded_roles(day):
    # Role.pick_for_day (pages and the API) and RoleQuerySet.held_first (the export's subquery) state one rule.
    actor = ActorFactory()
    RoleFactory(actor=actor, title="Defence Minister", start_on=D(2020, 1, 1), end_on=D(2022, 6, 30))
    RoleFactory(actor=actor, title="Prime Minister", start_on=D(2022, 7, 1))
    RoleFactory(actor=actor, title="Envoy", start_on=D(2024, 1, 1), end_on=D(2024, 12, 31))
    RoleFactory(actor=actor, title="Special envoy", start_on=D(2024, 1, 1), end_on=D(2024, 12, 31))
    assert Role.objects.held_first(actor, day).first() == Role.pick_for_day(actor.roles.all(), day)
