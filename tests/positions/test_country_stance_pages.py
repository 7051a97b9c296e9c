"""Every page that shows a country's stance shows the same cell, says why, and marks mixed and reported-only apart.

The home matrix, the country page, compare, the map's table, the API and the stance chart read
the one derivation (positions/stance_rule.py through CountryStance and MonthStance).
"""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from positions.choices import ActorKind, OfficeRank, Stance
from positions.models import CountryStance, Position, Role
from positions.stance_rule import STATEMENT_COLUMNS, CellState, Statement, decide
from positions.timeline.chart import build_stance_chart
from positions.views.stance_map import topic_stances
from sources.models import Attribution, Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = D(2024, 11, 25)


def official(name, title, rank, country="GB"):
    actor = ActorFactory(name=name, country=country, kind=ActorKind.OFFICIAL)
    Role.objects.create(actor=actor, title=title, office_rank=rank, start_on=D(2024, 7, 5))
    return actor


def say(actor, topic, stance, day=DAY, attribution=Attribution.DIRECT):
    verification = Verification.REPORTED if attribution == Attribution.ANONYMOUS else Verification.CONFIRMED
    quote = QuoteFactory(said_on=day, attribution=attribution, verification=verification)
    return PositionFactory(actor=actor, topic=topic, quote=quote, stance=stance, stated_on=day)


@pytest.fixture
def cells():
    """GB decided by its head over a junior minister; FR mixed; DE reported only."""
    topic = TopicFactory(slug="combat-troops", name="Combat troops", order=1)
    say(official("Keir Starmer", "Prime Minister", OfficeRank.HEAD), topic, Stance.OPEN)
    say(official("David Lammy", "Foreign Secretary", OfficeRank.FOREIGN_DEFENCE), topic, Stance.OPPOSES)
    say(official("Jean Un", "Minister A", OfficeRank.MINISTER, "FR"), topic, Stance.SUPPORTS)
    say(official("Jeanne Deux", "Minister B", OfficeRank.MINISTER, "FR"), topic, Stance.RULES_OUT)
    say(official("Olaf Report", "Chancellor", OfficeRank.HEAD, "DE"), topic, Stance.OPEN, attribution="anonymous")
    return topic


@override_settings(PAGE_CACHE_SECONDS=0)
def test_the_country_page_says_who_decided_and_who_disagrees(client, cells):
    text = client.get(reverse("positions:country_detail", args=["gb"])).content.decode()
    assert "Decided by Keir Starmer, Prime Minister, 25 Nov 2024." in text
    assert "1 junior statement disagrees." in text
    assert "David Lammy, Foreign Secretary, said <a" in text and ">opposes</a> on 25 Nov 2024" in text
    assert 'href="/about/#country-stance"' in text


@override_settings(PAGE_CACHE_SECONDS=0)
def test_mixed_and_reported_only_are_labelled_and_patterned_not_only_coloured(client, cells):
    text = client.get(reverse("positions:country_detail", args=["fr"])).content.decode()
    assert 'class="stance stance-mixed"' in text and ">mixed<" in text
    assert "Mixed: offices of the same rank took different sides within 30 days." in text
    text = client.get(reverse("positions:country_detail", args=["de"])).content.decode()
    assert 'class="stance stance-reported"' in text and ">reported only<" in text
    assert "Reported only: nothing on the record. 1 report" in text
    home = client.get("/").content.decode()
    assert "stance-mixed" in home and "stance-reported" in home
    assert "1 disagrees" in home


@override_settings(PAGE_CACHE_SECONDS=0)
def test_compare_shows_the_country_cells_with_why(client, cells):
    text = client.get("/compare/?country=gb&country=fr").content.decode()
    assert 'data-stance="open"' in text and 'data-stance="mixed"' in text
    assert "Decided by Keir Starmer, Prime Minister, 25 Nov 2024." in text


def test_the_map_rows_carry_the_cell_state(cells):
    rows = {row.code: row.stance for row in topic_stances(cells)}
    assert rows == {"GB": Stance.OPEN, "FR": CellState.MIXED, "DE": CellState.REPORTED}


def test_the_api_says_the_state_and_no_stance_unless_decided(client, cells):
    data = client.get("/api/v1/countries/").json()
    stances = {country["code"]: country["stances"][0] for country in data if country["stances"]}
    gb, fr, de = stances["GB"], stances["FR"], stances["DE"]
    assert (gb["state"], gb["stance"], gb["office"], gb["disagreeing"], gb["reported"]) == (
        "decided",
        "open",
        "head",
        1,
        0,
    )
    assert (fr["state"], fr["stance"]) == ("mixed", None)
    assert (de["state"], de["stance"], de["reported"]) == ("reported", None, 1)


