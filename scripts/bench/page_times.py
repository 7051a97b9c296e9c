"""Time the everyday pages in-process, uncached, against an existing database: wall and CPU time, queries.

Run from the project root with the production-like settings of the benchmark, e.g.:

    DEBUG=0 DATABASE_URL=postgres://… SECRET_KEY=… ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 \
        .venv/bin/python scripts/bench/page_times.py list position [--runs 15] [--profile]

Pages: list (the largest country+stance group with its facets), country (the largest), gb, actor
(the one with the most positions), timeline (the largest country's), timeline_gb, position, home
(the issue's goals), then the other public pages: search, countries, actors, sources,
sources_outlet, source, map, compare, about, authorisations, suggest, feed, timeline_topic,
embed_country, embed_timeline, api_positions, api_countries, api_actors, api_sources,
timeline_all, timeline_stance (the timeline without a country); `all` for every one. And
home_after_write, not part of `all`: the home page after a write moved the data version on, so
its cached matrix is rebuilt. Each is requested once to warm up, then --runs times; the figures are the median
and fastest wall time, the median CPU time of this process (less sensitive than wall time to other
work on a shared machine), the queries of the last run and the time the database driver spent in
them. With --profile, one more run is profiled with cProfile (--sort, --top). With --after-write,
every page is timed as home_after_write is: the data version moved on before each request, so no
rendering kept for the version (a `{% cache %}` fragment keyed by it) is found. The version is
moved in this process only (`MovedVersion`), never written: the derived tables a write refreshes
are the writer's cost, so the reader's is the same, and a shared database stays untouched.
With --datasette FILE (the SQLite copy of our export that benchmark.py's Datasette peer builds),
Datasette's plain list of the same country and stance is timed before and after the pages, and
each page's p50 is also given as a multiple of it (issue 30's goals are such ratios).
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Page builds are what is timed: a repeated request must not be answered from the page cache.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Nor must the API's rate limit answer a run's repeated requests with 429s.
os.environ.setdefault("API_RATE_LIMIT", "100000/minute")

import django  # noqa: E402
from peers import datasette_server  # noqa: E402
from serving import time_page  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from positions import derived  # noqa: E402
from positions.models import Actor, Position, Topic  # noqa: E402
from sources.models import Source  # noqa: E402


def largest_group() -> tuple:
    """The (country, stance) with the most positions: the list page's goal and Datasette's plain list."""
    return (
        Position.objects.exclude(country="")
        .order_by()
        .values_list("country", "stance")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )


def page_urls() -> dict[str, str]:
    largest = largest_group()
    country, stance = largest[0].lower(), largest[1]
    # The actor with the most positions: the heaviest actor page.
    busiest = Position.objects.order_by().values("actor").annotate(n=Count("id")).order_by("-n")[0]["actor"]
    actor = Actor.objects.get(pk=busiest).slug
    newest = Position.objects.order_by("-id").values_list("id", flat=True).first()
    source = Source.objects.order_by("-id").values_list("id", "outlet__slug").first()
    topic = Topic.objects.order_by("order", "name").values_list("slug", flat=True).first()
    return {
        "list": f"/positions/?country={country}&stance={stance}",
        "country": f"/countries/{country}/",
        "gb": "/countries/gb/",
        "actor": f"/actors/{actor}/",
        "timeline": f"/timeline/?country={country}",
        "timeline_gb": "/timeline/?country=gb",
        "position": f"/positions/{newest}/",
        "home": "/",
        "search": "/positions/?q=troops",
        "countries": "/countries/",
        "actors": "/actors/",
        "sources": "/sources/",
        "sources_outlet": f"/sources/?outlet={source[1]}",
        "source": f"/sources/{source[0]}/",
        "map": "/map/",
        "compare": f"/compare/?country={country}&country=gb",
        "about": "/about/",
        "authorisations": "/authorisations/",
        "suggest": "/suggest/",
        "feed": "/feeds/positions/",
        "timeline_topic": f"/timeline/?topic={topic}",
        "timeline_all": "/timeline/",
        "timeline_stance": f"/timeline/?stance={stance}",
        # The home page as the first reader after a write sees it: the data version moved on
        # before each request, so the cached matrix is rebuilt (as after an edit).
        "home_after_write": "/?after-write",
        "embed_country": f"/embed/countries/{country}/",
        "embed_timeline": f"/embed/timeline/?country={country}",
        "api_positions": f"/api/v1/positions/?country={country.upper()}",
        "api_countries": "/api/v1/countries/",
        "api_actors": "/api/v1/actors/",
        "api_sources": "/api/v1/sources/",
    }


class MovedVersion:
    """The data version as this process reads it, moved on by `move()` as a write would move it.

    Stands in for derived.current_version (the HTTP cache middleware and every rendering key read
    it there), so timing the first reader after a write writes nothing to the database.
    """

    def __init__(self):
        self.read = derived.current_version
        self.moved: derived.Version | None = None

    def move(self) -> None:
        counter = (self.moved or self.read()).counter + 1
        self.moved = derived.Version(counter, secrets.token_hex(16), timezone.now())

    def __call__(self) -> derived.Version:
        return self.moved or self.read()


def calibration_ms() -> float:
    """A fixed piece of pure Python, best of three: this machine is a VM whose speed drifts with its
    host's load (the same page measured 1.7x slower an hour apart at the same load average), so each
    run prints how fast the machine was, and runs are compared at like calibration."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["list", "position"])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--after-write", action="store_true", help="move the data version on before each request")
    parser.add_argument("--datasette", type=Path, help="Datasette's SQLite copy of our export, for the ratio")
    args = parser.parse_args()
    urls = page_urls()
    # Before the first request: the middleware looks the version's reader up once, when it loads.
    version = derived.current_version = MovedVersion()
    client = Client()
    print(f"load average {os.getloadavg()[0]:.2f}, calibration {calibration_ms():.0f} ms")
    with datasette(args.datasette) if args.datasette else nullcontext() as peer:
        peer_ms = peer() if peer else None
        if peer_ms:
            print(f"Datasette's plain list: p50 {peer_ms:.0f} ms")
        pages(args, urls, client, peer_ms, version)
        if peer:
            print(f"Datasette's plain list, after: p50 {peer():.0f} ms")
    print(f"load average {os.getloadavg()[0]:.2f}, calibration {calibration_ms():.0f} ms")


