"""Correcting a published position needs a public note, shown on its page, in /corrections/ and its feed;
a deleted position answers 410 with its tombstone."""

import datetime

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


def history_form_url(position_pk: int, history_id: int) -> str:
    return reverse("admin:positions_position_simple_history", args=[position_pk, history_id])


def test_a_revert_restoring_a_withdrawn_position_lifts_its_tombstone_and_logs_the_restoration(client, editor):
    position = PositionFactory(quote__text="We will never send troops.")
    number, first = position.pk, position.history.earliest()
    position.withdrawal_reason = "We thought the quote misattributed."
    position.delete()
    assert client.get(reverse("positions:position_detail", args=[number])).status_code == 410

    client.force_login(editor)
    url = history_form_url(number, first.history_id)
    data = change_form_data(client.get(url))
    response = client.post(url, data)
    assert response.status_code == 200, "a restoration without a public note"
    assert "correction_note" in response.context["adminform"].form.errors
    data["correction_note"] = ["The minister's office confirmed the words were his."]
    assert client.post(url, data).status_code == 302
    client.logout()

    assert not WithdrawnPosition.objects.exists()
    restored = Correction.objects.get(kind=Correction.Kind.RESTORED)
    assert restored.position_number == number and restored.made_by == editor
    page = client.get(reverse("positions:position_detail", args=[number]))
    assert page.status_code == 200
    day = restored.made_at.strftime("%-d %B %Y")
    text = page.content.decode()
    assert "We will never send troops." in text
    assert f'Withdrawn on {day}: <span lang="en">We thought the quote misattributed.</span>' in text
    assert f'Restored on {day}: <span lang="en">The minister&#x27;s office confirmed' in text
    log = client.get(reverse("positions:corrections")).content.decode()
    assert "Restored on" in log and "confirmed the words were his" in log
    feed = client.get(reverse("positions:corrections_feed")).content.decode()
    assert "Restored: " in feed

    # Withdrawn again later: a new tombstone, and the log keeps all three events.
    Position.objects.get(pk=number).delete()
    assert client.get(reverse("positions:position_detail", args=[number])).status_code == 410
    assert [c.kind for c in Correction.objects.order_by("id")] == ["withdrawn", "restored", "withdrawn"]


def test_a_position_recreated_by_a_script_lifts_its_tombstone_too():
    position = PositionFactory()
    number = position.pk
    position.delete()
    position.pk = number
    position.save(force_insert=True)
    assert not WithdrawnPosition.objects.exists()
    assert Correction.objects.order_by("id").last().kind == Correction.Kind.RESTORED


# The issue's list (stance, date, actor, topic, quote) and the date's precision, as a correction;
# every other field the change page renders is a fix that needs no note.
NEEDS_NOTE = {"actor", "topic", "quote", "stance", "stated_on", "date_precision"}
NO_NOTE = {"date_evidence", "conditions", "conditions_uk", "summary", "summary_uk"}


def new_value(name: str, position) -> str:
    """Another valid value for a field of the change form."""
    from tests.factories import ActorFactory, QuoteFactory, TopicFactory

    return {
        "actor": lambda: str(ActorFactory().pk),
        "topic": lambda: str(TopicFactory().pk),
        "quote": lambda: str(QuoteFactory(said_on=position.stated_on).pk),
        "stance": lambda: "rules_out" if position.stance != "rules_out" else "opposes",
        "stated_on": lambda: "2024-11-24",
        "date_precision": lambda: "month",
    }.get(name, lambda: "Checked against the transcript.")()


def test_the_change_page_renders_exactly_the_fields_sorted_below(client, editor):
    position = PositionFactory()
    client.force_login(editor)
    rendered = set(opened(client, position)) - {"_save", "csrfmiddlewaretoken", "history_seen", "correction_note"}
    assert rendered == NEEDS_NOTE | NO_NOTE


@pytest.mark.parametrize("name", sorted(NEEDS_NOTE | NO_NOTE))
def test_a_note_is_needed_exactly_for_the_issues_fields(client, editor, name):
    # On the 1st, so that the date is honest at month precision too.
    position = PositionFactory(stance="open", stated_on=datetime.date(2024, 11, 1))
    client.force_login(editor)
    data = opened(client, position)
    data[name] = [new_value(name, position)]
    response = client.post(change_url(position), data)
    if name in NEEDS_NOTE:
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == ["correction_note"]
        data["correction_note"] = ["Corrected against the transcript."]
        assert client.post(change_url(position), data).status_code == 302
        assert [change["field"] for change in Correction.objects.get().changes] == [name]
    else:
        assert response.status_code == 302
        assert not Correction.objects.exists()


def test_a_revert_to_an_earlier_stance_is_a_correction_too(client, editor):
    # The history page's form starts from the old version: nothing looks changed to it.
    position = PositionFactory(stance="open")
    first = position.history.earliest()
    position.stance = "rules_out"
    position.save()
    client.force_login(editor)
    url = history_form_url(position.pk, first.history_id)
    data = change_form_data(client.get(url))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "correction_note" in response.context["adminform"].form.errors
    assert Position.objects.get().stance == "rules_out"
    data["correction_note"] = ["The later reading was wrong: back to the first."]
    assert client.post(url, data).status_code == 302
    assert Position.objects.get().stance == "open"
    assert Correction.objects.get().changes == [{"field": "stance", "old": "rules out", "new": "open"}]


def test_a_coarser_precision_keeps_only_the_month_like_the_add_form(client, editor):
    # Only the precision changed: the day it no longer claims is dropped, not refused.
    position = PositionFactory(stated_on=datetime.date(2024, 11, 25), date_precision="day")
    client.force_login(editor)
    data = opened(client, position)
    data["date_precision"] = ["month"]
    data["correction_note"] = ["The source gives the month only."]
    response = client.post(change_url(position), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    position.refresh_from_db()
    assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 1), "month")
    assert Correction.objects.get().changes[-1]["field"] in {"stated_on", "date_precision"}
