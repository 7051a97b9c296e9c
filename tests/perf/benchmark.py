"""Benchmark the app at scale against PostgreSQL's own figures and against Datasette (issue 6).

Not part of the test run (pytest collects only test_*.py). Usage, from the project root:

    .venv/bin/python tests/perf/benchmark.py --positions 100000 --regenerate
    .venv/bin/python tests/perf/benchmark.py                  # reuse the database as it is

It builds (with --regenerate) a PostgreSQL database of N synthetic positions, serves it with
gunicorn on 127.0.0.1 (DEBUG off, plain HTTP) and prints one table: each page's median and p95
time beside the EXPLAIN ANALYZE time of the queries the page runs; CSV export rows/s beside
`COPY (…) TO STDOUT` of the same joined rows, with the worker's peak memory; `import_positions`
of new rows beside `COPY … FROM STDIN` of the same file; requests/s under load; and Datasette
serving our own full export from SQLite (installed into a separate venv, never a dependency).
Results, plans and the table go to --out.
"""

import argparse
import csv
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BENCH_VENV = Path("/tmp/bench-venv")
SEED = 1
REPEAT = 15
LOAD_SECONDS = 15
PAGE_BUDGET_SECONDS = 20
LOAD_MIX = ("home matrix", "list: country+stance", "country page", "position", "feed")

# The joined rows of the exchange format (DESIGN.md), as the export builds them: what COPY is timed on.
EXPORT_SQL = """
    SELECT p.id, p.stated_on, p.date_precision, a.name, a.slug, p.actor_kind, p.country,
           (SELECT r.title FROM positions_role r
             WHERE r.actor_id = p.actor_id AND r.start_on <= p.stated_on AND (r.end_on IS NULL OR r.end_on >= p.stated_on)
             ORDER BY r.start_on DESC, r.id DESC LIMIT 1),
           t.slug, p.stance, p.conditions, p.summary, q.text, q.original_text, q.original_language, p.verification,
           s.title, s.url, o.name, s.published_on, s.published_precision, s.archive_url
      FROM positions_position p
      JOIN positions_actor a ON a.id = p.actor_id
      JOIN positions_topic t ON t.id = p.topic_id
      JOIN sources_quote q ON q.id = p.quote_id
      JOIN sources_source s ON s.id = q.source_id
      JOIN sources_outlet o ON o.id = s.outlet_id
     WHERE p.stated_on >= %(date_from)s
     ORDER BY p.stated_on DESC, p.id DESC
"""


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-secret-key-not-for-production-0123456789abcdefghij",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(database_url: str):
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
                          capture_output=capture)


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
        cursor.execute("SELECT country, count(*) FROM positions_position WHERE country <> '' GROUP BY 1 "
                       "ORDER BY abs(count(*) - 5000) LIMIT 1")
        timeline_country, timeline_positions = cursor.fetchone()
        cursor.execute("SELECT stated_on FROM positions_position ORDER BY stated_on DESC OFFSET %s LIMIT 1",
                       [export_rows - 1])
        row = cursor.fetchone()
        cursor.execute("SELECT min(id) FROM positions_position WHERE actor_kind = 'official'")
        position_id = cursor.fetchone()[0]
    return {
        "total": total, "actor": actor, "actor_positions": actor_positions, "timeline_country": timeline_country.lower(),
        "timeline_positions": timeline_positions, "export_from": str(row[0]) if row else "2000-01-01",
        "position_id": position_id,
    }