@contextmanager
def datasette(database: Path):
    """Datasette serving `database` (peers.py); yields a timer of its plain list of the largest country and stance."""
    largest = largest_group()
    path = f"/{database.stem}/positions?country={largest[0]}&stance={largest[1]}&_sort_desc=stated_on"
    with datasette_server(database, Path("/tmp/page_times-datasette.log")) as (port, _process):
        yield lambda: time_page(port, path)["p50"]


def pages(args, urls: dict, client, peer_ms: float | None, version: MovedVersion) -> None:
    for name in [name for name in urls if name != "home_after_write"] if args.pages == ["all"] else args.pages:
        url = urls[name]
        client.get(url)
        walls, cpus = [], []
        for _ in range(args.runs):
            if name == "home_after_write" or args.after_write:
                version.move()
            wall, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        db_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(
            f"{name:14} {url:45} {response.status_code} wall p50 {statistics.median(walls):.0f} ms"
            f" (min {min(walls):.0f})  cpu p50 {statistics.median(cpus):.0f} ms (min {min(cpus):.0f})  queries {len(queries)}"
            f"  db {db_ms:.0f} ms  {len(response.content)} bytes"
            + (f"  {statistics.median(walls) / peer_ms:.1f}x Datasette" if peer_ms else "")
        )
        if args.profile:
            if name == "home_after_write" or args.after_write:
                version.move()
            profile = cProfile.Profile()
            profile.enable()
            client.get(url)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
