"""PositionFilter on its own: each filter parameter of docs/urls.md, the exact rows it keeps, and its error handling."""

import datetime

import pytest

from positions.choices import ActorKind, Stance
from positions.filtersets import PositionFilter
from positions.models import Position
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DESIGN_PARAMETERS = {
    "country",
    "actor",
    "actor_kind",
    "topic",
    "stance",
    "verification",
    "attribution",
    "date_from",
    "date_to",
    "q",
    "outlet",
    "sort",
}


def rows(data) -> set[int]:
    f = PositionFilter(data, queryset=Position.objects.all())
    assert f.is_valid(), f.errors
    return set(f.qs.values_list("pk", flat=True))


@pytest.fixture
def pair():
    a = PositionFactory(
        actor=ActorFactory(slug="starmer", country="GB", aliases="Cyrus Starmer"),
        topic=TopicFactory(slug="combat-troops"),
        stance=Stance.OPEN,
        stated_on=D(2024, 11, 11),
        quote=QuoteFactory(source=SourceFactory(outlet__slug="le-monde")),
    )
    b = PositionFactory(
        actor=ActorFactory(slug="semenyuk", country="UA", kind=ActorKind.ANALYST),
        topic=TopicFactory(slug="instructors"),
        stance=Stance.COMMENTARY,
        stated_on=D(2024, 12, 1),
        quote=QuoteFactory(verification="reported"),
    )
    return a, b


def test_the_filterset_has_every_parameter_of_the_design():
    assert set(PositionFilter.base_filters) == DESIGN_PARAMETERS


@pytest.mark.parametrize(
    ("data", "which"),
    [
        ({"country": ["gb"]}, "a"),
        ({"country": ["GB", "ua"]}, "ab"),
        ({"actor": "semenyuk"}, "b"),
        ({"actor_kind": "analyst"}, "b"),
        ({"topic": "combat-troops"}, "a"),
        ({"stance": "open"}, "a"),
        ({"verification": "reported"}, "b"),
        ({"date_from": "2024-11-12"}, "b"),
        ({"date_to": "2024-11-11"}, "a"),
        ({"q": "cyrus"}, "a"),
        ({"q": "   "}, "ab"),
        ({"outlet": "le-monde"}, "a"),
        ({}, "ab"),
    ],
)
def test_each_filter_keeps_exactly_the_matching_rows(pair, data, which):
    expected = {pair["ab".index(letter)].pk for letter in which}
    assert rows(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"stance": "maybe"},
        {"country": ["xx"]},
        {"date_from": "2024-02-30"},
        {"actor": "ghost"},
        {"q": "x" * 201},
        {"date_from": "2024-12-01", "date_to": "2024-11-01"},
        {"sort": "random"},
    ],
)
def test_invalid_values_are_errors_not_silently_ignored(pair, data):
    f = PositionFilter(data, queryset=Position.objects.all())
    assert not f.is_valid()
    assert f.errors


def test_active_filters_name_each_value_for_removal(pair):
    f = PositionFilter({"country": ["gb", "UA"], "stance": "open", "sort": "date"}, queryset=Position.objects.all())
    assert [(name, shown, raw) for name, _label, shown, raw in f.active_filters()] == [
        # The value a removal link writes: lower case, like every country code in an address (docs/urls.md).
        ("country", "United Kingdom", "gb"),
        ("country", "Ukraine", "ua"),
        ("stance", "open", "open"),
    ]


def test_actor_is_typed_as_a_slug_when_a_menu_would_be_too_long(monkeypatch):
    from django.http import QueryDict

    from positions.filtersets import PositionFilter
    from positions.models import Position
    from tests.factories import ActorFactory

    ActorFactory.create_batch(3)
    assert (
        PositionFilter(QueryDict(""), queryset=Position.objects.all()).form.fields["actor"].widget.input_type
        == "select"
    )
    monkeypatch.setattr(PositionFilter, "MAX_ACTOR_MENU", 2)
    f = PositionFilter(QueryDict("actor=actor-x"), queryset=Position.objects.all())
    assert f.form.fields["actor"].widget.input_type == "text"
    assert not f.is_valid() and "actor" in f.form.errors


def test_outlet_is_typed_as_a_slug_when_a_menu_would_be_too_long(monkeypatch):
    from django.http import QueryDict

    from positions.filtersets import PositionFilter
    from positions.models import Position
    from tests.factories import OutletFactory, PositionFactory, QuoteFactory, SourceFactory

    outlets = OutletFactory.create_batch(3)
    PositionFactory(quote=QuoteFactory(source=SourceFactory(outlet=outlets[0])))
    assert (
        PositionFilter(QueryDict(""), queryset=Position.objects.all()).form.fields["outlet"].widget.input_type
        == "select"
    )
    monkeypatch.setattr(PositionFilter, "MAX_OUTLET_MENU", 2)
    f = PositionFilter(QueryDict(f"outlet={outlets[0].slug}"), queryset=Position.objects.all())
    assert f.form.fields["outlet"].widget.input_type == "text"
    assert f.is_valid() and f.qs.count() == 1
    assert not PositionFilter(QueryDict("outlet=no-such-outlet"), queryset=Position.objects.all()).is_valid()
