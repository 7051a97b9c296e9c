"""A reader can see how old a stance is and reach what a badge means, at phone and desktop width.

The seed article is from November 2024, so its stances are stale today (past STALE_AFTER_MONTHS);
screenshots go to artifacts/screenshots/credibility-*.png for a person to look at.
"""

import re

import pytest

from positions.models import Position

from .conftest import READ_ONLY_DB, SCREENSHOTS

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


WIDTHS = [375, 1440]


@pytest.fixture
def tab(browser):
    pages = {}

    def open_at(width: int):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        pages[width] = context
        return page

    yield open_at
    for context in pages.values():
        context.close()


def shoot(page, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"credibility-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_stale_stances_say_their_age_and_badges_lead_to_their_definitions(tab, site, width):
    page = tab(width)
    page.goto(site + "/")
    stale_cell = page.locator(".matrix td.stale").first
    assert stale_cell.is_visible()
    assert re.search(r"stale stated \d+ months ago; no newer statement", stale_cell.inner_text().lower())
    assert "Newest statement:" in page.locator(".site-footer").inner_text()
    shoot(page, "home", width)

    # The legend's badge is a link to its definition on the about page.
    page.locator(".legend a.stance-rules_out").first.click()
    page.wait_for_url("**/about/#stance-rules_out")
    definition = page.locator("#stance-rules_out")
    assert definition.is_visible() and definition.evaluate("element => element.matches(':target')")
    assert "excludes it with no limit in time" in page.locator("#stance-rules_out + dd").inner_text()
    shoot(page, "about", width)

    page.goto(site + "/countries/gb/")
    assert page.locator("table .age-stale").first.is_visible()
    shoot(page, "country-gb", width)

    lammy = Position.objects.filter(actor__slug="david-lammy").order_by("-stated_on").first()
    page.goto(site + lammy.get_absolute_url())
    cite = page.locator("#cite-text")
    assert cite.is_visible() and f"/positions/{lammy.pk}/" in cite.input_value()
    # A badge in the page leads to its definition too.
    page.locator(".position-meta a.verification").first.click()
    page.wait_for_url("**/about/#verification-*")
    page.go_back()
    shoot(page, "position", width)

    page.goto(site + "/timeline/")
    assert page.locator(".tl-band-stale").count() > 0
    assert "stale" in page.locator(".tl-keys").text_content()  # folded behind "How to read the chart" on a phone
    shoot(page, "timeline", width)

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.console_errors == []


def test_the_positions_list_has_no_gap_between_filters_and_counts(tab, site):
    page = tab(1440)
    page.goto(site + "/positions/")
    filters = page.locator(".browse-filters").bounding_box()
    facets = page.locator(".browse-facets").bounding_box()
    assert facets["y"] - (filters["y"] + filters["height"]) < 60
    shoot(page, "positions", 1440)


def test_the_header_search_lands_on_the_positions_list(tab, site):
    page = tab(375)
    page.goto(site + "/about/")
    page.get_by_text("Menu", exact=True).click()  # on a phone the search sits in the menu
    page.get_by_label("Search positions").fill("Lamy")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/positions/?q=Lamy")
    assert page.locator(".position-row").count() > 0
