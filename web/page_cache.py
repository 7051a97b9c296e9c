"""One rendered copy of each public page per data version, release and day, shared by every app process.

A reader without validators (a new reader, e.g. from an article that embeds the tracker) costs
the page's queries and rendering (docs/performance.md has the figures). HttpCacheMiddleware (web/http_cache.py)
keeps the first anonymous GET of a public page in the shared cache (Redis with CACHE_URL, else
each process's own memory) and answers the next anonymous GET or HEAD of the same address from
it, after one primary-key read (the data version), until PAGE_CACHE_SECONDS pass or the key
changes. While one request builds a page, other GETs of it wait for that copy rather than build
it too (at most WAIT_SECONDS). The key holds:

- the data version: any saved change moves it, so the next request builds the page afresh;
- the release: new code or templates never serve old markup;
- today's date in TIME_ZONE: pages say "stated 5 months ago" and mark old stances stale, which
  changes at midnight;
- a hash of the full address (scheme, host, path with the language prefix, query string), so
  GET and HEAD share one copy.

Left out: other methods, the API (its own ETags and rate limit), HTTP_CACHE_EXCLUDE, requests
with a live session (a signed-in user, or one about to be) or a pending flash message (a made-up
or expired session cookie, or a messages cookie this site did not sign, is neither), and
responses that are not a public 200 (a cookie such as a form's CSRF token, a view's own
Cache-Control, an error), that stream (exports), or are bigger than PAGE_CACHE_MAX_BYTES. Only a
GET fills the cache: a view may answer HEAD without a body (the exports do). A hit is rebuilt
with the same status, headers and bytes, and the view's hints to the outer middleware (an
embed's framing and CSP exceptions) come back with it. A Redis outage makes every lookup a miss
(web/cache.py).

There is deliberately no hit/miss header: it would tell anyone whether somebody else opened an
address (a search, a filter) since the last edit.
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

# Attributes a view sets on its response for the middleware outside this one: django-csp's
# exceptions (csp_replace, csp_update, csp_exempt and their report-only twins) and Django's
# xframe_options_exempt. A hit carries them as the fresh response did.
HINT_PREFIXES = ("_csp_", "xframe_options_")
KEY_PREFIX = "page"
# While one request builds a page, the other GETs of it wait for its copy (no stampede of
# identical builds after an edit), checking every POLL_SECONDS for at most WAIT_SECONDS; then they
# build it themselves. The claim expires after CLAIM_SECONDS should its process die mid-build.
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05
CLAIM_SECONDS = 30


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def has_session(request: HttpRequest) -> bool:
    """Whether the request carries a session that exists and holds data.

    A made-up or expired session cookie loads as an empty session (the authentication middleware
    has loaded it already: no extra query), so it cannot be used to pass the cache.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES and bool(request.session.keys())


def has_pending_messages(request: HttpRequest) -> bool:
    """Whether the request carries a flash message this site signed (a made-up messages cookie is none)."""
    value = request.COOKIES.get(CookieStorage.cookie_name)
    if not value:
        return False
    try:
        signing.get_cookie_signer(salt=CookieStorage.key_salt).unsign(value)
    except signing.BadSignature:
        return False
    return True


def request_is_cacheable(request: HttpRequest) -> bool:
    """Whether an anonymous GET or HEAD may be answered from, and a GET may fill, the page cache."""
    return enabled() and not has_pending_messages(request) and not has_session(request)


def page_key(request: HttpRequest, version, release: str, today: datetime.date) -> str:
    # Hostile query strings may hold lone surrogates: hash them as escaped text, never fail.
    address = request.build_absolute_uri().encode("utf-8", "backslashreplace")
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    return f"{KEY_PREFIX}:{version}:{release}:{today.isoformat()}:{digest}"


def cached_response(key: str) -> HttpResponse | None:
    stored = caches["default"].get(key)
    if stored is None:
        return None
    status, headers, content, hints = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    for name, value in hints.items():
        setattr(response, name, value)
    return response


def claim_key(key: str) -> str:
    return f"{key}:building"


def claim(key: str) -> bool:
    """Whether this request is the one to build the page (no other request is building it)."""
    return caches["default"].add(claim_key(key), 1, CLAIM_SECONDS)


def release_claim(key: str) -> None:
    caches["default"].delete(claim_key(key))


def wait_for_build(key: str) -> HttpResponse | None:
    """The copy another request is building, once kept; None if it kept none, or took too long."""
    cache, claimed = caches["default"], claim_key(key)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = cache.get_many([key, claimed])  # one round trip; {} while Redis is unreachable
        if key in found:
            return cached_response(key)
        if claimed not in found or time.monotonic() >= deadline:
            return None
        time.sleep(POLL_SECONDS)


def store(request: HttpRequest, key: str, response: HttpResponse) -> None:
    """Keep a public 200 for the next reader; called before the validators and Cache-Control are added."""
    if request.method != "GET" or response.streaming or response.status_code != 200:
        return
    content = response.content
    if len(content) > settings.PAGE_CACHE_MAX_BYTES:
        return
    headers = [(name, value) for name, value in response.headers.items() if name.lower() != "set-cookie"]
    hints = {name: value for name, value in vars(response).items() if name.startswith(HINT_PREFIXES)}
    caches["default"].set(key, (response.status_code, headers, content, hints), settings.PAGE_CACHE_SECONDS)
