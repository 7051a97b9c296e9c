"""A country's stance is decided by office, on the record, never by entry order (issue 25.2).

Each test builds statements the way editors do (admin saves, deletes, role edits, moving an actor)
and checks the cell the rule gives, and that the maintained CountryStance and MonthStance tables
say what a rebuild from scratch says.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from positions import derived
from positions.choices import ActorKind, OfficeRank, Stance
from positions.models import CountryStance, MonthStance, Position, Role
from positions.stance_rule import CellState
from sources.models import Attribution, Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2024, 11, 25)


def maintained():
    stances = set(
        CountryStance.objects.values_list(
            "country", "topic", "state", "stance", "position", "role", "statements", "reported", "dissent_count"
        )
    )
    months = set(MonthStance.objects.values_list("country", "topic", "month", "stance", "stated_on"))
    dissent = {
        (row[0], row[1], tuple(row[2])) for row in CountryStance.objects.values_list("country", "topic", "dissent")
    }
    return stances, months, dissent


def rebuilt():
    derived.refresh_all()
    return maintained()


def official(rank=None, country="GB", kind=ActorKind.OFFICIAL, title="Office", start=D(2020, 1, 1)):
    actor = ActorFactory(country=country, kind=kind)
    if rank is not None:
        Role.objects.create(actor=actor, title=title, office_rank=rank, start_on=start)
    return actor


def say(actor, topic, stance, day=DAY, attribution=Attribution.DIRECT):
    verification = Verification.REPORTED if attribution == Attribution.ANONYMOUS else Verification.CONFIRMED
    quote = QuoteFactory(said_on=day, attribution=attribution, verification=verification)
    return PositionFactory(actor=actor, topic=topic, quote=quote, stance=stance, stated_on=day)


def cell(topic, country="GB") -> CountryStance:
    return CountryStance.objects.get(country=country, topic=topic)


@pytest.mark.parametrize("head_first", [True, False])
def test_the_head_outranks_the_foreign_minister_on_the_same_day_whatever_the_entry_order(head_first):
    topic = TopicFactory()
    head = official(OfficeRank.HEAD, title="Prime Minister")
    minister = official(OfficeRank.FOREIGN_DEFENCE, title="Foreign Secretary")
    if head_first:
        decider = say(head, topic, Stance.OPEN)
        junior = say(minister, topic, Stance.OPPOSES)
    else:
        junior = say(minister, topic, Stance.OPPOSES)
        decider = say(head, topic, Stance.OPEN)
    stance = cell(topic)
    assert (stance.state, stance.stance, stance.position_id) == (CellState.DECIDED, Stance.OPEN, decider.pk)
    assert stance.role.title == "Prime Minister"
    assert (stance.dissent, stance.dissent_count) == ([junior.pk], 1)
    assert maintained() == rebuilt()


def test_same_day_same_rank_disagreement_is_mixed_and_same_side_is_not():
    topic = TopicFactory()
    first = say(official(OfficeRank.MINISTER), topic, Stance.OPEN)
    say(official(OfficeRank.MINISTER), topic, Stance.OPEN)
    assert (cell(topic).state, cell(topic).stance) == (CellState.DECIDED, Stance.OPEN)
    assert cell(topic).position_id == first.pk
    other = say(official(OfficeRank.MINISTER), topic, Stance.RULES_OUT)
    stance = cell(topic)
    assert (stance.state, stance.stance) == (CellState.MIXED, "")
    assert other.pk in stance.dissent or stance.position_id == other.pk
    assert maintained() == rebuilt()


def test_disagreement_within_30_days_is_mixed_and_beyond_it_the_newer_decides():
    topic = TopicFactory()
    say(official(OfficeRank.HEAD), topic, Stance.OPPOSES, day=D(2024, 10, 1))
    newer = say(official(OfficeRank.HEAD), topic, Stance.OPEN, day=D(2024, 10, 31))
    assert cell(topic).state == CellState.MIXED
    newer.stated_on = D(2024, 11, 1)  # 31 days after
    newer.save()
    assert (cell(topic).state, cell(topic).stance) == (CellState.DECIDED, Stance.OPEN)
    assert cell(topic).dissent_count == 1  # the older statement of the same rank is listed
    assert maintained() == rebuilt()


def test_an_office_changing_its_mind_within_30_days_is_not_two_voices():
    topic = TopicFactory()
    head = official(OfficeRank.HEAD)
    say(head, topic, Stance.OPPOSES, day=D(2024, 11, 1))
    say(head, topic, Stance.OPEN, day=D(2024, 11, 20))
    assert (cell(topic).state, cell(topic).stance) == (CellState.DECIDED, Stance.OPEN)


@pytest.mark.parametrize("attribution", [Attribution.PARAPHRASE, Attribution.ANONYMOUS])
def test_a_report_never_decides_and_alone_shows_reported_only(attribution):
    topic = TopicFactory()
    head = official(OfficeRank.HEAD)
    report = say(head, topic, Stance.SUPPORTS, day=D(2024, 11, 26), attribution=attribution)
    stance = cell(topic)
    assert (stance.state, stance.stance, stance.position_id) == (CellState.REPORTED, "", report.pk)
    assert (stance.statements, stance.reported, stance.newest_report_id) == (1, 1, report.pk)
    on_record = say(official(OfficeRank.MEMBER), topic, Stance.OPPOSES, day=D(2024, 11, 1))
    stance = cell(topic)
    assert (stance.state, stance.stance, stance.position_id) == (CellState.DECIDED, Stance.OPPOSES, on_record.pk)
    assert (stance.statements, stance.reported) == (2, 1)
    assert maintained() == rebuilt()


def test_a_quote_becoming_anonymous_takes_its_statement_out_of_the_decision():
    topic = TopicFactory()
    head = say(official(OfficeRank.HEAD), topic, Stance.OPEN)
    minister = say(official(OfficeRank.FOREIGN_DEFENCE), topic, Stance.OPPOSES)
    assert cell(topic).position_id == head.pk
    head.quote.attribution, head.quote.verification = Attribution.ANONYMOUS, Verification.REPORTED
    head.quote.save()
    assert (cell(topic).position_id, cell(topic).stance, cell(topic).reported) == (minister.pk, Stance.OPPOSES, 1)
    assert maintained() == rebuilt()


def test_commentary_never_decides():
    topic = TopicFactory()
    say(official(OfficeRank.HEAD), topic, Stance.COMMENTARY)
    assert not CountryStance.objects.exists()
    decider = say(official(OfficeRank.MEMBER), topic, Stance.OPPOSES, day=D(2024, 1, 1))
    assert cell(topic).position_id == decider.pk


@override_settings(STALE_AFTER_MONTHS=6)
def test_an_old_head_statement_beyond_the_window_loses_to_a_newer_ministers():
    topic = TopicFactory()
    head = say(official(OfficeRank.HEAD), topic, Stance.OPEN, day=D(2024, 1, 10))
    minister = say(official(OfficeRank.MINISTER), topic, Stance.RULES_OUT, day=D(2024, 7, 11))
    assert (cell(topic).position_id, cell(topic).stance) == (minister.pk, Stance.RULES_OUT)
    minister.stated_on = D(2024, 7, 10)  # six months to the day: still within the window
    minister.save()
    assert (cell(topic).position_id, cell(topic).stance) == (head.pk, Stance.OPEN)
    assert maintained() == rebuilt()


def test_actors_without_a_role_rank_by_kind_and_analysts_never_decide():
    topic = TopicFactory()
    say(official(kind=ActorKind.ANALYST, rank=OfficeRank.HEAD), topic, Stance.SUPPORTS)
    assert not CountryStance.objects.exists()
    party = say(official(kind=ActorKind.PARTY), topic, Stance.SUPPORTS)
    assert cell(topic).position_id == party.pk
    parliament = say(official(kind=ActorKind.LEGISLATURE), topic, Stance.OPPOSES)
    assert cell(topic).position_id == parliament.pk
    state = say(official(kind=ActorKind.STATE), topic, Stance.OPEN)
    assert cell(topic).position_id == state.pk
    assert state.office_rank == OfficeRank.rank_of(OfficeRank.SPOKESPERSON)
    assert say(official(kind=ActorKind.OFFICIAL), topic, Stance.OPEN).office_rank == OfficeRank.rank_of(
        OfficeRank.OTHER
    )


def test_a_role_edit_changes_the_rank_and_the_cell():
    topic = TopicFactory()
    minister = official(OfficeRank.FOREIGN_DEFENCE)
    was_minister = say(minister, topic, Stance.OPPOSES)
    head = say(official(OfficeRank.MINISTER), topic, Stance.OPEN)
    assert cell(topic).position_id == was_minister.pk
    role = Role.objects.get(actor=head.actor)
    role.office_rank = OfficeRank.HEAD
    role.save()
    assert cell(topic).position_id == head.pk and cell(topic).role == role
    role.delete()  # an official without a role ranks as "other"
    assert cell(topic).position_id == was_minister.pk
    assert Position.objects.get(pk=head.pk).office_rank == OfficeRank.rank_of(OfficeRank.OTHER)
    assert maintained() == rebuilt()


def test_an_actor_moving_country_or_kind_moves_its_stances():
    topic = TopicFactory()
    actor = official(OfficeRank.HEAD)
    position = say(actor, topic, Stance.OPEN)
    actor.country = "FR"
    actor.save()
    assert list(CountryStance.objects.values_list("country", "position")) == [("FR", position.pk)]
    actor.kind = ActorKind.ANALYST
    actor.save()
    assert not CountryStance.objects.exists() and not MonthStance.objects.exists()


def test_each_months_stance_follows_the_rule_at_the_months_end():
    topic = TopicFactory()
    say(official(OfficeRank.MINISTER), topic, Stance.OPPOSES, day=D(2024, 10, 5))
    say(official(OfficeRank.HEAD), topic, Stance.OPEN, day=D(2024, 11, 2))
    say(official(OfficeRank.MINISTER), topic, Stance.RULES_OUT, day=D(2024, 11, 20))
    months = dict(MonthStance.objects.values_list("month", "stance"))
    assert months == {D(2024, 10, 1): Stance.OPPOSES, D(2024, 11, 1): Stance.OPEN}


def test_the_refresh_command_recomputes_the_tables(capsys):
    say(official(OfficeRank.HEAD), TopicFactory(), Stance.OPEN)
    before = maintained()
    CountryStance.objects.all().delete()
    Position.objects.update(office_rank=None)
    call_command("refresh_country_stances")
    assert "1 country stances recomputed" in capsys.readouterr().out
    assert maintained() == before


def test_generated_data_arrives_with_its_country_stances():
    call_command("generate_data", positions=300, seed=3)
    assert CountryStance.objects.count() > 10
    assert maintained() == rebuilt()


COUNTRIES = ["GB", "FR"]
KINDS = [ActorKind.STATE, ActorKind.OFFICIAL, ActorKind.ANALYST, ActorKind.LEGISLATURE]
RANKS = [None, OfficeRank.HEAD, OfficeRank.FOREIGN_DEFENCE, OfficeRank.MINISTER]
STANCES = [Stance.OPEN, Stance.OPPOSES, Stance.COMMENTARY]
ATTRIBUTIONS = [Attribution.DIRECT, Attribution.SPOKESPERSON, Attribution.ANONYMOUS]
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.integers(0, 5),
            st.integers(0, 1),
            st.integers(0, 400),
            st.sampled_from(STANCES),
            st.sampled_from(ATTRIBUTIONS),
        ),
        st.tuples(st.just("redate"), st.integers(0, 50), st.integers(0, 400)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("move"), st.integers(0, 5), st.sampled_from(COUNTRIES), st.sampled_from(KINDS)),
        st.tuples(st.just("role"), st.integers(0, 5), st.sampled_from(RANKS), st.integers(0, 400)),
    ),
    max_size=12,
)


@pytest.mark.fuzz
@given(operations)
def test_any_sequence_of_edits_leaves_the_tables_equal_to_a_rebuild(steps):
    Position.objects.all().delete()
    Role.objects.all().delete()
    actors = [ActorFactory(country=COUNTRIES[i % 2], kind=KINDS[i % 4]) for i in range(6)]
    topics = [TopicFactory(), TopicFactory()]
    start = D(2024, 1, 1)
    for step in steps:
        positions = list(Position.objects.order_by("id"))
        if step[0] == "add":
            _, actor, topic, day, stance, attribution = step
            say(actors[actor], topics[topic], stance, start + datetime.timedelta(day), attribution)
        elif step[0] == "redate" and positions:
            position = positions[step[1] % len(positions)]
            position.stated_on = start + datetime.timedelta(step[2])
            position.save()
        elif step[0] == "delete" and positions:
            positions[step[1] % len(positions)].delete()
        elif step[0] == "move":
            actor = actors[step[1]]
            actor.country, actor.kind = step[2], step[3]
            actor.save()
        elif step[0] == "role":
            _, actor, rank, day = step
            roles = Role.objects.filter(actor=actors[actor])
            if rank is None:
                for role in roles:
                    role.delete()
            else:
                Role.objects.create(
                    actor=actors[actor], title="Office", office_rank=rank, start_on=start + datetime.timedelta(day)
                )
        assert maintained() == rebuilt(), step
