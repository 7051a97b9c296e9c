"""Peak memory of the Excel export (/positions/export.xlsx) over N generated positions.

Not part of the test run. Usage, from the project root:

    .venv/bin/python scripts/bench/xlsx_memory.py --positions 100000

It builds a throwaway SQLite database in a temporary folder (migrate, then generate_data), then
in a fresh process requests the export through Django's test client, reads the whole response
and prints the process's peak resident memory (ru_maxrss) before and after, the workbook's size
and the time taken. The database is deleted afterwards unless --keep is given.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")

MEASURE = r"""
import resource, sys, time
import django
django.setup()
from django.test import Client
from positions.models import Position

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

rows = Position.objects.count()
before = peak_mb()
start = time.perf_counter()
response = Client().get("/positions/export.xlsx")
assert response.status_code == 200, response.status_code
size = sum(len(chunk) for chunk in response.streaming_content)
elapsed = time.perf_counter() - start
print(f"positions={rows} workbook_bytes={size} seconds={elapsed:.1f} "
      f"peak_rss_before_mb={before:.0f} peak_rss_after_mb={peak_mb():.0f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="Keep the SQLite file and print its path.")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="xlsx-bench-")
    database = Path(folder) / "bench.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "benchmark-only-not-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
    }
    try:
        start = time.perf_counter()
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PYTHON, "manage.py", "generate_data", "--positions", str(args.positions), "--seed", str(args.seed)],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"generated {args.positions} positions in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        subprocess.run([PYTHON, "-c", MEASURE], cwd=ROOT, env=env, check=True)
    finally:
        if args.keep:
            print(f"database kept at {database}", file=sys.stderr)
        else:
            database.unlink(missing_ok=True)
            os.rmdir(folder)


if __name__ == "__main__":
    main()
