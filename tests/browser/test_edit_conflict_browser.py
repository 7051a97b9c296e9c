"""Two editors in two browsers save the same position: the second is refused, told why, and loses nothing.

Adversarial review, Dec 2026: the position change page did not render the edit-conflict field,
so in a browser the second save silently overwrote the first.
"""

import pytest
from playwright.sync_api import expect

from positions.models import Position
from tests.factories import UserFactory

from .conftest import BROWSER_DB
from .test_editor import PASSWORD, editors_group

pytestmark = [pytest.mark.browser, BROWSER_DB]


def logged_in_tab(browser, site: str, username: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    tab.goto(site + "/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    expect(tab.get_by_role("link", name="Log out").or_(tab.get_by_role("button", name="Log out"))).to_be_visible()
    return context, tab


def test_two_editors_in_two_browsers_do_not_overwrite_each_other(browser, site):
    editors_group()
    UserFactory(username="anna", groups=["Editors"], is_staff=True)
    UserFactory(username="bohdan", groups=["Editors"], is_staff=True)
    position = Position.objects.order_by("pk").first()
    url = f"{site}/admin/positions/position/{position.pk}/change/"
    anna_context, anna = logged_in_tab(browser, site, "anna")
    bohdan_context, bohdan = logged_in_tab(browser, site, "bohdan")
    try:
        anna.goto(url)
        bohdan.goto(url)

        bohdan.locator("#id_summary").fill("Bohdan's summary.")
        bohdan.locator("input[name=_save]").click()
        expect(bohdan.locator(".messagelist")).to_contain_text("was changed successfully")

        anna.locator("#id_summary").fill("Anna's summary.")
        anna.locator("input[name=_save]").click()
        expect(anna.locator(".errorlist.nonfield")).to_contain_text("Not saved: bohdan changed this position")
        expect(anna.locator(".errorlist.nonfield")).to_contain_text(
            "These fields differ from what is saved now: summary"
        )
        expect(anna.locator("#id_summary")).to_have_value("Anna's summary.")  # what she typed is kept
        expect(anna.get_by_text("Saved now by bohdan: Bohdan's summary.")).to_be_visible()
        position.refresh_from_db()
        assert position.summary == "Bohdan's summary."

        # Having seen Bohdan's version, Anna saves again: now knowingly.
        anna.locator("input[name=_save]").click()
        expect(anna.locator(".messagelist")).to_contain_text("was changed successfully")
        position.refresh_from_db()
        assert position.summary == "Anna's summary."
    finally:
        anna_context.close()
        bohdan_context.close()
