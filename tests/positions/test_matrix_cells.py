"""The grid of every country reads its cells as values: each shows what its Position would."""

import pytest
from django.utils import translation

from positions.choices import ActorKind, Stance
from positions.models import Position
from positions.views.matrix import stance_matrix
from sources.models import Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stances():
    topics = [TopicFactory(), TopicFactory()]
    britain = ActorFactory(country="GB", kind=ActorKind.OFFICIAL, name="Prime Minister", name_uk="Прем'єр-міністр")
    france = ActorFactory(country="FR", kind=ActorKind.STATE, name="France", name_uk="")
    PositionFactory(actor=britain, topic=topics[0], stance=Stance.OPPOSES)
    PositionFactory(actor=britain, topic=topics[1], stance=Stance.OPEN)
    PositionFactory(
        actor=france,
        topic=topics[0],
        stance=Stance.SUPPORTS,
        quote=QuoteFactory(verification=Verification.UNVERIFIED),
    )
    return topics


@pytest.mark.parametrize("language", ["en", "uk"])
def test_each_cell_shows_what_its_position_shows(stances, language):
    with translation.override(language):
        topics, rows = stance_matrix()
        cells = [cell for row in rows for cell in row.cells if cell]
        assert len(cells) == 3
        for cell in cells:
            position = Position.objects.select_related("actor").get(pk=cell.position.pk)
            shown = cell.position
            assert (shown.pk, shown.id, shown.stance, shown.stated_on) == (
                position.pk,
                position.id,
                position.stance,
                position.stated_on,
            )
            assert (shown.date_precision, shown.verification) == (position.date_precision, position.verification)
            assert (shown.actor.name, shown.actor.name_uk) == (position.actor.name, position.actor.name_uk)
            assert shown.get_absolute_url() == position.get_absolute_url()
            assert shown.get_stance_display() == position.get_stance_display()


def test_the_grid_is_two_queries(stances, django_assert_num_queries):
    with django_assert_num_queries(2):  # the topics, then every current stance with its position and actor
        stance_matrix()
