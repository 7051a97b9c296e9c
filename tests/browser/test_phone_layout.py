"""The phone layout (issue 27) at 375×812 and 1440×900: every public page fits its width and puts
its heading near the top, the menu folds behind one button that works without JavaScript, /compare/
stacks its columns, the map's key and credit are readable, and the several-value filters are
checkboxes that work with and without the script that narrows them."""

import re

import pytest

from positions.models import CountryStance, Position, Topic
from sources.models import Source

from .conftest import AXE, READ_ONLY_DB, SCREENSHOTS
from .test_pages import serious_violations

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


SIZES = {"phone": (375, 812), "desktop": (1440, 900)}
HEADING_WITHIN = 160  # px from the top of a phone's screen
SMALLEST_TEXT = 11  # px, rendered


def public_pages() -> dict[str, str]:
    lammy = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    source = Source.objects.get(outlet__slug="le-monde")
    return {
        "home": "/",
        "countries": "/countries/",
        "country": "/countries/gb/",
        "actors": "/actors/",
        "actor": "/actors/david-lammy/",
        "positions": "/positions/",
        "search": "/positions/?q=troops",
        "position": lammy.get_absolute_url(),
        "sources": "/sources/",
        "source": source.get_absolute_url(),
        "timeline": "/timeline/",
        "map": "/map/",
        "compare": "/compare/?country=gb&country=fr",
        "compare-empty": "/compare/",
        "about": "/about/",
        "authorisations": "/authorisations/",
        "suggest": "/suggest/",
        "embed-map": "/embed/map/",
        "embed-matrix": "/embed/matrix/",
        "embed-country": "/embed/countries/gb/",
        "embed-timeline": "/embed/timeline/",
    }


def new_page(browser, size: str, javascript: bool = True):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    return context, context.new_page()


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
HEADING_TOP = "document.querySelector('h1').getBoundingClientRect().top + window.scrollY"


@pytest.mark.parametrize("size", SIZES)
def test_every_public_page_fits_the_width_with_its_heading_near_the_top(browser, site, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = new_page(browser, size)
    problems = []
    for name, path in public_pages().items():
        response = page.goto(site + path)
        assert response.status == 200, path
        page.screenshot(path=str(SCREENSHOTS / f"layout-{name}-{SIZES[size][0]}.png"), full_page=True)
        if (overflow := page.evaluate(SIDEWAYS)) > 0:
            problems.append(f"{path}: the page scrolls sideways by {overflow}px")
        top = page.evaluate(HEADING_TOP)
        if size == "phone" and top > HEADING_WITHIN:
            problems.append(f"{path}: the heading starts {top:.0f}px down")
    context.close()
    assert problems == []


def test_the_phone_menu_opens_without_javascript_and_leads_to_the_pages(browser, site):
    context, page = new_page(browser, "phone", javascript=False)
    page.goto(site + "/about/")
    countries = page.locator(".site-nav").get_by_role("link", name="Countries")
    assert not countries.is_visible() and not page.locator("#site-search-q").is_visible()
    menu = page.locator(".site-menu > summary")
    assert menu.inner_text().strip() == "Menu" and menu.bounding_box()["height"] >= 44
    menu.click()
    assert countries.is_visible() and page.locator("#site-search-q").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "layout-menu-open-375.png"))
    countries.click()
    page.wait_for_url(site + "/countries/")
    context.close()


def test_the_phone_menu_is_reached_and_opened_by_keyboard_and_passes_axe(browser, site):
    context, page = new_page(browser, "phone")
    page.add_init_script(path=str(AXE))
    page.goto(site + "/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.site-menu > summary')")
    page.keyboard.press("Enter")
    assert page.locator(".site-nav").is_visible()
    assert serious_violations(page) == []
    context.close()


def test_the_desktop_header_shows_the_menu_without_a_button(browser, site):
    context, page = new_page(browser, "desktop")
    page.goto(site + "/")
    assert not page.locator(".site-menu > summary").is_visible()
    assert page.locator(".site-nav").get_by_role("link", name="Countries").is_visible()
    assert page.locator("#site-search-q").is_visible()
    assert page.evaluate(HEADING_TOP) < 160
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_compare_stacks_its_columns_on_a_phone_and_sets_them_side_by_side_on_a_desktop(browser, site, size):
    context, page = new_page(browser, size)
    page.goto(site + "/compare/?country=gb&country=fr")
    first_row = page.locator(".compare-table tbody tr").first
    britain, france = (first_row.locator("td").nth(index).bounding_box() for index in (0, 1))
    width = SIZES[size][0]
    assert britain["x"] + britain["width"] <= width and france["x"] + france["width"] <= width
    if size == "phone":
        assert france["y"] >= britain["y"] + britain["height"] - 1  # one under the other
        assert "France" in first_row.locator("td").nth(1).evaluate("cell => getComputedStyle(cell, '::before').content")
    else:
        assert france["y"] == britain["y"] and france["x"] > britain["x"]
    context.close()


