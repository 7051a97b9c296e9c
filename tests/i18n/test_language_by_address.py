"""The language comes from the address alone: /uk/… is Ukrainian, every plain address English."""

import html
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from tests.security.public_urls import example_url, public_routes
from web.locale import path_in_language

pytestmark = pytest.mark.django_db


def test_plain_addresses_stay_english_whatever_the_browser_asks(client, seeded_module):
    response = client.get("/countries/", HTTP_ACCEPT_LANGUAGE="uk,ru;q=0.8")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Countries" in html and "Країни</h1>" not in html
    assert response["Content-Language"] == "en"
    # The answer never depends on the header, so caches need not vary by it.
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_language_cookie_changes_nothing_either(client, seeded_module):
    client.cookies["django_language"] = "uk"
    assert '<html lang="en">' in client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="uk">' in client.get("/uk/").content.decode()


def test_uk_prefix_serves_ukrainian(client, seeded_module):
    response = client.get("/uk/countries/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "<h1>Країни</h1>" in html
    assert response["Content-Language"] == "uk"


def test_every_public_page_answers_at_its_plain_address_and_under_uk(client, seeded_module):
    # A release to name, so its pages are walked with a number that exists (releases/).
    call_command("make_release", stdout=io.StringIO())
    routes = public_routes()
    # The health check and the API (JSON, English field names: a contract like the exchange format).
    untranslated = [str(route) for route in routes if not route.translated]
    assert untranslated[0] == "/healthz" and all(url.startswith("/api/v1/") for url in untranslated[1:])
    for route in routes:
        url = example_url(route)
        assert client.get(url).status_code == 200, url
        if route.translated:
            assert client.get(f"/uk{url}").status_code == 200, f"/uk{url}"


def test_admin_and_health_check_have_one_address(client, seeded_module):
    assert client.get("/healthz").status_code == 200
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/uk/admin/login/").status_code == 404
    assert client.get("/uk/healthz").status_code == 404


def test_exports_are_the_same_file_in_both_languages(client, seeded_module):
    """The exchange format is a contract: English column names and stored values under /uk/ too."""
    for name in ("export.csv", "export.json"):
        english = b"".join(client.get(f"/positions/{name}?country=gb").streaming_content)
        ukrainian = b"".join(client.get(f"/uk/positions/{name}?country=gb").streaming_content)
        assert english == ukrainian and b"Keir Starmer" in english


def test_the_feed_under_uk_is_in_ukrainian(client, seeded_module):
    english = client.get("/feeds/positions/").content.decode()
    ukrainian = client.get("/uk/feeds/positions/").content.decode()
    assert "Troop positions: new positions" in english and "David Lammy" in english
    assert "Трекер позицій: нові позиції" in ukrainian and "Девід Леммі" in ukrainian
    assert "http://testserver/uk/positions/" in ukrainian


def test_switcher_links_the_same_page_with_its_filters(client, seeded_module):
    html = client.get("/positions/?country=GB&stance=opposes&q=Lammy").content.decode()
    assert 'href="/uk/positions/?country=GB&amp;stance=opposes&amp;q=Lammy" hreflang="uk"' in html
    back = client.get("/uk/positions/?country=GB&stance=opposes&q=Lammy").content.decode()
    assert 'href="/positions/?country=GB&amp;stance=opposes&amp;q=Lammy" hreflang="en"' in back


def test_switcher_keeps_repeated_filters_and_cyrillic_searches(client, seeded_module):
    html = client.get("/uk/positions/?country=GB&country=FR&q=Стармер").content.decode()
    assert 'href="/positions/?country=GB&amp;country=FR&amp;q=%D0%A1%D1%82%D0%B0%D1%80%D0%BC%D0%B5%D1%80"' in html


def test_head_names_both_languages_with_absolute_addresses(client, seeded_module):
    html = client.get("/uk/countries/gb/?x=1").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/countries/gb/?x=1">' in html
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/uk/countries/gb/?x=1">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/countries/gb/?x=1">' in html


def test_not_found_under_uk_is_ukrainian_and_switches_by_prefix(client, seeded_module):
    response = client.get("/uk/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Сторінку не знайдено" in html and '<html lang="uk">' in html
    assert 'href="/no-such-page/" hreflang="en"' in html


def test_links_inside_a_ukrainian_page_stay_ukrainian(client, seeded_module):
    html = client.get("/uk/").content.decode()
    for path in ("/uk/countries/", "/uk/timeline/", "/uk/positions/export.csv", "/uk/feeds/positions/"):
        assert f'href="{path}"' in html, path
    assert 'href="/admin/"' in html


def browser_host(href: str) -> str:
    """The host a browser goes to from a link on a testserver page: it drops tabs and reads \\ as /."""
    href = html.unescape(href).replace("\\", "/")
    href = "".join(ch for ch in href if ch not in "\t\n\r")
    return urlsplit(urljoin("http://testserver/uk/page/", href)).netloc


@pytest.mark.parametrize(
    "url",
    [
        "/uk//evil.example/x",
        "/uk/%5Cevil.example/x",
        "/uk/%5C%5Cevil.example/x",
        "/uk/%09/evil.example/x",
        "/uk/%2F%2Fevil.example/x",
        "/uk///evil.example/x",
    ],
)
def test_no_link_on_a_not_found_page_leads_off_site(client, seeded, url):
    """Adversarial review, Dec 2026: /uk//evil.example/x linked its English twin at //evil.example/x."""
    response = client.get(url)
    assert response.status_code == 404
    links = re.findall(r'(?:href|src|action)="([^"]*)"', response.content.decode())
    assert any('hreflang="en"' in tag for tag in re.findall(r"<a [^>]*>", response.content.decode()))
    assert links and {browser_host(link) for link in links} == {"testserver"}


def test_an_address_that_does_not_resolve_keeps_to_this_site_in_every_language():
    # A request line may hold //host/… which the test client would read as a host.
    for path in ("//evil.example/x", "/uk//evil.example/x", "/\\evil.example/x", "/uk/\t/evil.example"):
        for language in ("en", "uk"):
            assert browser_host(path_in_language(path, language)) == "testserver", (path, language)
