"""No lost edits, tested through what the change pages render, for every model editors change.

Adversarial review, Dec 2026: the position change page did not render the hidden edit-conflict
field (PositionAdmin returns fieldsets of its own), so two editors saving the same position
silently overwrote each other; the test passed because it posted the form object's data. Here
each editor's data is read from the page's HTML, as the browser would submit it.
"""

import datetime

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from contributions.models import ErrorReport, Suggestion
from discovery.models import WatchedFeed
from tests.admin.rendered_form import change_form_data, submitted_data
from tests.factories import (
    AuthorisationBodyFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    RoleFactory,
    TopicFactory,
    UserFactory,
)
from web.history_admin import SEEN_FIELD, HistoryAdmin

pytestmark = pytest.mark.django_db


def actor_with_a_role():
    return RoleFactory().actor  # the change page carries the roles inline


def source_with_a_quote():
    return QuoteFactory().source  # the change page carries the quotes inline


def contribution_suggestion():
    return Suggestion.objects.create(
        actor_name="Someone", text="Words.", source_url="https://example.org/a", stated_on=datetime.date(2026, 1, 2)
    )


def watched_feed():
    return WatchedFeed.objects.create(name="A ministry", url="https://example.org/feed.xml", language="en")


def contribution_report():
    return ErrorReport.objects.create(
        position=PositionFactory(), what_is_wrong="The date.", what_is_right="A day later."
    )


