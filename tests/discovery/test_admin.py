"""The editors' side: each feed's health in the admin list, and found statements in the suggestions queue."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contributions.models import Origin, Status, Suggestion
from discovery.models import WatchedFeed
from tests.factories import ActorFactory, TopicFactory

pytestmark = pytest.mark.django_db
FEEDS = reverse("admin:discovery_watchedfeed_changelist")


def found_suggestion(**extra) -> Suggestion:
    feed = extra.pop("found_in", None) or WatchedFeed.objects.create(
        name="Élysée news", url="https://example.org/elysee.xml", language="fr", active=True
    )
    text = "Macron <script>alert(1)</script> will send troops to Ukraine."
    values = {
        "origin": Origin.FEED,
        "found_in": feed,
        "actor_name": "Emmanuel Macron",
        "stated_on": datetime.date(2026, 12, 1),
        "text": text,
        "source_url": "https://example.org/news/1",
        "item_title": "Macron on troops",
        "matched_spans": [
            [0, 6],
            [text.index("send"), text.index("send") + 4],
            [text.index("troops"), text.index("troops") + 6],
        ],
        "stance_hint": "supports",
        **extra,
    }
    return Suggestion.objects.create(**values)


def test_the_feed_list_shows_each_feeds_health(client, editor):
    now = timezone.now()
    WatchedFeed.objects.create(name="Paused ministry", url="https://example.org/a.xml", language="en")
    WatchedFeed.objects.create(
        name="Failing ministry",
        url="https://example.org/b.xml",
        language="en",
        active=True,
        consecutive_errors=2,
        last_error="HTTP 500 from https://example.org/b.xml",
        last_fetched_at=now,
    )
    working = WatchedFeed.objects.create(
        name="Working newsroom",
        url="https://example.org/c.xml",
        language="uk",
        active=True,
        last_fetched_at=now,
        last_new_item_at=now,
        items_found=40,
        candidates_found=3,
    )
    found_suggestion(found_in=working, status=Status.ACCEPTED)
    found_suggestion(found_in=working, source_url="https://example.org/news/2")
    client.force_login(editor)
    page = client.get(FEEDS).content.decode()
    assert "paused" in page and "failing (2 in a row)" in page and "HTTP 500 from" in page and "OK" in page
    row = page[page.index("Working newsroom") :]
    row = row[: row.index("</tr>")]
    assert ">40<" in row and ">3<" in row and ">1<" in row  # items, candidates queued, accepted by editors


def test_the_feed_list_costs_the_same_queries_for_many_feeds(client, editor):
    client.force_login(editor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(FEEDS).status_code == 200
        return len(captured)

    WatchedFeed.objects.create(name="One", url="https://example.org/1.xml", language="en")
    few = queries()
    for n in range(2, 12):
        feed = WatchedFeed.objects.create(name=f"Feed {n}", url=f"https://example.org/{n}.xml", language="en")
        found_suggestion(found_in=feed, source_url=f"https://example.org/news/{n}")
    assert queries() == few


def test_viewers_see_feeds_and_editors_add_them(client, editor, viewer):
    client.force_login(viewer)
    assert client.get(FEEDS).status_code == 200
    assert client.get(reverse("admin:discovery_watchedfeed_add")).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:discovery_watchedfeed_add")).status_code == 200


def test_a_found_statement_shows_its_feed_and_its_matched_words_marked_and_escaped(client, editor):
    suggestion = found_suggestion()
    client.force_login(editor)
    listing = client.get(reverse("admin:contributions_suggestion_changelist") + "?origin=feed").content.decode()
    assert "found automatically — Élysée news" in listing
    assert "Macron, send, troops" in listing
    page = client.get(suggestion.get_admin_url()).content.decode()
    assert (
        "<mark>Macron</mark> &lt;script&gt;alert(1)&lt;/script&gt; will <mark>send</mark> <mark>troops</mark>" in page
    )
    assert "<script>alert(1)" not in page
    assert "Macron on troops" in page and "Élysée news" in page


def test_a_readers_suggestion_shows_no_discovery_fields(client, editor):
    suggestion = Suggestion.objects.create(
        actor_name="Someone", text="Words.", source_url="https://example.org/r", stated_on=datetime.date(2026, 1, 2)
    )
    client.force_login(editor)
    page = client.get(suggestion.get_admin_url())
    assert "item_title" not in page.context["adminform"].form.fields
    assert "stance hint" not in page.content.decode()


def test_approving_a_found_statement_prefills_the_add_form_and_leaves_the_stance_to_the_editor(client, editor):
    actor = ActorFactory(name="Emmanuel Macron", slug="emmanuel-macron", country="FR")
    topic = TopicFactory(slug="combat-troops")
    suggestion = found_suggestion(actor=actor, topic=topic)
    client.force_login(editor)
    response = client.get(reverse("admin:contributions_suggestion_approve", args=[suggestion.pk]))
    add_url = reverse("admin:positions_position_add") + f"?suggestion={suggestion.pk}"
    assert response["Location"] == add_url
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Found automatically in Élysée news" in note and "supports" in note for note in notes)
    initial = client.get(add_url).context["adminform"].form.initial
    assert initial["actor"] == actor.pk and initial["topic"] == topic.pk
    assert initial["new_quote_text"] == suggestion.text
    assert initial["new_source_url"] == "https://example.org/news/1"
    assert "stance" not in initial  # a hint, not a decision
    suggestion.refresh_from_db()
    assert suggestion.status == Status.NEW  # nothing is published until the editor saves


@pytest.mark.parametrize("decision, status", [("reject", Status.REJECTED), ("duplicate", Status.DUPLICATE)])
def test_editors_reject_or_mark_a_duplicate_as_for_a_readers_suggestion(client, editor, decision, status):
    suggestion = found_suggestion()
    client.force_login(editor)
    url = reverse(f"admin:contributions_suggestion_{decision}", args=[suggestion.pk])
    response = client.post(url, {"reason": "Not a statement."})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == status and suggestion.decided_by == editor