def rendered_text_sizes(page, selector: str) -> list[float]:
    """The on-screen font size of each visible element matched: SVG text scaled with its picture."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
          .filter(element => element.checkVisibility() && element.getBoundingClientRect().width > 0)
          .map(element => {
            const size = parseFloat(getComputedStyle(element).fontSize);
            const svg = element.closest('svg');
            if (!svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return size;
            return size * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          })""",
        selector,
    )


# One test per size walks the three pages that draw the map: each test costs a fresh seed.
@pytest.mark.parametrize("size", SIZES)
def test_the_map_key_and_credit_are_readable_and_the_map_fits(browser, site, size):
    # Cropped to Europe, with North America only when a country there has a stance: no empty inset.
    topic = Topic.objects.get(slug="combat-troops")
    american = CountryStance.objects.filter(topic=topic, country__in=["US", "CA", "MX"]).exists()
    context, page = new_page(browser, size)
    for path in ["/map/", "/", "/embed/map/"]:
        page.goto(site + path)
        key = rendered_text_sizes(page, ".map-key .stance")
        assert key and min(key) >= SMALLEST_TEXT, path
        # Whatever is drawn inside the picture and shown is as readable as the text beside it.
        drawn = rendered_text_sizes(page, ".stance-map .map-legend text, .stance-map .map-credit")
        assert all(size_px >= SMALLEST_TEXT for size_px in drawn), (path, drawn)
        if path != "/":
            assert min(rendered_text_sizes(page, ".map-credit-text")) >= SMALLEST_TEXT, path
        picture = page.locator("svg.stance-map").bounding_box()
        assert picture["x"] >= 0 and picture["x"] + picture["width"] <= SIZES[size][0], path
        view_box = page.locator("svg.stance-map").get_attribute("viewBox")
        assert view_box.startswith("0 " if american else "344 "), (path, view_box)
    context.close()


def chosen_countries(url: str) -> list[str]:
    return re.findall(r"[?&]country=(\w+)", url)


def test_the_country_checkboxes_work_without_javascript(browser, site):
    context, page = new_page(browser, "phone", javascript=False)
    page.goto(site + "/positions/")
    field = page.locator("fieldset", has=page.locator("legend", has_text="Country"))
    assert not field.locator(".check-list-search").is_visible()  # the script's box, absent without it
    field.get_by_label("France").check()
    # Keyboard: Tab from one checkbox to the next, Space ticks it.
    field.get_by_label("France").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show positions").click()
    page.wait_for_url(re.compile(r"country="))
    assert chosen_countries(page.url) == ["fr", "ua"]  # France, then the next: Ukraine
    # The page the filter leads to shows them ticked, first in the list.
    ticked = field.locator("input:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    assert ticked == ["fr", "ua"]
    assert field.locator("input[type=checkbox]").first.get_attribute("value") == "fr"
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_typing_narrows_a_long_country_list_and_the_choice_is_sent(browser, site, size):
    context, page = new_page(browser, size)
    page.add_init_script(path=str(AXE))
    page.goto(site + "/timeline/")
    page.get_by_text("Filter the timeline").click()
    field = page.locator("fieldset", has=page.locator("legend", has_text="Country"))
    box = field.get_by_label("Type to narrow the list")
    assert box.is_visible()
    options = field.locator(".check-list-options li")
    every = options.count()
    assert every > 100
    box.fill("king")
    visible = [
        text.strip() for text in options.evaluate_all("items => items.filter(i => !i.hidden).map(i => i.innerText)")
    ]
    assert visible == ["United Kingdom"]
    box.press("Enter")  # the one match is ticked; the form is not sent half-chosen
    assert field.get_by_label("United Kingdom").is_checked() and "country=" not in page.url
    box.fill("fra")
    field.get_by_label("France").check()
    box.fill("zzz")
    assert field.locator(".check-list-none").is_visible()
    # What is chosen stays in view whatever is typed.
    assert field.get_by_label("United Kingdom").is_visible() and field.get_by_label("France").is_visible()
    box.fill("")
    assert options.evaluate_all("items => items.filter(i => !i.hidden).length") == every
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / f"layout-check-list-{SIZES[size][0]}.png"))
    page.get_by_role("button", name="Show timeline").click()
    page.wait_for_url(re.compile(r"country="))
    assert sorted(chosen_countries(page.url)) == ["fr", "gb"]
    context.close()


def test_the_comparison_form_is_checkboxes_on_a_phone(browser, site):
    context, page = new_page(browser, "phone")
    page.add_init_script(path=str(AXE))
    page.goto(site + "/compare/")
    form = page.locator("form[action='/compare/']")
    countries = form.get_by_role("group", name="Countries")
    countries.get_by_label("United Kingdom").check()
    countries.get_by_label("France").check()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "layout-compare-form-375.png"), full_page=True)
    form.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"country="))
    assert sorted(chosen_countries(page.url)) == ["fr", "gb"]
    assert page.evaluate(SIDEWAYS) == 0
    context.close()
