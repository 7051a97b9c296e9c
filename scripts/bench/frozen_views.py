"""What building a release's frozen views costs (releases/frozen.py), against reading its positions.json.

Not part of the test run. Writes a synthetic release of N positions (positions.json as the export
writes it, offices.csv, topics.csv, actors.csv) into a temporary folder, then times, with no cache:
the reference, parsing positions.json a line at a time and nothing else; deciding every cell by the
stance rule into stances.csv, as making a release does; reading the cells back, as the frozen map and
matrix do (kept for good once read); the timeline of every country and of one. Several runs each, the spread printed; no database needed.

    DEBUG=1 .venv/bin/python scripts/bench/frozen_views.py 10000 100000
"""

import csv
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test.utils import override_settings  # noqa: E402

from positions.choices import OfficeRank  # noqa: E402
from releases import frozen, stances  # noqa: E402

NUMBER = "2099.1.1"
COUNTRIES = ["FR", "DE", "GB", "IT", "PL", "ES", "NL", "SE", "FI", "DK", "NO", "EE", "LV", "LT", "CZ", "SK"] * 12
STANCES = ["supports", "open", "undecided", "opposes", "rules_out", "commentary"]
RUNS = 3


def write_release(folder: Path, count: int) -> None:
    """A release's files of `count` positions by 2,000 actors on 8 topics over five years."""
    rng = random.Random(count)
    target = folder / NUMBER
    target.mkdir(parents=True)
    actors = [
        (f"actor-{i}", f"Actor {i}", COUNTRIES[i % len(COUNTRIES)], rng.choice(["official", "state"]))
        for i in range(2000)
    ]
    start = datetime.date(2021, 1, 1)
    with (
        open(target / "positions.json", "w", encoding="utf-8") as out,
        open(target / "offices.csv", "w", newline="") as offices,
    ):
        ranks = csv.writer(offices, lineterminator="\r\n")
        ranks.writerow(["id", "office_rank"])
        separator = "[\n"
        for pk in range(1, count + 1):
            slug, name, country, kind = actors[rng.randrange(len(actors))]
            row = {
                "id": pk,
                "stated_on": (start + datetime.timedelta(days=rng.randrange(1800))).isoformat(),
                "date_precision": "day",
                "actor": name,
                "actor_slug": slug,
                "actor_kind": kind,
                "country": country,
                "topic": f"topic-{rng.randrange(8)}",
                "stance": rng.choice(STANCES),
                "quote": "Words about troops, as said. " * 8,
                "verification": "confirmed",
                "quote_translation": "original",
                "attribution": rng.choice(["direct", "direct", "spokesperson", "paraphrase"]),
            }
            out.write(separator + json.dumps(row, ensure_ascii=False))
            separator = ",\n"
            ranks.writerow([pk, rng.choice(OfficeRank.values)])
        out.write("\n]\n")
    with open(target / "topics.csv", "w", newline="") as topics:
        writer = csv.writer(topics, lineterminator="\r\n")
        writer.writerow(["topic", "name", "name_uk", "order"])
        writer.writerows([f"topic-{i}", f"Topic {i}", "", i] for i in range(8))
    with open(target / "actors.csv", "w", newline="") as names:
        writer = csv.writer(names, lineterminator="\r\n")
        writer.writerow(["actor_slug", "name", "name_uk"])
        writer.writerows([slug, name, ""] for slug, name, _country, _kind in actors)
    stances.write_stances(str(target))


def timed(work) -> str:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return f"median {statistics.median(times):7.2f} s (min {min(times):.2f}, max {max(times):.2f})"


def main(counts: list[int]) -> None:
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            write_release(Path(folder), count)
            size = (Path(folder) / NUMBER / "positions.json").stat().st_size
            storages = {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                "releases": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}},
            }
            caches = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
            with override_settings(STORAGES=storages, CACHES=caches):
                print(f"{count:,} positions (positions.json {size / 1e6:,.0f} MB), {RUNS} runs each:")
                print(f"  reference: parse positions.json    {timed(lambda: sum(1 for _ in frozen.positions(NUMBER)))}")
                work = str(Path(folder) / NUMBER)
                print(f"  stances.csv, as a release is made  {timed(partial(stances.write_stances, work))}")
                print(f"  cells a map or matrix reads       {timed(lambda: frozen.stance_cells(NUMBER))}")
                print(
                    f"  timeline, every country           {timed(lambda: frozen.timeline_statements(NUMBER, set(), ''))}"
                )
                print(
                    f"  timeline, one country and topic   {timed(lambda: frozen.timeline_statements(NUMBER, {'FR'}, 'topic-1'))}"
                )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
