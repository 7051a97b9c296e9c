"""The public pages over HTTP: what each shows, canonical country URLs, trust badges, and bad input."""

import datetime

import pytest

from positions.choices import ActorKind, Stance
from positions.models import Position
from sources.models import Verification
from tests.factories import (
    ActorFactory,
    AuthorisationBodyFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
PUBLIC_URLS = ["/", "/countries/", "/countries/gb/", "/actors/", "/positions/", "/sources/", "/authorisations/"]


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def lammy_rejects():
    """Lammy ruling out combat troops on 26 Nov 2024 as Foreign Secretary, reported by LBC."""
    actor = ActorFactory(name="David Lammy", slug="david-lammy", country="GB", kind=ActorKind.OFFICIAL)
    RoleFactory(actor=actor, title="Shadow Foreign Secretary", start_on=D(2021, 11, 29), end_on=D(2024, 7, 4))
    RoleFactory(actor=actor, title="Foreign Secretary", start_on=D(2024, 7, 5))
    source = SourceFactory(
        outlet=OutletFactory(name="LBC", slug="lbc"), title="Lammy at the G7", archive_url="https://archive.org/x"
    )
    quote = QuoteFactory(source=source, said_on=D(2024, 11, 26), verification=Verification.REPORTED)
    return PositionFactory(
        actor=actor,
        topic=TopicFactory(slug="combat-troops", name="Combat troops"),
        quote=quote,
        stance=Stance.RULES_OUT,
        stated_on=D(2024, 11, 26),
    )


# Home


def test_home_matrix_cell_shows_stance_label_date_who_and_statement_count(client, lammy_rejects):
    PositionFactory(actor=lammy_rejects.actor, topic=lammy_rejects.topic, stated_on=D(2024, 3, 1), stance=Stance.OPEN)
    page = text(client.get("/"))
    assert 'class="stance stance-rules_out">rules out<' in page
    cell = page.split('class="cell"')[1].split("</a>")[0]
    assert "26 Nov 2024" in cell and "David Lammy" in cell
    assert "2 statements" in page
    assert f'href="/positions/{lammy_rejects.pk}/"' in page
    assert 'href="/countries/gb/"' in page


def test_home_matrix_shows_month_precision_dates_as_month(client):
    PositionFactory(actor=ActorFactory(country="FR"), stated_on=D(2024, 11, 1), date_precision="month")
    cell = text(client.get("/")).split('class="cell"')[1].split("</a>")[0]
    assert ">Nov 2024<" in cell and "1 Nov 2024" not in cell


def test_home_lists_latest_positions_newest_first(client):
    old = PositionFactory(summary="Old words", stated_on=D(2023, 1, 1))
    new = PositionFactory(summary="New words", stated_on=D(2024, 12, 1))
    page = text(client.get("/"))
    assert page.index(new.summary) < page.index(old.summary)


def test_analysts_do_not_make_a_country_stance(client):
    PositionFactory(actor=ActorFactory(country="UA", kind=ActorKind.ANALYST), stance=Stance.COMMENTARY)
    assert 'class="cell"' not in text(client.get("/"))


# Trust is visible


@pytest.mark.parametrize("verification", [Verification.REPORTED, Verification.UNVERIFIED])
def test_reported_and_unverified_positions_carry_a_word_badge_everywhere(client, lammy_rejects, verification):
    lammy_rejects.quote.verification = verification
    lammy_rejects.quote.save()
    lammy_rejects.save()
    badge = f'class="verification verification-{verification}"'
    for url in ["/", "/countries/gb/", "/actors/david-lammy/", "/positions/", lammy_rejects.get_absolute_url()]:
        assert badge in text(client.get(url)), url
    assert badge in text(client.get(lammy_rejects.quote.source.get_absolute_url()))


def test_confirmed_rows_stay_quiet_in_lists(client):
    PositionFactory()
    assert "verification-confirmed" not in text(client.get("/positions/"))


def test_unverified_positions_can_be_filtered_out(client, lammy_rejects):
    confirmed = PositionFactory(summary="On the record")
    page = text(client.get("/positions/?verification=confirmed"))
    assert confirmed.summary in page
    assert f"/positions/{lammy_rejects.pk}/" not in page


# Countries


def test_country_codes_in_other_case_redirect_permanently_to_lower_case(client):
    response = client.get("/countries/GB/")
    assert response.status_code == 301
    assert response["Location"] == "/countries/gb/"
    assert client.get("/countries/Gb/")["Location"] == "/countries/gb/"


@pytest.mark.parametrize("code", ["xx", "XX", "gbr", "1", "g"])
def test_unknown_country_codes_are_not_found(client, code):
    response = client.get(f"/countries/{code}/")
    assert response.status_code == 404
    assert "Not found" in text(response)


def test_country_page_shows_actors_current_stances_bodies_and_latest_positions(client, lammy_rejects):
    AuthorisationBodyFactory(
        country="GB",
        name="House of Commons",
        scope="deploy_abroad",
        requirement="convention",
        legal_basis="War Powers convention",
        legal_basis_url="https://example.org/convention",
        confirmed=False,
    )
    AuthorisationBodyFactory(country="FR", name="Assemblée nationale")
    page = text(client.get("/countries/gb/"))
    assert "David Lammy" in page and "Foreign Secretary" in page
    assert "Combat troops" in page and "stance-rules_out" in page
    assert "House of Commons" in page and "sending own troops abroad" in page and "convention" in page
    assert 'href="https://example.org/convention"' in page and "not yet checked against the law's text" in page
    assert "Assemblée nationale" not in page
    assert 'href="/positions/?country=gb"' in page


def test_country_page_offers_a_stance_filter_that_goes_to_the_positions_list(client, lammy_rejects):
    page = text(client.get("/countries/gb/"))
    assert 'action="/positions/"' in page and 'name="country" value="gb"' in page and 'name="stance"' in page


def test_country_list_shows_each_country_with_its_stances(client, lammy_rejects):
    PositionFactory(actor=ActorFactory(country="UA", kind=ActorKind.ANALYST))
    page = text(client.get("/countries/"))
    assert 'href="/countries/gb/"' in page and "stance-rules_out" in page
    assert 'href="/countries/ua/"' in page and "No government stance recorded yet." in page


# Actors


def test_actor_list_filters_by_kind_and_country(client):
    ActorFactory(slug="keir-starmer", kind=ActorKind.OFFICIAL, country="GB")
    ActorFactory(slug="france", kind=ActorKind.STATE, country="FR")
    ActorFactory(slug="nato", kind=ActorKind.ORGANISATION, country="")
    page = text(client.get("/actors/?kind=official"))
    assert "/actors/keir-starmer/" in page and "/actors/france/" not in page and "/actors/nato/" not in page
    page = text(client.get("/actors/?country=fr"))
    assert "/actors/france/" in page and "/actors/keir-starmer/" not in page


def test_actor_list_says_so_when_a_filter_is_invalid(client):
    response = client.get("/actors/?kind=wizard")
    assert response.status_code == 400
    assert "not valid" in text(response)


def test_actor_page_shows_roles_and_the_role_held_on_each_statement_day(client, lammy_rejects):
    earlier = PositionFactory(
        actor=lammy_rejects.actor, topic=lammy_rejects.topic, stated_on=D(2024, 3, 1), stance=Stance.OPEN
    )
    page = text(client.get("/actors/david-lammy/"))
    assert "29 Nov 2021 – 4 Jul 2024" in page and "5 Jul 2024 – present" in page
    rows = page.split("Positions over time")[1].split('class="position-row"')[1:]
    role_of = {pk: next(row for row in rows if f"/positions/{pk}/" in row) for pk in (lammy_rejects.pk, earlier.pk)}
    assert "as Foreign Secretary" in role_of[lammy_rejects.pk]
    assert "as Shadow Foreign Secretary" in role_of[earlier.pk]


def test_actor_page_marks_changes_of_stance(client, lammy_rejects):
    PositionFactory(actor=lammy_rejects.actor, topic=lammy_rejects.topic, stated_on=D(2024, 3, 1), stance=Stance.OPEN)
    page = text(client.get("/actors/david-lammy/"))
    assert page.count("changed from") == 1
    marker = page.index("changed from")
    assert page.index("stance-open", marker) < page.index("position-who", marker)


def test_unknown_actor_is_not_found(client):
    assert client.get("/actors/nobody/").status_code == 404


# Position page


def test_position_page_tells_the_whole_story(client, lammy_rejects):
    quote = lammy_rejects.quote
    quote.original_text, quote.original_language = "Pas de troupes britanniques", "fr"
    quote.translation = "translation"
    quote.save()
    AuthorisationBodyFactory(country="GB", name="House of Commons", scope="deploy_abroad")
    AuthorisationBodyFactory(country="UA", name="Verkhovna Rada", scope="admit_foreign")
    AuthorisationBodyFactory(country="FR", name="Parlement", scope="deploy_abroad")
    page = text(client.get(lammy_rejects.get_absolute_url()))
    assert quote.text in page and "Pas de troupes britanniques" in page and 'lang="fr"' in page
    assert "Lammy at the G7" in page and "LBC" in page and "26 Nov 2024" in page
    assert "verification-reported" in page and 'href="https://archive.org/x"' in page
    assert "Foreign Secretary" in page and "Shadow" not in page.split("Role that day")[1].split("</dd>")[0]
    assert "House of Commons" in page and "Verkhovna Rada" in page and "Parlement" not in page


def test_position_for_a_topic_without_deployment_needs_no_authorisation(client):
    position = PositionFactory(topic=TopicFactory(slug="volunteers", involves_deployment=False))
    AuthorisationBodyFactory(country="GB", name="House of Commons")
    page = text(client.get(position.get_absolute_url()))
    assert "House of Commons" not in page and "involves no deployment" in page


def test_quote_text_with_html_is_shown_as_text(client):
    position = PositionFactory(quote=QuoteFactory(text='<script>alert("x")</script><b>bold</b>'))
    for url in [position.get_absolute_url(), "/positions/", "/", position.quote.source.get_absolute_url()]:
        page = text(client.get(url))
        assert "<script>alert" not in page and "<b>bold</b>" not in page, url
        assert "&lt;b&gt;bold&lt;/b&gt;" in page or "&lt;script&gt;" in page, url


def test_unknown_position_is_not_found(client):
    assert client.get("/positions/999999/").status_code == 404


# Sources and authorisations


def test_source_list_filters_by_outlet_and_explains_an_unknown_one(client, lammy_rejects):
    SourceFactory(title="Something in Le Monde", outlet=OutletFactory(slug="le-monde"))
    page = text(client.get("/sources/?outlet=lbc"))
    assert "Lammy at the G7" in page and "Something in Le Monde" not in page
    response = client.get("/sources/?outlet=<b>nope</b>")
    assert response.status_code == 400
    assert "There is no outlet" in text(response) and "<b>nope" not in text(response)


def test_source_page_shows_its_quotes_and_the_positions_they_evidence(client, lammy_rejects):
    page = text(client.get(lammy_rejects.quote.source.get_absolute_url()))
    assert lammy_rejects.quote.text in page
    assert f'id="quote-{lammy_rejects.quote.pk}"' in page
    assert f"/positions/{lammy_rejects.pk}/" in page and "stance-rules_out" in page


def test_source_without_a_url_says_so_rather_than_inventing_one(client):
    source = SourceFactory(url="", published_on=D(2024, 11, 1), published_precision="month")
    page = text(client.get(source.get_absolute_url()))
    assert "URL not known" in page and "Nov 2024" in page and "1 Nov 2024" not in page


def test_authorisations_are_grouped_by_country_and_scope(client):
    AuthorisationBodyFactory(country="UA", name="Verkhovna Rada", scope="admit_foreign")
    AuthorisationBodyFactory(
        country="UA", name="President of Ukraine", scope="deploy_abroad", body_kind="head_of_state"
    )
    AuthorisationBodyFactory(country="DE", name="Bundestag", scope="deploy_abroad", confirmed=True)
    page = text(client.get("/authorisations/"))
    assert page.index('id="de"') < page.index('id="ua"')
    ukraine = page[page.index('id="ua"') :]
    assert ukraine.index("Sending own troops abroad") < ukraine.index("President of Ukraine")
    assert ukraine.index("Admitting foreign troops") < ukraine.index("Verkhovna Rada")


# Methods and the 404 page


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_answer_get_and_head_and_refuse_other_methods(client, lammy_rejects, url):
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_detail_pages_refuse_post(client, lammy_rejects):
    for url in [
        lammy_rejects.get_absolute_url(),
        "/actors/david-lammy/",
        lammy_rejects.quote.source.get_absolute_url(),
    ]:
        assert client.post(url).status_code == 405


def test_every_page_has_the_navigation_and_the_stylesheet(client, lammy_rejects):
    for url in PUBLIC_URLS:
        page = text(client.get(url))
        assert 'href="/static/css/site.css"' in page and 'href="/timeline/"' in page and 'href="#main"' in page
        assert 'style="' not in page and "<script>" not in page


def test_seeded_pages_all_render(client, seeded):
    urls = PUBLIC_URLS + [p.get_absolute_url() for p in Position.objects.all()]
    urls += ["/actors/keir-starmer/", "/actors/david-lammy/", "/countries/fr/", "/countries/ua/"]
    for url in urls:
        assert client.get(url).status_code == 200, url
