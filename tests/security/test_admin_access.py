"""The admin is for staff only, and each group can do what its name says and no more, for every model.

Editors add and change statements and their sources but never delete; Viewers only look;
anyone not logged in is sent to the login page; staff outside both groups see nothing.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.factories import (
    ActorFactory,
    AuthorisationBodyFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
)

FACTORIES = {
    Actor: ActorFactory,
    AuthorisationBody: AuthorisationBodyFactory,
    Outlet: OutletFactory,
    Position: PositionFactory,
    Quote: QuoteFactory,
    Role: RoleFactory,
    Source: SourceFactory,
    Topic: TopicFactory,
}
# The everyday data entry of a statement and where it comes from.
EDITED_BY_EDITORS = [Actor, Position, Role, Outlet, Source, Quote]

DOMAIN_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in {"positions", "sources"}),
    key=lambda model: model._meta.label,
)


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def model_id(model) -> str:
    return model._meta.label


def test_every_model_in_the_admin_is_covered():
    assert set(DOMAIN_MODELS) == set(FACTORIES), "add a factory for each admin model to FACTORIES"


@pytest.fixture
def logged_in(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def assert_delete_refused(client, model, obj) -> None:
    assert client.get(admin_url(model, "delete", obj.pk)).status_code == 403
    assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    client.post(
        admin_url(model, "changelist"), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_editors_cannot_delete(logged_in, editor, model):
    client = logged_in(editor)
    obj = FACTORIES[model]()
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert_delete_refused(client, model, obj)


@pytest.mark.parametrize("model", EDITED_BY_EDITORS, ids=model_id)
def test_editors_can_add_and_change_statements_and_sources(logged_in, editor, model):
    client = logged_in(editor)
    obj = FACTORIES[model]()
    assert client.get(admin_url(model, "add")).status_code == 200
    change_page = client.get(admin_url(model, "change", obj.pk))
    assert change_page.status_code == 200
    assert b'name="_save"' in change_page.content


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_viewers_can_view_but_not_add_change_or_delete(logged_in, viewer, model):
    client = logged_in(viewer)
    obj = FACTORIES[model]()
    before = model.objects.filter(pk=obj.pk).values().get()
    count = model.objects.count()

    assert client.get(admin_url(model, "changelist")).status_code == 200
    change_page = client.get(admin_url(model, "change", obj.pk))
    assert change_page.status_code == 200
    assert b'name="_save"' not in change_page.content
    assert client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "add"), {}).status_code == 403
    assert_delete_refused(client, model, obj)
    assert model.objects.filter(pk=obj.pk).values().get() == before
    assert model.objects.count() == count


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, model):
    obj = FACTORIES[model]()
    pages = [("changelist", ()), ("add", ()), ("change", (obj.pk,)), ("delete", (obj.pk,)), ("history", (obj.pk,))]
    for action, args in pages:
        response = client.get(admin_url(model, action, *args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_staff_outside_the_groups_see_nothing(logged_in, db, model):
    client = logged_in(UserFactory(is_staff=True))
    obj = FACTORIES[model]()
    assert client.get(admin_url(model, "changelist")).status_code == 403
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 403


def test_non_staff_users_cannot_use_the_admin(logged_in, db):
    user = UserFactory(is_staff=False, groups=["Editors"])
    response = logged_in(user).get(admin_url(Position, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("group", ["Editors", "Viewers"])
def test_groups_cannot_manage_users_or_groups(logged_in, db, group):
    client = logged_in(UserFactory(is_staff=True, groups=[group]))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert not Group.objects.get(name=group).permissions.filter(codename__startswith="delete_").exists()


def test_a_superuser_can_delete_what_nothing_depends_on(logged_in, db):
    # The control for the refusals above: the same requests succeed with the right to delete.
    client = logged_in(UserFactory(is_staff=True, is_superuser=True))
    body = AuthorisationBodyFactory()
    response = client.post(admin_url(AuthorisationBody, "delete", body.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not AuthorisationBody.objects.filter(pk=body.pk).exists()
