import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from positions.choices import Requirement, Stance
from positions.demo import seed
from positions.models import Actor, AuthorisationBody, Position, Role
from sources.dates import DatePrecision
from sources.models import Attribution, Outlet, Quote, Source, Translation, Verification
from tests.admin.rendered_form import submitted_data
from tests.factories import AuthorisationBodyFactory, UserFactory


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
    # LBC published it on the 26th without saying when he spoke; other outlets disagree on the day.
    assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 1), DatePrecision.MONTH)
    assert position.stated_display == "Nov 2024"
    assert "does not say on which day" in position.date_evidence


def test_position_page_says_why_a_date_is_only_the_month(client, seeded):
    position = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    page = client.get(position.get_absolute_url()).content.decode()
    assert "known to the month" in page and "known to the day" not in page
    assert "Date evidence:" in page and "does not say on which day he spoke" in page
    assert position.stance == Stance.OPPOSES
    assert position.role.title == "Foreign Secretary"
    assert position.quote.source.outlet.name == "LBC"


def test_seed_positions_are_no_more_precise_than_their_sources(seeded):
    positions = Position.objects.select_related("quote__source")
    for position in positions:
        source = position.quote.source
        assert position.date_precision != DatePrecision.DAY or source.published_precision == DatePrecision.DAY
        position.full_clean()
    starmer, france = (Position.objects.get(actor__slug=slug) for slug in ("keir-starmer", "france"))
    for position in (starmer, france):
        assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 1), DatePrecision.MONTH)
        assert position.quote.date_precision == DatePrecision.MONTH


def test_seed_demo_brings_day_precision_of_an_older_seed_in_line_with_history(seeded):
    # As the seed had it before: 25 Nov 2024, "known to the day", for the UNN report and for Lammy.
    day = datetime.date(2024, 11, 25)
    old_quotes = Quote.objects.filter(text__regex=r"(the newspaper Le Monde|^We are very clear)")
    old_positions = Position.objects.filter(actor__slug__in=["keir-starmer", "france", "david-lammy"])
    for row in [*old_quotes, *old_positions]:
        if isinstance(row, Quote):
            row.said_on = day
        else:
            row.stated_on, row.date_evidence = day, ""
        row.date_precision = "day"
        row.save()
    editors = Position.objects.get(actor__slug="taras-semenyuk", quote__text__contains="F-16")
    editors.summary = "An editor's summary."
    editors.save()

    call_command("seed_demo", stdout=io.StringIO())

    for position in Position.objects.filter(actor__slug__in=["keir-starmer", "france", "david-lammy"]):
        assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 1), "month")
        assert position.quote.date_precision == "month"
        newest, before = position.history.all()[:2]
        assert (newest.date_precision, before.date_precision) == ("month", "day")
    lammy = Position.objects.get(actor__slug="david-lammy")
    assert lammy.date_evidence == seed.LAMMY_DAY_UNCERTAIN
    history_rows = [Position.history.count(), Quote.history.count()]
    call_command("seed_demo", stdout=io.StringIO())
    assert [Position.history.count(), Quote.history.count()] == history_rows


def test_seed_unn_article_has_month_precision_and_the_url_research_found(seeded):
    unn = Source.objects.get(outlet__slug="unn")
    assert unn.url == "https://unn.ua/en/amp/why-nato-does-not-send-troops-to-ukraine-expert-reveals-important-details"
    assert unn.published_precision == DatePrecision.MONTH
    assert unn.published_display == "Nov 2024"
    le_monde = Source.objects.get(outlet__slug="le-monde")
    assert le_monde.url == ""  # Le Monde's article itself was not found
    assert le_monde.published_on == datetime.date(2024, 11, 25)
    assert le_monde.title == "Guerre en Ukraine : l'envoi de militaires européens en discussion"


def test_seed_loads_every_reference_authorisation_body(seeded):
    assert AuthorisationBody.objects.count() == 56
    rada = AuthorisationBody.objects.get(country="UA", scope="admit_foreign", body_kind="parliament")
    assert rada.name == "Verkhovna Rada of Ukraine" and rada.confirmed
    assert "lb.ua" in rada.legal_basis_url and "1479-III" in rada.legal_basis
    assert rada.explanation and rada.editor_notes and rada.explanation != rada.editor_notes
    france = AuthorisationBody.objects.filter(country="FR", name="Parlement (Assemblée nationale and Sénat)")
    assert set(france.values_list("requirement", flat=True)) == {"notification", "approval_to_continue"}
    assert not AuthorisationBody.objects.filter(explanation="").exists()


def test_seed_unn_quotes_are_reported_machine_translations_without_an_invented_original(seeded):
    unn_quotes = Quote.objects.filter(source__outlet__slug="unn")
    assert unn_quotes.count() == 7
    for quote in unn_quotes:
        assert (quote.translation, quote.verification, quote.original_text) == ("machine", "reported", "")
    lammy = Quote.objects.get(source__outlet__slug="lbc")
    assert lammy.translation == Translation.ORIGINAL and lammy.verification == Verification.REPORTED
    assert "we are not committing UK troops to the theatre of action" in lammy.text
    assert lammy.source.url == "https://www.lbc.co.uk/news/lammy-uk-not-sending-troops-ukraine"


@pytest.mark.parametrize(
    "words",
    [
        "could lead to a large-scale escalation, in fact, to the Third World War",
        "the presence of about 200 F-16 aircraft with about 500 pilots",
    ],
)
def test_seed_holds_semenyuks_two_assessments_as_commentary_in_the_articles_words(seeded, words):
    article = " ".join(quote["text"] for quote in seed.QUOTES)
    assert words in article
    position = Position.objects.get(actor__slug="taras-semenyuk", quote__text__contains=words)
    assert position.stance == Stance.COMMENTARY and position.topic.slug == "combat-troops"
    assert position.quote.translation == "machine" and position.verification == "reported"
    assert position.quote.said_display == "Nov 2024"


