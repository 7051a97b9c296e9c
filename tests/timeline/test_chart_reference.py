"""The stance chart held to a plain computation: each month's end, each country's stance by the rule.

The chart reads only what it needs (each country's stance at the end of each month it spoke on
the record, kept in MonthStance) and sweeps it incrementally; here every position is read, with
the actor's kind and country as they are today, and every month is weighed from scratch by the
rule (positions/stance_rule.py) over the statements made up to its end. Run on SQLite and on
PostgreSQL.
"""

import datetime

import pytest

from positions.choices import ActorKind, Stance
from positions.models import Position
from positions.staleness import stale_from
from positions.stance_rule import CellState, Statement, decide
from positions.timeline.chart import build_stance_chart
from positions.timeline.chart_tally import month_ends
from sources.dates import DatePrecision, next_month
from tests.factories import ActorFactory, TopicFactory
from tests.shared_data import kept_for_the_module
from tests.timeline.helpers import D, state

pytestmark = pytest.mark.django_db

TODAY = D(2025, 9, 20)


def plain_tallies(topic, months, codes=None):
    """(counts, names, stale) per month, each from every position on the topic, the obvious way."""
    from django_countries import countries

    positions = [
        (
            p.actor.country.code,
            Statement(p.id, p.actor_id, p.office_rank, p.stance, p.stated_on, p.date_precision, p.attribution),
        )
        for p in Position.objects.filter(topic=topic).select_related("actor").order_by("stated_on", "id")
        if p.office_rank is not None and p.actor.country and (not codes or p.actor.country.code in codes)
    ]
    tallies = []
    for month in months:
        end = next_month(month)
        latest = {}
        for country in {country for country, _statement in positions}:
            decision = decide(
                [statement for code, statement in positions if code == country and statement.stated_on < end]
            )
            if decision is not None and decision.state != CellState.REPORTED:
                shown = decision.shown
                latest[country] = (shown.stated_on, shown.id, decision.chart_stance, shown.date_precision)
        counts, names, stale = {}, {}, {}
        for country, (stated_on, _pk, stance, precision) in latest.items():
            counts[stance] = counts.get(stance, 0) + 1
            names.setdefault(stance, []).append(str(countries.name(country)))
            if stale_from(stated_on, precision) < end:
                stale[stance] = stale.get(stance, 0) + 1
        tallies.append((counts, {stance: sorted(found) for stance, found in names.items()}, stale))
    return tallies


@pytest.fixture(scope="module")
def varied_topic(django_db_setup, django_db_blocker):
    """Several countries over three years: changes, same-day ties, long silences, rough dates, non-governments.

    Built once for the module's tests, which only read it."""
    with kept_for_the_module(django_db_blocker):
        yield build_varied_topic()


def build_varied_topic():
    topic, other = TopicFactory(), TopicFactory()
    stances = [Stance.SUPPORTS, Stance.OPEN, Stance.UNDECIDED, Stance.OPPOSES, Stance.RULES_OUT, Stance.COMMENTARY]
    people = {
        code: [ActorFactory(country=code, kind=ActorKind.STATE), ActorFactory(country=code, kind=ActorKind.OFFICIAL)]
        for code in ("FR", "DE", "PL", "GB", "IT", "EE")
    }
    start = D(2022, 11, 3)
    for i in range(160):
        code = ("FR", "DE", "PL", "GB", "IT", "EE")[(i * 5) % 6 if i % 7 else i % 2]
        # Estonia falls silent for over a year, long enough to go stale.
        day = start + datetime.timedelta(days=(i * 37) % 1000)
        if code == "EE" and D(2023, 6, 1) <= day < D(2024, 9, 1):
            continue
        precision = DatePrecision.YEAR if i % 17 == 0 else DatePrecision.MONTH if i % 6 == 0 else DatePrecision.DAY
        day = day.replace(month=1, day=1) if precision == DatePrecision.YEAR else day
        day = day.replace(day=1) if precision == DatePrecision.MONTH else day
        state(people[code][i % 2], topic if i % 5 else other, stances[(i * 7) % 6], day, precision)
    # Same day, same country, different sides: the state outranks an official without a role.
    state(people["PL"][0], topic, Stance.SUPPORTS, D(2024, 3, 12))
    state(people["PL"][1], topic, Stance.RULES_OUT, D(2024, 3, 12))
    # Within one month France goes to opposing and back: the month ends where it started.
    state(people["FR"][1], topic, Stance.OPPOSES, D(2023, 8, 2))
    state(people["FR"][1], topic, Stance.SUPPORTS, D(2023, 8, 20))
    # Lower offices (a legislature, a party) in a country that has a government's word, and an analyst,
    # who never counts, in a country that has no other.
    for kind in (ActorKind.ANALYST, ActorKind.LEGISLATURE, ActorKind.PARTY):
        state(ActorFactory(country="DE", kind=kind), topic, Stance.RULES_OUT, D(2025, 2, 1))
    state(ActorFactory(country="NO", kind=ActorKind.ANALYST), topic, Stance.SUPPORTS, D(2024, 5, 5))
    # Two governments' voices of one rank disagree within 30 days: Britain is mixed from August 2025.
    state(ActorFactory(country="GB", kind=ActorKind.STATE), topic, Stance.RULES_OUT, D(2025, 8, 1))
    state(ActorFactory(country="GB", kind=ActorKind.STATE), topic, Stance.SUPPORTS, D(2025, 8, 20))
    # A report citing unnamed sources never moves a stance, however high the office it is about.
    state(people["PL"][0], topic, Stance.OPEN, D(2025, 9, 1), attribution="anonymous", verification="reported")
    # An official who has since left office (now an analyst) no longer speaks for Italy, on any date;
    # an analyst who has since become an official does, from the start.
    former = ActorFactory(country="IT", kind=ActorKind.OFFICIAL)
    state(former, topic, Stance.RULES_OUT, D(2025, 8, 30))
    former.kind = ActorKind.ANALYST
    former.save()
    risen = ActorFactory(country="CZ", kind=ActorKind.ANALYST)
    state(risen, topic, Stance.OPEN, D(2023, 1, 15))
    risen.kind = ActorKind.OFFICIAL
    risen.save()
    return topic


def chart_tallies(chart):
    return [(column.counts, column.names, column.stale) for column in chart.columns]


@pytest.mark.parametrize("codes", [None, ["fr", "pl", "ee"]])
def test_the_chart_agrees_with_a_plain_month_by_month_computation(varied_topic, codes):
    chart = build_stance_chart(varied_topic, countries=codes, today=TODAY)
    months = [column.month for column in chart.columns]
    assert months == month_ends(months[0], TODAY)
    upper = [code.upper() for code in codes] if codes else None
    assert chart_tallies(chart) == plain_tallies(varied_topic, months, upper)
    # The fixture reaches what it is meant to: stale stances, changes, and Norway's analyst left out.
    assert any(column.stale for column in chart.columns)
    assert len(chart.changed_columns) > 5
    assert not codes or len(chart.columns[-1].counts) >= 1
    assert all("Norway" not in names for column in chart.columns for names in column.names.values())
    assert codes or chart.columns[-1].counts.get(CellState.MIXED) == 1


def test_the_chart_agrees_with_the_plain_computation_between_dates(varied_topic):
    chart = build_stance_chart(varied_topic, date_from=D(2023, 7, 9), date_to=D(2024, 10, 1), today=TODAY)
    months = [column.month for column in chart.columns]
    assert (months[0], months[-1]) == (D(2023, 7, 1), D(2024, 10, 1))
    assert chart_tallies(chart) == plain_tallies(varied_topic, months)
