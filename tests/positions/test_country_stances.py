"""The CountryStance table always says what computing the stances from scratch says.

Each test changes positions or actors the way editors do (admin saves, deletes, moving an actor
to another country) and compares the maintained table with `country_stances()` and a fresh count.
"""

import datetime

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from positions import derived
from positions.choices import ActorKind, Stance
from positions.models import CountryStance, Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def from_scratch() -> set[tuple[str, int, int, int]]:
    counts = derived.statement_counts(Position.objects.all())
    return {
        (country, topic_id, pk, counts[country, topic_id])
        for pk, country, topic_id in Position.objects.country_stances().values_list("id", "country", "topic")
    }


def maintained() -> set[tuple[str, int, int, int]]:
    return set(CountryStance.objects.values_list("country", "topic", "position", "statements"))


def state_position(country="GB", topic=None, day=D(2024, 11, 25), kind=ActorKind.STATE, actor=None):
    actor = actor or ActorFactory(country=country, kind=kind)
    quote = QuoteFactory(said_on=day)
    return PositionFactory(actor=actor, topic=topic or TopicFactory(), quote=quote, stated_on=day)


def test_a_new_governmental_position_becomes_its_countrys_stance():
    topic = TopicFactory()
    older = state_position(topic=topic, day=D(2024, 1, 1))
    newer = state_position(topic=topic, day=D(2024, 6, 1))
    stance = CountryStance.objects.get(country="GB", topic=topic)
    assert (stance.position, stance.statements) == (newer, 2)
    assert older.pk != stance.position_id
    assert maintained() == from_scratch()


def test_analysts_and_parliaments_do_not_make_a_countrys_stance():
    state_position(kind=ActorKind.ANALYST)
    state_position(kind=ActorKind.LEGISLATURE)
    assert not CountryStance.objects.exists()


def test_moving_the_latest_statement_back_in_time_hands_the_stance_to_the_next():
    topic = TopicFactory()
    first = state_position(topic=topic, day=D(2024, 1, 1))
    second = state_position(topic=topic, day=D(2024, 6, 1))
    second.stated_on = D(2023, 1, 1)
    second.save()
    assert CountryStance.objects.get(topic=topic).position == first
    assert maintained() == from_scratch()


def test_moving_a_statement_to_another_topic_updates_both_topics():
    combat, instructors = TopicFactory(), TopicFactory()
    position = state_position(topic=combat)
    position.topic = instructors
    position.save()
    assert list(CountryStance.objects.values_list("topic", "position")) == [(instructors.pk, position.pk)]


def test_deleting_the_only_statement_removes_the_stance_and_deleting_the_latest_falls_back():
    topic = TopicFactory()
    first = state_position(topic=topic, day=D(2024, 1, 1))
    second = state_position(topic=topic, day=D(2024, 6, 1))
    second.delete()
    assert CountryStance.objects.get(topic=topic).position == first
    first.delete()
    assert not CountryStance.objects.exists()


def test_an_actor_moving_country_or_kind_moves_its_stances():
    topic = TopicFactory()
    actor = ActorFactory(country="GB", kind=ActorKind.OFFICIAL)
    position = state_position(topic=topic, actor=actor)
    actor.country = "FR"
    actor.save()
    assert list(CountryStance.objects.values_list("country", "position")) == [("FR", position.pk)]
    actor.kind = ActorKind.ANALYST
    actor.save()
    assert not CountryStance.objects.exists()


def test_refresh_all_rebuilds_the_table_after_writes_that_send_no_signals():
    topic = TopicFactory()
    position = state_position(topic=topic)
    Position.objects.filter(pk=position.pk).update(stance=Stance.OPPOSES)  # content only: nothing to refresh
    CountryStance.objects.all().delete()
    assert derived.refresh_all() == 1
    assert maintained() == from_scratch()


def test_the_refresh_command_recomputes_the_table(capsys):
    state_position()
    CountryStance.objects.all().delete()
    call_command("refresh_country_stances")
    assert "1 country stances recomputed" in capsys.readouterr().out
    assert maintained() == from_scratch()


def test_generated_data_arrives_with_its_country_stances():
    call_command("generate_data", positions=300, seed=3)
    assert CountryStance.objects.count() > 10
    assert maintained() == from_scratch()


COUNTRIES = ["GB", "FR", "DE"]
KINDS = [ActorKind.STATE, ActorKind.OFFICIAL, ActorKind.ANALYST]
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 5), st.integers(0, 1), st.integers(1, 28)),
        st.tuples(st.just("redate"), st.integers(0, 50), st.integers(1, 28)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(COUNTRIES), st.sampled_from(KINDS)),
    ),
    max_size=12,
)


@pytest.mark.fuzz
@given(operations)
def test_any_sequence_of_edits_leaves_the_table_equal_to_a_fresh_computation(steps):
    Position.objects.all().delete()
    actors = [ActorFactory(country=COUNTRIES[i % 3], kind=KINDS[i % 3]) for i in range(6)]
    topics = [TopicFactory(), TopicFactory()]
    for step in steps:
        positions = list(Position.objects.order_by("id"))
        if step[0] == "add":
            _, actor, topic, day = step
            state_position(topic=topics[topic], actor=actors[actor], day=D(2024, 5, day))
        elif step[0] == "redate" and positions:
            position = positions[step[1] % len(positions)]
            position.stated_on = D(2024, 5, step[2])
            position.save()
        elif step[0] == "delete" and positions:
            positions[step[1] % len(positions)].delete()
        elif step[0] == "move":
            actor = actors[step[1]]
            actor.country, actor.kind = step[2], step[3]
            actor.save()
        assert maintained() == from_scratch(), step
