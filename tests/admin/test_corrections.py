"""Correcting a published position needs a public note, shown on its page, in /corrections/ and its feed;
a deleted position answers 410 with its tombstone."""

import pytest
from django.urls import reverse

from positions.corrections import Correction, WithdrawnPosition
from positions.models import Position
from tests.admin.rendered_form import change_form_data, submitted_data
from tests.factories import PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(position) -> str:
    return reverse("admin:positions_position_change", args=[position.pk])


def opened(client, position) -> dict:
    return change_form_data(client.get(change_url(position)))


def test_changing_the_stance_without_a_note_is_refused_at_the_note(client, editor):
    position = PositionFactory(stance="open")
    client.force_login(editor)
    data = opened(client, position)
    assert data["correction_note"] == [""]
    data["stance"] = ["rules_out"]
    response = client.post(change_url(position), data)
    assert response.status_code == 200
    assert "correction_note" in response.context["adminform"].form.errors
    assert Position.objects.get().stance == "open"
    assert not Correction.objects.exists()


def test_a_correction_shows_on_the_page_in_the_log_and_its_feed(client, editor):
    position = PositionFactory(stance="open")
    client.force_login(editor)
    data = opened(client, position)
    data["stance"] = ["rules_out"]
    data["correction_note"] = ["The minister ruled it out; we had read an earlier draft."]
    assert client.post(change_url(position), data).status_code == 302
    correction = Correction.objects.get()
    assert correction.changes == [{"field": "stance", "old": "open", "new": "rules out"}]
    assert correction.made_by == editor

    client.logout()
    page = client.get(position.get_absolute_url()).content.decode()
    day = correction.made_at.strftime("%-d %B %Y")
    assert f"Corrected on {day}" in page
    assert "we had read an earlier draft" in page
    assert '<del lang="en">open</del> → <ins lang="en">rules out</ins>' in page
    log = client.get(reverse("positions:corrections")).content.decode()
    assert "we had read an earlier draft" in log and position.get_absolute_url() in log
    feed = client.get(reverse("positions:corrections_feed")).content.decode()
    assert "<entry>" in feed and "we had read an earlier draft" in feed and "Corrected: " in feed


def test_a_typo_fix_elsewhere_needs_no_note_and_logs_nothing(client, editor):
    position = PositionFactory(summary="Teh minister said so.")
    client.force_login(editor)
    data = opened(client, position)
    data["summary"] = ["The minister said so."]
    assert client.post(change_url(position), data).status_code == 302
    assert Position.objects.get().summary == "The minister said so."
    assert not Correction.objects.exists()


def test_the_date_is_a_correction_too(client, editor):
    position = PositionFactory()
    client.force_login(editor)
    data = opened(client, position)
    data["stated_on"] = ["2024-11-24"]
    data["quote"] = [str(position.quote_id)]
    assert client.post(change_url(position), data).status_code == 200
    data["correction_note"] = ["The speech was on the 24th."]
    assert client.post(change_url(position), data).status_code == 302
    assert Correction.objects.get().changes == [{"field": "stated_on", "old": "25 Nov 2024", "new": "24 Nov 2024"}]


def test_a_deleted_position_answers_410_with_its_tombstone(client):
    position = PositionFactory(quote__text="We will never send troops.")
    number = position.pk
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    delete_url = reverse("admin:positions_position_delete", args=[number])
    data = submitted_data(client.get(delete_url).content.decode(), "withdraw_form")
    data["withdrawal_reason"] = ["The quote was misattributed."]
    assert client.post(delete_url, data).status_code == 302
    client.logout()

    response = client.get(reverse("positions:position_detail", args=[number]))
    assert response.status_code == 410
    page = response.content.decode()
    assert "We will never send troops." in page and "The quote was misattributed." in page
    assert WithdrawnPosition.objects.get().row["id"] == number
    log = client.get(reverse("positions:corrections")).content.decode()
    assert "Withdrawn on" in log and "The quote was misattributed." in log
    assert client.get(reverse("positions:position_detail", args=[number + 1000])).status_code == 404
