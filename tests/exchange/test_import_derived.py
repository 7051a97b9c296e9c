"""What an import writes beside its rows: search vectors, office ranks, stances, facet counts, history.

The importer writes in bulk, without Position.save or the per-row search trigger, so each test
imports a file and then holds what it wrote to what the slow, row-by-row way gives: a position
saved again, the trigger computing the vector, every derived table rebuilt from scratch.
"""

import datetime

import pytest
from django.db import connection

from positions import derived, postgres
from positions.choices import OfficeRank
from positions.exchange import importer, writer
from positions.exchange.importer import import_file
from positions.models import CountryStance, FacetCount, MonthStance, Position, Topic
from sources.models import Source
from tests.exchange.test_import import csv_bytes, row
from tests.factories import ActorFactory, PositionFactory, RoleFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's")


def statement(n: int, **values) -> dict:
    return row(quote=f"Words {n}.", source_url=f"https://example.org/{n}", source_title=f"Article {n}", **values)


@pytest.fixture
def imported():
    """An import mixing a stored actor with roles, new actors, a new role and kinds that never decide."""
    lammy = ActorFactory(slug="david-lammy", name="David Lammy", kind="official", country="GB")
    RoleFactory(actor=lammy, title="Foreign Secretary", office_rank=OfficeRank.FOREIGN_DEFENCE)
    RoleFactory(actor=lammy, title="Deputy PM", office_rank=OfficeRank.HEAD, start_on=datetime.date(2025, 9, 5))
    PositionFactory(actor=lammy, stated_on=datetime.date(2024, 8, 1), topic__slug="combat-troops")
    # France spoke before everything the file adds: its months before then are kept, not rewritten.
    topic = Topic.objects.get()
    france = ActorFactory(slug="france", kind="state", country="FR")
    PositionFactory(actor=france, stated_on=datetime.date(2023, 3, 1), topic=topic, stance="opposes")
    # France's only report is older than anything the file adds, and than the staleness window.
    PositionFactory(
        actor__country="FR",
        actor__kind="official",
        topic=topic,
        stated_on=datetime.date(2022, 5, 1),
        quote__attribution="paraphrase",
    )
    # Germany only comments in the file: its cell still rests on its older statement.
    germany = ActorFactory(slug="bundesregierung", name="Bundesregierung", kind="state", country="DE")
    PositionFactory(actor=germany, stated_on=datetime.date(2022, 1, 1), topic=topic, stance="supports")
    rows = [
        statement(1, stated_on="2024-11-26", role="Foreign Secretary"),  # a stored role
        statement(2, stated_on="2025-10-01", published_on="2025-10-01", role=""),  # the later, higher role
        statement(3, stated_on="2024-01-10", published_on="2024-01-10", role=""),  # before any role: its kind's rank
        statement(4, actor="Radosław Sikorski", actor_slug="radoslaw-sikorski", country="PL", role="Minister"),
        statement(5, actor="Rząd RP", actor_slug="rzad-rp", actor_kind="state", country="PL", role="", stance="open"),
        statement(6, actor="Jan Analyst", actor_slug="jan-analyst", actor_kind="analyst", country="PL", role=""),
        statement(
            8,
            actor="Bundesregierung",
            actor_slug="bundesregierung",
            actor_kind="state",
            country="DE",
            role="",
            stance="commentary",
        ),
        statement(
            7,
            actor="Emmanuel Macron",
            actor_slug="emmanuel-macron",
            country="FR",
            role="",
            summary="Ne pas exclure l'envoi de troupes",
            quote_original="Rien ne doit être exclu",
            quote_language="fr",
            stance="open",
        ),
    ]
    report = import_file(csv_bytes(rows), "a.csv")
    assert report.written, report.lines()
    return Position.objects.filter(quote__text__startswith="Words ")


