"""Time API list calls in-process (Django's test client): p50 and p95 per call, no network in between.

Usage, from the project root, against a database of generated positions:

    DATABASE_URL=postgres://… .venv/bin/python scripts/bench/api_latency.py --requests 50

Cases: the first page unfiltered, a filtered first page (the busiest country and stance), a deep
cursor page (past 90 % of all positions, newest first) and a deep page with a country filter.
The deep cursors are signed here as the API signs its own, at a row picked by SQL, rather than
followed page by page. The rate limit is lifted for the run.

--explain adds, per case, PostgreSQL's own time: every query of one request run again under
EXPLAIN ANALYZE (execution + planning), in total and for the slowest (benchmark.explain_pages).
--http also times each case over HTTP, through gunicorn on 127.0.0.1 (the committed
gunicorn.conf.py, one worker, DEBUG off), on a fresh connection per request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["API_RATE_LIMIT"] = "1000000/minute"
from serving import environment, free_port, get, gunicorn  # noqa: E402

# The benchmark's settings, shared with the gunicorn of --http: the cursors signed here must verify there.
os.environ.update(environment(os.environ.get("DATABASE_URL", "")))

import django  # noqa: E402

django.setup()

from django.core import signing  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from positions.api.pagination import CURSOR_SALT  # noqa: E402
from positions.models import Position  # noqa: E402

API = "/api/v1/positions/"


def cursor_at(positions, offset: int) -> str:
    stated_on, pk = positions.order_by("-stated_on", "-id").values_list("stated_on", "id")[offset]
    payload = {"keys": ["stated_on", "id"], "after": [stated_on.isoformat(), pk], "forward": True}
    return signing.dumps(payload, salt=CURSOR_SALT, compress=True)


def cases() -> dict[str, str]:
    total = Position.objects.count()
    country, stance = (
        Position.objects.exclude(country="")
        .order_by()
        .values_list("country", "stance")
        .annotate(n=Count("id"))
        .order_by("-n")[0][:2]
    )
    of_country = Position.objects.filter(country=country)
    deep = cursor_at(Position.objects.all(), int(total * 0.9))
    deep_country = cursor_at(of_country, int(of_country.count() * 0.9))
    code = country.lower()
    return {
        f"first page, unfiltered ({total:,} positions)": f"{API}",
        f"first page, country={code}&stance={stance}": f"{API}?country={code}&stance={stance}",
        "deep cursor page (90 % in), unfiltered": f"{API}?cursor={deep}",
        f"deep cursor page (90 % in), country={code}": f"{API}?country={code}&cursor={deep_country}",
        f"first page, country={code}&date_from=2024-01-01": f"{API}?country={code}&date_from=2024-01-01",
    }


def percentiles(times: list[float]) -> str:
    return f"{statistics.median(times):8.1f} {statistics.quantiles(times, n=20)[18]:8.1f}"


def in_process(url: str, requests: int) -> tuple[str, int]:
    client = Client()
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return percentiles(times), len(response.json()["results"])


def over_http(port: int, url: str, requests: int) -> str:
    for _ in range(3):
        status, _size, _ms = get(port, url)
        assert status == 200, (url, status)
    return percentiles([get(port, url)[2] for _ in range(requests)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per case (after 3 warm-ups)")
    parser.add_argument("--explain", action="store_true", help="add PostgreSQL's own time per case")
    parser.add_argument("--http", action="store_true", help="also time each case over HTTP through gunicorn")
    args = parser.parse_args()
    urls = cases()
    explained = {}
    if args.explain:
        from benchmark import explain_pages

        explained = explain_pages(list(urls.items()))
    header = f"{'case':<56} {'p50 ms':>8} {'p95 ms':>8} rows"
    if args.explain:
        header += "  queries  PostgreSQL ms (slowest)"
    print(header, flush=True)
    for name, url in urls.items():
        figures, rows = in_process(url, args.requests)
        line = f"{name:<56} {figures} {rows:4}"
        if args.explain:
            plan = explained[name]
            line += f"  {plan['queries']:7}  {plan['db_ms']:6.2f} ({plan['slowest_ms']:.2f})"
        print(line, flush=True)
    if args.http:
        port = free_port()
        with gunicorn(dict(os.environ), port, 1, Path("/tmp/api-latency-gunicorn.log")):
            print(f"\nover HTTP (gunicorn, 1 worker)\n{'case':<56} {'p50 ms':>8} {'p95 ms':>8}", flush=True)
            for name, url in urls.items():
                print(f"{name:<56} {over_http(port, url, args.requests)}", flush=True)


if __name__ == "__main__":
    main()
