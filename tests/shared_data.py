"""Data built once for a module's tests instead of once per test.

Inside `kept_for_the_module`, rows are written in a transaction left open while the module's tests
run; each test (with `db`) runs in its own transaction nested in it, so what a test writes is undone
before the next, and the module's rows are rolled back after its last test. Only for modules whose
tests all use `db`: a `transactional_db` test would flush the rows the others rely on.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def kept_for_the_module(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
