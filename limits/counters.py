"""Atomic counts per client and window, in the database: shared by every app process and server.

A count kept in each process's memory is split over gunicorn's workers (70 API requests in a row
were never refused), a count read and then written lets simultaneous requests through together
(40 at once were accepted 29 times against a limit of 5), and a count in an evicting cache is
reset by anyone who fills the cache. One INSERT … ON CONFLICT … RETURNING statement (SQLite 3.35+
and PostgreSQL) counts a hit and answers the new count, so no two requests ever see the same one.
"""

import hashlib
import ipaddress
import time

from django.db import connections, router
from django.db.models import F

from limits.models import Counter


def client_key(address: str | None) -> str:
    """What one client is counted under: its IPv4 address, or its IPv6 /64 (one subscriber's network).

    Anyone holding a /64 has 2^64 addresses to rotate through; IPv4 addresses mapped into IPv6 count as IPv4.
    """
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if parsed.version == 6 and parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def counter_key(scope: str, client: str) -> str:
    """The row's key: the scope and a hash of the client (addresses are not stored)."""
    return f"{scope}:{hashlib.sha256(client.encode()).hexdigest()}"


def _connection():
    return connections[router.db_for_write(Counter)]


def hit(key: str, window_seconds: int) -> tuple[int, int]:
    """Count one hit on `key`: the hits in its current window, this one included, and the window's end (Unix time).

    A window starts at the first hit after the last one ended.
    """
    now = int(time.time())
    connection = _connection()
    table = connection.ops.quote_name(Counter._meta.db_table)
    key_column = connection.ops.quote_name("key")
    sql = (
        f"INSERT INTO {table} ({key_column}, hits, expires) VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET "
        f"hits = CASE WHEN {table}.expires > %s THEN {table}.hits + 1 ELSE 1 END, "
        f"expires = CASE WHEN {table}.expires > %s THEN {table}.expires ELSE excluded.expires END "
        "RETURNING hits, expires"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, now + window_seconds, now, now])
        hits, expires = cursor.fetchone()
    return hits, expires


def prune() -> int:
    """Delete the rows whose window has ended; returns how many.

    An ended row is harmless (its next hit starts a new window), so pruning is housekeeping done by
    `prune_limits` from cron, not by a request: a request's queries stay the same every time.
    """
    deleted, _ = Counter.objects.using(_connection().alias).filter(expires__lte=int(time.time())).delete()
    return deleted


def give_back(key: str) -> None:
    """Take back one hit: the thing counted did not happen after all (a form to correct), or has finished."""
    Counter.objects.using(_connection().alias).filter(key=key, hits__gt=0).update(hits=F("hits") - 1)


def take(scope: str, client: str, limit: int, window_seconds: int) -> int:
    """Count one hit by `client`: 0 while within `limit` per window, else the seconds until the window ends."""
    hits, expires = hit(counter_key(scope, client), window_seconds)
    return 0 if hits <= limit else max(1, expires - int(time.time()))
