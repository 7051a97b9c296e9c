"""HTTP caching of public pages: validators from the data version, 304s, and Cache-Control.

An anonymous GET or HEAD of a public address (pages, exports, feeds, the API) gets an `ETag`
made of the data version's random token, the release and today's date in TIME_ZONE (pages say
"stated 5 months ago" and mark old stances stale, so yesterday's copy is not current), a
`Last-Modified` of the version's time or the start of today, whichever is later, and
`Cache-Control: public, max-age=HTTP_MAX_AGE, stale-while-revalidate=…`. A request whose
validators still match is answered 304 before the view runs: one primary-key read instead of
the page's queries and rendering; it carries the framing and CSP headers of the 200 it stands
for (an embed's may be framed). A logged-in user's pages are `private, no-store`. Every
answer varies on `Cookie` (a session changes what a page shows); the language comes from the
address, not `Accept-Language`. The admin, the health check, static files and every other
method than GET and HEAD are left alone; so is a page that sets a cookie (e.g. a CSRF token).
The API keeps its own ETag and 304s (they come after its rate limit) and the version's time as
`Last-Modified` (its answers do not change at midnight), and gets the rest.

Past the 304 check, an anonymous page is answered from the whole-page cache shared by every app
process when it holds this address for this version, release and day, and a freshly built public
page is kept there for the next reader (web/page_cache.py).

With HTTP_SHARED_MAX_AGE set, shared caches (nginx's proxy cache in deploy/nginx/cache.conf, a
CDN) keep a page that many seconds (`s-maxage`, `X-Accel-Expires`) and then revalidate it: one
build per page and version for every reader behind them, and edits show within that time.
"""

import datetime
import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from web import page_cache
from web.db_router import with_fallback
from web.errors import DATABASE_UNAVAILABLE

SAFE_METHODS = ("GET", "HEAD")
# The API answers its own conditional requests, after its rate limit (a 304 is a request too),
# with an ETag per address and media type (positions/api/conditional.py); it keeps that tag here.
API_PREFIX = "/api/"
# What goes into the release when HTTP_CACHE_RELEASE is not set: the code and templates that
# shape a page, so that a deployment of new markup does not answer 304 for old pages.
RELEASE_SOURCES = ("config", "web", "positions", "sources", "templates", "locale")
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo"}


@cache
def release() -> str:
    """A short name of the code being served: the setting, else a hash of the sources' contents."""
    if settings.HTTP_CACHE_RELEASE:
        return settings.HTTP_CACHE_RELEASE
    digest = hashlib.blake2b(digest_size=6)
    base = Path(settings.BASE_DIR)
    for folder in RELEASE_SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_control() -> str:
    shared = f", s-maxage={settings.HTTP_SHARED_MAX_AGE}" if settings.HTTP_SHARED_MAX_AGE is not None else ""
    return (
        f"public, max-age={settings.HTTP_MAX_AGE}{shared}, "
        f"stale-while-revalidate={settings.HTTP_STALE_WHILE_REVALIDATE}"
    )


def last_modified_on(version, today: datetime.date) -> int | None:
    """The version's time, or the start of today in TIME_ZONE when later: what a page shows changes at midnight."""
    if version.changed_at is None:
        return None
    midnight = datetime.datetime.combine(today, datetime.time.min, tzinfo=timezone.get_default_timezone())
    return int(max(version.changed_at, midnight).timestamp())


def not_modified(request: HttpRequest, etag: str, last_modified: int | None) -> bool:
    """Whether the client's copy is current (RFC 9110 13.2.2: If-None-Match wins over If-Modified-Since)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified is not None and last_modified <= since


def with_view_hints(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 with the header hints the view would have set on its 200 (an embed's framing).

    A browser copies a 304's headers onto the copy it stored, so a 304 must carry the same
    framing and CSP headers as the page it stands for; a view that sets hints on its responses
    offers the same as `response_hints` (positions/publish/embed.py).
    """
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return response
    hints = getattr(match.func, "response_hints", None)
    return hints(response) if hints else response


class HttpCacheMiddleware:
    """Validators, 304s and Cache-Control for public pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.current_version = import_string(settings.DATA_VERSION)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or request.path.startswith(settings.HTTP_CACHE_EXCLUDE):
            return self.get_response(request)
        if request.user.is_authenticated or "Authorization" in request.headers:
            # A signed-in user's page, or an API call with credentials: theirs alone.
            response = self.get_response(request)
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ["Cookie"])
            return response
        try:
            version = with_fallback(self.current_version)
        except DATABASE_UNAVAILABLE:
            # The view meets the same outage and answers the friendly 503 (web/errors.py).
            return self.get_response(request)
        request.data_version = version  # the views' cached fragments reuse it: no second read
        today = timezone.localdate()
        if request.path.startswith(API_PREFIX):
            # The API checks its own validators; its answers give each stance's age, so they
            # change at midnight too.
            etag = f'W/"{version.token}-{release()}-{today.isoformat()}"'
            return self.public(request, self.get_response(request), etag, last_modified_on(version, today))
        etag = f'W/"{version.token}-{release()}-{today.isoformat()}"'
        last_modified = last_modified_on(version, today)
        if not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
            self.add_validators(response, etag, last_modified)
            return with_view_hints(request, response)
        if not page_cache.request_is_cacheable(request):
            return self.public(request, self.get_response(request), etag, last_modified)
        key = page_cache.page_key(request, version, release(), today)
        response = page_cache.cached_response(key)
        building = response is None and request.method == "GET" and page_cache.claim(key)
        if response is None and request.method == "GET" and not building:
            response = page_cache.wait_for_build(key)  # another request is building this page
        if response is not None:
            self.add_validators(response, etag, last_modified)
            return response
        try:
            return self.public(request, self.get_response(request), etag, last_modified, cache_key=key)
        finally:
            if building:
                page_cache.release_claim(key)

    def public(self, request, response, etag: str, last_modified: int | None, cache_key: str = "") -> HttpResponse:
        """A fresh anonymous response: public with validators unless it is this visitor's alone."""
        if response.status_code != 200 or response.has_header("Cache-Control"):
            return response
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # A page that hands out a cookie (a form's CSRF token) is this visitor's alone.
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ["Cookie"])
            return response
        if cache_key:
            page_cache.store(request, cache_key, response)
        self.add_validators(response, etag, last_modified)
        return response

    @staticmethod
    def add_validators(response: HttpResponse, etag: str, last_modified: int | None) -> None:
        if not response.has_header("ETag"):
            response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = cache_control()
        if settings.HTTP_SHARED_MAX_AGE is not None:
            # nginx's proxy cache reads this before Cache-Control and does not pass it on.
            response["X-Accel-Expires"] = str(settings.HTTP_SHARED_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
