import datetime

from django.core.management import call_command

from positions.choices import Stance
from positions.models import Actor, AuthorisationBody, Position, Role
from sources.dates import DatePrecision
from sources.models import Outlet, Quote, Source


def counts():
    return [m.objects.count() for m in (Actor, Role, Position, AuthorisationBody, Outlet, Source, Quote)]


def test_seed_demo_is_idempotent(seeded):
    before = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert counts() == before
    assert before[2] >= 8


def test_seed_keeps_garbled_names_as_aliases(seeded):
    starmer = Actor.objects.get(slug="keir-starmer")
    lammy = Actor.objects.get(slug="david-lammy")
    assert starmer.name == "Keir Starmer" and "Cyrus Starmer" in starmer.alias_list
    assert lammy.name == "David Lammy" and "David Lamy" in lammy.alias_list


def test_seed_lammy_rejection_is_dated_and_shows_role_of_the_day(seeded):
    position = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    assert position.stated_on == datetime.date(2024, 11, 26)
    assert position.stance == Stance.OPPOSES
    assert position.role.title == "Foreign Secretary"
    assert position.quote.source.outlet.name == "LBC"


def test_seed_unn_article_has_month_precision_and_no_invented_url(seeded):
    unn = Source.objects.get(outlet__slug="unn")
    assert unn.url == ""
    assert unn.published_precision == DatePrecision.MONTH
    assert unn.published_display == "Nov 2024"
    le_monde = Source.objects.get(outlet__slug="le-monde")
    assert le_monde.published_on == datetime.date(2024, 11, 25)
    assert le_monde.title == "Guerre en Ukraine : l'envoi de militaires européens en discussion"


def test_seed_loads_every_reference_authorisation_body(seeded):
    assert AuthorisationBody.objects.count() == 21
    rada = AuthorisationBody.objects.get(country="UA", scope="admit_foreign", body_kind="parliament")
    assert rada.name == "Verkhovna Rada of Ukraine" and rada.confirmed
    assert "1479-14" in rada.legal_basis_url
    poland = AuthorisationBody.objects.get(country="PL", scope="admit_foreign")
    assert poland.confirmed is False
