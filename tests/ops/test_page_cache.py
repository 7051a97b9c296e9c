"""The whole-page cache: one rendered copy of a public page per data version, release and day, for every app process."""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import config.http_cache
from config import page_cache
from config.cache import ResilientRedisCache
from config.http_cache import HttpCacheMiddleware
from positions.choices import Stance
from tests.factories import ActorFactory, PositionFactory, UserFactory
from tests.ops.redis_server import free_port, redis_cache

pytestmark = pytest.mark.django_db

COUNTRY = "/countries/gb/"
PAGES = [
    COUNTRY,
    "/",
    "/countries/",
    "/positions/?country=GB",
    "/actors/",
    "/timeline/",
    "/feeds/positions/",
    "/uk/countries/gb/",
]


@pytest.fixture
def position(db):
    return PositionFactory(actor=ActorFactory(name="Cyrus Starmer", country="GB"), stance=Stance.OPEN)


def stored_pages() -> list[str]:
    return [key for key in caches["default"]._cache if ":page:" in key and not key.endswith(":building")]


def comparable(response) -> tuple:
    return response.status_code, sorted(response.headers.items()), response.content


MARK = b"<p>the copy in the page cache</p>"


def mark_stored_pages() -> None:
    """Replace every kept page's bytes with MARK, so that a response shows whether it came from the cache."""
    cache = caches["default"]
    for key in stored_pages():
        status, headers, content, hints = cache.get(key.split(":", 2)[2])
        cache.set(key.split(":", 2)[2], (status, headers, MARK, hints))


