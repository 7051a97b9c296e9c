"""/data/, a release's page, the corrections log and a tombstone at phone and desktop width: no sideways
page scroll, no CSP violations, no serious or critical WCAG 2 A/AA problems found by axe-core."""

import pytest

from positions.corrections import record_correction
from positions.models import Position
from releases.build import make_release

from .conftest import AXE, BROWSER_DB, SCREENSHOTS
from .test_pages import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]


def release_pages() -> dict[str, tuple[str, int]]:
    release = make_release()
    corrected = Position.objects.order_by("id").first()
    before = Position.objects.get(pk=corrected.pk)
    corrected.stance = "rules_out" if corrected.stance != "rules_out" else "opposes"
    corrected.save()
    record_correction(before, corrected, ["stance"], "The minister's office corrected the transcript.")
    withdrawn = Position.objects.order_by("id").last()
    withdrawn.withdrawal_reason = "The quote was misattributed."
    number = withdrawn.pk
    withdrawn.delete()
    second = make_release()
    return {
        "data": ("/data/", 200),
        "release": (release.get_absolute_url(), 200),
        "release-changes": (second.get_absolute_url(), 200),
        "release-country": (second.get_absolute_url() + "?country=gb", 200),
        "corrections": ("/corrections/", 200),
        "corrected-position": (corrected.get_absolute_url(), 200),
        "withdrawn-position": (f"/positions/{number}/", 410),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_release_pages_read_well_and_pass_axe(browser, site, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = release_pages()
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    for name, (path, status) in pages.items():
        response = page.goto(site + path)
        assert response.status == status, (path, response.status)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[width]}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: page scrolls sideways by {overflow}px")
        problems += [f"{path}: {violation}" for violation in serious_violations(page)]
    context.close()
    # The tombstone's 410 logs its own status as a console error; nothing else (a CSP block) may.
    errors = [error for error in errors if "410" not in error]
    assert problems == [] and errors == []
