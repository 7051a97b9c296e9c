"""Test settings and fixtures shared by every test."""

import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from tests.factories import UserFactory
from tests.shared_data import kept_for_the_module

# Fuzzing on a budget. `make test` runs the quick profile: few random examples besides each test's
# explicit ones, enough to catch a broken property. `make fuzz` runs only the fuzz tests (marker
# `fuzz`) with the deep profile (HYPOTHESIS_PROFILE=deep): many examples, to find what is rare.
# Tests set no max_examples of their own, so the profile decides; the deadline is off because
# the examples run database queries on a shared machine.
FUZZ_HEALTH_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile("quick", max_examples=10, deadline=None, suppress_health_check=FUZZ_HEALTH_CHECKS)
settings.register_profile("deep", max_examples=400, deadline=None, suppress_health_check=FUZZ_HEALTH_CHECKS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


# Fixtures through which a test reaches the database; a test without any (and without the
# django_db marker) is refused database access by pytest-django, so it cannot depend on one.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def touches_the_database(item) -> bool:
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or item.get_closest_marker("django_db")


def pytest_collection_modifyitems(config, items):
    """With SKIP_DATABASE_FREE_TESTS=1 (scripts/test.sh, on the second database) leave out the
    tests that cannot reach a database: they ran, the same, on the first."""
    if os.environ.get("SKIP_DATABASE_FREE_TESTS") != "1":
        return
    free = [item for item in items if not touches_the_database(item) and not item.get_closest_marker("postgres")]
    if free:
        config.hook.pytest_deselected(items=free)
        items[:] = [item for item in items if item not in free]


def runs_in_real_transactions(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    """The seed data loaded once for a module's tests (each with `db`), instead of once per test like `seeded`."""
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        yield


@pytest.fixture(scope="module")
def seed_shared_by_the_module(request, django_db_setup, django_db_blocker):
    """Seeding takes longer than most tests, and 500 read the seed: where every test of a module that
    reaches the database asks for it, and in a transaction rolled back after it (`db`), it is loaded
    once for the module (tests/shared_data.py). Elsewhere a test without it would see it, or a
    transactional test flush it, so `seeded` loads it for each test."""
    tests = [item for item in request.session.items if item.module is request.module]
    shared = all(
        "seeded" in item.fixturenames and not runs_in_real_transactions(item)
        for item in tests
        if touches_the_database(item)
    )
    if not shared:
        yield False
        return
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        yield True


@pytest.fixture
def seeded(seed_shared_by_the_module, db):
    if not seed_shared_by_the_module:
        call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"], is_staff=True)


@pytest.fixture
def viewer(db):
    return UserFactory(groups=["Viewers"], is_staff=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse ids, so data versions repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def export_cache_dir(settings, tmp_path):
    """Each test keeps its whole workbooks apart: data versions repeat between rolled-back tests."""
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"


@pytest.fixture(autouse=True)
def releases_dir(settings, tmp_path):
    """Each test's releases in a folder of its own: numbers repeat between rolled-back tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "releases")},
        },
    }
