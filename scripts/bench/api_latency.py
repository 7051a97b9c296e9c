"""Time API list calls in-process (Django's test client): p50 and p95 per call, no network in between.

Usage, from the project root, against a database of generated positions:

    DATABASE_URL=postgres://… .venv/bin/python scripts/bench/api_latency.py --requests 50

Cases: the first page unfiltered, a filtered first page (the busiest country and stance), a deep
cursor page (past 90 % of all positions, newest first) and a deep page with a country filter.
The deep cursors are signed here as the API signs its own, at a row picked by SQL, rather than
followed page by page. The rate limit is lifted for the run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "api-latency-benchmark-key-not-secret-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["API_RATE_LIMIT"] = "1000000/minute"

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per case (after 3 warm-ups)")
    args = parser.parse_args()
    client = Client()
    print(f"{'case':<60} {'p50 ms':>8} {'p95 ms':>8} rows")
    for name, url in cases().items():
        for _ in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        rows = len(response.json()["results"])
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{name:<60} {statistics.median(times):8.1f} {p95:8.1f} {rows}")


if __name__ == "__main__":
    main()