def test_new_positions_are_ranked_as_saving_each_would_rank_it(imported):
    ranks = {position.quote.text: position.office_rank for position in imported.select_related("quote")}
    assert ranks == {
        "Words 1.": OfficeRank.rank_of(OfficeRank.FOREIGN_DEFENCE),
        "Words 2.": OfficeRank.rank_of(OfficeRank.HEAD),
        "Words 3.": OfficeRank.rank_of(OfficeRank.OTHER),  # an official holding no office that day
        "Words 4.": OfficeRank.rank_of(OfficeRank.OTHER),  # a role the import started
        "Words 5.": OfficeRank.rank_of(OfficeRank.SPOKESPERSON),  # a state speaking as a body
        "Words 6.": None,  # analysts never decide
        "Words 7.": OfficeRank.rank_of(OfficeRank.OTHER),
        "Words 8.": OfficeRank.rank_of(OfficeRank.SPOKESPERSON),
    }
    for position in imported:
        position.save()
    assert {position.quote.text: position.office_rank for position in imported.select_related("quote")} == ranks


def test_a_role_an_import_starts_reranks_the_actors_stored_statements():
    sikorski = ActorFactory(slug="radoslaw-sikorski", name="Radosław Sikorski", kind="official", country="PL")
    older = PositionFactory(actor=sikorski, stated_on=datetime.date(2024, 12, 1), topic__slug="combat-troops")
    assert older.office_rank == OfficeRank.rank_of(OfficeRank.OTHER)
    RoleFactory(
        actor=sikorski, title="Minister", office_rank=OfficeRank.FOREIGN_DEFENCE, start_on=datetime.date(2025, 1, 1)
    )

    # The role covers the new statement only; the stored one keeps its rank, decided again all the same.
    rows = [statement(1, actor="Radosław Sikorski", actor_slug="radoslaw-sikorski", country="PL", role="Envoy")]
    assert import_file(csv_bytes(rows), "a.csv").written

    assert derived.rank_positions(Position.objects.all()) == 0


def cells() -> set[tuple]:
    """Every column of every country's cell."""
    columns = ("country", "topic_id", "statements", "reported", "state", "stance", "position_id", "role_id")
    return {
        (*values, tuple(dissent))
        for *values, dissent in CountryStance.objects.values_list(
            *columns, "newest_report_id", "dissent_count", "dissent"
        )
    }


@pytest.fixture(params=[1000, 0], ids=["pair by pair", "one pass"])
def refresh_all_over(request, monkeypatch):
    monkeypatch.setattr("positions.exchange.plan.REFRESH_ALL_OVER", request.param)


def test_derived_tables_are_what_a_rebuild_from_scratch_gives(refresh_all_over, imported):
    stances = cells()
    months = set(MonthStance.objects.values_list("country", "topic_id", "month", "stated_on", "stance"))
    facets = set(FacetCount.objects.values_list(*derived.FACET_DIMENSIONS, "n"))
    assert {(country, statements, reported) for country, _topic, statements, reported, *_rest in stances} == {
        ("GB", 4, 0),
        ("PL", 2, 0),
        ("FR", 3, 1),
        ("DE", 2, 0),
    }
    assert ("FR", datetime.date(2023, 3, 1)) in {(country, month) for country, _topic, month, *_rest in months}

    derived.refresh_all()

    assert cells() == stances
    assert set(MonthStance.objects.values_list("country", "topic_id", "month", "stated_on", "stance")) == months
    assert set(FacetCount.objects.values_list(*derived.FACET_DIMENSIONS, "n")) == facets


def test_new_positions_are_found_by_search_with_or_without_accents(imported):
    sikorski = imported.get(actor__slug="radoslaw-sikorski")
    macron = imported.get(actor__slug="emmanuel-macron")
    for words in ("Radoslaw Sikorski", "radosław", "RADOSŁAW"):
        assert set(Position.objects.search(words)) == {sikorski}, words
    for words in ("exclu", "être", "etre", "troupes"):
        assert set(Position.objects.search(words)) == {macron}, words


def stored_vectors() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM positions_position ORDER BY id")
        return cursor.fetchall()


