"""Benchmark the app at scale against PostgreSQL's own figures and against Datasette (issue 6).

Not part of the test run (it lives outside tests/). Usage, from the project root:

    .venv/bin/python scripts/bench/benchmark.py --positions 100000 --regenerate
    .venv/bin/python scripts/bench/benchmark.py                  # reuse the database as it is

It builds (with --regenerate) a PostgreSQL database of N synthetic positions, serves it with
gunicorn on 127.0.0.1 (DEBUG off, plain HTTP) and prints one table: each page's median and p95
time beside the EXPLAIN ANALYZE time of the queries the page runs; CSV export rows/s beside
`COPY (…) TO STDOUT` of the same joined rows, with the worker's peak memory; `import_positions`
of new rows beside `COPY … FROM STDIN` of the same file; requests/s under load; and Datasette
serving our own full export from SQLite (installed into a separate venv, never a dependency).
Results, plans and the table go to --out. Helpers: serving.py (gunicorn, timing) and peers.py
(COPY, import, Datasette).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers import copy_in_rate, copy_out_rate, datasette_peer, import_rate, new_rows_file, sql_import_rate
from serving import (
    PYTHON,
    ROOT,
    admin_connection,
    download,
    environment,
    free_port,
    gunicorn,
    load,
    peak_rss_mb,
    time_page,
    worker_pids,
)

SEED = 1
LOAD_SECONDS = 15
LIST_QUERY = "country=UA&stance=rules_out"
LOAD_MIX = ("home matrix", "list: country+stance", "country page", "position", "feed")


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )


def prepare_database(database_url: str, positions: int, regenerate: bool) -> float | None:
    """Build the database of N positions when asked (or missing); returns the generation time."""
    name = urlsplit(database_url).path.lstrip("/")
    with admin_connection(database_url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not regenerate:
            return None
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = environment(database_url)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "seed_demo")
    started = time.perf_counter()
    manage(env, "generate_data", "--positions", str(positions), "--seed", str(SEED))
    return time.perf_counter() - started


# Targets and pages -------------------------------------------------------------------------------


def pick_targets(export_rows: int) -> dict:
    """Parameters chosen from the data: the busiest actor, a country with about 5,000 positions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM positions_position")
        total = cursor.fetchone()[0]
        cursor.execute("""SELECT a.slug, count(*) FROM positions_position p JOIN positions_actor a ON a.id = p.actor_id
                          GROUP BY a.slug ORDER BY 2 DESC LIMIT 1""")
        actor, actor_positions = cursor.fetchone()
        cursor.execute(
            "SELECT country, count(*) FROM positions_position WHERE country <> '' GROUP BY 1 "
            "ORDER BY abs(count(*) - 5000) LIMIT 1"
        )
        timeline_country, timeline_positions = cursor.fetchone()
        cursor.execute(
            "SELECT country, count(*) FROM positions_position WHERE country <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        )
        largest_country, largest_positions = cursor.fetchone()
        cursor.execute(
            "SELECT stated_on FROM positions_position ORDER BY stated_on DESC OFFSET %s LIMIT 1", [export_rows - 1]
        )
        row = cursor.fetchone()
        cursor.execute("SELECT min(id) FROM positions_position WHERE actor_kind = 'official'")
        position_id = cursor.fetchone()[0]
    return {
        "total": total,
        "actor": actor,
        "actor_positions": actor_positions,
        "timeline_country": timeline_country.lower(),
        "timeline_positions": timeline_positions,
        "largest_country": largest_country.lower(),
        "largest_positions": largest_positions,
        "export_from": str(row[0]) if row else "2000-01-01",
        "position_id": position_id,
    }


def pages(targets: dict) -> list[tuple[str, str]]:
    return [
        ("home matrix", "/"),
        # The largest country+stance group of the generated data (issue 17's goal).
        ("list: country+stance", f"/positions/?{LIST_QUERY}"),
        ("list: country+stance+q", "/positions/?country=GB&stance=opposes&q=ceasefire"),
        ("list: q only", "/positions/?q=ceasefire"),
        ("list: deep page 1000", "/positions/?page=1000"),
        ("country page", "/countries/gb/"),
        (
            f"country page, largest: {targets['largest_country'].upper()} ({targets['largest_positions']:,})",
            f"/countries/{targets['largest_country']}/",
        ),
        ("countries", "/countries/"),
        (f"actor ({targets['actor_positions']:,} positions)", f"/actors/{targets['actor']}/"),
        ("actors", "/actors/"),
        (
            f"timeline {targets['timeline_country'].upper()} ({targets['timeline_positions']:,})",
            f"/timeline/?country={targets['timeline_country']}",
        ),
        (
            f"timeline, largest: {targets['largest_country'].upper()} ({targets['largest_positions']:,})",
            f"/timeline/?country={targets['largest_country']}",
        ),
        ("position", f"/positions/{targets['position_id']}/"),
        ("feed", "/feeds/positions/?country=GB"),
    ]


def explain_pages(page_list: list[tuple[str, str]]) -> dict:
    """Render each page in-process, then EXPLAIN ANALYZE every SELECT it ran: the database's share."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, results = Client(), {}
    for label, path in page_list:
        client.get(path)  # warm caches, as the timed runs are
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        selects = [
            q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        total, slowest = 0.0, (0.0, "", "")
        with connection.cursor() as cursor:
            for sql in selects:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
                spent = plan["Execution Time"] + plan["Planning Time"]
                total += spent
                if spent >= slowest[0]:
                    slowest = (spent, sql, "")
            if slowest[1]:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[1])
                slowest = (slowest[0], slowest[1], "\n".join(row[0] for row in cursor.fetchall()))
        results[label] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "db_ms": total,
            "slowest_ms": slowest[0],
            "slowest_sql": slowest[1],
            "plan": slowest[2],
        }
    connection.close()
    return results


# Report ------------------------------------------------------------------------------------------


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.1f}×" if theirs else "–"


def table(results: dict) -> str:
    lines = [
        "| measure | app | PostgreSQL alone | app ÷ PostgreSQL | Datasette | app ÷ Datasette | HTTP | queries | load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    peer = results.get("datasette", {})
    for label, page in results["pages"].items():
        db = results["explain"].get(label, {})
        peer_cells = ["–", "–"]
        if label == "list: country+stance" and peer:
            faceted = peer.get("list_with_facets", peer["list"])
            peer_cells = [
                f"{peer['list']['p50']:.0f} / {peer['list']['p95']:.0f} ms plain, "
                f"{faceted['p50']:.0f} / {faceted['p95']:.0f} ms with the four facets",
                ratio(page["p50"], faceted["p50"]),
            ]
        lines.append(
            f"| {label} (p50 / p95) | {page['p50']:.0f} / {page['p95']:.0f} ms | {db.get('db_ms', 0):.1f} ms "
            f"| {ratio(page['p50'], db.get('db_ms', 0))} | {' | '.join(peer_cells)} | {page['status']} "
            f"| {db.get('queries', '–')} | {page.get('load', 0):.1f} |"
        )
    for name, export in results["exports"].items():
        db = results["copy_out"][name]
        peer_cells = ["–", "–"]
        if name == "all rows" and peer:
            peer_cells = [
                f"{peer['export']['rows_per_s']:,.0f} rows/s",
                f"{export['rows_per_s'] / peer['export']['rows_per_s']:.2f}",
            ]
        lines.append(
            f"| CSV export, {name} ({export['rows']:,} rows; worker peak {export['peak_mb']:.0f} MB) "
            f"| {export['rows_per_s']:,.0f} rows/s | COPY TO {db['rows_per_s']:,.0f} rows/s "
            f"| {100 * export['rows_per_s'] / db['rows_per_s']:.0f} % | {' | '.join(peer_cells)} "
            f"| {export['status']} | | {export.get('load', 0):.1f} |"
        )
    if "import" in results:
        imp, db = results["import"], results["copy_in"]
        lines.append(
            f"| import_positions, {imp['rows']:,} new rows (peak {imp['peak_mb']:.0f} MB) "
            f"| {imp['rows_per_s']:,.0f} rows/s | COPY FROM {db['rows_per_s']:,.0f} rows/s "
            f"| {100 * imp['rows_per_s'] / db['rows_per_s']:.1f} % | – | – | exit {imp['exit']} | | |"
        )
        if "sql_import" in results:
            sql = results["sql_import"]
            lines.append(
                f"| the same import, against PostgreSQL writing the rows itself (INSERT … SELECT into the real tables) "
                f"| {imp['rows_per_s']:,.0f} rows/s | SQL import {sql['rows_per_s']:,.0f} rows/s "
                f"| {100 * imp['rows_per_s'] / sql['rows_per_s']:.0f} % | – | – | | | |"
            )
    for run in results["load"]:
        lines.append(
            f"| {run['clients']} concurrent clients | {run['rps']:.1f} req/s | – | – | – | – "
            f"| {run['errors']} errors / {run['requests']} | | |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:55432/bench")
    parser.add_argument("--positions", type=int, default=100_000, help="Positions to generate (with --regenerate).")
    parser.add_argument("--regenerate", action="store_true", help="Drop and rebuild the benchmark database.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--export-rows", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--skip-import", action="store_true", help="No import timing (the longest phase).")
    parser.add_argument("--skip-100k-export", action="store_true", help="Export all rows only.")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-results"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    env = environment(args.database_url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    def save() -> None:
        (args.out / "results.json").write_text(json.dumps(results, indent=2, default=str))

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    results: dict = {
        "machine": f"{os.cpu_count()} cores",
        "commit": commit,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    results["generate_seconds"] = prepare_database(args.database_url, args.positions, args.regenerate)
    # A database kept from an earlier run gets this commit's migrations (idempotent).
    manage(env, "migrate", "--verbosity", "0")
    # DEBUG off serves hashed static names from the manifest, as in production.
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    django.setup()
    random.seed(SEED)
    targets = pick_targets(args.export_rows)
    results["targets"] = targets
    print(f"{targets['total']:,} positions; targets: {targets}", flush=True)
    page_list = pages(targets)
    results["explain"] = explain_pages(page_list)
    (args.out / "explain.json").write_text(json.dumps(results["explain"], indent=2))

    port = free_port()
    with gunicorn(env, port, args.workers, args.out / "gunicorn-pages.log"):
        results["pages"] = {}
        for label, path in page_list:
            results["pages"][label] = time_page(port, path) | {"path": path, "load": os.getloadavg()[0]}
            print(f"{label}: {results['pages'][label]}", flush=True)
        # The everyday mix under load: matrix, filtered list, country, actor, one position, feed.
        ok_paths = [
            path
            for label, path in page_list
            if (label in LOAD_MIX or label.startswith("actor (")) and results["pages"][label]["status"] == 200
        ]
        results["load"] = [load(port, ok_paths, clients, LOAD_SECONDS) for clients in (8, 32)]
        print(f"load: {results['load']}", flush=True)
    save()

    results["exports"], results["copy_out"] = {}, {}
    exports = {f"{args.export_rows:,} newest rows": f"date_from={targets['export_from']}", "all rows": ""}
    if args.skip_100k_export:
        exports.pop(f"{args.export_rows:,} newest rows")
    for name, query in exports.items():
        port = free_port()
        # A fresh single worker per export, so its peak memory is the export's.
        with gunicorn(env, port, 1, args.out / f"gunicorn-export-{name.split()[0]}.log") as master:
            export = download(
                port, f"/positions/export.csv?{query}", args.out / f"export-{name.split()[0].replace(',', '')}.csv"
            )
            export["peak_mb"] = max((peak_rss_mb(pid) for pid in worker_pids(master.pid)), default=0.0)
            export["load"] = os.getloadavg()[0]
        results["exports"][name] = export
        results["copy_out"][name] = copy_out_rate(args.database_url, targets["export_from"] if query else "0001-01-01")
        print(f"export {name}: {export}; COPY: {results['copy_out'][name]}", flush=True)
        save()

    full_export = args.out / "export-all.csv"
    if (
        not args.skip_import
        and (ROOT / "positions/management/commands/import_positions.py").exists()
        and results["exports"]["all rows"]["rows"]
    ):
        import_csv = args.out / "import.csv"
        rows = new_rows_file(full_export, import_csv, args.import_rows)
        results["copy_in"] = copy_in_rate(args.database_url, import_csv)
        results["sql_import"] = sql_import_rate(args.database_url, import_csv)
        print(f"SQL import: {results['sql_import']}", flush=True)
        results["import"] = import_rate(args.database_url, import_csv, rows)
        print(f"import: {results['import']}; COPY FROM: {results['copy_in']}", flush=True)
        save()

    if not args.skip_datasette and results["exports"]["all rows"]["rows"]:
        try:
            results["datasette"] = datasette_peer(full_export, args.out, LIST_QUERY)
            print(f"datasette: {results['datasette']}", flush=True)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            print(f"Datasette skipped: {error}", flush=True)

    report = table(results)
    print(report)
    (args.out / "table.md").write_text(report + "\n")
    plans = "\n\n".join(
        f"### {label} ({page['slowest_ms']:.1f} ms of {page['db_ms']:.1f} ms)\n\n```sql\n"
        f"{page['slowest_sql']}\n```\n\n```\n{page['plan']}\n```"
        for label, page in results["explain"].items()
    )
    (args.out / "plans.md").write_text(plans + "\n")
    save()
    print(f"Results, plans and table in {args.out}")


if __name__ == "__main__":
    main()
