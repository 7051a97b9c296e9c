"""Nothing is lost by accident: what positions depend on cannot be deleted, in code or in the admin."""

import pytest
from django.db.models import ProtectedError

from positions.choices import ActorKind
from positions.models import Actor, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.factories import ActorFactory, PositionFactory, RoleFactory, UserFactory
from tests.security.test_admin_access import admin_url


@pytest.fixture
def position(db) -> Position:
    return PositionFactory()


def depended_on(position: Position) -> dict:
    """Each object a position depends on, with the relation the refusal must name."""
    return {
        "actor": (position.actor, "Position.actor"),
        "topic": (position.topic, "Position.topic"),
        "quote": (position.quote, "Position.quote"),
        "source": (position.quote.source, "Quote.source"),
        "outlet": (position.quote.source.outlet, "Source.outlet"),
    }


@pytest.mark.parametrize("name", ["actor", "topic", "quote", "source", "outlet"])
def test_deleting_what_a_position_depends_on_is_refused_in_code(position, name):
    obj, relation = depended_on(position)[name]
    with pytest.raises(ProtectedError) as refused:
        obj.delete()
    assert relation in str(refused.value)
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert Position.objects.filter(pk=position.pk).exists()


def test_deleting_an_organisation_that_roles_belong_to_is_refused(db):
    nato = ActorFactory(kind=ActorKind.ORGANISATION, country="")
    role = RoleFactory(organisation=nato, country="")
    with pytest.raises(ProtectedError):
        nato.delete()
    assert Role.objects.filter(pk=role.pk).exists()


@pytest.fixture
def admin_client_for_superuser(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def protected_counts() -> list[int]:
    return [model.objects.count() for model in (Actor, Topic, Quote, Source, Outlet, Position)]


@pytest.mark.parametrize("name", ["actor", "topic", "quote", "source", "outlet"])
def test_admin_shows_cannot_delete_and_keeps_the_row(admin_client_for_superuser, position, name):
    client = admin_client_for_superuser
    obj, _ = depended_on(position)[name]
    model = type(obj)
    before = protected_counts()
    verbose_name = str(model._meta.verbose_name)

    page = client.get(admin_url(model, "delete", obj.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Cannot delete {verbose_name}" in text
    assert "would require deleting the following protected related objects" in text

    # Confirming anyway changes nothing: Django shows the same refusal.
    confirmed = client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert confirmed.status_code == 200
    assert f"Cannot delete {verbose_name}" in confirmed.content.decode()
    assert protected_counts() == before


@pytest.mark.parametrize("name", ["actor", "topic", "outlet"])
def test_admin_bulk_delete_is_refused_too(admin_client_for_superuser, position, name):
    client = admin_client_for_superuser
    obj, _ = depended_on(position)[name]
    model = type(obj)
    before = protected_counts()
    response = client.post(
        admin_url(model, "changelist"), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert response.status_code == 200
    # One row selected, so Django names the model in the singular.
    assert f"Cannot delete {model._meta.verbose_name}" in response.content.decode()
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert protected_counts() == before


def test_a_position_itself_can_be_deleted_by_a_superuser_and_its_evidence_stays(admin_client_for_superuser, position):
    # The control: deleting is possible where nothing depends on the row, and removes only that row.
    response = admin_client_for_superuser.post(admin_url(Position, "delete", position.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    assert Quote.objects.filter(pk=position.quote_id).exists()
    assert Actor.objects.filter(pk=position.actor_id).exists()
