"""The stance chart read from MonthStance is the chart worked out from every position, whatever was written how.

The plain way is the chart's definition: for each country and each month it spoke on the record,
the rule (positions/stance_rule.py) weighs every statement made up to the month's end, from
scratch. MonthStance must give the same chart after saves, moves between months, deletes, actors
changing country or kind, imports, bulk loads with a rebuild and the data generator, on SQLite
and PostgreSQL alike.
"""

import datetime

import pytest
from django.core.management import call_command

from positions import derived
from positions.choices import ActorKind, Stance
from positions.exchange.importer import import_file
from positions.models import MonthStance, Position, Topic
from positions.stance_rule import STATEMENT_COLUMNS, Statement, decide
from positions.timeline import chart as chart_module
from positions.timeline.chart import build_stance_chart
from sources.dates import DatePrecision, next_month
from tests.exchange.test_import import csv_bytes, row
from tests.factories import ActorFactory, TopicFactory
from tests.timeline.helpers import TODAY, D, state

pytestmark = pytest.mark.django_db


def every_position(topic, codes):
    """The chart's rows the plain way: each country's cell weighed from scratch at each month it spoke on the record."""
    positions = Position.objects.filter(topic=topic, office_rank__isnull=False).exclude(country="")
    if codes:
        positions = positions.filter(country__in=codes)
    by_country: dict[str, list[Statement]] = {}
    for country, *values in positions.order_by("stated_on", "id").values_list("country", *STATEMENT_COLUMNS):
        by_country.setdefault(country, []).append(Statement(*values))
    rows = []
    for country, statements in by_country.items():
        for month in sorted({statement.stated_on.replace(day=1) for statement in statements if statement.decides}):
            decision = decide([statement for statement in statements if statement.stated_on < next_month(month)])
            shown = decision.shown
            rows.append((country, month, shown.stated_on, decision.chart_stance, shown.date_precision))
    return sorted(rows, key=lambda row: row[1])


def drawn(chart):
    """What a reader is shown: each month's counts, names and stale counts, the bars and the table."""
    columns = [(column.month, column.counts, column.names, column.stale) for column in chart.columns]
    return columns, str(chart.column_marks), chart.table, chart.width, chart.y_ticks


def assert_same_chart(topic, codes=None, **dates):
    ours = build_stance_chart(topic, countries=codes, today=TODAY, **dates)
    original = chart_module.month_rows
    chart_module.month_rows = every_position
    try:
        plain = build_stance_chart(topic, countries=codes, today=TODAY, **dates)
    finally:
        chart_module.month_rows = original
    assert drawn(ours) == drawn(plain)
    return ours


@pytest.fixture
def varied():
    """Three countries' state, officials and an analyst over two years, at every precision, on two topics."""
    topic, other = TopicFactory(), TopicFactory()
    people = [
        ActorFactory(country=country, kind=kind)
        for country in ("FR", "PL", "GB")
        for kind in (ActorKind.STATE, ActorKind.OFFICIAL, ActorKind.ANALYST)
    ]
    stances = list(Stance)
    written = []
    for i in range(90):
        day = D(2023, 1, 1) + datetime.timedelta(days=(i * 11) % 700)
        precision = DatePrecision.YEAR if i % 13 == 0 else DatePrecision.MONTH if i % 5 == 0 else DatePrecision.DAY
        day = day.replace(month=1, day=1) if precision == DatePrecision.YEAR else day
        day = day.replace(day=1) if precision == DatePrecision.MONTH else day
        written.append(state(people[i % len(people)], topic if i % 4 else other, stances[(i * 7) % 6], day, precision))
    return topic, other, people, written


@pytest.mark.parametrize("codes", [None, ["FR", "PL"]])
def test_the_chart_from_month_stances_is_the_chart_of_every_position(varied, codes):
    topic, other, _people, _written = varied
    chart = assert_same_chart(topic, codes)
    assert not chart.is_empty
    assert_same_chart(other, codes)
    assert_same_chart(topic, codes, date_from=D(2023, 7, 9), date_to=D(2024, 10, 1))
    # One row per country and month it spoke, fewer than its statements.
    assert MonthStance.objects.filter(topic=topic).count() < Position.objects.filter(topic=topic).count()


