"""Abuse resistance without third parties: where a request comes from, and how often it may contribute.

The count lives in Django's cache under a hash of the address, never in the database, and expires
an hour after the first contribution it counts. With the default per-process cache each app
process counts on its own; a shared cache (CACHE_URL) makes the limit hold across them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from config.logins import client_ip

WINDOW_SECONDS = 60 * 60

# The honeypot: a field people never see (hidden by static/css/contributions.css) and bots fill in.
HONEYPOT_FIELD = "website"


def client_address(request) -> str:
    """The address a request came from: the one the login lock-out uses (TRUSTED_PROXY_COUNT).

    Behind a reverse proxy REMOTE_ADDR is the proxy's, so every reader would share one count.
    """
    return client_ip(request) or "unknown"


def _key(address: str) -> str:
    return "contributions:rate:" + hashlib.sha256(address.encode()).hexdigest()


def limit() -> int:
    return settings.CONTRIBUTION_RATE_LIMIT


def is_rate_limited(request) -> bool:
    return cache.get(_key(client_address(request)), 0) >= limit()


def count_contribution(request) -> None:
    key = _key(client_address(request))
    # add() starts the window only if no count is running; incr() then never resets the expiry.
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW_SECONDS)


def honeypot_filled(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())
