"""The map and chart downloads (SVG, PNG), built once per data version and normalised address.

A PNG costs about half a second of resvg holding the interpreter lock, so an anonymous reader
could keep a process busy by asking for `/map.png?v=1`, `?v=2`, … (unknown parameters made
each a new address for the page cache). Here an address with parameters the picture does not
use, or with empty ones, is redirected to the one without them; the picture of that address is
then kept in the cache (`default`, like the page cache) for its data version, release, day and
language, whoever asks (a session cookie does not skip it), for RENDER_CACHE_SECONDS. While one
request builds it, the others wait for that copy; a build that starts takes one of the few
places limits/expensive.py allows.
"""

import hashlib
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import get_language

from config import page_cache
from config.http_cache import release
from limits.expensive import expensive_slot
from positions.derived import request_version

KEY_PREFIX = "download"
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def canonical_query(request: HttpRequest, parameters: Iterable[str]) -> str:
    """The query string of the `parameters` the download uses, in that order, without empty values."""
    return urlencode([(name, value) for name in parameters for value in request.GET.getlist(name) if value])


def download_key(request: HttpRequest) -> str:
    address = request.build_absolute_uri().encode("utf-8", "backslashreplace")
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    today = timezone.localdate().isoformat()
    return f"{KEY_PREFIX}:{request_version(request)}:{release()}:{today}:{get_language()}:{digest}"


def keep(key: str, response: HttpResponse) -> None:
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    caches["default"].set(key, (200, headers, response.content, {}), settings.RENDER_CACHE_SECONDS)


def cached_download(request: HttpRequest, parameters: Iterable[str], build: Callable[[], HttpResponse]):
    """The download `build()` makes for the canonical address: from the cache, or built within the bounds."""
    query = canonical_query(request, parameters)
    if query != request.META.get("QUERY_STRING", ""):
        return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
    key = download_key(request)
    response = page_cache.cached_response(key)
    if response is not None:
        return response
    building = page_cache.claim(key)
    if not building:
        response = page_cache.wait_for_build(key)  # another request is building this picture
        if response is not None:
            return response
    try:
        with expensive_slot(request) as refused:
            if refused:
                return refused
            response = build()
            if response.status_code == 200:
                keep(key, response)
            return response
    finally:
        if building:
            page_cache.release_claim(key)
