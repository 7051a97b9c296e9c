"""One discovery run at a time across every app server sharing the database.

PostgreSQL: a session advisory lock, released by the server if the process dies. Elsewhere
(SQLite): a row in RunLock, taken over when older than DISCOVERY_LOCK_STALE_SECONDS, since a
killed run cannot delete its row.
"""

import datetime
import os
import socket
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from discovery.models import RunLock


def advisory_key(name: str) -> int:
    return zlib.crc32(f"tracker:{name}".encode())


@contextmanager
def run_lock(name: str) -> Iterator[bool]:
    """Yields True when this process holds the lock, False when another run does."""
    alias = router.db_for_write(RunLock)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [advisory_key(name)])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [advisory_key(name)])
        return
    held = take_row(name, alias)
    try:
        yield held
    finally:
        if held:
            RunLock.objects.using(alias).filter(name=name).delete()


def take_row(name: str, alias: str) -> bool:
    stale = timezone.now() - datetime.timedelta(seconds=settings.DISCOVERY_LOCK_STALE_SECONDS)
    RunLock.objects.using(alias).filter(name=name, acquired_at__lt=stale).delete()
    try:
        with transaction.atomic(using=alias):
            RunLock.objects.using(alias).create(name=name, holder=f"{socket.gethostname()}:{os.getpid()}"[:200])
    except IntegrityError:
        return False
    return True
