"""The admin's export action and its import page: upload, preview of changes, confirm."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from positions.admin.exchange import MAX_UPLOAD_BYTES
from positions.corrections import Correction
from positions.exchange.importer import import_file
from positions.models import Position, Topic
from tests.admin.rendered_form import submitted_data
from tests.exchange.helpers import body, csv_dicts
from tests.exchange.test_import import csv_bytes, row
from tests.factories import PositionFactory, TopicFactory

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:positions_position_import")
CHANGELIST_URL = reverse("admin:positions_position_changelist")


def upload(client, data: bytes, name: str = "positions.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data)})


def test_export_action_streams_the_selected_positions_as_csv(client, editor):
    chosen, _other, also = PositionFactory(), PositionFactory(), PositionFactory(summary="=1+1")
    client.force_login(editor)
    response = client.post(CHANGELIST_URL, {"action": "export_selected_csv", "_selected_action": [chosen.pk, also.pk]})
    rows = csv_dicts(body(response))
    assert [row["id"] for row in rows] == [str(also.pk), str(chosen.pk)]
    assert rows[0]["summary"] == "'=1+1"


def test_export_action_as_json(client, viewer):
    position = PositionFactory()
    client.force_login(viewer)
    response = client.post(CHANGELIST_URL, {"action": "export_selected_json", "_selected_action": [position.pk]})
    assert b'"id": %d' % position.pk in body(response)


def test_changelist_links_to_import_for_editors_only(client, editor, viewer):
    client.force_login(editor)
    assert IMPORT_URL in client.get(CHANGELIST_URL).content.decode()
    client.force_login(viewer)
    assert IMPORT_URL not in client.get(CHANGELIST_URL).content.decode()
    assert client.get(IMPORT_URL).status_code == 403


def test_preview_shows_changes_and_writes_nothing_until_confirmed(client, admin_user):
    # A superuser: only those who may add topics may create one through an import.
    editor = admin_user
    import_file(csv_bytes([row()]), "first.csv")
    Position.objects.update(stance="open")
    client.force_login(editor)
    response = upload(client, csv_bytes([row(), row(topic="naval-mission", stance="supports")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Would create: 1 topics, 1 positions" in page
    assert "Would change: 1 positions" in page
    assert "line 2: position david-lammy / combat-troops (2024-11-26): stance “open” → “opposes”" in page
    assert "new topic naval-mission" in page
    assert not Topic.objects.filter(slug="naval-mission").exists()
    assert Position.objects.get().stance == "open"

    # The stance of a published position changes: the confirmation asks for the public note.
    assert "changes the stance or date of 1 published position" in page
    data = submitted_data(page, "import-confirm") | {"confirm": ["1"]}
    assert data["correction_note"] == [""]
    refused = client.post(IMPORT_URL, data)
    assert "write the public correction note" in refused.content.decode()
    assert Position.objects.get().stance == "open" and not Correction.objects.exists()
    data = submitted_data(refused.content.decode(), "import-confirm") | {"confirm": ["1"]}
    data["correction_note"] = ["The transcript says opposes."]
    response = client.post(IMPORT_URL, data, follow=True)
    assert response.redirect_chain[-1][0] == CHANGELIST_URL
    assert "Imported positions.csv: created 1 topics, 1 positions; changed 1 positions." in response.content.decode()
    corrected = Position.objects.get(topic__slug="combat-troops")
    assert corrected.stance == "opposes"
    assert Position.objects.get(topic__slug="naval-mission").history.get().history_user == editor
    correction = Correction.objects.get()
    assert (correction.position_number, correction.note, correction.made_by) == (
        corrected.pk,
        "The transcript says opposes.",
        editor,
    )
    assert correction.changes == [{"field": "stance", "old": "open", "new": "opposes"}]
    assert "The transcript says opposes." in client.get(corrected.get_absolute_url()).content.decode()


def test_confirming_twice_imports_once(client, editor):
    TopicFactory(slug="combat-troops")
    client.force_login(editor)
    digest = upload(client, csv_bytes([row()])).context["pending"]["digest"]
    client.post(IMPORT_URL, {"confirm": "1", "digest": digest})
    response = client.post(IMPORT_URL, {"confirm": "1", "digest": digest}, follow=True)
    assert "preview has expired" in response.content.decode()
    assert Position.objects.count() == 1


def test_bad_rows_are_listed_with_their_lines_and_there_is_nothing_to_confirm(client, editor):
    client.force_login(editor)
    response = upload(client, csv_bytes([row(), row(stance="maybe", topic="x")]))
    page = response.content.decode()
    assert "1 of 2 rows cannot be imported; nothing was imported:" in page
    assert "line 3: stance “maybe” is not one of" in page
    assert 'name="confirm"' not in page
    assert Position.objects.count() == 0


@pytest.mark.parametrize(
    "data, name, message",
    [
        ("id,stated_on\r\n".encode("utf-16"), "positions.csv", "The file is not UTF-8 text"),
        (b"PK\x03\x04workbook", "positions.xlsx", "Save the sheet as “CSV UTF-8”"),
        (b"Dear editor,\nplease import this.\n", "notes.txt", "the header does not match the exchange format"),
        (b'{"not": "an array"}', "positions.json", "must be an array of objects"),
    ],
)
def test_unreadable_uploads_get_a_clear_message_and_change_nothing(client, editor, data, name, message):
    client.force_login(editor)
    response = upload(client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Position.objects.count() == 0 and Topic.objects.count() == 0


def test_uploads_over_the_size_limit_are_refused(client, editor, monkeypatch):
    monkeypatch.setattr("positions.admin.exchange.MAX_UPLOAD_BYTES", 100)
    client.force_login(editor)
    response = upload(client, csv_bytes([row()]))
    assert "larger than 10 MB" in response.content.decode()
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    assert Position.objects.count() == 0


def test_editor_cannot_create_a_topic_through_an_import(client, editor):
    # Adversarial review, Nov 2026: Editors cannot add topics in the admin, but could through an import.
    TopicFactory(slug="combat-troops")
    client.force_login(editor)
    response = upload(client, csv_bytes([row(), row(topic="made-up-topic", stance="supports")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["pending"] is None
    assert "line 3" in page and "topic “made-up-topic” does not exist, and you may not add topics" in page
    assert not Topic.objects.filter(slug="made-up-topic").exists()
    assert not Position.objects.exists()


def test_editor_given_the_add_topic_permission_may_create_topics(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="add_topic"))
    client.force_login(editor)
    digest = upload(client, csv_bytes([row(topic="new-topic")])).context["pending"]["digest"]
    client.post(IMPORT_URL, {"confirm": "1", "digest": digest})
    assert Topic.objects.filter(slug="new-topic").exists() and Position.objects.count() == 1


def test_topics_are_checked_again_on_confirm(client, editor):
    TopicFactory(slug="combat-troops")
    client.force_login(editor)
    digest = upload(client, csv_bytes([row()])).context["pending"]["digest"]
    Topic.objects.all().delete()  # gone between preview and confirm
    response = client.post(IMPORT_URL, {"confirm": "1", "digest": digest})
    assert "topic “combat-troops” does not exist" in response.content.decode()
    assert not Topic.objects.exists() and not Position.objects.exists()
