"""The admin's search for actors and positions folds case and accents as the public search does."""

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, PositionFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def found(client, model: str, query: str) -> set[str]:
    response = client.get(reverse(f"admin:positions_{model}_changelist"), {"q": query})
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


@pytest.fixture
def names(client, editor):
    client.force_login(editor)
    ActorFactory(name="Anna Łęcka")
    ActorFactory(name="Jean Lecka")
    ActorFactory(name="Søren Ærø", aliases="Soeren Aeroe")
    ActorFactory(name="Taras", name_uk="Тарас Їжак")
    ActorFactory(name="Other 50% person")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lecka", {"Anna Łęcka", "Jean Lecka"}),
        ("ŁĘCKA", {"Anna Łęcka", "Jean Lecka"}),
        ("anna łecka", {"Anna Łęcka"}),  # every word must match, as in Django's own search
        ("soren aero", {"Søren Ærø"}),
        ("їжак", {"Taras"}),  # the Ukrainian name, whose ї stays a letter of its own
        ("іжак", set()),
        ("50%", {"Other 50% person"}),  # a LIKE wildcard is a character like any other
        ("_", set()),
    ],
)
def test_the_actors_search_folds_case_and_accents(client, names, query, expected):
    assert found(client, "actor", query) == expected


def test_the_positions_search_folds_the_actor_and_the_words(client, editor):
    client.force_login(editor)
    by_name = PositionFactory(actor__name="Anna Łęcka")
    by_words = PositionFactory(quote=QuoteFactory(text="Nous n'enverrons pas de troupes à Kyiv, déclare-t-il."))
    PositionFactory(summary="Unrelated")
    assert found(client, "position", "lecka") == {str(by_name)}
    assert found(client, "position", "declare troupes a") == {str(by_words)}


def test_the_actor_autocomplete_folds_too(client, names):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "lecka", "app_label": "positions", "model_name": "position", "field_name": "actor"},
    )
    assert {item["text"] for item in response.json()["results"]} == {"Anna Łęcka", "Jean Lecka"}
