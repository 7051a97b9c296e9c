"""Only the /embed/ views may be framed; every other page keeps refusing it."""

import pytest
from django.test import override_settings

from tests.publish.helpers import world

pytestmark = pytest.mark.django_db
EMBEDS = ["/embed/map/", "/embed/matrix/", "/embed/countries/gb/", "/embed/timeline/"]
FULL_VIEWS = ["/", "/map/", "/compare/?country=gb", "/countries/gb/", "/timeline/"]


def directive(response, name: str) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith(name))


@pytest.mark.parametrize("url", EMBEDS)
def test_embed_views_may_be_framed_by_the_allowed_origins(client, url):
    world()
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert directive(response, "frame-ancestors") == "frame-ancestors *"
    # The rest of the policy stays as strict as everywhere else.
    assert directive(response, "script-src") == "script-src 'self'"
    text = response.content.decode()
    assert 'Troop Positions Tracker</a> — <a href="https://creativecommons.org/licenses/by/4.0/"' in text
    assert 'class="site-header"' not in text and '<base target="_top">' in text


@pytest.mark.parametrize("url", FULL_VIEWS)
def test_every_other_page_refuses_to_be_framed(client, url):
    world()
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert directive(response, "frame-ancestors") == "frame-ancestors 'none'"


@override_settings(EMBED_ALLOWED_ORIGINS=["https://news.example", "https://blog.example"])
def test_the_allowed_origins_come_from_the_setting(client):
    world()
    response = client.get("/embed/matrix/")
    assert directive(response, "frame-ancestors") == "frame-ancestors https://news.example https://blog.example"


def test_the_credit_links_back_to_the_full_view_with_the_same_filters(client):
    world()
    text = client.get("/embed/map/?topic=instructors").content.decode()
    assert 'href="http://testserver/map/?topic=instructors"' in text
    assert 'href="http://testserver/countries/gb/"' in client.get("/embed/countries/gb/").content.decode()


def test_embed_country_follows_the_country_page_rules(client):
    assert client.get("/embed/countries/GB/").status_code == 301
    assert client.get("/embed/countries/xx/").status_code == 404


def test_full_views_offer_the_iframe_code(client):
    world()
    for url, embed in (
        ("/map/?topic=instructors", "http://testserver/embed/map/?topic=instructors"),
        ("/countries/gb/", "http://testserver/embed/countries/gb/"),
        ("/timeline/", "http://testserver/embed/timeline/"),
    ):
        text = client.get(url).content.decode()
        assert "<textarea" in text and "readonly" in text
        assert f"&lt;iframe src=&quot;{embed}&quot;" in text or f'&lt;iframe src="{embed}"' in text


def test_invalid_filters_on_an_embed_answer_400(client):
    assert client.get("/embed/timeline/?date_from=2024-13-45").status_code == 400
    assert client.get("/embed/map/?stance=maybe").status_code == 400


def test_the_embedded_timeline_links_its_cut_list_to_the_positions_list(client, monkeypatch):
    from tests.timeline.test_views import many

    monkeypatch.setattr("positions.timeline.parts.LIST_LIMIT", 4)
    many(12, country="PL", actors=3, topics=2)
    listed = client.get("/embed/timeline/?country=pl").content.decode().split('class="tl-list"')[1]
    assert "The newest 4 of the 12 positions drawn above." in listed
    assert (
        '<a href="http://testserver/positions/?country=pl">Older positions, newest first, in the positions list</a>'
        in listed
    )


@override_settings(EMBED_ALLOWED_ORIGINS=["https://news.example"])
@pytest.mark.parametrize("url", EMBEDS)
def test_a_304_for_an_embed_may_be_framed_like_its_200(client, url):
    """A browser copies a 304's headers onto its stored copy: a DENY there breaks every returning reader's embed."""
    world()
    fresh = client.get(url)
    response = client.get(url, headers={"if-none-match": fresh["ETag"]})
    assert response.status_code == 304
    assert "X-Frame-Options" not in response
    assert directive(response, "frame-ancestors") == directive(fresh, "frame-ancestors")
    assert directive(response, "frame-ancestors") == "frame-ancestors https://news.example"


@pytest.mark.parametrize("url", FULL_VIEWS)
def test_a_304_for_any_other_page_still_refuses_to_be_framed(client, url):
    world()
    fresh = client.get(url)
    response = client.get(url, headers={"if-none-match": fresh["ETag"]})
    assert response.status_code == 304
    assert response["X-Frame-Options"] == "DENY"
    assert directive(response, "frame-ancestors") == "frame-ancestors 'none'"
