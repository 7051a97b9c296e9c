"""A confirmed import applies what was previewed, and the previewed file waits in the database, not the session.

Adversarial review, Nov 2026: preview a file, an admin renames the actor meanwhile, confirm: the
rename was silently reverted. And the admin kept up to 8 MB of file in the session.
"""

import datetime

import pytest
from django.utils import timezone

from positions.admin.exchange import SESSION_KEY
from positions.exchange.importer import import_file
from positions.models import Actor, PendingImport, Position
from tests.exchange.test_admin import IMPORT_URL, upload
from tests.exchange.test_import import csv_bytes, row
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    TopicFactory(slug="combat-troops")
    import_file(csv_bytes([row()]), "first.csv")
    Position.objects.update(stance="open")


def test_the_session_carries_only_the_digest(client, editor, known):
    client.force_login(editor)
    digest = upload(client, csv_bytes([row()])).context["pending"]["digest"]
    assert client.session[SESSION_KEY] == digest
    pending = PendingImport.objects.get()
    assert (pending.user, pending.digest, pending.name) == (editor, digest, "positions.csv")
    assert bytes(pending.data) == csv_bytes([row()])
    # The file puts back the stance "open" replaced: a public correction, with its note.
    client.post(IMPORT_URL, {"confirm": "1", "digest": digest, "correction_note": "Back to the transcript."})
    assert not PendingImport.objects.exists() and SESSION_KEY not in client.session
    assert Position.objects.get().stance == "opposes"


def test_a_change_since_the_preview_is_not_reverted_silently(client, editor, known):
    client.force_login(editor)
    digest = upload(client, csv_bytes([row()])).context["pending"]["digest"]
    # Meanwhile an admin renames the actor (the file still has the old name).
    actor = Actor.objects.get()
    actor.name = "Rt Hon David Lammy"
    actor.save()
    response = client.post(IMPORT_URL, {"confirm": "1", "digest": digest, "correction_note": "Per the transcript."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The data changed since your preview" in page
    assert "“Rt Hon David Lammy” → “David Lammy”" in page  # the new preview shows the revert it would make
    assert Actor.objects.get().name == "Rt Hon David Lammy" and Position.objects.get().stance == "open"
    # Confirming the new preview applies it, knowingly.
    client.post(
        IMPORT_URL,
        {"confirm": "1", "digest": response.context["pending"]["digest"], "correction_note": "Per the transcript."},
    )
    assert Actor.objects.get().name == "David Lammy" and Position.objects.get().stance == "opposes"


def test_pending_files_older_than_a_day_are_cleaned_and_others_users_cannot_confirm(client, editor, known):
    other = type(editor).objects.create(username="other", is_staff=True)
    other.groups.set(editor.groups.all())
    old = PendingImport.objects.create(user=other, digest="0" * 64, name="old.csv", data=b"x", data_version="v")
    PendingImport.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=2))
    client.force_login(editor)
    digest = upload(client, csv_bytes([row()])).context["pending"]["digest"]
    assert list(PendingImport.objects.values_list("name", flat=True)) == ["positions.csv"]
    client.force_login(other)
    response = client.post(IMPORT_URL, {"confirm": "1", "digest": digest}, follow=True)
    assert "preview has expired" in response.content.decode()
    assert Position.objects.get().stance == "open"
