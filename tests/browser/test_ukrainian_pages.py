"""The main pages under /uk/ at phone and desktop width: screenshots, no sideways page scroll (longer
Ukrainian words must wrap), no CSP violations, no serious WCAG 2 A/AA problem found by axe-core, and
the language switcher reached by keyboard."""

import pytest

from .conftest import AXE, READ_ONLY_DB, SCREENSHOTS
from .test_pages import WIDTHS, main_pages, serious_violations

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


@pytest.mark.parametrize("width", WIDTHS)
def test_ukrainian_pages_read_well_and_pass_axe(browser, site, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    pages = {**main_pages(), "timeline": "/timeline/", "timeline-topic": "/timeline/?topic=combat-troops"}
    for name, path in pages.items():
        response = page.goto(f"{site}/uk{path}")
        assert response.status in (200, 400, 404), (path, response.status)
        assert page.evaluate("document.documentElement.lang") == "uk", path
        page.screenshot(path=str(SCREENSHOTS / f"uk-{name}-{WIDTHS[width]}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"/uk{path}: page scrolls sideways by {overflow}px")
        problems += [f"/uk{path}: {violation}" for violation in serious_violations(page)]
    context.close()
    errors = [
        error for error in errors if not ("invalid" in error or "/countries/xx/" in error or "2024-13-45" in error)
    ]
    assert problems == [] and errors == []


def test_the_switcher_takes_the_reader_to_the_same_filtered_page(page, site):
    page.goto(f"{site}/positions/?country=GB&stance=opposes")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Українська").click()
    assert page.url == f"{site}/uk/positions/?country=GB&stance=opposes"
    assert page.locator("h1").inner_text() == "Позиції"
    page.get_by_role("navigation", name="Мова").get_by_role("link", name="English").click()
    assert page.url == f"{site}/positions/?country=GB&stance=opposes"
