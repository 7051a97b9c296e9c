"""Import the exchange format: check every row, match by natural keys, then write in batches.

Nothing is written from a file with a bad row. Rows are matched by natural keys (actor slug,
topic slug, source URL — or outlet, title and publication date —, quote text and date), never by
`id`, so a file from another database cannot overwrite unrelated rows, and importing the same
file twice creates nothing the second time.

Built for files of a hundred thousand rows: rows are checked as they are read and kept as
tuples; each natural key is looked up with one query for the whole file (on PostgreSQL); new
sources, quotes and positions are written by writer.py without a Python object per row; plan.py
matches and writes, keys.py holds the natural keys.
Topics, outlets, actors and roles, a few per thousand rows, go through the ORM as before.
"""

import gc
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from positions import postgres
from positions.corrections import record_correction
from positions.exchange.keys import inconsistencies
from positions.exchange.plan import CORRECTED_ON_IMPORT, Plan
from positions.exchange.readers import RawRow, iter_rows
from positions.exchange.report import ImportReport
from positions.exchange.validation import ExchangeRow, RowError, parse_row
from positions.models import Position

# From this many rows on, PostgreSQL computes the words' part of new positions' search vectors
# on a second connection while the import matches its rows (postgres.TextVectors); a smaller
# file is not worth the second connection.
TEXT_VECTORS_FROM = 1000


def import_file(
    data: bytes,
    name: str = "",
    dry_run: bool = False,
    user=None,
    may_create_topics: bool = True,
    correction_note: str = "",
) -> ImportReport:
    """Read, check and (unless a dry run) import a CSV or JSON export. Raises FileError for unreadable files.

    `may_create_topics` is the importing person's right to add topics: without it a row naming
    an unknown topic is refused (the admin passes the user's `positions.add_topic`; the
    `import_positions` command runs as the operator, who may). `correction_note` is the public
    note a file that changes published positions' stances or dates must give (the corrections log).
    """
    return import_rows(
        iter_rows(data, name),
        dry_run=dry_run,
        user=user,
        may_create_topics=may_create_topics,
        correction_note=correction_note,
    )


@contextmanager
def cycle_collector_paused():
    """Python's cycle collector off for the duration of an import, as it was before afterwards.

    An import holds hundreds of thousands of tuples, rows and change lines, none in a reference
    cycle; each full collection walked all of them again, and matching a 100,000-row file spent
    a third of its time there. Memory is still freed by reference counting; the few cycles made
    meanwhile are collected once it is switched back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_rows(
    raw_rows: Iterable[RawRow],
    dry_run: bool = False,
    user=None,
    may_create_topics: bool = True,
    correction_note: str = "",
) -> ImportReport:
    """Check every row, then match and write them; each raw row is checked as it is read and let go."""
    with cycle_collector_paused():
        return checked_and_written(raw_rows, dry_run, user, may_create_topics, correction_note)


def checked_and_written(
    raw_rows: Iterable[RawRow], dry_run: bool, user, may_create_topics: bool, correction_note: str
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    rows = []
    today = timezone.localdate()
    for raw in raw_rows:
        report.rows += 1
        try:
            rows.append(parse_row(raw, today))
        except RowError as error:
            report.errors.append(error)
    report.errors.extend(inconsistencies(rows))
    if report.errors:
        report.errors.sort(key=lambda error: error.line)
        return report
    words = None if dry_run else start_text_vectors(rows)
    try:
        with transaction.atomic():
            plan = Plan(rows, may_create_topics=may_create_topics, words=words)
            plan.match()
            report.changes = plan.changes
            report.corrections = len(plan.corrected)
            note = correction_note.strip()
            if plan.corrected and not note and not dry_run:
                plan.errors.extend(
                    RowError(line, [_("changes what a published position says: give a public correction note.")])
                    for _before, line in plan.corrected.values()
                )
            report.errors = sorted(plan.errors, key=lambda error: error.line)
            if report.errors or dry_run:
                return report
            plan.write(user)
            for before, _line in plan.corrected.values():
                after = plan.updated["position"][before.pk][0]
                record_correction(before, after, list(CORRECTED_ON_IMPORT), note, user)
            report.written = True
    except IntegrityError as error:
        # A concurrent edit can still collide with a row checked moments ago; the transaction is undone.
        report.written = False
        report.errors = [
            RowError(1, [_("the database refused the import (%(error)s); run it again.") % {"error": error}])
        ]
    finally:
        if words:
            words.result()  # a refused file's vectors are not used, but the second connection is closed here
    return report


def start_text_vectors(rows: list[ExchangeRow]) -> postgres.TextVectors | None:
    """Have the words' part of each row's search vector computed meanwhile, keyed by line (PostgreSQL, large files)."""
    if connection.vendor != "postgresql" or len(rows) < TEXT_VECTORS_FROM:
        return None
    # The vector reads a position's summary followed by its Ukrainian one, which a new position has blank.
    summary_uk = Position._meta.get_field("summary_uk").get_default()
    return postgres.TextVectors(
        {row.line: (row.quote, f"{row.summary} {summary_uk}", row.quote_original) for row in rows}, connection.alias
    )
