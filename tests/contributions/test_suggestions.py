"""A reader's suggestion, from the public form to a position an editor saved, and the editor's other decisions."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contributions.models import Status, Suggestion
from positions.models import Position
from tests.contributions.helpers import HOSTILE, SuggestionFactory, suggestion_data
from tests.factories import ActorFactory, OutletFactory, PositionFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
SUGGEST = reverse("contributions:suggest")


def admin_url(name: str, *args) -> str:
    return reverse(f"admin:contributions_suggestion_{name}", args=args)


def test_the_form_is_prefilled_from_a_country_or_an_actor(client):
    actor = ActorFactory(name="David Lammy", slug="david-lammy", country="GB")
    form = client.get(SUGGEST + "?actor=david-lammy").context["form"]
    assert form.initial == {"actor_name": "David Lammy", "country": "GB"}
    assert client.get(SUGGEST + "?country=fr").context["form"].initial == {"country": "FR"}
    page = client.get(SUGGEST + "?country=gb")
    assert actor.name in page.context["actor_names"]
    assert client.get(SUGGEST + "?country=zz&actor=no%20pe").context["form"].initial == {}
    # A NUL byte never reaches the form (config/nul_bytes.py).
    assert client.get(SUGGEST + "?country=zz&actor=%00nope").status_code == 400


def test_a_suggestion_is_stored_and_resolved_to_the_actor_it_names(client):
    actor = ActorFactory(name="Keir Starmer", country="GB")
    response = client.post(SUGGEST, suggestion_data(actor_name="keir starmer"))
    assert response.status_code == 302 and response["Location"] == reverse("contributions:suggest_thanks")
    suggestion = Suggestion.objects.get()
    assert suggestion.actor == actor and suggestion.status == Status.NEW
    assert suggestion.stated_on == datetime.date(2025, 2, 16)


def test_a_suggestion_needs_a_web_source_and_a_date_not_in_the_future(client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    for bad in ({"source_url": "javascript:alert(1)"}, {"source_url": "ftp://example.org/x"}, {"source_url": ""}):
        response = client.post(SUGGEST, suggestion_data(**bad))
        assert response.status_code == 200 and "source_url" in response.context["form"].errors
    response = client.post(SUGGEST, suggestion_data(stated_on=tomorrow))
    assert "stated_on" in response.context["form"].errors
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "field, limit", [("actor_name", 200), ("text", 5000), ("note", 2000), ("source_url", 1000), ("email", 254)]
)
def test_every_field_has_a_size_limit(client, field, limit):
    value = "x" * (limit + 1)
    if field == "source_url":
        value = "https://example.org/" + "a" * limit
    if field == "email":
        value = "a" * limit + "@example.org"
    response = client.post(SUGGEST, suggestion_data(**{field: value}))
    assert field in response.context["form"].errors
    assert not Suggestion.objects.exists()


def test_a_suggestion_becomes_a_position_when_an_editor_saves_it(client, editor, django_capture_on_commit_callbacks):
    actor = ActorFactory(name="Keir Starmer", country="GB")
    topic = TopicFactory(slug="combat-troops")
    outlet = OutletFactory()
    client.post(SUGGEST, suggestion_data(topic=topic.pk, stance="supports", email="reader@example.org"))
    suggestion = Suggestion.objects.get()

    client.force_login(editor)
    response = client.get(admin_url("approve", suggestion.pk))
    add_url = reverse("admin:positions_position_add") + f"?suggestion={suggestion.pk}"
    assert response.status_code == 302 and response["Location"] == add_url
    initial = client.get(add_url).context["adminform"].form.initial
    assert initial["actor"] == actor.pk and initial["topic"] == topic.pk and initial["stance"] == "supports"
    assert initial["new_quote_text"] == suggestion.text
    assert initial["new_source_url"] == "https://www.example.org/starmer-troops"
    assert initial["stated_on"] == datetime.date(2025, 2, 16)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            add_url,
            {
                "actor": actor.pk,
                "topic": topic.pk,
                "stance": "supports",
                "stated_on": "2025-02-16",
                "date_precision": "day",
                "summary": "Ready to put troops on the ground.",
                "new_quote_text": suggestion.text,
                "new_quote_verification": "confirmed",
                "new_source_outlet": outlet.pk,
                "new_source_title": "Starmer on troops",
                "new_source_url": suggestion.source_url,
                "new_source_published_on": "2025-02-16",
                "new_source_published_precision": "day",
                "new_source_language": "en",
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    position = Position.objects.get()
    suggestion.refresh_from_db()
    assert suggestion.status == Status.ACCEPTED and suggestion.position == position
    assert suggestion.decided_by == editor and suggestion.decided_at is not None
    assert position.history.get().history_user == editor
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]
    assert f"http://testserver/positions/{position.pk}/" in mail.outbox[0].body


def test_an_existing_source_is_picked_rather_than_described_again(client, editor):
    source = SourceFactory(url="https://example.org/known")
    suggestion = SuggestionFactory(source_url="https://example.org/known")
    client.force_login(editor)
    form = client.get(reverse("admin:positions_position_add") + f"?suggestion={suggestion.pk}").context["adminform"]
    assert form.form.initial["existing_source"] == source.pk
    assert "new_source_url" not in form.form.initial


def test_rejection_records_who_and_when_and_mails_the_reader_once(client, editor, django_capture_on_commit_callbacks):
    suggestion = SuggestionFactory(email="reader@example.org")
    client.force_login(editor)
    assert client.get(admin_url("reject", suggestion.pk)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("reject", suggestion.pk), {"reason": "The source does not say this."})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Status.REJECTED and suggestion.decided_by == editor
    assert suggestion.decision_reason == "The source does not say this." and suggestion.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"] and "not accepted" in message.subject
    assert "The source does not say this." in message.body
    # Deciding again changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("duplicate", suggestion.pk), {"reason": "again"})
    suggestion.refresh_from_db()
    assert suggestion.status == Status.REJECTED and len(mail.outbox) == 1


def test_marking_a_duplicate_links_the_existing_position(client, editor, django_capture_on_commit_callbacks):
    position = PositionFactory()
    suggestion = SuggestionFactory(email="reader@example.org")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("duplicate", suggestion.pk), {"position": position.pk, "reason": ""})
    suggestion.refresh_from_db()
    assert suggestion.status == Status.DUPLICATE and suggestion.position == position
    assert f"/positions/{position.pk}/" in mail.outbox[0].body


def test_viewers_see_the_queue_but_cannot_decide(client, viewer):
    suggestion = SuggestionFactory()
    client.force_login(viewer)
    assert client.get(admin_url("changelist")).status_code == 200
    assert client.get(admin_url("change", suggestion.pk)).status_code == 200
    assert client.post(admin_url("reject", suggestion.pk), {"reason": "no"}).status_code == 403
    assert client.get(admin_url("approve", suggestion.pk)).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW


def test_the_queue_lists_newest_first_and_escapes_hostile_text(client, editor):
    SuggestionFactory(actor_name="Older speaker")
    SuggestionFactory(
        actor_name=HOSTILE, text=HOSTILE, note=HOSTILE, source_url='https://example.org/"><script>alert(1)</script>'
    )
    client.force_login(editor)
    page = client.get(admin_url("changelist")).content.decode()
    assert "<script>alert" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page
    assert page.index("&lt;script&gt;alert(&quot;x&quot;)") < page.index("Older speaker")
    assert 'rel="noopener noreferrer nofollow"' in page
    detail = client.get(admin_url("change", Suggestion.objects.get(note=HOSTILE).pk)).content.decode()
    assert "<script>alert" not in detail and "&lt;script&gt;" in detail


def test_hostile_text_is_escaped_in_the_email(client, editor, django_capture_on_commit_callbacks):
    suggestion = SuggestionFactory(actor_name=HOSTILE, text=HOSTILE, email="reader@example.org")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("reject", suggestion.pk), {"reason": HOSTILE + "\r\nBcc: victim@example.org"})
    message = mail.outbox[0]
    assert message.recipients() == ["reader@example.org"]
    assert HOSTILE not in message.subject and "\n" not in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Bcc: victim" not in str(message.message()).split("\n\n", 1)[0]


def test_the_retention_command_deletes_addresses_only_after_the_period(settings):
    settings.CONTRIBUTION_EMAIL_RETENTION_DAYS = 30
    now = timezone.now()
    old = SuggestionFactory(email="a@example.org", status=Status.REJECTED, decided_at=now - datetime.timedelta(days=31))
    recent = SuggestionFactory(
        email="b@example.org", status=Status.REJECTED, decided_at=now - datetime.timedelta(days=29)
    )
    pending = SuggestionFactory(email="c@example.org")
    call_command("purge_contributor_emails", stdout=open("/dev/null", "w"))
    for suggestion in (old, recent, pending):
        suggestion.refresh_from_db()
    assert old.email == "" and recent.email == "b@example.org" and pending.email == "c@example.org"