@pytest.fixture
def words_by_second_connection(monkeypatch):
    """Every import, however small, has its vectors' words computed by a second connection; returns what it computed."""
    monkeypatch.setattr(importer, "TEXT_VECTORS_FROM", 0)
    computed: list[dict | None] = []
    result = postgres.TextVectors.result

    def recorded(self):
        computed.append(result(self))
        return computed[-1]

    monkeypatch.setattr(postgres.TextVectors, "result", recorded)
    return computed


@on_postgresql
@pytest.mark.parametrize("words", ["in the insert", "by a second connection"])
def test_each_imported_vector_is_the_one_the_trigger_computes(words, request):
    computed = request.getfixturevalue("words_by_second_connection") if words == "by a second connection" else None
    imported = request.getfixturevalue("imported")
    if computed is not None:
        # The second connection did compute them (one vector per row of the file), and they were used.
        assert computed and computed[0] is not None and len(computed[0]) == imported.count()

    stored = stored_vectors()
    assert all(vector for _pk, vector in stored)
    # Touching a column the trigger watches makes it compute the vector again, row by row.
    imported.update(summary_uk="")
    assert stored_vectors() == stored


@on_postgresql
def test_vectors_are_computed_in_the_insert_when_the_second_connection_fails(words_by_second_connection, monkeypatch):
    monkeypatch.setattr(postgres, "TEXT_VECTORS", "SELECT no_such_function()")
    rows = [statement(n, quote_original="Rien ne doit être exclu", quote_language="fr") for n in range(3)]

    assert import_file(csv_bytes(rows), "a.csv").written

    assert words_by_second_connection and all(vectors is None for vectors in words_by_second_connection)
    stored = stored_vectors()
    Position.objects.update(summary_uk="")
    assert stored_vectors() == stored
    assert Position.objects.search("etre exclu").count() == 3


@on_postgresql
def test_a_position_inserted_without_a_vector_still_gets_one():
    position = PositionFactory(actor__name="Kaja Kallas", quote__text="Europe must be ready")
    assert set(Position.objects.search("kallas ready")) == {position}


@on_postgresql
def test_positions_whose_actor_vanished_meanwhile_are_refused_not_dropped(monkeypatch):
    copy_positions = postgres.copy_positions

    def meanwhile(columns, rows, **options):
        with connection.cursor() as cursor:  # as if deleted by someone else after the import wrote it
            cursor.execute("DELETE FROM positions_actor WHERE slug = 'jan-analyst'")
        return copy_positions(columns, rows, **options)

    monkeypatch.setattr(postgres, "copy_positions", meanwhile)
    rows = [statement(1), statement(2, actor="Jan Analyst", actor_slug="jan-analyst", actor_kind="analyst", role="")]
    report = import_file(csv_bytes(rows), "a.csv")

    assert not report.written
    assert "1 new positions lost their actor or quote" in report.lines()[1]
    assert Position.objects.count() == 0


def test_history_has_one_creation_per_new_position(imported):
    for position in imported:
        assert list(position.history.values_list("history_type", "office_rank")) == [("+", position.office_rank)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # SQLite checks the keys at a real COMMIT
def test_a_key_broken_meanwhile_refuses_the_import_and_writes_nothing(monkeypatch):
    """The new rows' foreign keys are checked while Python works (PostgreSQL) or at COMMIT: either refuses the file."""
    copy_rows, create_rows = writer.copy_rows, writer.create_rows

    def then_outlet_deleted(write):
        def written(model, pending, *args):
            write(model, pending, *args)
            if model is Source:  # as if deleted by someone else, without the cascade the admin would refuse
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM sources_outlet")

        return written

    monkeypatch.setattr(writer, "copy_rows", then_outlet_deleted(copy_rows))
    monkeypatch.setattr(writer, "create_rows", then_outlet_deleted(create_rows))
    report = import_file(csv_bytes([statement(n) for n in range(3)]), "a.csv")

    assert not report.written
    assert "the database refused the import" in report.lines()[1]
    assert not Source.objects.exists() and not Position.objects.exists()
    assert not Position.history.exists() and not Source.history.exists()
