"""The API's other resources: countries as the matrix shows them, actors with roles, sources with quotes."""

import pytest

from positions.models import CountryStance
from tests.factories import ActorFactory, AuthorisationBodyFactory, RoleFactory


def test_countries_carry_the_matrix_stances(client, seeded):
    data = client.get("/api/v1/countries/").json()
    sent = {(c["code"], s["topic"]["slug"]): s["position"]["id"] for c in data for s in c["stances"]}
    stored = {(s.country, s.topic.slug): s.position_id for s in CountryStance.objects.select_related("topic")}
    assert sent == stored
    names = [country["name"] for country in data]
    assert names == sorted(names)


def test_one_country_and_its_addresses(client, seeded):
    data = client.get("/api/v1/countries/gb/").json()
    assert data["code"] == "GB"
    assert data["url"] == "http://testserver/countries/gb/"
    assert data["positions_url"] == "http://testserver/api/v1/positions/?country=gb"
    assert client.get("/api/v1/countries/GB/").status_code == 301
    assert client.get("/api/v1/countries/xx/").status_code == 404
    assert client.get("/api/v1/countries/gbr/").status_code == 404


def test_actors_carry_their_roles_and_organisation(client, db, django_assert_max_num_queries):
    nato = ActorFactory(name="NATO", kind="organisation", country="")
    chief = ActorFactory(name="Mark Rutte", kind="official", country="")
    RoleFactory(actor=chief, title="Secretary General", country="", organisation=nato)
    data = client.get(f"/api/v1/actors/{chief.slug}/").json()
    assert data["country"] is None
    assert data["roles"][0]["organisation"]["slug"] == nato.slug
    with django_assert_max_num_queries(5):
        listed = client.get("/api/v1/actors/?kind=official").json()
    assert listed["count"] == 1


def test_actor_filters_refuse_bad_values(client, db):
    response = client.get("/api/v1/actors/?kind=king")
    assert response.status_code == 400
    assert set(response.json()) == {"kind"}


def test_sources_carry_their_quotes_and_filter_by_outlet(client, seeded):
    data = client.get("/api/v1/sources/?outlet=lbc").json()
    assert data["results"] and all(row["outlet"]["slug"] == "lbc" for row in data["results"])
    assert all(row["quotes"] for row in data["results"])
    assert client.get("/api/v1/sources/?outlet=nowhere").status_code == 400


def test_an_unknown_source_url_is_null_not_guessed(client, seeded):
    rows = client.get("/api/v1/sources/?page_size=500").json()["results"]
    assert any(row["document_url"] is None for row in rows)


@pytest.mark.parametrize(("query", "count"), [("country=gb", 1), ("country=GB&scope=admit_foreign", 0), ("", 2)])
def test_authorisation_bodies_filter_by_country_and_scope(client, db, query, count):
    AuthorisationBodyFactory(country="GB")
    AuthorisationBodyFactory(country="FR")
    assert client.get(f"/api/v1/authorisation-bodies/?{query}").json()["count"] == count


def test_authorisation_bodies_give_the_public_explanation_never_the_editors_notes(client, db):
    AuthorisationBodyFactory(country="GB", explanation="Votes first.", editor_notes="Checked by phone; unsure.")
    row = client.get("/api/v1/authorisation-bodies/").json()["results"][0]
    assert row["notes"] == "Votes first."
    assert "Checked by phone" not in str(row)


def test_small_tables_page_with_a_count(client, seeded):
    data = client.get("/api/v1/outlets/?page_size=1").json()
    assert data["count"] >= 2 and len(data["results"]) == 1 and data["next"]
    assert client.get("/api/v1/outlets/?page=99").status_code == 404
