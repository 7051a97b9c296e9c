"""Stance over time: how many countries stood at each stance at the end of each month."""

import pytest

from positions.choices import ActorKind, Stance
from positions.models import CountryStance
from positions.stance_rule import CellState
from positions.timeline.chart import build_stance_chart
from tests.factories import ActorFactory, TopicFactory
from tests.timeline.helpers import TODAY, D, state

pytestmark = pytest.mark.django_db


def by_month(chart):
    return {column.month: column.counts for column in chart.columns}


def test_counts_each_country_once_at_its_latest_stance_each_month():
    topic = TopicFactory()
    france = ActorFactory(country="FR", kind=ActorKind.STATE)
    uk_pm = ActorFactory(country="GB", kind=ActorKind.OFFICIAL)
    uk_fs = ActorFactory(country="GB", kind=ActorKind.OFFICIAL)
    state(france, topic, Stance.OPEN, D(2025, 1, 15))
    state(uk_pm, topic, Stance.OPEN, D(2025, 1, 20))
    state(uk_fs, topic, Stance.OPPOSES, D(2025, 3, 2))
    state(france, topic, Stance.SUPPORTS, D(2025, 3, 31))
    chart = build_stance_chart(topic, today=D(2025, 4, 10))
    assert by_month(chart) == {
        D(2025, 1, 1): {Stance.OPEN: 2},
        D(2025, 2, 1): {Stance.OPEN: 2},
        D(2025, 3, 1): {Stance.OPPOSES: 1, Stance.SUPPORTS: 1},
        D(2025, 4, 1): {Stance.OPPOSES: 1, Stance.SUPPORTS: 1},
    }
    assert [column.month for column in chart.changed_columns] == [D(2025, 1, 1), D(2025, 3, 1)]


def test_analysts_never_count_offices_outrank_and_same_day_contradictions_are_mixed():
    topic = TopicFactory()
    official = ActorFactory(country="PL", kind=ActorKind.OFFICIAL)
    state(ActorFactory(country="PL", kind=ActorKind.ANALYST), topic, Stance.RULES_OUT, D(2025, 1, 9))
    # Parliament as a body outranks an official who holds no recorded office, whatever the dates' order.
    state(ActorFactory(country="PL", kind=ActorKind.LEGISLATURE), topic, Stance.SUPPORTS, D(2025, 1, 1))
    state(official, topic, Stance.OPEN, D(2025, 1, 5))
    # One office saying both on one day: no id decides which, the month is mixed.
    czech = ActorFactory(country="CZ", kind=ActorKind.OFFICIAL)
    state(czech, topic, Stance.OPEN, D(2025, 1, 5))
    state(czech, topic, Stance.RULES_OUT, D(2025, 1, 5))
    chart = build_stance_chart(topic, today=D(2025, 1, 31))
    assert by_month(chart) == {D(2025, 1, 1): {Stance.SUPPORTS: 1, CellState.MIXED: 1}}


def test_the_last_month_agrees_with_the_current_country_stances():
    topic = TopicFactory()
    for index, (code, stance) in enumerate(
        [("FR", Stance.OPEN), ("GB", Stance.OPPOSES), ("DE", Stance.RULES_OUT), ("GB", Stance.SUPPORTS)]
    ):
        state(ActorFactory(country=code, kind=ActorKind.OFFICIAL), topic, stance, D(2024, 10 + index % 3, 3))
    chart = build_stance_chart(topic, today=TODAY)
    current = {}
    for stance, cell_state in CountryStance.objects.filter(topic=topic).values_list("stance", "state"):
        current[stance or cell_state] = current.get(stance or cell_state, 0) + 1
    assert chart.columns[-1].counts == current
    assert chart.columns[-1].month == D(2025, 6, 1)


def test_the_chart_is_built_in_one_query(django_assert_num_queries):
    topic = TopicFactory()
    for code in ("FR", "GB", "DE", "PL", "IT"):
        state(ActorFactory(country=code, kind=ActorKind.STATE), topic, Stance.OPEN, D(2024, 1, 1))
    with django_assert_num_queries(1):
        chart = build_stance_chart(topic, today=TODAY)
    assert chart.columns[-1].total == 5


def test_filters_narrow_the_countries_and_the_months():
    topic = TopicFactory()
    state(ActorFactory(country="FR", kind=ActorKind.STATE), topic, Stance.OPEN, D(2024, 1, 1))
    state(ActorFactory(country="GB", kind=ActorKind.STATE), topic, Stance.OPPOSES, D(2024, 1, 1))
    chart = build_stance_chart(topic, countries=["gb"], date_from=D(2024, 5, 9), date_to=D(2024, 7, 1), today=TODAY)
    assert [column.month for column in chart.columns] == [D(2024, 5, 1), D(2024, 6, 1), D(2024, 7, 1)]
    assert all(column.counts == {Stance.OPPOSES: 1} for column in chart.columns)


def test_bars_stack_in_scale_order_and_height_follows_the_count():
    topic = TopicFactory()
    state(ActorFactory(country="FR", kind=ActorKind.STATE), topic, Stance.RULES_OUT, D(2025, 1, 1))
    state(ActorFactory(country="GB", kind=ActorKind.STATE), topic, Stance.SUPPORTS, D(2025, 1, 1))
    state(ActorFactory(country="DE", kind=ActorKind.STATE), topic, Stance.SUPPORTS, D(2025, 1, 1))
    column = build_stance_chart(topic, today=D(2025, 1, 2)).columns[0]
    supports, rules_out = column.segments
    assert (supports.stance, rules_out.stance) == (Stance.SUPPORTS, Stance.RULES_OUT)
    assert supports.height == pytest.approx(2 * rules_out.height, abs=0.02)
    assert rules_out.y + rules_out.height == pytest.approx(supports.y, abs=0.02)


def test_a_topic_nobody_has_spoken_on_gives_an_empty_chart():
    assert build_stance_chart(TopicFactory(), today=TODAY).is_empty
