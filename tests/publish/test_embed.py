"""Only the /embed/ views may be framed; every other page keeps refusing it."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from sources.models import Quote, Translation
from tests.publish.helpers import governmental, world

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


def fresh_and_stale(machine: bool = False):
    """Great Britain's 2024 stance (stale now) and Italy's of last week, its quote machine-translated if asked."""
    combat, _instructors = world()
    fresh = governmental("IT", combat, "supports", timezone.localdate() - datetime.timedelta(days=7))
    if machine:
        Quote.objects.filter(pk=fresh.quote_id).update(
            translation=Translation.MACHINE, original_text="Siamo pronti", original_language="it"
        )
    return fresh


def as_of_line(text: str) -> str:
    return text.split('<p class="embed-as-of muted">')[1].split("</p>")[0]


@pytest.mark.parametrize("url", EMBEDS)
def test_every_embed_says_as_of_when_and_its_newest_statement(client, url):
    fresh_and_stale()
    today, newest = timezone.localdate(), timezone.localdate() - datetime.timedelta(days=7)
    line = as_of_line(client.get(url).content.decode())
    assert f"Stances as of {today.day} {today:%b %Y}." in line
    assert f'Newest statement: <time datetime="{newest.isoformat()}">{newest.day} {newest:%b %Y}</time>.' in line
    assert "A stance stated more than 6 months ago is marked stale." in line


def test_the_country_embed_gives_each_stance_its_date_age_and_stale_mark(client):
    fresh_and_stale()
    text = client.get("/embed/countries/gb/").content.decode()
    row = text.split("<tbody>")[1].split("</tr>")[0]
    assert '<time datetime="2024-12-02">2 Dec 2024</time>' in row
    assert '<strong class="age-flag">Stale</strong>' in row and "months ago; no newer statement" in row
    fresh_row = client.get("/embed/countries/it/").content.decode().split("<tbody>")[1].split("</tr>")[0]
    assert "less than a month ago" in fresh_row and "age-stale" not in fresh_row


def test_the_country_embed_says_a_machine_translation(client):
    fresh_and_stale(machine=True)
    row = client.get("/embed/countries/it/").content.decode().split("<tbody>")[1].split("</tr>")[0]
    assert "translation-machine" in row and "machine-translated" in row
    gb_row = client.get("/embed/countries/gb/").content.decode().split("<tbody>")[1].split("</tr>")[0]
    assert "machine-translated" not in gb_row


def test_the_matrix_embed_gives_every_cell_its_age_and_marks_the_stale(client):
    fresh = fresh_and_stale()
    text = client.get("/embed/matrix/").content.decode()
    fresh_cell = text.split(f'href="/positions/{fresh.pk}/"')[1].split("</td>")[0]
    assert "less than a month ago" in fresh_cell
    assert text.count('<td class="stale">') == 5  # GB, FR, DE and JP on combat troops, HU on instructors
    # The home page's matrix keeps fresh cells quiet.
    home = client.get("/").content.decode()
    assert "less than a month ago" not in home.split(f'href="/positions/{fresh.pk}/"')[1].split("</td>")[0]


def test_the_map_embed_marks_the_stale_in_its_drawing_and_its_table(client):
    fresh_and_stale()
    text = client.get("/embed/map/").content.decode()
    assert 'class="map-country stance-rules_out map-stale" data-iso2="GB"' in text
    assert 'class="map-country stance-supports" data-iso2="IT"' in text
    table = text.split('<table class="map-table">')[1]
    gb = table.split('<tr data-country="GB">')[1].split("</tr>")[0]
    it = table.split('<tr data-country="IT">')[1].split("</tr>")[0]
    assert "age-stale" in gb and "age-stale" not in it
