"""Abuse resistance without third parties: where a request comes from, and how often it may contribute.

The count lives in the database's shared counters (limits/counters.py) under a hash of the address
(an IPv6 client's /64), and its window is the hour from the first contribution it counts. Every
app process and server shares it, and a post is counted before it is handled, so simultaneous
posts cannot all slip under the limit.
"""

from django.conf import settings

from limits.counters import client_key, counter_key, give_back, take
from web.logins import client_ip

WINDOW_SECONDS = 60 * 60
SCOPE = "contributions"

# The honeypot: a field people never see (hidden by static/css/contributions.css) and bots fill in.
HONEYPOT_FIELD = "website"


def client_address(request) -> str:
    """The address a request came from: the one the login lock-out uses (TRUSTED_PROXY_COUNT).

    Behind a reverse proxy REMOTE_ADDR is the proxy's, so every reader would share one count.
    """
    return client_ip(request) or "unknown"


def limit() -> int:
    return settings.CONTRIBUTION_RATE_LIMIT


def take_contribution(request) -> int:
    """Count this post against the sender's limit: 0 while within it, else the seconds until its window ends."""
    return take(SCOPE, client_key(client_address(request)), limit(), WINDOW_SECONDS)


def give_back_contribution(request) -> None:
    """Uncount a post that stored nothing (a form to correct, a duplicate to confirm)."""
    give_back(counter_key(SCOPE, client_key(client_address(request))))


def honeypot_filled(request) -> bool:
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())
