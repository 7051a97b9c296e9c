"""The timeline in a real Chromium: markers link to their positions, the chart scrolls in its own box
with the actor labels kept in view, no CSP violation, no serious axe-core finding, and screenshots."""

import pytest

from positions.models import Position

from .conftest import AXE, READ_ONLY_DB, SCREENSHOTS

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


def test_timeline_markers_link_to_their_positions(page, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(site + "/timeline/")
    page.screenshot(path=str(SCREENSHOTS / "timeline-1440.png"), full_page=True)
    page.locator(".tl-figure").first.screenshot(path=str(SCREENSHOTS / "timeline-chart-1440.png"))

    markers = page.locator("svg.tl-svg a.tl-marker-link")
    expected = {position.get_absolute_url() for position in Position.objects.all()}
    assert markers.count() == len(expected)
    assert {markers.nth(i).get_attribute("href") for i in range(markers.count())} == expected

    lammy = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    marker = page.locator(f'svg.tl-svg a.tl-marker-link[href="{lammy.get_absolute_url()}"]')
    # The hover text names the date (the month: outlets disagree on the day), the actor, the stance and the quote.
    hover = marker.locator("title").text_content()
    assert hover.startswith("Nov 2024 · David Lammy · Combat troops")
    assert "opposes (reported)" in hover and "We are very clear that we stand ready" in hover
    marker.locator("circle").last.click()
    page.wait_for_url(site + lammy.get_absolute_url())
    assert "David Lammy" in page.locator("main").inner_text()
    assert page.console_errors == []


def test_timeline_fits_a_phone_with_its_labels_and_keeps_its_markers_round(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site + "/timeline/")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    box = page.locator(".tl-scroll").first
    box.scroll_into_view_if_needed()
    # The whole period shows at once: nothing to scroll sideways, the plot beside the labels.
    assert box.evaluate("element => element.scrollWidth <= element.clientWidth")
    labels, plot = page.locator("svg.tl-labels").bounding_box(), page.locator("svg.tl-svg").first.bounding_box()
    assert plot["x"] >= labels["x"] + labels["width"] - 1 and plot["x"] + plot["width"] <= 375
    marker = page.locator("svg.tl-svg circle.tl-marker").first.bounding_box()
    assert abs(marker["width"] - marker["height"]) < 0.5 and marker["width"] >= 11
    # The key folds behind one line, so the chart follows the colours closely.
    assert not page.locator(".tl-keys").first.is_visible()
    page.locator(".tl-keys-details summary").first.click()
    assert page.locator(".tl-keys").first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "timeline-375.png"), full_page=True)
    context.close()
    assert errors == []


def test_timeline_has_no_serious_accessibility_problems(browser, site):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    page.goto(site + "/timeline/?topic=combat-troops")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
    )
    context.close()
    serious = [
        f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
