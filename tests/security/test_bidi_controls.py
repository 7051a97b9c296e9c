"""Bidirectional controls (U+202A–U+202E, U+2066–U+2069) make a name read as something else: refused.

Adversarial review, Nov 2026: an actor named with a right-to-left override was stored and shown as is.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from positions.models import Actor, Topic
from sources.models import Outlet
from tests.factories import ActorFactory, OutletFactory, TopicFactory

pytestmark = pytest.mark.django_db
RLO = "\u202e"


@pytest.mark.parametrize(
    "make, field",
    [
        (ActorFactory.build, "name"),
        (ActorFactory.build, "slug"),
        (TopicFactory.build, "name"),
        (TopicFactory.build, "slug"),
        (OutletFactory.build, "name"),
        (OutletFactory.build, "slug"),
    ],
)
@pytest.mark.parametrize("control", ["\u202a", RLO, "\u2066", "\u2069"])
def test_names_and_slugs_refuse_bidi_controls(make, field, control):
    obj = make()
    setattr(obj, field, f"ab{control}cd")
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.message_dict


def test_admin_refuses_an_actor_name_with_a_right_to_left_override(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password-42")
    client.force_login(admin)
    response = client.post(
        reverse("admin:positions_actor_add"),
        {"name": f"Evil{RLO}gnp.exe", "slug": "evil", "kind": "official", "country": "GB"},
    )
    assert response.status_code == 200
    assert "Remove the bidirectional control character U+202E" in response.content.decode()
    assert not Actor.objects.exists()


def test_other_scripts_and_ordinary_punctuation_are_kept():
    for obj in (
        ActorFactory.build(name="Володимир Зеленський"),
        TopicFactory.build(name="قوات — troops"),
        OutletFactory.build(name="Le Monde « ici »"),
    ):
        obj.full_clean()
    assert not (Actor.objects.exists() or Topic.objects.exists() or Outlet.objects.exists())
