"""A bounded load test of the public pages: a fixed number of requests from concurrent clients.

Loopback only. Each client is a thread with its own keep-alive HTTP connection; the requests
cycle through a mix of pages and filters like readers' browsing. Prints p50/p95/p99 latency
and the error count, and exits non-zero on any error. Not part of the test suite (pytest
ignores tests/perf); run it against gunicorn serving a database with generated data:

    DATABASE_URL=postgres://... .venv/bin/python manage.py generate_data --positions 100000
    DEBUG=0 SECRET_KEY=... SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1 DATABASE_URL=postgres://... \\
        .venv/bin/gunicorn config.wsgi -b 127.0.0.1:8100 --workers 4
    .venv/bin/python scripts/bench/loadtest.py http://127.0.0.1:8100 --requests 5000 --clients 32
"""

import argparse
import http.client
import ipaddress
import itertools
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

# What readers do: the home matrix, lists with filters and search, detail pages, exports, feed.
DEFAULT_PATHS = [
    "/",
    "/countries/",
    "/countries/gb/",
    "/actors/",
    "/actors/?actor_kind=official",
    "/positions/",
    "/positions/?country=gb",
    "/positions/?topic=combat-troops&stance=opposes",
    "/positions/?q=troops",
    "/positions/?date_from=2024-01-01&date_to=2024-12-31&sort=date",
    "/positions/?country=fr&sort=-stance",
    "/positions/?page=50",
    "/timeline/?country=fr",
    "/sources/",
    "/authorisations/",
    "/feeds/positions/?country=de",
    "/positions/export.csv?country=gb&topic=instructors",
    "/healthz",
]


def loopback_only(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name other than localhost
        loopback = False
    if parts.scheme != "http" or not loopback:
        raise SystemExit(f"refusing to load-test {base_url}: only http:// on the loopback interface")
    return host, parts.port or 80


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []


def client(host: str, port: int, jobs, results: Results, timeout: float) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    for path in jobs:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": host})
            response = connection.getresponse()
            response.read()
            failed = None if response.status < 400 else f"{response.status} {path}"
        except (OSError, http.client.HTTPException) as error:
            failed = f"{type(error).__name__} {path}"
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        elapsed = time.perf_counter() - started
        with results.lock:
            results.latencies.append(elapsed)
            if failed:
                results.errors.append(failed)
    connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8100 (loopback only)")
    parser.add_argument("--requests", type=int, default=3200, help="total requests (fixed, default 3200)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--path", action="append", dest="paths", help="a path to request (repeatable)")
    options = parser.parse_args(argv)
    host, port = loopback_only(options.base_url)
    paths = options.paths or DEFAULT_PATHS

    # One shared, thread-safe iterator hands out exactly --requests paths in a fixed mix.
    requests = itertools.islice(itertools.cycle(paths), options.requests)
    lock = threading.Lock()

    def jobs():
        while True:
            with lock:
                path = next(requests, None)
            if path is None:
                return
            yield path

    results = Results()
    threads = [
        threading.Thread(target=client, args=(host, port, jobs(), results, options.timeout))
        for _ in range(options.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    ms = [latency * 1000 for latency in results.latencies]
    print(
        f"requests: {len(ms)}  clients: {options.clients}  "
        f"wall time: {wall:.1f} s  throughput: {len(ms) / wall:.1f} req/s"
    )
    print(
        f"latency ms  p50: {percentile(ms, 0.50):.1f}  p95: {percentile(ms, 0.95):.1f}  "
        f"p99: {percentile(ms, 0.99):.1f}  max: {max(ms):.1f}  mean: {statistics.fmean(ms):.1f}"
    )
    print(f"errors: {len(results.errors)}")
    for error, count in sorted({e: results.errors.count(e) for e in results.errors}.items())[:20]:
        print(f"  {count} × {error}")
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
