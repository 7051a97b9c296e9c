"""Every main page at phone and desktop width: screenshots for a person to look at, no sideways page
scroll, no CSP violations, and no serious or critical WCAG 2 A/AA problems found by axe-core."""

import pytest

from positions.models import Position
from sources.models import Source

from .conftest import AXE, READ_ONLY_DB, SCREENSHOTS

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


WIDTHS = {"phone": 375, "desktop": 1440}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def main_pages() -> dict[str, str]:
    lammy = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    source = Source.objects.get(outlet__slug="le-monde")
    return {
        "home": "/",
        "countries": "/countries/",
        "country-gb": "/countries/gb/",
        "actors": "/actors/",
        "actor-lammy": "/actors/david-lammy/",
        "positions": "/positions/",
        "positions-filtered": "/positions/?country=gb&stance=opposes",
        "positions-invalid": "/positions/?date_from=2024-13-45",
        "position-lammy": lammy.get_absolute_url(),
        "sources": "/sources/",
        "source-le-monde": source.get_absolute_url(),
        "authorisations": "/authorisations/",
        "about": "/about/",
        "timeline": "/timeline/",
        "not-found": "/countries/xx/",
    }


def serious_violations(page) -> list[str]:
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_read_well_and_pass_axe(browser, site, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    for name, path in main_pages().items():
        response = page.goto(site + path)
        assert response.status in (200, 400, 404), (path, response.status)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[width]}.png"), full_page=True)
        # Wide tables scroll inside their own box; the page itself never scrolls sideways.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: page scrolls sideways by {overflow}px")
        problems += [f"{path}: {violation}" for violation in serious_violations(page)]
    context.close()
    # The 400 and 404 pages log their own status as a console error; nothing else (a CSP block) may.
    errors = [
        error for error in errors if not ("invalid" in error or "/countries/xx/" in error or "2024-13-45" in error)
    ]
    assert problems == [] and errors == []


def test_keyboard_users_can_skip_to_the_content_and_see_focus(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.evaluate("element => getComputedStyle(element).top") != "-48px"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused_outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline == "solid"
