"""Search folds case and accents both ways, on SQLite and PostgreSQL alike (positions/folding.py, migration 0023)."""

import pytest
from django.urls import reverse

from positions.folding import fold
from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Łęcka", "lecka"),
        ("ŁÓDŹ", "lodz"),
        ("Søren Ærø", "soren aero"),
        ("Straße", "strasse"),
        ("Đukanović", "dukanovic"),
        ("Çavuşoğlu", "cavusoglu"),
        ("Київ Йосип", "київ йосип"),  # й and ї are letters of their own in Ukrainian, not folded
        ("", ""),
    ],
)
def test_fold_drops_case_and_latin_accents(text, folded):
    assert fold(text) == folded


def found(text: str) -> set[str]:
    return set(Position.objects.search(text).values_list("actor__name", flat=True))


@pytest.fixture
def polish_names(db):
    PositionFactory(actor=ActorFactory(name="Anna Łęcka"))
    PositionFactory(actor=ActorFactory(name="Piotr Lecka"))
    PositionFactory(
        actor=ActorFactory(name="Jan Kowalski"),
        quote=QuoteFactory(original_text="Żołnierze zostaną w Polsce", original_language="pl"),
    )


@pytest.mark.parametrize("word", ["lecka", "LECKA", "łęcka", "ŁĘCKA", "Łecka"])
def test_search_finds_a_name_with_or_without_its_accents(polish_names, word):
    assert found(word) == {"Anna Łęcka", "Piotr Lecka"}


@pytest.mark.parametrize("word", ["zolnierze", "ŻOŁNIERZE", "polsce"])
def test_search_folds_original_texts(polish_names, word):
    assert found(word) == {"Jan Kowalski"}


def test_search_keeps_ukrainian_letters_apart(db):
    PositionFactory(actor=ActorFactory(name="Йосип"), quote=QuoteFactory(original_text="Київ", original_language="uk"))
    assert found("йосип") == {"Йосип"} and found("киів") == set()


def test_an_empty_search_suggests_other_words_and_a_statement(client, polish_names):
    page = client.get(reverse("positions:position_list"), {"q": "Nonexistentname"}).content.decode()
    assert "Remove a filter" not in page
    assert "No position matches these words." in page
    assert reverse("contributions:suggest") in page


def test_an_empty_filtered_search_says_remove_a_filter(client, polish_names):
    page = client.get(reverse("positions:position_list"), {"q": "Nonexistentname", "stance": "supports"})
    assert "Remove a filter to widen the search." in page.content.decode()
