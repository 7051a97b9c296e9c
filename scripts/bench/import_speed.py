"""Time import_positions of new rows side by side with PostgreSQL's COPY FROM of the same file.

The benchmark's import phase on its own, against an existing database and an export of it:

    .venv/bin/python scripts/bench/import_speed.py --database-url postgres://… --export export.csv [--rounds 2]

Each round times COPY FROM into an unindexed staging table (three times before and three times
after, the median), and `import_positions` into a copy of the database (so the database stays as
it was), and prints both rates and their ratio, with
the machine's calibration figure (page_times.py's) before and after: on a shared machine only
figures of the same minutes compare.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from peers import copy_in_rate, import_rate, new_rows_file

COPIES = 3  # COPY FROM timings before the import, and as many after


def calibration_ms() -> float:
    """page_times.py's fixed piece of pure Python, best of three."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--export", type=Path, required=True, help="the app's CSV export, newest rows first")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-import"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    import_csv = args.out / "import.csv"
    rows = new_rows_file(args.export, import_csv, args.rows)
    for _round in range(args.rounds):
        before = calibration_ms()
        # COPY takes half a second and the import half a minute: one COPY caught the machine's
        # fast or slow moments (130,000 to 230,000 rows/s in consecutive minutes), so it is timed
        # three times before the import and three times after, and the median taken.
        copies = [copy_in_rate(args.database_url, import_csv)["rows_per_s"] for _ in range(COPIES)]
        imported = import_rate(args.database_url, import_csv, rows)
        copies += [copy_in_rate(args.database_url, import_csv)["rows_per_s"] for _ in range(COPIES)]
        copy_rate = statistics.median(copies)
        if imported["exit"]:
            print(imported["output"], file=sys.stderr)
        print(
            f"{time.strftime('%H:%M:%S', time.gmtime())} import {imported['rows_per_s']:,.0f} rows/s"
            f" ({imported['seconds']:.1f} s, peak {imported['peak_mb']:.0f} MB, exit {imported['exit']})"
            f"  COPY FROM {copy_rate:,.0f} rows/s (median; {min(copies):,.0f}–{max(copies):,.0f})"
            f"  ratio {imported['rows_per_s'] / copy_rate:.2%}"
            f"  calibration {before:.0f} → {calibration_ms():.0f} ms",
            flush=True,
        )


if __name__ == "__main__":
    main()