def test_the_stance_chart_counts_mixed_countries_apart(cells):
    chart = build_stance_chart(cells, today=D(2024, 11, 30))
    last = chart.columns[-1]
    assert last.counts == {Stance.OPEN: 1, CellState.MIXED: 1}


@override_settings(PAGE_CACHE_SECONDS=0)
def test_country_page_lists_disagreeing_statements_in_a_fixed_number_of_queries(client):
    topic = TopicFactory()
    say(official("Head", "Prime Minister", OfficeRank.HEAD), topic, Stance.OPEN)
    say(official("Junior 0", "Minister", OfficeRank.MINISTER), topic, Stance.OPPOSES)
    url = reverse("positions:country_detail", args=["gb"])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(1, 6):
        say(official(f"Junior {i}", "Minister", OfficeRank.MINISTER), topic, Stance.RULES_OUT)
    with CaptureQueriesContext(connection) as six:
        text = client.get(url).content.decode()
    assert "6 junior statements disagree." in text
    assert len(one) == len(six)


def test_the_about_page_states_the_rule_and_defines_mixed_and_reported_only(client):
    text = client.get(reverse("positions:about")).content.decode()
    assert 'id="country-stance"' in text and 'id="cell-mixed"' in text and 'id="cell-reported"' in text
    assert "David Lammy" in text and "Keir Starmer" in text


def test_the_seeds_uk_cell_follows_the_rule_and_says_why(client, seeded):
    """Against the rule, not the seed's current rows: wt-seed and wt-load correct both in parallel."""
    ranks = {"Prime Minister": OfficeRank.HEAD, "Foreign Secretary": OfficeRank.FOREIGN_DEFENCE}
    for role in Role.objects.filter(actor__country="GB"):
        rank = next((rank for title, rank in ranks.items() if role.title.startswith(title)), None)
        if rank and role.office_rank != rank:
            role.office_rank = rank
            role.save()
    combat = Position.objects.filter(country="GB").values_list("topic", flat=True).first()
    rows = Position.objects.filter(country="GB", topic=combat, office_rank__isnull=False).order_by("stated_on", "id")
    expected = decide([Statement(*row) for row in rows.values_list(*STATEMENT_COLUMNS)])
    stance = CountryStance.objects.get(country="GB", topic=combat)
    assert (stance.state, stance.position_id) == (expected.state, expected.shown.id)
    assert stance.position.attribution in (Attribution.DIRECT, Attribution.SPOKESPERSON)  # no report decides
    text = client.get(reverse("positions:country_detail", args=["gb"])).content.decode()
    assert escape(f"Decided by {stance.position.actor.name}, {stance.role.title},") in text
    # Downing Street for the Prime Minister on the record the same day, taking another side than Lammy:
    # the head's office decides and the Foreign Secretary's statement is listed as junior.
    head = Role.objects.get(title__startswith="Prime Minister", actor__country="GB")
    starmer = head.actor
    lammy = Position.objects.get(country="GB", topic=combat, actor__slug="david-lammy")
    other = Stance.OPEN if lammy.stance != Stance.OPEN else Stance.SUPPORTS
    spokesman = say(starmer, lammy.topic, other, day=lammy.stated_on, attribution=Attribution.SPOKESPERSON)
    stance = CountryStance.objects.get(country="GB", topic=combat)
    assert (stance.state, stance.position_id) == (CellState.DECIDED, spokesman.pk)
    # Every junior on-record statement taking another side is listed: Lammy's, and Downing Street's own.
    junior = (
        Position.objects.filter(
            country="GB", topic=combat, attribution__in=[Attribution.DIRECT, Attribution.SPOKESPERSON]
        )
        .exclude(pk=spokesman.pk)
        .exclude(stance=other)
    )
    assert lammy.pk in stance.dissent and sorted(stance.dissent) == sorted(junior.values_list("pk", flat=True))
    text = client.get(reverse("positions:country_detail", args=["gb"])).content.decode()
    assert f"Decided by {starmer.name}, {head.title}, {spokesman.stated_display}." in text
    assert f"{len(stance.dissent)} junior statements disagree." in text
