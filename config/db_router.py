"""Read replicas: public reads go to a healthy replica, everything else to the primary.

`DATABASE_REPLICA_URLS` (settings) adds the aliases replica1, replica2, … Reads go to a
replica only inside a request that `PrimaryPinMiddleware` let through: a GET or HEAD outside
the admin, from a browser that has not written in the last REPLICA_PIN_SECONDS (a signed, dated
cookie set on every write's answer: read-your-writes; a forged or expired one pins nothing).
Management commands, the admin, writes, and any read inside a transaction on the primary stay
on the primary, so derived data is never computed from a replica's older rows.

A replica is used only while it answers and lags less than REPLICA_MAX_LAG_SECONDS; its health
is checked at most every REPLICA_CHECK_SECONDS per process. A replica failing in the middle of a
request marks it down and the view is run again on the primary (`ReplicaFallbackMiddleware`):
the visitor sees no error.
"""

import itertools
import logging
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from config.errors import DATABASE_UNAVAILABLE

try:  # a server-side cursor closed after its server went away raises the driver's own error
    from psycopg import InterfaceError as DriverInterfaceError
    from psycopg import OperationalError as DriverOperationalError

    REPLICA_FAILURES = (*DATABASE_UNAVAILABLE, DriverOperationalError, DriverInterfaceError)
except ImportError:  # SQLite only
    REPLICA_FAILURES = DATABASE_UNAVAILABLE

logger = logging.getLogger(__name__)

# True while the current request may read from a replica (set per request, reset after it).
replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
# The replica the current request read from, if any (for the fallback).
replica_used: ContextVar[str | None] = ContextVar("replica_used", default=None)

PIN_COOKIE = "primary_reads"
PIN_SALT = "config.db_router.primary_reads"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# PostgreSQL: seconds the replica's replayed data is behind; 0 when it has replayed all it received.
LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)


class ReplicaHealth:
    """Whether each replica is usable, checked at most every REPLICA_CHECK_SECONDS (per process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.checked: dict[str, tuple[float, bool]] = {}  # alias → (when, healthy)

    def healthy(self, alias: str) -> bool:
        now = time.monotonic()
        when, healthy = self.checked.get(alias, (None, False))
        if when is not None and now - when < settings.REPLICA_CHECK_SECONDS:
            return healthy
        healthy = self.check(alias)
        with self.lock:
            self.checked[alias] = (now, healthy)
        return healthy

    def mark_down(self, alias: str) -> None:
        with self.lock:
            self.checked[alias] = (time.monotonic(), False)

    def forget(self) -> None:
        with self.lock:
            self.checked.clear()

    @staticmethod
    def check(alias: str) -> bool:
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute(LAG_SQL if connection.vendor == "postgresql" else "SELECT 0")
                lag = float(cursor.fetchone()[0] or 0)
        except DATABASE_UNAVAILABLE as exception:
            logger.warning("Replica %s unavailable, reading from the primary: %s", alias, exception)
            connection.close_if_unusable_or_obsolete()
            return False
        if lag > settings.REPLICA_MAX_LAG_SECONDS:
            logger.warning("Replica %s lags %.1f s, reading from the primary", alias, lag)
            return False
        return True


health = ReplicaHealth()
_turns = itertools.count()


def pick_replica() -> str:
    """A healthy replica (taking turns), or the primary when none is."""
    replicas = settings.REPLICA_DATABASES
    if not replicas:
        return DEFAULT_DB_ALIAS
    start = next(_turns)
    for offset in range(len(replicas)):
        alias = replicas[(start + offset) % len(replicas)]
        if health.healthy(alias):
            return alias
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db  # related rows of an object come from where the object came from
        if not replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        alias = replica_used.get()
        if alias is None:
            alias = pick_replica()
            replica_used.set(alias)  # one database for the whole request: a consistent view
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def pinned_to_primary(request) -> bool:
    """Whether this browser wrote in the last REPLICA_PIN_SECONDS: the cookie is signed and dated by us.

    Any other value (forged, copied from elsewhere, expired) pins nothing: otherwise anyone could
    send every read of theirs to the primary and past the shared caches that bypass on it.
    """
    pin = request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.REPLICA_PIN_SECONDS)
    return pin == "1"


def may_read_from_replica(request) -> bool:
    return (
        request.method in ("GET", "HEAD") and not request.path.startswith("/admin/") and not pinned_to_primary(request)
    )


class PrimaryPinMiddleware:
    """Lets a request read from a replica, or not (see the module docstring); pins writers for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = replica_reads.set(bool(settings.REPLICA_DATABASES) and may_read_from_replica(request))
        used = replica_used.set(None)
        try:
            response = self.get_response(request)
        finally:
            replica_reads.reset(reads)
            replica_used.reset(used)
        if request.method in WRITE_METHODS and settings.REPLICA_DATABASES:
            # The next pages this browser asks for show what it just wrote.
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def with_fallback(read):
    """read(), or read() again from the primary when the replica it used fails (for middleware reads)."""
    try:
        return read()
    except REPLICA_FAILURES:
        alias = replica_used.get()
        if alias in (None, DEFAULT_DB_ALIAS):
            raise
        health.mark_down(alias)
        connections[alias].close_if_unusable_or_obsolete()
        replica_reads.set(False)
        return read()


class ReplicaFallbackMiddleware:
    """A replica failing during a read: mark it down and answer from the primary instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        alias = replica_used.get()
        if not isinstance(exception, REPLICA_FAILURES) or alias in (None, DEFAULT_DB_ALIAS):
            return None
        logger.warning("Replica %s failed on %s, answering from the primary: %s", alias, request.path, exception)
        health.mark_down(alias)
        connections[alias].close_if_unusable_or_obsolete()
        replica_reads.set(False)
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
