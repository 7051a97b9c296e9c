"""Bounds on the work one anonymous request may start: PNG renders, chart and map builds, workbooks.

resvg holds Python's interpreter lock for a whole render, so every other thread of the process
waits for it; a workbook takes seconds per thousand rows. At most RENDERS_PER_PROCESS such builds
run at once in one app process, and at most RENDERS_PER_CLIENT for one client (an IPv4 address or
IPv6 /64) across every process (the shared counters). Past either, the request is answered at
once, 503 or 429 with Retry-After, instead of queueing. Results that can be reused are cached by
the callers, and a cached answer takes no place here.
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from config.logins import client_ip
from limits.counters import client_key, counter_key, give_back, take

SCOPE = "renders"
# A client's count of running builds is a window this long, should a process die mid-build.
WINDOW_SECONDS = 5 * 60
RETRY_AFTER_SECONDS = 5

_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def process_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings.RENDERS_PER_PROCESS)
        return _slots


def busy(status: int, retry_after: int) -> HttpResponse:
    response = HttpResponse(
        _("The server is busy preparing other downloads. Please try again in a few seconds.") + "\n",
        status=status,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


@contextmanager
def expensive_slot(request):
    """Yields None when this request may start its build, else the 429 or 503 to answer instead."""
    client = client_key(client_ip(request))
    waited = take(SCOPE, client, settings.RENDERS_PER_CLIENT, WINDOW_SECONDS)
    key = counter_key(SCOPE, client)
    if waited:
        give_back(key)
        yield busy(429, RETRY_AFTER_SECONDS)
        return
    slots = process_slots()
    if not slots.acquire(blocking=False):
        give_back(key)
        yield busy(503, RETRY_AFTER_SECONDS)
        return
    try:
        yield None
    finally:
        slots.release()
        give_back(key)