def pages(targets: dict) -> list[tuple[str, str]]:
    return [
        ("home matrix", "/"),
        ("list: country+stance", "/positions/?country=GB&stance=opposes"),
        ("list: country+stance+q", "/positions/?country=GB&stance=opposes&q=ceasefire"),
        ("list: q only", "/positions/?q=ceasefire"),
        ("list: deep page 1000", "/positions/?page=1000"),
        ("country page", "/countries/gb/"),
        ("countries", "/countries/"),
        (f"actor ({targets['actor_positions']:,} positions)", f"/actors/{targets['actor']}/"),
        ("actors", "/actors/"),
        (f"timeline {targets['timeline_country'].upper()} ({targets['timeline_positions']:,})",
         f"/timeline/?country={targets['timeline_country']}"),
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
        selects = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
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
        results[label] = {"status": response.status_code, "queries": len(captured.captured_queries),
                          "db_ms": total, "slowest_ms": slowest[0], "slowest_sql": slowest[1], "plan": slowest[2]}
    connection.close()
    return results


# Serving and timing ------------------------------------------------------------------------------


@contextmanager
def serve(command: list[str], env: dict, port: int, ready_path: str, log: Path):
    """A server on 127.0.0.1, stopped by its own PID however the block ends."""
    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                status, _body, _ms = get(port, ready_path)
                if status < 500:
                    break
            except OSError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited; see {log}")
            time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def gunicorn(env: dict, port: int, workers: int, log: Path):
    command = [GUNICORN, "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--timeout", "900", "--access-logfile", "-"]
    return serve(command, env, port, "/healthz", log)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(port: int, path: str, sink=None) -> tuple[int, int, float]:
    """(status, body bytes, milliseconds) of one GET on a fresh connection, the body read in full."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
            if sink:
                sink.write(chunk)
        return response.status, size, (time.perf_counter() - started) * 1000
    finally:
        conn.close()


def time_page(port: int, path: str, budget: float = PAGE_BUDGET_SECONDS) -> dict:
    """Median and p95 of up to REPEAT runs after a warm-up; fewer (at least 3) for a page slower than the budget."""
    get(port, path)
    runs, stop = [], time.perf_counter() + budget
    while len(runs) < REPEAT and (len(runs) < 3 or time.perf_counter() < stop):
        runs.append(get(port, path))
    times = sorted(ms for _status, _size, ms in runs)
    return {"status": runs[-1][0], "p50": statistics.median(times), "p95": times[round(0.95 * (len(times) - 1))],
            "runs": len(runs)}


def download(port: int, path: str, target: Path) -> dict:
    with target.open("wb") as sink:
        status, size, ms = get(port, path, sink)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = max(0, sum(1 for _ in csv.reader(handle)) - 1)
    return {"status": status, "rows": rows, "mb": size / 1e6, "seconds": ms / 1000, "rows_per_s": rows / (ms / 1000)}


def load(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """Requests per second with `clients` concurrent clients cycling through the pages, and errors."""
    done, errors, stop = [0], [0], time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int):
        turn = offset
        while time.perf_counter() < stop:
            try:
                status, _size, _ms = get(port, paths[turn % len(paths)])
                failed = status >= 400
            except OSError:
                failed = True
            with lock:
                done[0] += 1
                errors[0] += failed
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"clients": clients, "rps": done[0] / (time.perf_counter() - started), "requests": done[0], "errors": errors[0]}


# The database's own figures ----------------------------------------------------------------------


def copy_out_rate(database_url: str, date_from: str) -> dict:
    import psycopg

    with psycopg.connect(database_url) as conn:
        sql = psycopg.ClientCursor(conn).mogrify(EXPORT_SQL, {"date_from": date_from})
        rows, size, started = 0, 0, time.perf_counter()
        with conn.cursor() as cursor, cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV") as copy:
            for data in copy:
                size += len(data)
        seconds = time.perf_counter() - started
        rows = conn.execute(f"SELECT count(*) FROM ({sql}) AS export").fetchone()[0]
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "mb": size / 1e6}


def copy_in_rate(database_url: str, csv_path: Path) -> dict:
    import psycopg

    with psycopg.connect(database_url) as conn:
        header = next(csv.reader(csv_path.open(encoding="utf-8-sig")))
        columns = ", ".join(f'"{name}" text' for name in header)
        conn.execute(f"CREATE TEMP TABLE import_staging ({columns})")
        started = time.perf_counter()
        with conn.cursor() as cursor, cursor.copy("COPY import_staging FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(csv_path.read_bytes())
        seconds = time.perf_counter() - started
        rows = conn.execute("SELECT count(*) FROM import_staging").fetchone()[0]
        conn.rollback()
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds}


# Import ------------------------------------------------------------------------------------------


def new_rows_file(export: Path, target: Path, rows: int) -> int:
    """Our export turned into new statements: other source URLs and quote texts, same actors and topics."""
    with export.open(encoding="utf-8-sig", newline="") as source, target.open("w", encoding="utf-8", newline="") as out:
        reader, writer, count = csv.DictReader(source), None, 0
        for row in reader:
            if count == rows:
                break
            writer = writer or csv.DictWriter(out, fieldnames=reader.fieldnames)
            if count == 0:
                writer.writeheader()
            row["source_url"] = f"https://bench-import.example/{count}"
            row["quote"] = f"{row['quote']} (bench import {count})"
            writer.writerow(row)
            count += 1
    return count


def import_rate(database_url: str, csv_path: Path, rows: int) -> dict:
    """import_positions into a copy of the database, so the benchmark database stays as generated."""
    name = urlsplit(database_url).path.lstrip("/")
    copy_name = f"{name}_import"
    copy_url = urlsplit(database_url)._replace(path=f"/{copy_name}").geturl()
    with admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        conn.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{name}"')
    try:
        started = time.perf_counter()
        process = subprocess.Popen([PYTHON, "manage.py", "import_positions", str(csv_path)], cwd=ROOT,
                                   env=environment(copy_url), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        with admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "peak_mb": usage.ru_maxrss / 1024,
            "exit": process.returncode, "output": output[-2000:]}


# Datasette ---------------------------------------------------------------------------------------


def datasette_peer(full_export: Path, work: Path, list_query: str) -> dict:
    """Datasette serving our own full export from SQLite, indexed on country, stance and date."""
    if not (BENCH_VENV / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run([str(BENCH_VENV / "bin" / "pip"), "install", "--quiet", "datasette", "sqlite-utils"], check=True)
    database = work / "bench.db"
    database.unlink(missing_ok=True)
    utils = str(BENCH_VENV / "bin" / "sqlite-utils")
    started = time.perf_counter()
    subprocess.run([utils, "insert", str(database), "positions", str(full_export), "--csv"], check=True,
                   stdout=subprocess.DEVNULL)
    for column in ("country", "stance", "stated_on"):
        subprocess.run([utils, "create-index", str(database), "positions", column], check=True)
    load_seconds = time.perf_counter() - started
    port = free_port()
    command = [str(BENCH_VENV / "bin" / "datasette"), "serve", str(database), "--host", "127.0.0.1", "--port", str(port),
               "--setting", "sql_time_limit_ms", "60000", "--setting", "max_csv_mb", "0",
               # Facet suggestions cost ~1 s a page at this size; a site serving this much turns them off.
               "--setting", "suggest_facets", "off"]
    with serve(command, os.environ.copy(), port, "/-/versions.json", work / "datasette.log") as process:
        listing = time_page(port, f"/bench/positions?{list_query}&_sort_desc=stated_on")
        full = download(port, "/bench/positions.csv?_stream=on&_size=max", work / "datasette-export.csv")
        full["peak_mb"] = peak_rss_mb(process.pid)
    return {"load_seconds": load_seconds, "list": listing, "export": full}


# Report ------------------------------------------------------------------------------------------


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.1f}×" if theirs else "–"


def table(results: dict) -> str:
    lines = ["| measure | app | PostgreSQL alone | app ÷ PostgreSQL | Datasette | app ÷ Datasette | HTTP | queries |",
             "|---|---|---|---|---|---|---|---|"]
    peer = results.get("datasette", {})
    for label, page in results["pages"].items():
        db = results["explain"].get(label, {})
        peer_cells = ["–", "–"]
        if label == "list: country+stance" and peer:
            peer_cells = [f"{peer['list']['p50']:.0f} / {peer['list']['p95']:.0f} ms", ratio(page["p50"], peer["list"]["p50"])]
        lines.append(f"| {label} (p50 / p95) | {page['p50']:.0f} / {page['p95']:.0f} ms | {db.get('db_ms', 0):.1f} ms "
                     f"| {ratio(page['p50'], db.get('db_ms', 0))} | {' | '.join(peer_cells)} | {page['status']} "
                     f"| {db.get('queries', '–')} |")
    for name, export in results["exports"].items():
        db = results["copy_out"][name]
        peer_cells = ["–", "–"]
        if name == "all rows" and peer:
            peer_cells = [f"{peer['export']['rows_per_s']:,.0f} rows/s",
                          f"{export['rows_per_s'] / peer['export']['rows_per_s']:.2f}"]
        lines.append(f"| CSV export, {name} ({export['rows']:,} rows; worker peak {export['peak_mb']:.0f} MB) "
                     f"| {export['rows_per_s']:,.0f} rows/s | COPY TO {db['rows_per_s']:,.0f} rows/s "
                     f"| {100 * export['rows_per_s'] / db['rows_per_s']:.0f} % | {' | '.join(peer_cells)} "
                     f"| {export['status']} | |")
    if "import" in results:
        imp, db = results["import"], results["copy_in"]
        lines.append(f"| import_positions, {imp['rows']:,} new rows (peak {imp['peak_mb']:.0f} MB) "
                     f"| {imp['rows_per_s']:,.0f} rows/s | COPY FROM {db['rows_per_s']:,.0f} rows/s "
                     f"| {100 * imp['rows_per_s'] / db['rows_per_s']:.1f} % | – | – | exit {imp['exit']} | |")
    for run in results["load"]:
        lines.append(f"| {run['clients']} concurrent clients | {run['rps']:.1f} req/s | – | – | – | – "
                     f"| {run['errors']} errors / {run['requests']} | |")
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
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-results"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    env = environment(args.database_url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    def save() -> None:
        (args.out / "results.json").write_text(json.dumps(results, indent=2, default=str))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    results: dict = {"machine": f"{os.cpu_count()} cores", "commit": commit,
                     "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    results["generate_seconds"] = prepare_database(args.database_url, args.positions, args.regenerate)
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
            results["pages"][label] = time_page(port, path) | {"path": path}
            print(f"{label}: {results['pages'][label]}", flush=True)
        # The everyday mix under load: matrix, filtered list, country, actor, one position, feed.
        ok_paths = [path for label, path in page_list
                    if (label in LOAD_MIX or label.startswith("actor (")) and results["pages"][label]["status"] == 200]
        results["load"] = [load(port, ok_paths, clients, LOAD_SECONDS) for clients in (8, 32)]
        print(f"load: {results['load']}", flush=True)
    save()

    results["exports"], results["copy_out"] = {}, {}
    exports = {"100k rows": f"date_from={targets['export_from']}", "all rows": ""}
    for name, query in exports.items():
        port = free_port()
        # A fresh single worker per export, so its peak memory is the export's.
        with gunicorn(env, port, 1, args.out / f"gunicorn-export-{name[:3]}.log") as master:
            export = download(port, f"/positions/export.csv?{query}", args.out / f"export-{name[:3]}.csv")
            export["peak_mb"] = max((peak_rss_mb(pid) for pid in worker_pids(master.pid)), default=0.0)
        results["exports"][name] = export
        results["copy_out"][name] = copy_out_rate(args.database_url, targets["export_from"] if query else "0001-01-01")
        print(f"export {name}: {export}; COPY: {results['copy_out'][name]}", flush=True)
        save()

    full_export = args.out / "export-all.csv"
    if (ROOT / "positions/management/commands/import_positions.py").exists() and results["exports"]["all rows"]["rows"]:
        import_csv = args.out / "import.csv"
        rows = new_rows_file(full_export, import_csv, args.import_rows)
        results["copy_in"] = copy_in_rate(args.database_url, import_csv)
        results["import"] = import_rate(args.database_url, import_csv, rows)
        print(f"import: {results['import']}; COPY FROM: {results['copy_in']}", flush=True)
        save()

    if not args.skip_datasette and results["exports"]["all rows"]["rows"]:
        try:
            results["datasette"] = datasette_peer(full_export, args.out, "country=GB&stance=opposes")
            print(f"datasette: {results['datasette']}", flush=True)
        except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
            print(f"Datasette skipped: {error}", flush=True)

    report = table(results)
    print(report)
    (args.out / "table.md").write_text(report + "\n")
    plans = "\n\n".join(f"### {label} ({page['slowest_ms']:.1f} ms of {page['db_ms']:.1f} ms)\n\n```sql\n"
                        f"{page['slowest_sql']}\n```\n\n```\n{page['plan']}\n```" for label, page in results["explain"].items())
    (args.out / "plans.md").write_text(plans + "\n")
    save()
    print(f"Results, plans and table in {args.out}")


if __name__ == "__main__":
    main()
