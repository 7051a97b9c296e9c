"""An Editor adds a statement in the admin — new quote, new source, one screen — and finds it on its country page."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from positions.models import Actor
from sources.models import Outlet
from tests.factories import UserFactory

from .conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]
PASSWORD = "a-long-test-password-42"
groups_migration = importlib.import_module("positions.migrations.0002_groups")


def editors_group() -> Group:
    """The Editors group exactly as migration 0002 makes it.

    A transactional test's flush can leave content types, permissions and groups renumbered or gone,
    depending on what ran before; rebuilding them here keeps this test independent of test order.
    """
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    group, _created = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        list(groups_migration.permissions_for(apps, groups_migration.VIEWED, ["view"]))
        + list(groups_migration.permissions_for(apps, groups_migration.EDITED, ["add", "change"]))
    )
    return group


def pick_autocomplete(page, field_id: str, value: int, label: str) -> None:
    """Set a select2 autocomplete's underlying <select>: the admin's widget needs JavaScript to search."""
    page.evaluate(
        """([id, value, label]) => {
            const select = document.getElementById(id);
            select.add(new Option(label, value, true, true));
            select.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        [field_id, str(value), label],
    )


def test_editor_adds_a_statement_with_a_new_quote_and_source_and_sees_it_on_the_country_page(page, site):
    editors_group()
    UserFactory(username="editor", groups=["Editors"], is_staff=True)
    macron = Actor.objects.get(slug="emmanuel-macron")
    le_monde = Outlet.objects.get(slug="le-monde")

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()

    page.goto(site + "/admin/positions/position/add/")
    pick_autocomplete(page, "id_actor", macron.pk, macron.name)
    page.locator("#id_topic").select_option(label="Reassurance force")
    page.locator("#id_stance").select_option("supports")
    page.locator("#id_stated_on").fill("2025-02-17")
    page.locator("#id_date_precision").select_option("day")
    page.locator("#id_summary").fill("Macron backs a European reassurance force after a ceasefire.")
    page.locator("#id_conditions").fill("only after a ceasefire")
    page.locator("#id_new_quote_text").fill("France is ready to send troops as part of a reassurance force.")
    page.locator("#id_new_quote_original_text").fill("La France est prête à envoyer des troupes.")
    page.locator("#id_new_quote_original_language").fill("fr")
    pick_autocomplete(page, "id_new_source_outlet", le_monde.pk, le_monde.name)
    page.locator("#id_new_source_title").fill("Macron on a reassurance force")
    page.locator("#id_new_source_url").fill("https://www.lemonde.fr/example/macron-reassurance")
    page.locator("#id_new_source_published_on").fill("2025-02-17")
    page.locator("#id_new_source_language").fill("fr")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(site + "/countries/fr/")
    stances = page.locator("table").first
    row = stances.locator("tr", has_text="Reassurance force")
    expect(row).to_contain_text("supports")
    expect(row).to_contain_text("17 Feb 2025")
    expect(row).to_contain_text("Emmanuel Macron")
    latest = page.locator(".position-row").first
    expect(latest).to_contain_text("Macron backs a European reassurance force")
    latest.get_by_role("link", name=re.compile("^Details")).click()
    expect(page.locator("blockquote[lang=fr]")).to_contain_text("La France est prête")
    expect(page.locator("dl.facts")).to_contain_text("Macron on a reassurance force")
