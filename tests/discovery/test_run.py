"""discover_statements against a feed server on 127.0.0.1: real HTTP, real parsing, the real queue."""

import io

import pytest
from django.core.management import call_command

from contributions.models import Origin, Status, Suggestion
from discovery.models import SeenItem, WatchedFeed
from tests.discovery.feed_server import Route, rss
from tests.factories import QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

RELEVANT = (
    "Macron does not rule out sending troops to Ukraine",
    "President Emmanuel Macron said on Monday that sending Western troops to Ukraine could not be ruled out. "
    "He spoke after a meeting in Paris.",
    "https://news.example.org/macron-troops",
)
IRRELEVANT = (
    "Macron opens a new bridge in Lyon",
    "President Emmanuel Macron opened a bridge over the Rhône on Monday.",
    "https://news.example.org/macron-bridge",
)
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""


def run() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("discover_statements", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def watch(server, path: str, route: Route, name: str = "") -> WatchedFeed:
    server.routes[path] = route
    return WatchedFeed.objects.create(name=name or path, url=server.url(path), language="en", active=True)


def test_a_relevant_item_becomes_one_candidate_and_a_second_run_adds_nothing(feed_server, macron):
    feed = watch(feed_server, "/news.xml", Route(body=rss(RELEVANT, IRRELEVANT)))
    run()
    suggestion = Suggestion.objects.get()
    assert suggestion.origin == Origin.FEED and suggestion.found_in == feed
    assert suggestion.status == Status.NEW
    assert suggestion.actor == macron and suggestion.topic.slug == "combat-troops"
    assert suggestion.source_url == RELEVANT[2]
    assert suggestion.text.startswith("President Emmanuel Macron said on Monday that sending Western troops")
    assert "Emmanuel Macron" in [text for text, marked in suggestion.word_parts() if marked]
    assert suggestion.stance_hint == "open"
    assert str(suggestion.stated_on) == "2026-12-01"
    feed.refresh_from_db()
    assert (feed.items_found, feed.candidates_found, feed.consecutive_errors) == (2, 1, 0)
    assert feed.last_fetched_at and feed.last_new_item_at

    run()
    assert Suggestion.objects.count() == 1
    feed.refresh_from_db()
    assert (feed.items_found, feed.candidates_found) == (2, 1)
    assert SeenItem.objects.filter(feed=feed).count() == 2


def test_an_irrelevant_item_adds_nothing(feed_server, macron):
    feed = watch(feed_server, "/news.xml", Route(body=rss(IRRELEVANT)))
    run()
    assert not Suggestion.objects.exists()
    feed.refresh_from_db()
    assert (feed.items_found, feed.candidates_found, feed.last_error) == (1, 0, "")


def test_the_second_request_is_conditional_and_not_modified_is_no_error(feed_server, macron):
    feed = watch(feed_server, "/news.xml", Route(body=rss(RELEVANT), etag='"v1"'))
    run()
    run()
    assert feed_server.requests[-1][1].get("If-None-Match") == '"v1"'
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.consecutive_errors == 0
    assert Suggestion.objects.count() == 1


def test_known_links_and_known_words_are_not_proposed_again(feed_server, macron):
    SourceFactory(url=RELEVANT[2] + "/")
    other = (
        "Macron on troops",
        "President Emmanuel Macron said on Monday that sending Western troops to Ukraine could not be ruled out.",
        "https://other.example.org/a",
    )
    QuoteFactory(text=other[1])
    from tests.factories import PositionFactory

    PositionFactory(actor=macron, quote=QuoteFactory(text=other[1]))
    watch(feed_server, "/news.xml", Route(body=rss(RELEVANT, other)))
    run()
    assert not Suggestion.objects.exists()


def test_near_identical_words_already_in_the_queue_are_not_proposed_again(feed_server, macron):
    watch(feed_server, "/a.xml", Route(body=rss(RELEVANT)))
    copy = (RELEVANT[0], RELEVANT[1].replace("on Monday", "on Monday evening"), "https://copy.example.org/b")
    watch(feed_server, "/b.xml", Route(body=rss(copy)))
    run()
    assert Suggestion.objects.count() == 1


@pytest.mark.parametrize(
    "route, error",
    [
        (Route(body=rss(RELEVANT), delay=2.5), "Timed out"),
        (Route(body=b"<rss>" + b"x" * (200 * 1024) + b"</rss>"), "larger than"),
        (Route(stream=lambda: iter([b"<rss>" + b"y" * 1024] * 200)), "larger than"),
        (Route(body=b"<rss version='2.0'><channel><title>broken</channel>"), "not well-formed"),
        (Route(body=BOMB), "declares XML entities"),
        (Route(body=b"<html><body>Not a feed</body></html>"), "Not an RSS or Atom feed"),
        (Route(status=500), "HTTP 500"),
    ],
    ids=["slow", "huge", "huge-undeclared", "malformed", "entity-bomb", "not-a-feed", "server-error"],
)
def test_a_bad_feed_is_an_error_on_that_feed_and_the_run_goes_on(feed_server, macron, route, error):
    bad = watch(feed_server, "/bad.xml", route, name="A bad feed")
    good = watch(feed_server, "/good.xml", Route(body=rss(RELEVANT)), name="Z good feed")
    output = run()
    bad.refresh_from_db()
    assert error in bad.last_error, bad.last_error
    assert bad.consecutive_errors == 1 and bad.backoff_until is not None and bad.last_error_at is not None
    assert f"A bad feed: error: {bad.last_error}" in output
    assert Suggestion.objects.get().found_in == good

    # Backing off: the next run leaves the failing feed alone.
    requests_before = len([path for path, _headers in feed_server.requests if path == "/bad.xml"])
    run()
    assert len([path for path, _headers in feed_server.requests if path == "/bad.xml"]) == requests_before


def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(feed_server, macron):
    # 127.0.0.2 is loopback, outside the one address the tests allow: were the check broken,
    # the request would still stay on this machine.
    target = f"http://127.0.0.2:{feed_server.httpd.server_port}/good.xml"
    bad = watch(feed_server, "/moved.xml", Route(status=302, headers={"Location": target}))
    watch(feed_server, "/good.xml", Route(body=rss(RELEVANT)))
    run()
    bad.refresh_from_db()
    assert "127.0.0.2" in bad.last_error and "refused" in bad.last_error
    assert Suggestion.objects.get().found_in.url.endswith("/good.xml")


def test_a_redirect_to_an_allowed_address_is_followed(feed_server, macron):
    feed = watch(feed_server, "/moved.xml", Route(status=301, headers={"Location": "/good.xml"}))
    feed_server.routes["/good.xml"] = Route(body=rss(RELEVANT))
    run()
    assert Suggestion.objects.get().found_in == feed


def test_paused_feeds_are_not_read(feed_server, macron):
    feed = watch(feed_server, "/news.xml", Route(body=rss(RELEVANT)))
    WatchedFeed.objects.filter(pk=feed.pk).update(active=False)
    run()
    assert not feed_server.requests and not Suggestion.objects.exists()


def test_only_one_run_at_a_time(feed_server, macron):
    from discovery.locking import run_lock

    watch(feed_server, "/news.xml", Route(body=rss(RELEVANT)))
    with run_lock("discover_statements") as held:
        assert held
        assert "Another discovery run holds the lock" in other_process_run()
    assert not Suggestion.objects.exists()
    run()
    assert Suggestion.objects.count() == 1


def other_process_run() -> str:
    """The command as another app server would run it: on PostgreSQL, from a connection of its own."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return run()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            from discovery.locking import advisory_key

            cursor.execute("SELECT pg_try_advisory_lock(%s)", [advisory_key("discover_statements")])
            return "Another discovery run holds the lock" if not cursor.fetchone()[0] else "lock was free"
    finally:
        other.close()


def test_items_seen_long_ago_are_forgotten_and_a_returning_item_is_still_not_proposed_twice(feed_server, macron):
    import datetime

    from django.utils import timezone

    feed = watch(feed_server, "/news.xml", Route(body=rss(RELEVANT)))
    run()
    SeenItem.objects.update(seen_at=timezone.now() - datetime.timedelta(days=181))
    run()  # still skipped as seen, then forgotten at the end of the run
    assert not SeenItem.objects.exists()
    run()  # read again as new: its link is known, so it is not queued twice
    assert Suggestion.objects.count() == 1
    assert SeenItem.objects.filter(feed=feed).count() == 1
