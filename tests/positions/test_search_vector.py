"""PostgreSQL's stored search vector (migration 0005): what search finds, and that it follows every edit.

The vector is kept by triggers, not by Django, so these tests edit rows the ways the app does
(save, queryset update, bulk_create, COPY) and search afterwards. SQLite has no such column;
its substring search is covered in test_querysets.py.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection

from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL's"),
]


def found(text: str) -> set[int]:
    return set(Position.objects.search(text).values_list("pk", flat=True))


@pytest.fixture
def statement():
    return PositionFactory(
        actor=ActorFactory(name="Kaja Kallas", aliases="Kaya Kallas\nКая Каллас"),
        quote=QuoteFactory(
            text="Europe must be ready to send instructors",
            original_text="Європа має бути готова направити інструкторів; les soldats viendront",
            original_language="uk",
        ),
        summary="Backs a training mission",
    )


@pytest.mark.parametrize(
    "words",
    [
        "Kallas",  # actor name
        "Kaya",  # alias
        "Каллас",  # alias in Cyrillic
        "instructor",  # quote text, stemmed: "instructors"
        "trainings",  # summary, stemmed: "training"
        "інструкторів",  # original text, as written
        "soldats",  # a French original word, which English stemming would change
        "Kallas instructors mission",  # every word somewhere, in different fields
        "the instructors",  # a stop word constrains nothing
    ],
)
def test_search_finds_a_position_by_each_of_its_texts(statement, words):
    assert found(words) == {statement.pk}


@pytest.mark.parametrize("words", ["Kallas ceasefire", "Rutte", "інструктор"])
def test_every_word_must_match_somewhere(statement, words):
    assert found(words) == set()


def test_a_search_of_stop_words_only_matches_everything(statement):
    other = PositionFactory()
    assert found("the of") == {statement.pk, other.pk}


def test_the_vector_follows_an_edited_quote(statement):
    quote = statement.quote
    quote.text = "Peacekeepers only after a ceasefire"
    quote.original_text = "Миротворці лише після перемир'я"
    quote.translation = "translation"
    quote.save()
    assert found("ceasefire") == found("миротворці") == {statement.pk}
    assert found("instructors") == found("soldats") == set()


def test_the_vector_follows_a_renamed_actor_and_its_aliases(statement):
    actor = statement.actor
    actor.name = "Mark Rutte"
    actor.aliases = "Марк Рютте"
    actor.save()
    assert found("Rutte") == found("Рютте") == {statement.pk}
    assert found("Kallas") == set()


def test_the_vector_follows_a_summary_edited_through_a_queryset_update(statement):
    Position.objects.filter(pk=statement.pk).update(summary="Rules out combat units")
    assert found("combat") == {statement.pk}
    assert found("training") == set()


def test_the_vector_follows_a_position_moved_to_another_quote_and_actor(statement):
    statement.quote = QuoteFactory(text="Air policing over the west")
    statement.actor = ActorFactory(name="Radosław Sikorski")
    statement.save()
    assert found("policing Sikorski") == {statement.pk}
    assert found("instructors") == found("Kallas") == set()


def test_rows_written_in_bulk_are_searchable(statement):
    quote = QuoteFactory(text="A reassurance force")
    [made] = Position.objects.bulk_create(
        [
            Position(
                actor=statement.actor,
                topic=statement.topic,
                quote=quote,
                stance="open",
                stated_on=datetime.date(2025, 1, 1),
                country="GB",
                actor_kind="official",
                verification="confirmed",
            )
        ]
    )
    copied_quote = QuoteFactory(text="Volunteers of the legion")
    columns = "actor_id, topic_id, quote_id, stance, stated_on, date_precision, conditions, summary, country, actor_kind, verification, created_at, updated_at"
    now = datetime.datetime.now(datetime.UTC)
    row = (
        statement.actor_id,
        statement.topic_id,
        copied_quote.pk,
        "open",
        datetime.date(2025, 2, 1),
        "day",
        "",
        "",
        "GB",
        "official",
        "confirmed",
        now,
        now,
    )
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY positions_position ({columns}) FROM STDIN") as copy:
        copy.write_row(row)
    copied = Position.objects.get(quote=copied_quote)
    assert found("reassurance") == {made.pk}
    assert found("volunteer Kallas") == {copied.pk}


def test_relevance_puts_a_name_above_a_quote_above_an_original_text(client):
    in_original = PositionFactory(
        quote=QuoteFactory(text="Nothing here", original_text="Zelensky", original_language="uk"),
        stated_on=datetime.date(2025, 3, 1),
    )
    in_quote = PositionFactory(quote=QuoteFactory(text="Zelensky asked for it"), stated_on=datetime.date(2024, 3, 1))
    in_name = PositionFactory(
        actor=ActorFactory(name="Volodymyr Zelensky"),
        quote=QuoteFactory(text="Quiet"),
        stated_on=datetime.date(2023, 3, 1),
    )
    ranked = list(Position.objects.search("Zelensky").order_by("-rank").values_list("pk", flat=True))
    assert ranked == [in_name.pk, in_quote.pk, in_original.pk]
    page = client.get("/positions/", {"q": "zelensky", "sort": "relevance"})
    assert [p.pk for p in page.context["page"].object_list] == ranked
    newest = client.get("/positions/", {"q": "zelensky"})
    assert [p.pk for p in newest.context["page"].object_list] == [in_original.pk, in_quote.pk, in_name.pk]


def test_a_search_works_inside_a_subquery(statement):
    PositionFactory()
    inner = Position.objects.search("Kallas").values("pk")
    assert set(Position.objects.filter(pk__in=inner).values_list("pk", flat=True)) == {statement.pk}


def test_generated_data_is_searchable_after_the_bulk_load():
    call_command("generate_data", positions=300, seed=11, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM positions_position WHERE search_vector IS NULL")
        assert cursor.fetchone()[0] == 0
    some = Position.objects.select_related("actor").order_by("pk").first()
    assert some.pk in found(some.actor.name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrating_back_drops_the_vector_and_forward_fills_it_for_existing_rows():
    kept = PositionFactory(quote=QuoteFactory(text="Reassurance force after a ceasefire"))
    call_command("migrate", "positions", "0004", verbosity=0)
    assert "search_vector" not in {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), "positions_position")
    }
    call_command("migrate", verbosity=0)
    assert found("ceasefire") == {kept.pk}
