"""The benchmark's yardsticks: PostgreSQL's COPY on the same rows, and Datasette serving our export.

Datasette and sqlite-utils go into their own venv (/tmp/bench-venv): never a dependency of the app.
"""

import csv
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from serving import PYTHON, ROOT, admin_connection, download, environment, free_port, peak_rss_mb, serve, time_page

BENCH_VENV = Path("/tmp/bench-venv")

# The joined rows of the exchange format (docs/exchange-format.md), as the export builds them: what COPY is timed on.
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
        with (
            conn.cursor() as cursor,
            cursor.copy("COPY import_staging FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            copy.write(csv_path.read_bytes())
        seconds = time.perf_counter() - started
        rows = conn.execute("SELECT count(*) FROM import_staging").fetchone()[0]
        conn.rollback()
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds}


# Import ------------------------------------------------------------------------------------------

# The same rows written by PostgreSQL alone into the real tables, with their indexes, triggers
# (the search vector), history rows and foreign-key checks: what the import cannot beat, unlike
# COPY into an unindexed staging table. Natural keys are joined, not validated.
SQL_IMPORT_STEPS = (
    (
        "sources",
        """INSERT INTO sources_source (outlet_id, title, url, published_on, published_precision, language, archive_url, notes)
        SELECT o.id, s.source_title, s.source_url, nullif(s.published_on, '')::date, s.published_precision,
               coalesce(nullif(s.quote_language, ''), 'en'), s.archive_url, ''
          FROM import_staging s JOIN sources_outlet o ON lower(o.name) = lower(s.outlet)""",
    ),
    (
        "quotes",
        """INSERT INTO sources_quote (source_id, text, original_text, original_language, said_on, date_precision, verification)
        SELECT src.id, s.quote, s.quote_original, s.quote_language, s.stated_on::date, s.date_precision, s.verification
          FROM import_staging s JOIN sources_source src ON src.url = s.source_url""",
    ),
    (
        "positions",
        """INSERT INTO positions_position (actor_id, topic_id, quote_id, stance, stated_on, date_precision, conditions,
                                            summary, country, actor_kind, verification, created_at, updated_at)
        SELECT a.id, t.id, q.id, s.stance, s.stated_on::date, s.date_precision, s.conditions, s.summary, a.country, a.kind,
               s.verification, now(), now()
          FROM import_staging s JOIN positions_actor a ON a.slug = s.actor_slug JOIN positions_topic t ON t.slug = s.topic
          JOIN sources_source src ON src.url = s.source_url JOIN sources_quote q ON q.source_id = src.id AND q.text = s.quote""",
    ),
)
SQL_IMPORT_HISTORY = (
    (
        "sources_source",
        "sources_historicalsource",
        "id, title, url, published_on, published_precision, language, archive_url, accessed_on, notes, outlet_id",
    ),
    (
        "sources_quote",
        "sources_historicalquote",
        "id, text, original_text, original_language, said_on, date_precision, verification, source_id",
    ),
    (
        "positions_position",
        "positions_historicalposition",
        "id, stance, stated_on, date_precision, conditions, summary, country, actor_kind, verification, created_at, updated_at, "
        "actor_id, topic_id, quote_id",
    ),
)


def copy_database(database_url: str, copy_name: str) -> None:
    """A fresh copy of the database, its files written out before anything is timed on it.

    PostgreSQL 15 copies a template through the write-ahead log by default: 1.5 GB of log at a
    million positions, whose checkpoint then ran during the timed import (imports of the same
    file in consecutive minutes took 29 to 36 s). FILE_COPY copies the files after a checkpoint,
    and the CHECKPOINT after it leaves nothing of the copy's writes to be flushed later.
    """
    name = urlsplit(database_url).path.lstrip("/")
    with admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        conn.execute(f'CREATE DATABASE "{copy_name}" TEMPLATE "{name}" STRATEGY FILE_COPY')
        conn.execute("CHECKPOINT")


def sql_import_rate(database_url: str, csv_path: Path) -> dict:
    """COPY into staging, then INSERT … SELECT into sources, quotes, positions and their history.

    Into a copy of the database, like import_rate: even rolled back, 100,000 inserted rows leave
    the benchmark database's pages no longer all-visible, which slows every later count.
    """
    name = urlsplit(database_url).path.lstrip("/")
    copy_name = f"{name}_sql_import"
    copy_url = urlsplit(database_url)._replace(path=f"/{copy_name}").geturl()
    copy_database(database_url, copy_name)
    try:
        return sql_import_into(copy_url, csv_path)
    finally:
        with admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')


def sql_import_into(database_url: str, csv_path: Path) -> dict:
    import psycopg

    with psycopg.connect(database_url) as conn:
        header = next(csv.reader(csv_path.open(encoding="utf-8-sig")))
        columns = ", ".join(f'"{name}" text' for name in header)
        not_null = ", ".join(f'"{name}"' for name in header)
        started = time.perf_counter()
        conn.execute(f"CREATE TEMP TABLE import_staging ({columns})")
        with (
            conn.cursor() as cursor,
            cursor.copy(
                f"COPY import_staging FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL ({not_null}))"
            ) as copy,
        ):
            copy.write(csv_path.read_bytes())
        first_new = {
            table: conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
            for table, _history, _fields in SQL_IMPORT_HISTORY
        }
        written = {}
        for name, sql in SQL_IMPORT_STEPS:
            written[name] = conn.execute(sql).rowcount
        for table, history, fields in SQL_IMPORT_HISTORY:
            conn.execute(
                f"INSERT INTO {history} ({fields}, history_date, history_change_reason, history_type) "
                f"SELECT {fields}, now(), '', '+' FROM {table} WHERE id > %s",
                [first_new[table]],
            )
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seconds = time.perf_counter() - started
        conn.rollback()
    rows = written["positions"]
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "written": written}


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
    copy_database(database_url, copy_name)
    try:
        started = time.perf_counter()
        process = subprocess.Popen(
            [PYTHON, "manage.py", "import_positions", str(csv_path)],
            cwd=ROOT,
            env=environment(copy_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        with admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "exit": process.returncode,
        "output": output[-2000:],
    }


# Datasette ---------------------------------------------------------------------------------------


def install_datasette() -> None:
    """Datasette and sqlite-utils in their own venv, installed once."""
    if not (BENCH_VENV / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
        subprocess.run([str(BENCH_VENV / "bin" / "pip"), "install", "--quiet", "datasette", "sqlite-utils"], check=True)


@contextmanager
def datasette_server(database: Path, log: Path):
    """Datasette serving `database` on 127.0.0.1, stopped by its PID after: yields (port, process)."""
    install_datasette()
    port = free_port()
    command = [
        str(BENCH_VENV / "bin" / "datasette"),
        "serve",
        str(database),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "60000",
        "--setting",
        "max_csv_mb",
        "0",
        # Facet suggestions cost ~1 s a page at this size; a site serving this much turns them off.
        "--setting",
        "suggest_facets",
        "off",
    ]
    with serve(command, os.environ.copy(), port, "/-/versions.json", log) as process:
        yield port, process


def datasette_peer(full_export: Path, work: Path, list_query: str) -> dict:
    """Datasette serving our own full export from SQLite, with the index a user would add.

    One composite index (country, stance, stated_on) serves the filtered list's filter and sort,
    as `position_country_stance_idx` does ours; the list is timed plain and with the four
    facets our list shows (stance, topic, country, actor kind).
    """
    install_datasette()
    database = work / "bench.db"
    database.unlink(missing_ok=True)
    utils = str(BENCH_VENV / "bin" / "sqlite-utils")
    started = time.perf_counter()
    subprocess.run(
        [utils, "insert", str(database), "positions", str(full_export), "--csv"], check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run([utils, "create-index", str(database), "positions", "country", "stance", "stated_on"], check=True)
    load_seconds = time.perf_counter() - started
    with datasette_server(database, work / "datasette.log") as (port, process):
        listing = time_page(port, f"/{database.stem}/positions?{list_query}&_sort_desc=stated_on")
        facets = "".join(f"&_facet={column}" for column in ("stance", "topic", "country", "actor_kind"))
        faceted = time_page(port, f"/{database.stem}/positions?{list_query}&_sort_desc=stated_on{facets}")
        full = download(port, f"/{database.stem}/positions.csv?_stream=on&_size=max", work / "datasette-export.csv")
        full["peak_mb"] = peak_rss_mb(process.pid)
    return {"load_seconds": load_seconds, "list": listing, "list_with_facets": faceted, "export": full}
