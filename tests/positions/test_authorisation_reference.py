"""The authorisation reference as loaded: who decides, who approves, who is told, and what is not yet checked."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from positions.demo.authorisations import AUTHORISATION_CSV, CA_EXECUTIVE, FR_PRESIDENT, GB_EXECUTIVE
from positions.models import AuthorisationBody, Position

pytestmark = pytest.mark.django_db
NOT_CHECKED = "not yet checked against the law"


def body(country: str, name: str, requirement: str, scope: str = "deploy_abroad") -> AuthorisationBody:
    return AuthorisationBody.objects.get(country=country, scope=scope, name=name, requirement=requirement)


def test_every_reference_row_is_loaded_as_the_file_says(seeded):
    with AUTHORISATION_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == AuthorisationBody.objects.count() == 56
    for row in rows:
        loaded = body(row["country_iso2"], row["body_name"], row["requirement"], row["scope"])
        assert (loaded.body_kind, loaded.legal_basis, loaded.legal_basis_url, loaded.editor_notes) == (
            row["body_kind"],
            row["legal_basis"],
            row["source_url"],
            row["notes"],
        )
        assert loaded.confirmed == (row["confirmed"] == "yes")
        assert loaded.explanation and loaded.name_uk


def test_the_executives_that_decide_are_named(seeded):
    assert body("GB", GB_EXECUTIVE, "decision").body_kind == "government"
    assert body("FR", FR_PRESIDENT, "decision").body_kind == "head_of_state"
    assert body("US", "President of the United States", "decision").body_kind == "head_of_state"
    for country in ("DE", "NL", "SE", "DK", "EE", "LV"):
        assert AuthorisationBody.objects.filter(
            country=country, scope="deploy_abroad", requirement="decision", body_kind="government"
        ).exists(), country
    # Canada's Cabinet decides; Parliament has no legal part (its votes since 2006 are a courtesy).
    assert body("CA", CA_EXECUTIVE, "decision").confirmed
    assert not AuthorisationBody.objects.filter(country="CA", name=CA_EXECUTIVE, requirement="none").exists()
    assert "courtesy" in body("CA", "Parliament of Canada (House of Commons)", "none").explanation


def test_ukraines_martial_law_deployment_law_is_dated_as_passed_and_signed(seeded):
    president = body("UA", "President of Ukraine", "decision")
    for date in ("15 Jan 2025", "25 Feb", "17 Mar 2025"):
        assert date in president.legal_basis
    assert "17 March 2025" in president.explanation and "dropped" in president.explanation


def test_rows_not_confirmed_say_they_are_not_yet_checked_against_the_law(client, seeded):
    saeima, eduskunta = body("LV", "Saeima", "prior_approval"), body("FI", "Eduskunta", "consultation")
    assert not saeima.confirmed and not eduskunta.confirmed
    with AUTHORISATION_CSV.open(encoding="utf-8", newline="") as handle:
        not_checked = [row for row in csv.DictReader(handle) if row["confirmed"] != "yes"]
    unconfirmed = set(AuthorisationBody.objects.filter(confirmed=False))
    assert {saeima, eduskunta} <= unconfirmed and len(unconfirmed) == len(not_checked) == 9
    page = client.get(reverse("positions:authorisation_list")).content.decode()
    assert page.count(NOT_CHECKED) == len(not_checked)
    for code, name in (("lv", "Saeima"), ("fi", "Eduskunta")):
        section = page[page.index(f'<section id="{code}"') :]
        section = section[: section.index("</section>")]
        row = section[section.index(f">{name}<") :]
        assert row.index(NOT_CHECKED) < row.index("</tr>")
    latvia = client.get("/countries/lv/").content.decode()
    assert latvia.count(NOT_CHECKED) == 1


def test_position_page_lists_who_decides_then_who_approves_then_who_is_told(client, seeded):
    france = Position.objects.get(actor__slug="france", topic__slug="combat-troops")
    page = client.get(france.get_absolute_url()).content.decode()
    section = page[page.index("Who would have to authorise it") :]
    order = [
        escape(FR_PRESIDENT),  # decides to send
        escape("President of Ukraine"),  # decides to admit
        "Verkhovna Rada of Ukraine",  # must approve the admission first
        "<h3>Must approve it to go on past a time limit</h3>",  # the French Parliament after 4 months
        "<h3>Must be informed</h3>",  # the French Parliament within 3 days
    ]
    places = [section.index(text) for text in order]
    assert places == sorted(places), list(zip(order, places, strict=True))
    lammy = Position.objects.get(actor__slug="david-lammy")
    page = client.get(lammy.get_absolute_url()).content.decode()
    section = page[page.index("Who would have to authorise it") :]
    assert section.index(GB_EXECUTIVE) < section.index("President of Ukraine") < section.index("Verkhovna Rada")
    assert section.index("Verkhovna Rada") < section.index("House of Commons")


def test_seed_demo_brings_an_older_reference_in_line_unless_an_editor_touched_the_row(seeded):
    # As the 26-row file left things: Canada's Cabinet with no role, Latvia's Saeima confirmed, no
    # executive rows for the UK or the US.
    AuthorisationBody.objects.filter(country="CA").exclude(name=CA_EXECUTIVE).delete()
    canada = body("CA", CA_EXECUTIVE, "decision")
    canada.requirement, canada.explanation = "none", "Old text."
    canada.save()
    saeima = body("LV", "Saeima", "prior_approval")
    saeima.confirmed = True
    saeima.save()
    AuthorisationBody.objects.filter(name__in=[GB_EXECUTIVE, "President of the United States"]).delete()
    before = AuthorisationBody.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert AuthorisationBody.objects.count() == before + 3 == 56
    canada.refresh_from_db()
    assert canada.requirement == "decision" and canada.explanation != "Old text."
    assert [row.requirement for row in canada.history.all()[:2]] == ["decision", "none"]
    saeima.refresh_from_db()
    assert not saeima.confirmed
    changes = AuthorisationBody.history.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert AuthorisationBody.history.count() == changes and AuthorisationBody.objects.count() == 56


def test_seed_demo_leaves_a_row_an_editor_changed_when_the_reference_drops_it(seeded):
    canada = body("CA", CA_EXECUTIVE, "decision")
    canada.requirement = "none"
    canada._history_user = get_user_model().objects.create(username="editor")
    canada.save()

    call_command("seed_demo", stdout=io.StringIO())

    canada.refresh_from_db()
    assert canada.requirement == "none"
    assert body("CA", CA_EXECUTIVE, "decision").pk != canada.pk
