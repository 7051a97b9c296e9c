"""Where an import's time goes: `import_file` into a copy of the database, each phase timed.

    .venv/bin/python scripts/bench/import_phases.py --database-url postgres://… --file import.csv [--tree DIR]

The file is import_speed.py's (new rows made from an export). The database is copied first
(`CREATE DATABASE … TEMPLATE`, peers.copy_database) and the copy dropped afterwards, so it stays as it was. `--tree`
runs another checkout's code (say, main's, from `git archive`) with these same timers, so two
versions can be compared in the same minutes. Phases a version does not have are left out;
"commit" is what the transaction's end costs, the deferred foreign-key checks.
"""

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from peers import copy_database
from serving import ROOT, admin_connection, environment

spent: defaultdict[str, float] = defaultdict(float)
began: dict[str, float] = {}
ended: dict[str, float] = {}


def timed(module, name: str, label: str) -> None:
    original = getattr(module, name, None)
    if original is None:
        return

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        began.setdefault(label, started)
        try:
            return original(*args, **kwargs)
        finally:
            ended[label] = time.perf_counter()
            spent[label] += ended[label] - started

    setattr(module, name, wrapper)


# Phases inside Plan.write, which add up to it with "the rest of writing"; PARTS are parts of one of them.
WRITING = (
    "COPY new sources, quotes and positions",
    "history rows",
    "topics, outlets, actors, roles (ORM)",
    "changed rows (ORM)",
    "office ranks of stored positions",
    "country and month stances",
    "facet counts",
    "data version",
)
PARTS = (
    "  of which positions with their search vectors",
    "  completing new positions (Python)",
    "  waiting for the work done meanwhile",
)


def install_timers() -> None:
    from positions import derived, postgres
    from positions.exchange import importer, plan, writer

    timed(importer, "inconsistencies", "checking rows against each other")
    timed(importer.Plan, "match", "matching natural keys")
    timed(writer, "copy_rows", WRITING[0])
    timed(postgres, "copy_positions", PARTS[0])
    timed(writer, "insert_history", WRITING[1])
    timed(plan.Plan, "create", WRITING[2])
    timed(plan.Plan, "update", WRITING[3])
    timed(derived, "rank_positions", WRITING[4])
    timed(plan, "refresh_country_stances", WRITING[5])
    timed(derived, "add_to_facets", WRITING[6])
    timed(derived, "recount_facets", WRITING[6])
    timed(derived, "bump", WRITING[7])
    timed(importer.Plan, "write", "writing, all of it")
    timed(plan.Plan, "add_copied_values", PARTS[1])
    if hasattr(postgres, "Meanwhile"):
        timed(postgres.Meanwhile, "wait", PARTS[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose code is timed")
    args = parser.parse_args()
    name = urlsplit(args.database_url).path.lstrip("/")
    copy_name = f"{name}_phases"
    copy_url = urlsplit(args.database_url)._replace(path=f"/{copy_name}").geturl()
    copy_database(args.database_url, copy_name)
    try:
        os.environ.update(environment(copy_url))
        os.chdir(args.tree)
        sys.path.insert(0, str(args.tree.resolve()))
        import django

        django.setup()
        from positions.exchange.importer import import_file

        install_timers()
        data = args.file.read_bytes()
        started = time.perf_counter()
        report = import_file(data, name=args.file.name)
        total = time.perf_counter() - started
        from django.db import connection

        connection.close()
    finally:
        with admin_connection(args.database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
    if not report.written:
        print("\n".join(report.lines()[:5]), file=sys.stderr)
    writing = spent.pop("writing, all of it", 0.0)
    commit = started + total - ended.get("writing, all of it", started + total)
    reading = began.get("checking rows against each other", started) - started
    print(f"{time.strftime('%H:%M:%S', time.gmtime())} {args.tree}: {report.rows:,} rows in {total:.1f} s")
    print(f"  {'reading and checking each row':<48} {reading:6.1f} s")
    for label, seconds in spent.items():
        print(f"  {label:<48} {seconds:6.1f} s")
    print(f"  {'the rest of writing':<48} {writing - sum(spent[label] for label in WRITING):6.1f} s")
    print(f"  {'commit (the deferred foreign-key checks)':<48} {commit:6.1f} s")


if __name__ == "__main__":
    main()
