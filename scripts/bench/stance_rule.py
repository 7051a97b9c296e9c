"""What keeping the country stances in step costs (positions/derived.py, positions/stance_rule.py).

Not part of the test run. Against the database DATABASE_URL names, as it is (fill it first, e.g.
`manage.py generate_data --positions 100000`), inside a transaction rolled back at the end:

    DATABASE_URL=… .venv/bin/python scripts/bench/stance_rule.py

Prints the time and query count of ranking every position, of rebuilding CountryStance and
MonthStance from scratch, and of refreshing the pair with the most statements (what a save costs).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from positions import derived  # noqa: E402
from positions.models import CountryStance, MonthStance, Position  # noqa: E402


class Rollback(Exception):
    pass


def timed(label: str, work) -> None:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        work()
        elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed * 1000:>10.1f} ms {len(queries):>6} queries")


def main() -> None:
    positions = Position.objects.count()
    print(f"{connection.vendor}: {positions} positions")
    try:
        with transaction.atomic():
            Position.objects.update(office_rank=None)
            timed("rank every position (from none)", lambda: derived.rank_positions(Position.objects.all()))
            timed("rank every position (none changes)", lambda: derived.rank_positions(Position.objects.all()))
            timed("rebuild CountryStance and MonthStance", derived.rebuild_stances)
            print(f"  {CountryStance.objects.count()} stances, {MonthStance.objects.count()} months")
            biggest = (
                Position.objects.filter(office_rank__isnull=False)
                .exclude(country="")
                .values("country", "topic_id")
                .annotate(n=Count("id"))
                .order_by("-n")
                .first()
            )
            if biggest:
                pair = (biggest["country"], biggest["topic_id"])
                timed(f"refresh the biggest pair ({biggest['n']} statements)", lambda: derived.refresh([pair]))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
