"""The history form ("Revert") saves only for those who may change the record.

A Viewer who posted the fields of an old version to a record's history form used to rewrite the
record (and re-create a deleted one). These tests post a real revert from each group to each
model: it must be refused unless the group may change (or add) that model, and it must work
for those who may, so the refusal is not an accident of a broken form.
"""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.factories import UserFactory
from tests.security.test_admin_access import DOMAIN_MODELS, EDITED_BY_EDITORS, FACTORIES, model_id

# A text field per model that a revert puts back.
REVERTED_FIELD = {
    Actor: "name",
    AuthorisationBody: "legal_basis",
    Outlet: "name",
    Position: "summary",
    Quote: "text",
    Role: "title",
    Source: "title",
    Topic: "name",
}


def history_form_url(model, object_id, history_id) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history"
    return reverse(name, args=[object_id, history_id])


def form_data(response) -> dict:
    """The fields of the rendered history form, as a browser would post them."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        data[name] = value
    return data


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def edited_record(model):
    """A record with two versions: the first holds 'before', the current one 'after'."""
    field = REVERTED_FIELD[model]
    obj = FACTORIES[model](**{field: "before"})
    first = obj.history.earliest()
    setattr(obj, field, "after")
    obj.save()
    return obj, first


def revert_as(client, user, model, obj, first):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    data = form_data(client.get(history_form_url(model, obj.pk, first.history_id)))
    client.force_login(user)
    return client.post(history_form_url(model, obj.pk, first.history_id), data)


def test_every_admin_model_has_a_reverted_field():
    assert set(DOMAIN_MODELS) == set(REVERTED_FIELD)


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_a_superuser_can_revert(client, superuser, model):
    obj, first = edited_record(model)
    response = revert_as(client, superuser, model, obj, first)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    obj.refresh_from_db()
    assert getattr(obj, REVERTED_FIELD[model]) == "before"


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_viewers_cannot_revert(client, viewer, model):
    obj, first = edited_record(model)
    assert revert_as(client, viewer, model, obj, first).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, REVERTED_FIELD[model]) == "after"


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_editors_revert_only_what_they_may_change(client, editor, model):
    obj, first = edited_record(model)
    response = revert_as(client, editor, model, obj, first)
    obj.refresh_from_db()
    if model in EDITED_BY_EDITORS:
        assert response.status_code == 302
        assert getattr(obj, REVERTED_FIELD[model]) == "before"
    else:
        assert response.status_code == 403
        assert getattr(obj, REVERTED_FIELD[model]) == "after"


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_viewers_see_no_revert_button(client, viewer, model):
    obj, first = edited_record(model)
    client.force_login(viewer)
    page = client.get(history_form_url(model, obj.pk, first.history_id))
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=model_id)
def test_staff_outside_the_groups_cannot_revert(client, db, model):
    obj, first = edited_record(model)
    assert revert_as(client, UserFactory(is_staff=True), model, obj, first).status_code == 403


def test_a_deleted_position_is_not_recreated_by_a_viewer(client, viewer, editor, superuser):
    position = FACTORIES[Position]()
    first = position.history.earliest()
    client.force_login(superuser)
    data = form_data(client.get(history_form_url(Position, position.pk, first.history_id)))
    data["correction_note"] = "Restored: the quote is his after all."  # a restoration is logged publicly
    pk = position.pk
    position.delete()

    client.force_login(viewer)
    assert client.post(history_form_url(Position, pk, first.history_id), data).status_code == 403
    assert not Position.objects.filter(pk=pk).exists()

    # Editors may add positions, so they may bring one back; this also shows the post is valid.
    client.force_login(editor)
    assert client.post(history_form_url(Position, pk, first.history_id), data).status_code == 302
    assert Position.objects.filter(pk=pk).exists()


def test_admin_registry_uses_the_guarded_base():
    from web.history_admin import HistoryAdmin

    for model in DOMAIN_MODELS:
        assert isinstance(admin.site._registry[model], HistoryAdmin), model