def from_cache(client, url: str) -> bool:
    """Whether an anonymous GET of the address is answered from the page cache (after mark_stored_pages)."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content == MARK


@pytest.mark.parametrize("url", PAGES)
def test_a_page_is_built_once_then_served_from_the_cache_byte_for_byte(
    client, position, url, django_assert_num_queries
):
    fresh = client.get(url)
    assert fresh.status_code == 200 and len(stored_pages()) == 1
    with django_assert_num_queries(1):  # the data version, nothing else
        hit = client.get(url)
    assert comparable(hit) == comparable(fresh)
    caches["default"].clear()
    assert comparable(client.get(url)) == comparable(fresh)  # built again for the same version: the same bytes


def test_a_hit_of_the_country_page_costs_one_query(client, position, django_assert_num_queries):
    assert client.get(COUNTRY).status_code == 200
    with django_assert_num_queries(1):
        response = client.get(COUNTRY)
    assert "Cyrus Starmer" in response.content.decode()


def test_a_hit_still_carries_the_security_headers_and_validators(client, position):
    client.get(COUNTRY)
    hit = client.get(COUNTRY)
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff" and hit["Referrer-Policy"] == "same-origin"
    assert hit["Cache-Control"].startswith("public") and hit["ETag"] and hit["Last-Modified"]
    assert "Cookie" in hit["Vary"] and "Set-Cookie" not in hit


@override_settings(EMBED_ALLOWED_ORIGINS=["https://news.example"])
def test_a_hit_of_an_embed_may_still_be_framed_by_the_allowed_sites(client, position):
    fresh = client.get("/embed/matrix/")
    hit = client.get("/embed/matrix/")
    assert len(stored_pages()) == 1
    assert "frame-ancestors https://news.example" in hit["Content-Security-Policy"]
    assert "X-Frame-Options" not in hit
    assert comparable(hit) == comparable(fresh)


def test_a_write_shows_on_the_next_request(client, position):
    assert "stance-open" in client.get(COUNTRY).content.decode()
    position.stance = Stance.RULES_OUT
    position.save()
    assert "stance-rules_out" in client.get(COUNTRY).content.decode()


def test_a_new_release_builds_the_page_again(client, position, monkeypatch):
    client.get(COUNTRY)
    mark_stored_pages()
    assert from_cache(client, COUNTRY)
    monkeypatch.setattr(config.http_cache, "release", lambda: "next-release")
    assert not from_cache(client, COUNTRY)
    assert len(stored_pages()) == 2


def test_a_new_day_builds_the_page_again(client, position, monkeypatch):
    today = timezone.localdate()
    client.get(COUNTRY)
    mark_stored_pages()
    assert from_cache(client, COUNTRY)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + datetime.timedelta(days=1))
    assert not from_cache(client, COUNTRY)
    assert len(stored_pages()) == 2


def test_head_is_answered_from_a_cached_get(client, position, django_assert_num_queries):
    fresh = client.get(COUNTRY)
    with django_assert_num_queries(1):
        head = client.head(COUNTRY)
    assert head.status_code == 200 and head.content == b""
    assert sorted(head.headers.items()) == sorted(fresh.headers.items())


def test_head_never_fills_the_cache(client, position):
    # An export answers HEAD with its headers alone: that must never become the GET's answer.
    assert client.head("/positions/export.json").status_code == 200
    client.head(COUNTRY)
    assert stored_pages() == []
    assert b"Cyrus Starmer" in client.get("/positions/export.json").getvalue()


def test_a_signed_in_user_never_gets_or_fills_the_anonymous_copy(client, position):
    client.get(COUNTRY)
    mark_stored_pages()
    client.force_login(UserFactory(is_staff=True, groups=["Editors"]))
    assert not from_cache(client, COUNTRY)
    assert client.get(COUNTRY)["Cache-Control"] == "private, no-store"
    assert len(stored_pages()) == 1


@pytest.mark.parametrize("cookie", [settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name])
def test_a_request_with_a_session_or_a_pending_message_is_built_for_it(client, position, cookie):
    client.get(COUNTRY)
    mark_stored_pages()
    client.cookies[cookie] = pending_message() if cookie == CookieStorage.cookie_name else live_session()
    assert not from_cache(client, COUNTRY)
    assert len(stored_pages()) == 1


@pytest.mark.parametrize("cookie", [settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name])
@pytest.mark.parametrize("value", ["x", "an-expired-session", "0" * 32, "a" * 5000, "[]:forged"])
def test_a_made_up_session_or_messages_cookie_does_not_pass_the_cache(client, position, cookie, value):
    """Adversarial review, Dec 2026: any sessionid made the app build every page afresh."""
    client.get(COUNTRY)
    mark_stored_pages()
    client.cookies[cookie] = value
    assert from_cache(client, COUNTRY)


def live_session() -> str:
    """The session cookie of an anonymous visitor with something in their session (a pending import's step)."""
    store = SessionStore()
    store["step"] = "preview"
    store.create()
    return store.session_key


def pending_message() -> str:
    """The messages cookie a redirect after a saved form leaves behind."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    return carrier.cookies[CookieStorage.cookie_name].value


def test_a_page_with_a_form_is_never_kept(client, position):
    response = client.get("/suggest/")
    assert response.status_code == 200 and 'name="csrfmiddlewaretoken"' in response.content.decode()
    client.get("/suggest/")
    assert stored_pages() == []


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/topics/", 200),  # the API keeps its own ETags and rate limit
        ("/positions/export.csv", 200),  # streamed
        ("/positions/99999/", 404),
        ("/actors/?kind=wizard", 400),
        ("/admin/login/", 200),
    ],
)
def test_what_is_never_kept(client, position, url, status):
    assert client.get(url).status_code == status
    client.get(url)
    assert stored_pages() == []


@override_settings(PAGE_CACHE_MAX_BYTES=1000)
def test_a_page_over_the_size_cap_is_not_kept(client, position):
    assert len(client.get(COUNTRY).content) > 1000
    assert stored_pages() == []


@override_settings(PAGE_CACHE_SECONDS=0)
def test_zero_seconds_turns_the_page_cache_off(client, position):
    client.get(COUNTRY)
    assert stored_pages() == []


@pytest.mark.parametrize(
    "private",
    [
        lambda response: response.__setitem__("Cache-Control", "no-cache"),  # a view's own lifetime stands
        lambda response: response.set_cookie("chosen", "1"),  # a cookie is this visitor's alone
    ],
)
def test_a_response_the_view_made_private_is_not_kept(position, private):
    def view(request):
        response = HttpResponse("<p>page</p>")
        private(response)
        return response

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    HttpCacheMiddleware(view)(request)
    assert stored_pages() == []


def test_two_app_processes_share_one_copy_through_redis(client, position, redis_url, django_assert_num_queries):
    ResilientRedisCache._skip_until = 0.0
    with override_settings(CACHES=redis_cache(redis_url)):
        caches["default"].clear()
        fresh = client.get(COUNTRY)
        assert caches["default"]._cache.get_client().keys("*:page:*")
    # A new cache connection stands for the second app server.
    with override_settings(CACHES=redis_cache(redis_url)), django_assert_num_queries(1):
        hit = client.get(COUNTRY)
    assert comparable(hit) == comparable(fresh)
    with override_settings(CACHES=redis_cache(redis_url)):
        caches["default"].clear()


def test_without_redis_every_request_builds_the_page(client, position):
    ResilientRedisCache._skip_until = 0.0
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{free_port()}/0")):
        assert client.get(COUNTRY).status_code == 200
        started = time.monotonic()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(COUNTRY).status_code == 200
        assert len(captured) > 1  # built again: no copy was kept
        # The claim to build cannot be taken either, and no one else is building: no wait.
        assert time.monotonic() - started < page_cache.WAIT_SECONDS / 2
    ResilientRedisCache._skip_until = 0.0


def test_each_host_gets_its_own_copy(client, position):
    # Pages hold absolute links (embed codes, the map's address) built from the request's host.
    assert "http://testserver/embed/countries/gb/" in client.get(COUNTRY).content.decode()
    other = client.get(COUNTRY, headers={"host": "localhost"}).content.decode()
    assert "http://localhost/embed/countries/gb/" in other and "testserver" not in other
    assert len(stored_pages()) == 2


def test_a_reader_waits_for_the_copy_another_request_is_building(client, position, django_assert_num_queries):
    client.get(COUNTRY)
    key = stored_pages()[0].split(":", 2)[2]
    cache = caches["default"]
    status, headers, _, hints = cache.get(key)
    cache.delete(key)
    assert page_cache.claim(key)  # another request is building the page
    later = threading.Timer(0.2, lambda: cache.set(key, (status, headers, MARK, hints)))
    later.start()
    try:
        with django_assert_num_queries(1):  # no build of its own
            response = client.get(COUNTRY)
    finally:
        later.join()
    assert response.content == MARK


def test_a_reader_builds_the_page_itself_when_the_other_build_takes_too_long(client, position, monkeypatch):
    client.get(COUNTRY)
    key = stored_pages()[0].split(":", 2)[2]
    caches["default"].delete(key)
    assert page_cache.claim(key)
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.2)
    started = time.monotonic()
    assert b"Cyrus Starmer" in client.get(COUNTRY).content
    assert time.monotonic() - started >= 0.2


def test_the_claim_to_build_is_given_back_whatever_the_page(client, position):
    for url in (COUNTRY, "/positions/99999/", "/suggest/"):
        client.get(url)
    assert [key for key in caches["default"]._cache if key.endswith(":building")] == []
    assert len(stored_pages()) == 1
