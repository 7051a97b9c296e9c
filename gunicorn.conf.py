"""gunicorn's settings for serving the tracker: `gunicorn config.wsgi` reads this file from the project root.

Threaded workers (gthread), so long downloads do not hold every process: two parallel exports
of 30,000 rows on two sync workers kept /healthz waiting 5.9 s; with threads it answers at once
(scripts/bench/export_concurrency.py, figures in docs/performance.md). Every value can be
overridden on the command line or by GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Processes for CPU (one per core, plus one), threads for requests waiting on the database or the client.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
# A gthread worker's heartbeat does not wait for a request, so a long export is not killed by this.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Request line and headers no larger than a browser sends.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"


def post_worker_init(worker):
    """Send no `Server:` header, let short requests through while an export streams, and keep
    the loaded application out of full garbage collections.

    The header tells an attacker what to try and tells readers nothing; gunicorn has no setting
    for it, and writes it in `default_headers`, so each worker drops that one line there.
    A thread streaming an export holds Python's interpreter lock for up to the switch interval
    (5 ms) each time another thread asks for it; a short page asks dozens of times, so a shorter
    interval keeps it short.
    The modules, settings and URL patterns loaded here live as long as the worker, yet every
    full collection walks them all: a large page (a timeline of 1,000 statements) sets one off
    every few requests. Frozen, they are left out (docs/performance.md, run 14).
    """
    import gc
    import sys

    from gunicorn.http import wsgi

    sys.setswitchinterval(0.001)

    original = wsgi.Response.default_headers

    def default_headers(self):
        return [header for header in original(self) if not header.lower().startswith("server:")]

    wsgi.Response.default_headers = default_headers

    gc.collect()
    gc.freeze()
