"""Country codes in addresses: the path converter and the one normaliser (positions/country_codes.py)."""

import re

import pytest
from django.urls import reverse

from positions.country_codes import in_address, normalise
from positions.filtersets import PositionFilter
from positions.models import Position
from tests.factories import PositionFactory

# Every address that takes a country code in its path: pages, embeds and the API.
ADDRESSES = ["/countries/{}/", "/embed/countries/{}/", "/api/v1/countries/{}/", "/uk/countries/{}/"]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("written", ["GB", "Gb", "gB"])
def test_a_code_in_another_case_redirects_permanently_to_lower_case(client, db, address, written):
    response = client.get(address.format(written) + "?topic=combat-troops")
    assert response.status_code == 301
    assert response["Location"] == address.format("gb") + "?topic=combat-troops"


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_lower_case_address_answers(client, db, address):
    assert client.get(address.format("gb")).status_code == 200


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("code", ["xx", "XX", "gbr", "g", "1", "%D0%B3%D0%B1"])
def test_a_code_that_is_not_iso_3166_is_not_found(client, db, address, code):
    assert client.get(address.format(code)).status_code == 404


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_code_with_a_nul_byte_is_refused_before_any_view(client, db, address):
    # The NUL middleware answers first (tests/security/test_nul_bytes.py): a 400, never a 500.
    assert client.get(address.format("g%00")).status_code == 400


def test_only_reads_are_redirected(client, db):
    # Anything but GET and HEAD reaches the view, which refuses the method.
    assert client.post("/countries/GB/").status_code == 405
    assert client.head("/countries/GB/").status_code == 301


@pytest.mark.parametrize("name", ["positions:country_detail", "positions:embed_country", "api:country-detail"])
def test_addresses_are_reversed_in_lower_case_whatever_the_case_given(name):
    assert reverse(name, args=["GB"]) == reverse(name, args=["gb"])
    assert "/gb/" in reverse(name, args=["GB"])


def test_the_view_receives_the_code_in_capitals(client, db):
    PositionFactory(actor__country="GB", summary="British words")
    page = client.get("/countries/gb/").content.decode()
    assert "British words" in page  # the capitals match the stored code


@pytest.mark.parametrize(("given", "stored", "written"), [(" gb ", "GB", "gb"), ("Fr", "FR", "fr"), ("UA", "UA", "ua")])
def test_one_normaliser_for_stored_and_written_codes(given, stored, written):
    assert (normalise(given), in_address(given)) == (stored, written)


def test_the_filterset_takes_either_case(db):
    british = PositionFactory(actor__country="GB")
    PositionFactory(actor__country="FR")
    for value in ("gb", "GB", "Gb"):
        f = PositionFilter({"country": [value]}, queryset=Position.objects.all())
        assert f.is_valid()
        assert list(f.qs) == [british]


# Every address that filters by the FilterSet's `country`, with the actors list's own filter.
FILTERED = [
    "/positions/",
    "/uk/positions/",
    "/timeline/",
    "/embed/timeline/",
    "/actors/",
    "/positions/export.csv",
    "/positions/export.json",
    "/feeds/positions/",
    "/api/v1/positions/",
    "/api/v1/actors/",
]


@pytest.fixture
def two_countries(db):
    PositionFactory(actor__country="GB", actor__name="Britannia Person", summary="Britannia says")
    PositionFactory(actor__country="FR", actor__name="Marianne Person", summary="Marianne says")


@pytest.mark.parametrize("address", FILTERED)
@pytest.mark.parametrize("written", ["gb", "GB", "Gb"])
def test_a_code_in_any_case_selects_the_same_country(client, two_countries, address, written):
    response = client.get(address, {"country": written})
    assert response.status_code == 200
    body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
    # A page's actor menu names every actor once; the rows name only the chosen country's.
    assert body.count("Britannia Person") > body.count("Marianne Person")


@pytest.mark.parametrize("address", ["/positions/", "/timeline/", "/map/", "/actors/"])
@pytest.mark.parametrize("written", ["fr", "FR"])
def test_a_code_in_any_case_is_shown_chosen_in_the_form_which_writes_it_lower_case(
    client, two_countries, address, written
):
    html = client.get(address, {"country": [written, "gb"]}).content.decode()
    chosen = re.findall(r'<input type="checkbox" name="country" value="([^"]*)" id="[^"]*" checked>', html)
    assert sorted(chosen) == ["fr", "gb"]
    assert 'name="country" value="FR"' not in html


def test_the_links_a_list_writes_carry_codes_lower_case(client, two_countries):
    html = client.get("/positions/", {"country": ["GB", "fr"]}).content.decode()
    # Removing a filter drops that code whatever its case; a facet narrows to a lower-case code.
    assert '<a href="/positions/?country=fr" aria-label="Remove filter Country: United Kingdom">' in html
    assert '<a href="/positions/?country=gb">United Kingdom</a>' in html
    assert 'href="/countries/gb/"' in html


@pytest.mark.parametrize(
    "address",
    ["/positions/export.csv", "/positions/export.json", "/positions/export.xlsx", "/feeds/positions/", "/map.svg"],
)
@pytest.mark.parametrize("written", ["xx", "XX", "gbr"])
def test_an_unknown_code_is_a_400_naming_the_parameter(client, two_countries, address, written):
    response = client.get(address, {"country": written})
    assert response.status_code == 400
    assert response.content.decode().startswith("Invalid export or feed parameters:")
    assert "country:" in response.content.decode()


@pytest.mark.parametrize("address", ["/positions/", "/timeline/", "/actors/", "/api/v1/positions/"])
def test_an_unknown_code_on_a_page_or_the_api_is_a_400(client, two_countries, address):
    response = client.get(address, {"country": "xx"})
    assert response.status_code == 400
    assert "Marianne says" not in response.content.decode()
