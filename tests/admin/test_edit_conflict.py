"""No lost edits: a save from a form older than the record's last change is refused, and nothing typed is lost.

Two editors open the same record; the first saves; the second is told who changed it, when, and
which fields differ, keeps what they typed, and overwrites nothing unless they save again.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin.rendered_form import change_form_data
from tests.factories import (
    ActorFactory,
    AuthorisationBodyFactory,
    PositionFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
)
from web.history_admin import SEEN_FIELD

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def opened_form(client: Client, url: str) -> dict:
    """The change form's fields as the browser would post them, read from the page's HTML."""
    response = client.get(url)
    assert response.status_code == 200
    return change_form_data(response)


@pytest.fixture
def two_editors(db):
    first, second = Client(), Client()
    first.force_login(UserFactory(username="anna", groups=["Editors"], is_staff=True))
    second.force_login(UserFactory(username="bohdan", groups=["Editors"], is_staff=True))
    return first, second


def test_the_second_of_two_editors_is_refused_and_keeps_what_they_typed(two_editors):
    first, second = two_editors
    position = PositionFactory(summary="Original summary.")
    url = change_url(position)
    first_form, second_form = opened_form(first, url), opened_form(second, url)
    assert first_form[SEEN_FIELD] == [str(position.history.latest().history_id)]

    first_form["summary"] = "Anna's summary."
    assert first.post(url, first_form).status_code == 302

    second_form["summary"] = "Bohdan's summary."
    second_form["conditions"] = "Only after a ceasefire."
    response = second.post(url, second_form)
    assert response.status_code == 200
    position.refresh_from_db()
    assert position.summary == "Anna's summary." and position.conditions == ""
    form = response.context["adminform"].form
    message = " ".join(form.non_field_errors())
    assert "anna changed this position" in message and "summary" in message and "conditions" in message
    assert "Saved now by anna: Anna&#x27;s summary." in response.content.decode()
    assert "Bohdan&#x27;s summary." in response.content.decode()
    assert "Only after a ceasefire." in response.content.decode()
    assert form[SEEN_FIELD].value() == str(position.history.latest().history_id)

    # Having seen the differences, Bohdan saves again from the re-rendered form: now knowingly.
    again = change_form_data(response)
    assert second.post(url, again).status_code == 302
    position.refresh_from_db()
    assert position.summary == "Bohdan's summary."
    assert position.history.latest().history_user.username == "bohdan"


@pytest.mark.parametrize(
    "factory, field",
    [
        (ActorFactory, "description"),
        (QuoteFactory, "text"),
        (SourceFactory, "title"),
        (AuthorisationBodyFactory, "editor_notes"),
        (PositionFactory, "summary"),
    ],
    ids=["actor", "quote", "source", "authorisation body", "position"],
)
def test_every_edited_model_refuses_a_stale_save(two_editors, django_user_model, factory, field):
    superuser = django_user_model.objects.create_superuser("chief", password="a-long-test-password-42")
    first, second = two_editors
    first.force_login(superuser)  # authorisation bodies are changed by superusers only
    second.force_login(UserFactory(username="dana", is_staff=True, is_superuser=True))
    obj = factory()
    url = change_url(obj)
    first_form, second_form = opened_form(first, url), opened_form(second, url)
    first_form[field] = "first editor's words"
    assert first.post(url, first_form).status_code == 302
    second_form[field] = "second editor's words"
    response = second.post(url, second_form)
    assert response.status_code == 200
    obj.refresh_from_db()
    assert getattr(obj, field) == "first editor's words"
    assert "chief changed this" in " ".join(response.context["adminform"].form.non_field_errors())


def test_a_save_that_changes_nothing_of_theirs_goes_through(two_editors):
    first, second = two_editors
    position = PositionFactory(summary="Same.")
    url = change_url(position)
    first_form, second_form = opened_form(first, url), opened_form(second, url)
    assert first.post(url, first_form).status_code == 302  # a save that changed nothing
    assert second.post(url, second_form).status_code == 302


def test_viewers_see_no_version_field(client, viewer):
    client.force_login(viewer)
    page = client.get(change_url(PositionFactory())).content.decode()
    assert SEEN_FIELD not in page
