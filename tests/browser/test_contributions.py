"""A reader suggests a statement in the browser; an editor approves it in the admin; the new pages pass axe."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from contributions.models import Status, Suggestion
from positions.models import Actor, Position
from sources.models import Outlet
from tests.factories import UserFactory

from .conftest import AXE, BROWSER_DB, SCREENSHOTS
from .test_editor import PASSWORD, editors_group, pick_autocomplete
from .test_pages import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]
moderation_migration = importlib.import_module("contributions.migrations.0002_moderation_permissions")


def moderating_editors() -> Group:
    """The Editors group as positions' and contributions' migrations make it."""
    group = editors_group()
    group.permissions.add(*moderation_migration.permissions(apps, moderation_migration.EDITORS))
    return group


def test_a_reader_suggests_a_statement_and_an_editor_approves_it(page, site):
    moderating_editors()
    UserFactory(username="editor", groups=["Editors"], is_staff=True)
    starmer = Actor.objects.get(slug="keir-starmer")

    page.goto(site + starmer.get_absolute_url())
    page.get_by_role("link", name=f"Suggest a statement by {starmer.name}").click()
    expect(page.get_by_label("Who said it")).to_have_value(starmer.name)
    page.get_by_label("When it was said").fill("2025-02-16")
    page.get_by_label("The words").fill("I am ready to put our own troops on the ground if necessary.")
    page.get_by_label("Topic (optional)").select_option(label="Reassurance force")
    page.get_by_label("Where it was published").fill("https://www.example.org/starmer-op-ed")
    page.get_by_label("Your email (optional)").fill("reader@example.org")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    suggestion = Suggestion.objects.get()
    assert suggestion.actor == starmer and suggestion.status == Status.NEW

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(site + "/admin/contributions/suggestion/")
    page.locator("#result_list").get_by_role("link", name=starmer.name).first.click()
    page.get_by_role("link", name="Approve: write the position").click()
    expect(page.locator("#id_new_quote_text")).to_have_value(suggestion.text)
    expect(page.locator("#id_new_source_url")).to_have_value("https://www.example.org/starmer-op-ed")
    page.locator("#id_stance").select_option("supports")
    page.locator("#id_summary").fill("Starmer is ready to put British troops on the ground.")
    outlet = Outlet.objects.first()
    pick_autocomplete(page, "id_new_source_outlet", outlet.pk, outlet.name)
    page.locator("#id_new_source_title").fill("Starmer op-ed")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator(".messagelist")).to_contain_text("accepted and linked")

    suggestion.refresh_from_db()
    position = Position.objects.get(summary="Starmer is ready to put British troops on the ground.")
    assert suggestion.status == Status.ACCEPTED and suggestion.position == position
    assert suggestion.decided_by.username == "editor"
    assert position.history.get().history_user.username == "editor"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_contribution_pages_read_well_and_pass_axe(browser, site, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core`")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    position = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    pages = {
        "suggest": "/suggest/?country=gb",
        "suggest-thanks": "/suggest/thanks/",
        "report": f"/positions/{position.pk}/report/",
    }
    for name, path in pages.items():
        assert page.goto(site + path).status == 200, path
        problems += [f"{path}: {violation}" for violation in serious_violations(page)]
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[width]}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: page scrolls sideways by {overflow}px")
    # A form sent with errors: the error messages must pass too.
    page.goto(site + "/suggest/")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.locator(".message-error")).to_be_visible()
    assert not page.locator(".contact-extra").is_visible()
    problems += [f"/suggest/ with errors: {violation}" for violation in serious_violations(page)]
    page.screenshot(path=str(SCREENSHOTS / f"suggest-errors-{WIDTHS[width]}.png"), full_page=True)
    context.close()
    assert problems == [] and errors == []
