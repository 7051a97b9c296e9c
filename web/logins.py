"""Who is logging in, and how fast a username may be guessed: the admin login's brute-force rules.

django-axes locks a username from one address after AXES_FAILURE_LIMIT failures. Behind a
reverse proxy every request comes from the proxy's address, so `client_ip` reads the address
the trusted proxies saw (TRUSTED_PROXY_COUNT of them, each appending to X-Forwarded-For);
otherwise one attacker would lock every user out. A guesser spreading attempts over many
addresses is slowed by `UsernameThrottleBackend`: past USERNAME_FAILURE_LIMIT failures for one
username from anywhere within the cool-off period, that username is paused until the failures
age out, except from an address it has logged in from before.

Only attempts that reached the password check count. Attempts refused because the address is
locked (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT off) or the username paused are not
recorded: otherwise one address, locked after five tries, kept adding to the username's count
(about 30 requests an hour kept an editor out for good, told to "enter the correct password").
Both refusals answer `lockout_response`: what is blocked, why, and until when.
"""

import datetime
import ipaddress

from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
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


def cool_off() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def recent_attempts(username: str):
    """The username's failure records (one per address and browser) within the cool-off period."""
    return AccessAttempt.objects.filter(username=username, attempt_time__gte=timezone.now() - cool_off())


def recent_failures(username: str) -> int:
    """Failed logins for this username, from every address, within the cool-off period."""
    return recent_attempts(username).aggregate(total=Sum("failures_since_start"))["total"] or 0


def paused_until(username: str) -> datetime.datetime | None:
    """When the username's pause ends if no new failure comes, or None if it is not paused.

    The pause lasts while the failures recorded within the cool-off period reach the limit, so it
    ends a cool-off period after the newest records that together reach it.
    """
    total = 0
    for attempt_time, failures in (
        recent_attempts(username).order_by("-attempt_time").values_list("attempt_time", "failures_since_start")
    ):
        total += failures
        if total >= settings.USERNAME_FAILURE_LIMIT:
            return attempt_time + cool_off()
    return None


def known_address(username: str, address: str | None) -> bool:
    """Whether this username has logged in from this address before (django-axes' access log)."""
    return bool(address) and AccessLog.objects.filter(username=username, ip_address=address).exists()


class UsernameThrottleBackend:
    """Refuses a login for a username guessed too often from anywhere; listed before the real backends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or request is None:
            return None
        until = paused_until(username)
        if until is None or known_address(username, client_ip(request)):
            return None
        request.username_paused_until = until
        # Not recorded as a failure (no password was checked), and answered by lockout_response.
        request.axes_locked_out = True
        raise PermissionDenied  # stops the backends that follow

    # No get_user: this backend never logs anyone in, so no session names it (force_login and
    # the session machinery pick the first backend that has one).


def lockout_response(request, original_response=None, credentials=None):
    """The page for a refused login: the username paused everywhere, or locked from this address."""
    username = get_client_username(request, credentials) or ""
    paused = getattr(request, "username_paused_until", None)
    if paused is not None:
        until = paused
    else:
        last = (
            AccessAttempt.objects.filter(username=username, ip_address=client_ip(request))
            .order_by("-attempt_time")
            .values_list("attempt_time", flat=True)
            .first()
        )
        until = last + cool_off() if last else None
    context = {
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "paused": paused is not None,
        "until": until,
        "cooloff_timedelta": cool_off(),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
