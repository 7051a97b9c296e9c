"""The shared Redis cache, degrading to "no cache" when Redis is unreachable.

Everything in the cache can be rebuilt (fragments keyed by the data version) or is a short-lived
count (rate limits), so an outage of Redis must cost speed, not pages: a read is a miss, a
write is dropped, a count starts again. A failing call waits at most the socket timeouts set in
config/settings.py; after a failure the process skips Redis for RETRY_AFTER_SECONDS (so an
unreachable host does not cost every call its timeout), and the outage is logged once a minute
per process, not per request.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError)
LOG_EVERY_SECONDS = 60
RETRY_AFTER_SECONDS = 5

# What each call answers while Redis is unreachable.
FALLBACKS = {
    "get": lambda *args, **kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda *args, **kwargs: [],
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    # A count that cannot be kept starts again: rate limits fail open rather than refuse everyone.
    "incr": lambda *args, **kwargs: kwargs.get("delta", args[1] if len(args) > 1 else 1),
    "clear": lambda *args, **kwargs: None,
}


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering as an empty cache while Redis cannot be reached."""

    _last_logged = 0.0
    _skip_until = 0.0

    def _unreachable(self, error: Exception) -> None:
        now = time.monotonic()
        ResilientRedisCache._skip_until = now + RETRY_AFTER_SECONDS
        if now - ResilientRedisCache._last_logged >= LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("Redis cache unreachable (%s); serving without the shared cache.", error)


def _resilient(name: str):
    method = getattr(RedisCache, name)
    fallback = FALLBACKS[name]

    @wraps(method)
    def call(self, *args, **kwargs):
        if time.monotonic() < ResilientRedisCache._skip_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self._unreachable(error)
            return fallback(*args, **kwargs)

    return call


for _name in FALLBACKS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
