"""Playwright driving Debian's Chromium against pytest-django's live server, with the seed data loaded.

The sync Playwright API keeps an event loop running in the test thread from the first browser test
on, so Django's guard against ORM calls from async code is lifted (DJANGO_ALLOW_ASYNC_UNSAFE) by the
browser fixture, and browser tests run after every other test: neither the running loop nor the
variable can then reach other tests or their subprocesses (`check --deploy` rejects the variable).
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

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
