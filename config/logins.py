"""Who is logging in, and how fast a username may be guessed: the admin login's brute-force rules.

django-axes locks a username from one address after AXES_FAILURE_LIMIT failures. Behind a
reverse proxy every request comes from the proxy's address, so `client_ip` reads the address
the trusted proxies saw (TRUSTED_PROXY_COUNT of them, each appending to X-Forwarded-For);
otherwise one attacker would lock every user out. A guesser spreading attempts over many
addresses is slowed by `UsernameThrottleBackend`: past USERNAME_FAILURE_LIMIT failures for one
username from anywhere within the cool-off period, that username cannot log in until the
failures age out (temporary: the real user is never locked out for good).
"""

import datetime
import ipaddress

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the one our trusted proxies put in X-Forwarded-For.

    Each trusted proxy appends the address it received the request from, so with N trusted
    proxies the client is the N-th entry from the right; entries left of it were written by
    the client itself and are not believed.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def recent_failures(username: str) -> int:
    """Failed logins for this username, from every address, within the cool-off period."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class UsernameThrottleBackend:
    """Refuses a login for a username guessed too often from anywhere; listed before the real backends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and recent_failures(username) >= settings.USERNAME_FAILURE_LIMIT:
            # Stops the backends that follow; the failure is recorded like any other.
            raise PermissionDenied
        return None

    # No get_user: this backend never logs anyone in, so no session names it (force_login and
    # the session machinery pick the first backend that has one).