# Every model with a change form editors save: (make one, a field to edit, who may change it).
EDITED = {
    "positions.actor": (actor_with_a_role, "description", "Editors"),
    "positions.role": (RoleFactory, "title", "Editors"),
    "positions.position": (PositionFactory, "summary", "Editors"),
    "positions.topic": (TopicFactory, "description", None),  # superusers only
    "positions.authorisationbody": (AuthorisationBodyFactory, "editor_notes", None),  # superusers only
    "sources.quote": (QuoteFactory, "text", "Editors"),
    "sources.source": (source_with_a_quote, "title", "Editors"),
    "sources.outlet": (OutletFactory, "name", "Editors"),
    "discovery.watchedfeed": (watched_feed, "name", "Editors"),
}
# Registered change pages that save nothing an editor typed, so there is no edit to lose.
NOT_EDITED = {
    # Readers' text, shown read-only; the decisions have their own "already decided" check.
    "contributions.suggestion": contribution_suggestion,
    "contributions.errorreport": contribution_report,
}
# Superusers' account and login records: no history to compare with, one person at a time.
OUTSIDE = {"auth.user", "auth.group", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
# Data releases are frozen: their admin has no change form at all (tests/releases/test_pages.py).
OUTSIDE |= {"releases.release"}


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def editor_client(username: str, group: str | None) -> Client:
    client = Client()
    if group:
        client.force_login(UserFactory(username=username, groups=[group], is_staff=True))
    else:
        client.force_login(UserFactory(username=username, is_staff=True, is_superuser=True))
    return client


def page_data(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return change_form_data(response)


def test_every_registered_admin_is_accounted_for():
    registered = {model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()}
    assert set(registered) == set(EDITED) | set(NOT_EDITED) | OUTSIDE
    for label in EDITED:
        assert isinstance(registered[label], HistoryAdmin)


@pytest.mark.parametrize("label", sorted(EDITED))
def test_every_change_page_renders_the_guard(label):
    make, _field, group = EDITED[label]
    data = page_data(editor_client("anna", group), change_url(make()))
    assert data[SEEN_FIELD][0].isdigit()


@pytest.mark.parametrize("label", sorted(EDITED))
def test_a_stale_page_is_refused_with_the_conflict_explained_and_a_second_save_is_knowing(label):
    make, field, group = EDITED[label]
    obj = make()
    url = change_url(obj)
    anna, bohdan = editor_client("anna", group), editor_client("bohdan", group)
    annas_page = page_data(anna, url)

    bohdans_page = page_data(bohdan, url)
    bohdans_page[field] = ["Bohdan's words"]
    response = bohdan.post(url, bohdans_page)
    assert response.status_code == 302, response.content.decode()[:3000]

    annas_page[field] = ["Anna's words"]
    response = anna.post(url, annas_page)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(f"Not saved: bohdan changed this {obj._meta.verbose_name}") in page
    assert escape(f"These fields differ from what is saved now: {obj._meta.get_field(field).verbose_name}.") in page
    assert "Saved now by bohdan: Bohdan&#x27;s words" in page
    obj.refresh_from_db()
    assert getattr(obj, field) == "Bohdan's words"

    # Anna has seen the differences: saving the page she now has replaces Bohdan's version.
    response = anna.post(url, change_form_data(response))
    assert response.status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Anna's words"


def test_the_position_page_guard_survives_its_own_fieldsets():
    """The regression itself: PositionAdmin.get_fieldsets names no such field, yet the page has it."""
    position = PositionFactory()
    anna = editor_client("anna", "Editors")
    request = anna.get(change_url(position)).wsgi_request
    fieldsets = admin.site._registry[type(position)].get_fieldsets(request, position)
    assert SEEN_FIELD not in str(fieldsets)
    assert f'name="{SEEN_FIELD}"' in anna.get(change_url(position)).content.decode()


@pytest.mark.parametrize("label", sorted(NOT_EDITED))
def test_moderation_pages_save_nothing(label, editor):
    obj = NOT_EDITED[label]()
    client = Client()
    client.force_login(editor)
    response = client.get(change_url(obj))
    page = response.content.decode()
    form_id = f"{obj._meta.model_name}_form"
    posted = {name for name in submitted_data(page, form_id) if name != "csrfmiddlewaretoken"}
    assert posted == set()  # nothing to type into
    assert 'name="_save"' not in page
    before = obj._meta.model.objects.values().get(pk=obj.pk)
    assert client.post(change_url(obj), {"_save": "Save"}).status_code == 405
    assert obj._meta.model.objects.values().get(pk=obj.pk) == before


@pytest.mark.parametrize(
    "make, related, field",
    [(actor_with_a_role, "roles", "title"), (source_with_a_quote, "quotes", "text")],
    ids=["a role on the actor page", "a quote on the source page"],
)
def test_a_stale_inline_row_is_refused_too(make, related, field):
    """Rows edited inline are records with their own history: a stale row is refused like a stale page."""
    obj = make()
    child = getattr(obj, related).get()
    url = change_url(obj)
    anna, bohdan = editor_client("anna", "Editors"), editor_client("bohdan", "Editors")
    annas_page = page_data(anna, url)
    assert annas_page[f"{related}-0-{SEEN_FIELD}"][0].isdigit()

    bohdans_page = page_data(bohdan, url)
    bohdans_page[f"{related}-0-{field}"] = ["Bohdan's words"]
    assert bohdan.post(url, bohdans_page).status_code == 302

    annas_page[f"{related}-0-{field}"] = ["Anna's words"]  # only the row: the page's own record is as saved
    response = anna.post(url, annas_page)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Not saved: bohdan changed this {child._meta.verbose_name}" in page
    assert "Saved now by bohdan: Bohdan&#x27;s words" in page
    child.refresh_from_db()
    assert getattr(child, field) == "Bohdan's words"

    response = anna.post(url, change_form_data(response))
    assert response.status_code == 302
    child.refresh_from_db()
    assert getattr(child, field) == "Anna's words"


def test_a_revert_from_a_stale_history_page_is_refused():
    """The history form ("Revert") is a change form too: it carries the guard whatever its fieldsets."""
    position = PositionFactory(summary="First.")
    first = position.history.latest()
    position.summary = "Second."
    position.save()
    url = reverse("admin:positions_position_simple_history", args=[position.pk, first.history_id])
    anna, bohdan = editor_client("anna", "Editors"), editor_client("bohdan", "Editors")
    annas_revert = page_data(anna, url)
    assert annas_revert[SEEN_FIELD][0].isdigit()

    bohdans_page = page_data(bohdan, change_url(position))
    bohdans_page["summary"] = ["Bohdan's."]
    assert bohdan.post(change_url(position), bohdans_page).status_code == 302

    response = anna.post(url, annas_revert)
    assert response.status_code == 200
    assert "Not saved: bohdan changed this position" in response.content.decode()
    position.refresh_from_db()
    assert position.summary == "Bohdan's."


LIST_EDITABLE = [model for model, model_admin in admin.site._registry.items() if model_admin.list_editable]


@pytest.mark.parametrize("model", LIST_EDITABLE, ids=lambda model: model._meta.label)
def test_a_stale_change_list_row_is_refused(model):
    """Rows edited on the change list (list_editable) are saved like change forms, and guarded like them."""
    assert LIST_EDITABLE, "no change list edits rows any more: drop this test"
    assert isinstance(admin.site._registry[model], HistoryAdmin)
    obj = {"positions.topic": TopicFactory}[model._meta.label_lower]()
    field = admin.site._registry[model].list_editable[0]
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    anna, bohdan = editor_client("anna", None), editor_client("bohdan", None)

    def list_page(client, response=None):
        response = response or client.get(url)
        data = submitted_data(response.content.decode(), "changelist-form")
        data["_save"] = ["Save"]
        return data

    annas_page = list_page(anna)
    assert annas_page[f"form-0-{SEEN_FIELD}"][0].isdigit()
    bohdans_page = list_page(bohdan)
    bohdans_page[f"form-0-{field}"] = ["7"]
    assert bohdan.post(url, bohdans_page).status_code == 302

    annas_page[f"form-0-{field}"] = ["9"]
    response = anna.post(url, annas_page)
    assert response.status_code == 200
    assert f"Not saved: bohdan changed this {model._meta.verbose_name}" in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == 7

    assert anna.post(url, list_page(anna, response)).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == 9
