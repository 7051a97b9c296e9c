"""Playwright driving Debian's Chromium against pytest-django's live server, with the seed data loaded.

The sync Playwright API keeps an event loop running in the test thread from the first browser test
on, so Django's guard against ORM calls from async code is lifted (DJANGO_ALLOW_ASYNC_UNSAFE) by the
browser fixture, and browser tests run after every other test: neither the running loop nor the
variable can then reach other tests or their subprocesses (`check --deploy` rejects the variable).
"""

import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# Browser test modules set: pytestmark = [pytest.mark.browser, BROWSER_DB]
# (each test's flush would otherwise drop the groups that a data migration created).
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last, after pytest-django's own ordering."""
    here = Path(__file__).parent
    items.sort(key=lambda item: Path(str(item.path)).parent == here)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server):
    """The live server's address, with the seed article's data loaded."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return live_server.url


@pytest.fixture
def page(browser):
    """A desktop-sized page that records console errors (a CSP violation shows up there)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


# Browser test modules whose tests only read set: pytestmark = [pytest.mark.browser, READ_ONLY_DB]
# and ask for `shared_site` instead of `site`.
READ_ONLY_DB = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_site(browser, django_db_setup, django_db_blocker):
    """A live server and the seed data shared by a module's tests that only read.

    `site` costs each test a flush, a restore and a fresh seed (a few seconds on PostgreSQL), more
    than most browser tests take to load their pages. Here the seed is committed once, so that the
    server's own connection sees it; each test still runs in a transaction (`db`, READ_ONLY_DB) that
    undoes what the test writes through its own connection, and the module leaves the database as it found it.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        # A transactional test's teardown leaves every table empty, content types included, for
        # the next one to restore what the migrations made: here too, as its setup would.
        migrated = getattr(connection, "_test_serialized_contents", None)
        if migrated is not None and not ContentType.objects.exists():
            restore(migrated)
        before = connection.creation.serialize_db_to_string()
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        server = LiveServer("localhost")
        try:
            yield server.url
        finally:
            server.stop()
            restore(before)


def restore(contents: str) -> None:
    """Empty the tables and load `contents` (serialize_db_to_string), as a transactional test's teardown
    and setup do with serialized_rollback: the rows the migrations made (the Editors and Viewers groups) come back."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(contents)