def test_edits_moves_and_deletes_keep_the_chart_exact(varied):
    topic, other, people, written = varied
    governmental = [position for position in written if position.actor_kind != ActorKind.ANALYST]
    moved = governmental[3]
    moved.stated_on, moved.date_precision = D(2025, 2, 14), DatePrecision.DAY
    moved.save()  # to another month: the month it left and the one it joined
    turned = governmental[7]
    turned.stance = Stance.SUPPORTS if turned.stance != Stance.SUPPORTS else Stance.RULES_OUT
    turned.save()  # another stance, same month
    switched = governmental[9]
    switched.topic = other
    switched.save()  # to the other topic
    governmental[11].delete()
    governmental[12].delete()
    people[0].kind = ActorKind.ANALYST
    people[0].save()  # France's state is no longer governmental: its months recomputed
    people[4].country = "DE"
    people[4].save()  # Poland's official now speaks for Germany
    people[8].kind = ActorKind.OFFICIAL
    people[8].save()  # Britain's analyst becomes an official
    state(people[1], topic, Stance.OPPOSES, D(2025, 5, 31))
    for chart_topic in (topic, other):
        assert_same_chart(chart_topic)
        assert_same_chart(chart_topic, ["FR", "DE", "GB"])


def test_a_statement_earlier_in_a_month_does_not_replace_the_months_last(varied):
    topic, _other, people, _written = varied
    # France's state: its highest office, whose newest word of the month decides it.
    late = state(people[0], topic, Stance.SUPPORTS, D(2025, 3, 28))
    state(people[0], topic, Stance.RULES_OUT, D(2025, 3, 2))
    row_of_march = MonthStance.objects.get(topic=topic, country="FR", month=D(2025, 3, 1))
    assert (row_of_march.stated_on, row_of_march.stance) == (late.stated_on, Stance.SUPPORTS)
    late.delete()
    assert MonthStance.objects.get(topic=topic, country="FR", month=D(2025, 3, 1)).stance == Stance.RULES_OUT
    assert_same_chart(topic)


def test_writes_that_send_no_signals_are_caught_up_by_the_refresh_command(varied):
    topic, _other, _people, _written = varied
    # A bulk update sends no signals: the chart is stale until the derived tables are rebuilt.
    Position.objects.filter(topic=topic, country="FR").update(stance=Stance.RULES_OUT)
    with pytest.raises(AssertionError):
        assert_same_chart(topic)
    call_command("refresh_country_stances", verbosity=0)
    assert_same_chart(topic)


def test_a_rebuild_gives_the_rows_kept_in_step(varied):
    columns = ("country", "topic", "month", "stated_on", "stance", "date_precision")
    before = set(MonthStance.objects.values_list(*columns))
    derived.rebuild_stances()
    assert set(MonthStance.objects.values_list(*columns)) == before


@pytest.mark.parametrize("rebuild_over", [2000, 1])
def test_an_import_keeps_the_chart_exact(varied, rebuild_over, monkeypatch):
    # Few pairs are refreshed one by one; past REFRESH_ALL_OVER the tables are rebuilt.
    monkeypatch.setattr("positions.exchange.plan.REFRESH_ALL_OVER", rebuild_over)
    topic, _other, _people, _written = varied
    rows = [
        row(
            actor_slug=f"state-{code.lower()}",
            actor=f"State {code}",
            actor_kind="state",
            country=code,
            role="",
            topic=topic.slug,
            stance=stance,
            quote=f"Words of {code} on {day}.",
            source_url=f"https://example.org/{code}/{day}",
            stated_on=day,
            published_on=day,
        )
        for code, stance, day in [
            ("FR", "supports", "2024-03-30"),
            ("FR", "opposes", "2024-03-02"),
            ("NL", "open", "2023-11-05"),
            ("PL", "rules_out", "2025-01-31"),
        ]
    ]
    assert import_file(csv_bytes(rows), "a.csv").written
    assert_same_chart(topic)


def test_generated_data_has_its_month_stances():
    call_command("generate_data", "--positions", "300", "--seed", "3", verbosity=0)
    for topic in Topic.objects.all():
        assert_same_chart(topic)
    assert MonthStance.objects.exists()


def test_the_chart_is_one_query(varied, django_assert_num_queries):
    topic, _other, _people, _written = varied
    with django_assert_num_queries(1):
        build_stance_chart(topic, today=TODAY)
    with django_assert_num_queries(1):
        build_stance_chart(topic, countries=["fr"], today=TODAY)
