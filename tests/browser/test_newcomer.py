"""A newcomer finds their way: home, a country, its positions by stance, a position, its source, a search."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import READ_ONLY_DB

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


def test_newcomer_goes_from_the_matrix_to_a_source_and_searches_a_garbled_name(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who stands where")
    matrix = page.locator("table.matrix")
    expect(matrix.get_by_text("rules out").or_(matrix.get_by_text("opposes")).first).to_be_visible()

    # Pick a country from the matrix.
    matrix.get_by_role("link", name="United Kingdom").click()
    expect(page).to_have_url(re.compile(r"/countries/gb/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("United Kingdom")

    # Filter its positions by stance.
    page.get_by_label("Stance", exact=True).select_option("opposes")
    page.get_by_role("button", name=re.compile("Show positions from United Kingdom")).click()
    expect(page).to_have_url(re.compile(r"/positions/\?country=gb&stance=opposes"))
    rows = page.locator(".position-row")
    # Lammy's, and the Prime Minister's spokesperson's two answers of the same week.
    expect(rows).to_have_count(3)
    lammy = rows.filter(has_text="David Lammy")
    expect(lammy).to_have_count(1)
    expect(page.get_by_role("link", name=re.compile("Remove filter Stance: opposes"))).to_be_visible()

    # Open the position, then follow it to its source.
    lammy.get_by_role("link", name=re.compile("^Details")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("David Lammy")
    expect(page.locator("blockquote").first).to_contain_text("theatre of action")
    expect(page.get_by_text("Foreign Secretary").first).to_be_visible()
    page.locator("dl.facts").get_by_role("link", name=re.compile("Lammy insists UK is not sending troops")).click()
    expect(page).to_have_url(re.compile(r"/sources/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lammy insists UK is not sending troops")
    expect(page.locator("dl.facts")).to_contain_text("LBC")

    # Search the article's garbled spelling.
    page.get_by_role("link", name="Positions", exact=True).click()
    page.get_by_label("Search", exact=True).fill("Cyrus Starmer")
    page.get_by_role("button", name="Show positions").click()
    expect(page.locator(".position-row").filter(has_text="Keir Starmer").first).to_be_visible()
    assert page.console_errors == []


def test_trust_badges_and_bad_filters_are_visible_in_the_browser(page, site):
    page.goto(site + "/positions/?verification=reported")
    expect(page.locator(".position-row .verification-reported").first).to_have_text(re.compile("reported", re.I))
    response = page.goto(site + "/positions/?date_from=2024-13-45&stance=hopeful")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Some filters could not be used")
