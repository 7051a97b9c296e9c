"""Time the heaviest country, actor and timeline pages in-process, uncached (figures in docs/performance.md).

Run from the project directory against a populated database, with production settings, e.g.
    DEBUG=0 DATABASE_URL=postgres://… SECRET_KEY=… ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 \\
        .venv/bin/python scripts/bench/page_profile.py country gb actor timeline
Each page is requested once to warm up, then N times (default 5) through Django's test client;
the median wall time, the process's CPU time, the query count and the queries' own time are
printed. PROFILE=1 adds a cProfile of one more request (SORT, TOP). Reads only.
"""

import cProfile
import io
import os
import pstats
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from positions.models import Actor, Position  # noqa: E402


def urls() -> dict[str, str]:
    country = (
        Position.objects.exclude(country="").order_by().values_list("country").annotate(n=Count("id")).order_by("-n")
    )[0][0].lower()
    busiest = Position.objects.order_by().values("actor").annotate(n=Count("id")).order_by("-n")[0]["actor"]
    return {
        "country": f"/countries/{country}/",
        "gb": "/countries/gb/",
        "actor": f"/actors/{Actor.objects.get(pk=busiest).slug}/",
        "timeline": f"/timeline/?country={country}",
        "timeline_gb": "/timeline/?country=gb",
    }


def main(names: list[str]) -> None:
    client, pages, runs = Client(), urls(), int(os.environ.get("N", "5"))
    for name in names or list(pages):
        url = pages[name]
        client.get(url)
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        db = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(
            f"{name:12} {url:45} {response.status_code} p50 {sorted(walls)[runs // 2]:.0f} ms "
            f"(cpu {sorted(cpus)[runs // 2]:.0f}) queries {len(queries)} db {db:.0f} ms bytes {len(response.content)}"
        )
        if os.environ.get("PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            client.get(url)
            profile.disable()
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(os.environ.get("SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("TOP", "40")))
            print(out.getvalue())


if __name__ == "__main__":
    main(sys.argv[1:])