def test_seed_demo_brings_an_older_seed_in_line_and_leaves_editors_rows_alone(seeded):
    # As an earlier seed left things: the old LBC record, Semenyuk confirmed, an old body row.
    lammy = Quote.objects.get(source__outlet__slug="lbc")
    Position.objects.filter(quote=lammy).update(stated_on=datetime.date(2024, 11, 26), date_precision="day")
    Quote.objects.filter(pk=lammy.pk).update(
        text="Not committing UK troops to the theatre of action … remains the UK position at this time.",
        said_on=datetime.date(2024, 11, 26),
        date_precision="day",
    )
    Source.objects.filter(pk=lammy.source_id).update(
        url="", title="Lammy at the G7 foreign ministers' meeting in Italy: UK not committing troops"
    )
    # (An anonymous report cannot be confirmed, not even in an old database: the constraint refuses it.)
    Quote.objects.filter(source__outlet__slug="unn").exclude(attribution=Attribution.ANONYMOUS).update(
        verification="confirmed", translation="original"
    )
    semenyuk_new = Position.objects.filter(quote__text__contains="F-16")
    Position.objects.filter(pk__in=semenyuk_new).delete()
    Quote.objects.filter(text__contains="F-16").delete()
    eduskunta = AuthorisationBody.objects.get(country="FI", name="Eduskunta")
    eduskunta.requirement, eduskunta.legal_basis, eduskunta.explanation = "prior_approval", "Old basis", ""
    eduskunta.save()
    AuthorisationBody.objects.filter(country="FR", requirement="approval_to_continue").update(
        name="Parlement (Assemblée nationale has the final say if asked)", requirement="prior_approval"
    )
    editors = AuthorisationBodyFactory(country="FR", name="Sénat", requirement="consultation", editor_notes="mine")
    before = counts()

    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert counts() == before[:2] + [before[2] + 1, before[3]] + before[4:6] + [before[6] + 1]
    lammy.refresh_from_db()
    assert lammy.said_on == datetime.date(2024, 11, 1) and lammy.text.startswith("We are very clear")
    assert lammy.source.url.startswith("https://www.lbc.co.uk/") and lammy.source.title.startswith("Lammy insists")
    assert Position.objects.get(quote=lammy).stated_on == datetime.date(2024, 11, 1)
    assert set(Position.objects.filter(actor__slug="taras-semenyuk").values_list("verification", flat=True)) == {
        "reported"
    }
    eduskunta.refresh_from_db()
    assert eduskunta.requirement == Requirement.CONSULTATION and eduskunta.legal_basis != "Old basis"
    assert AuthorisationBody.objects.filter(country="FR", requirement="approval_to_continue").count() == 1
    assert AuthorisationBody.objects.get(pk=editors.pk).editor_notes == "mine"
    assert AuthorisationBody.objects.count() == 57
    again = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == again


def test_seed_le_monde_report_is_anonymous_and_the_others_the_speakers_own_words(seeded):
    """UNN's sentence about Le Monde's report citing unnamed sources is neither Starmer's nor France's words."""
    le_monde = Quote.objects.get(text__contains="the newspaper Le Monde")
    assert le_monde.attribution == Attribution.ANONYMOUS
    assert set(Position.objects.filter(quote=le_monde).values_list("attribution", flat=True)) == {Attribution.ANONYMOUS}
    others = Quote.objects.exclude(pk=le_monde.pk)
    assert set(others.values_list("attribution", flat=True)) == {Attribution.DIRECT, Attribution.SPOKESPERSON}
    assert set(others.filter(attribution=Attribution.SPOKESPERSON).values_list("source__outlet__slug", flat=True)) == {
        "politico-europe"
    }


def test_seed_demo_brings_the_attribution_of_an_older_seed_in_line_with_history(seeded):
    # As quotes were given when attribution was added: every one `direct`.
    le_monde = Quote.objects.get(text__contains="the newspaper Le Monde")
    le_monde.attribution = Attribution.DIRECT
    le_monde.save()

    call_command("seed_demo", stdout=io.StringIO())

    le_monde.refresh_from_db()
    assert le_monde.attribution == Attribution.ANONYMOUS
    newest, before = le_monde.history.all()[:2]
    assert (newest.attribution, before.attribution) == (Attribution.ANONYMOUS, Attribution.DIRECT)
    starmer = Position.objects.get(actor__slug="keir-starmer")
    assert starmer.attribution == Attribution.ANONYMOUS


def test_a_seed_position_an_editor_deleted_stays_deleted_and_a_scripts_deletion_is_undone(client, seeded):
    lammy = Position.objects.get(actor__slug="david-lammy", topic__slug="combat-troops")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    delete_url = reverse("admin:positions_position_delete", args=[lammy.pk])
    data = submitted_data(client.get(delete_url).content.decode(), "withdraw_form")
    data["withdrawal_reason"] = ["Misdated."]
    assert client.post(delete_url, data).status_code == 302
    # A deletion nobody signed (a script's) is not a decision about the data.
    Position.objects.filter(actor__slug="keir-starmer").delete()
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert not Position.objects.filter(actor__slug="david-lammy", topic__slug="combat-troops").exists()
    assert Position.objects.filter(actor__slug="keir-starmer").exists()
    assert "a position an editor deleted, left out (david-lammy, combat-troops)" in out.getvalue()
