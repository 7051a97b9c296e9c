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

from .conftest import BROWSER_DB, SCREENSHOTS

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


def test_editor_enters_a_new_actor_outlet_and_translated_quote_in_one_screen(page, site):
    """The whole statement in the add screen: no pop-up opens, it fits 1440×900, and the position is published."""
    editors_group()
    UserFactory(username="editor", groups=["Editors"], is_staff=True)
    page.goto(site + "/admin/login/?next=/admin/positions/position/add/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    popups = []
    page.context.on("page", lambda opened: popups.append(opened))

    expect(page.locator("#id_new_actor_name")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    save = page.locator("input[name=_save]")
    page.screenshot(path=str(SCREENSHOTS / "admin-add-statement-1440.png"), full_page=True)
    assert save.bounding_box()["y"] + save.bounding_box()["height"] <= 900, "the add screen does not fit 1440×900"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    title_box = page.locator("#id_new_source_title").bounding_box()
    assert title_box["width"] >= 250, "the source title box is too narrow to read a headline"
    page.screenshot(path=str(SCREENSHOTS / "admin-add-statement-1440.png"))

    page.locator("#id_new_actor_name").fill("Anna Łęcka")
    page.locator("#id_new_actor_kind").select_option("official")
    page.locator("#id_new_actor_country").select_option("PL")
    page.locator("#id_new_role_title").fill("Minister of National Defence")
    page.locator("#id_new_role_office_rank").select_option("foreign_defence")
    page.locator("#id_topic").select_option(label="Reassurance force")
    page.locator("#id_stance").select_option("rules_out")
    page.locator("#id_stated_on").fill("2025-03-04")
    page.locator("#id_date_precision").select_option("day")
    page.locator("#id_summary").fill("Łęcka rules out Polish troops in Ukraine.")
    page.locator("#id_new_quote_text").fill("Poland will not send its soldiers to Ukraine.")
    page.locator("#id_new_quote_original_text").fill("Polska nie wyśle swoich żołnierzy na Ukrainę.")
    page.locator("#id_new_quote_original_language").fill("pl")
    page.locator("#id_new_quote_translation").select_option("original")  # wrong on purpose: refused at the field
    page.locator("#id_new_outlet_name").fill("Dziennik Testowy")
    page.locator("#id_new_source_url").fill("https://dziennik.example.pl/lecka-wojsko")
    page.locator("#id_new_source_published_on").fill("2025-03-04")
    page.locator("#id_new_source_language").fill("pl")
    save.click()

    error = page.locator(".field-new_quote_translation .errorlist")
    expect(error).to_contain_text("With an original text beside it")
    expect(page.locator(".fieldBox.field-new_quote_translation.errors")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "admin-add-statement-error-1440.png"))
    # What was typed is kept; only the wrong choice is changed.
    expect(page.locator("#id_new_actor_name")).to_have_value("Anna Łęcka")
    page.locator("#id_new_quote_translation").select_option("translation")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert popups == [], "a pop-up window opened"

    page.goto(site + "/countries/pl/")
    latest = page.locator(".position-row", has_text="Łęcka rules out Polish troops")
    expect(latest).to_contain_text("Anna Łęcka")
    latest.get_by_role("link", name=re.compile("^Details")).click()
    expect(page.locator("blockquote[lang=pl]")).to_contain_text("Polska nie wyśle")
    expect(page.locator("body")).to_contain_text("Minister of National Defence")
    expect(page.locator("dl.facts")).to_contain_text("Dziennik Testowy")

    # Found without its accents, as a reader would type the name.
    page.goto(site + "/positions/?q=lecka")
    expect(page.locator(".position-list")).to_contain_text("Anna Łęcka")
