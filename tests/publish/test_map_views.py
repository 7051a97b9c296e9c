"""/map/ and its downloads: the home matrix's stances on one topic, drawn, tabled and saved as files."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone

from positions.map.shapes import shapes
from positions.models import CountryStance
from positions.publish import png
from tests.publish.helpers import SVG, governmental, map_classes, map_table, matrix_column, svg_in, world

pytestmark = pytest.mark.django_db


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_every_country_with_a_statement_has_its_stance_class_and_the_rest_the_neutral_fill(client):
    combat, _instructors = world()
    drawn = map_classes(svg_in(page(client, "/map/")))
    expected = {stance.country: stance.stance or stance.state for stance in CountryStance.objects.filter(topic=combat)}
    assert expected == {"GB": "rules_out", "FR": "open", "DE": "mixed", "JP": "undecided"}
    for code, stance in expected.items():
        if code in shapes():
            assert drawn[code] == stance
    # Hungary spoke only on another topic, Poland only through an analyst: both stay neutral.
    assert drawn["HU"] == drawn["PL"] == "none"
    assert set(drawn) == set(shapes())


def test_the_text_table_matches_the_home_matrix_for_the_same_topic(client):
    world()
    for topic, name in (("combat-troops", "Combat troops"), ("instructors", "Instructors")):
        table = map_table(page(client, f"/map/?topic={topic}"))
        assert table == matrix_column(page(client, "/"), name)
        assert table  # not trivially equal
    # Japan has a stance but no outline here: the table still lists it, and says so.
    text = page(client, "/map/")
    assert "JP" in map_table(text) and "(not on the map)" in text


def test_the_map_links_each_country_to_its_page_with_stance_date_and_age_in_its_title(client):
    world()
    root = svg_in(page(client, "/map/"))
    links = {a.get("href"): a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")}
    assert links["/countries/fr/"].startswith("France: open — 25 Nov 2024 (")
    assert "ago" in links["/countries/fr/"] and "[reported]" in links["/countries/fr/"]
    # Links are read out: the map is a group of links, not one picture.
    assert root.get("role") == "group"


def test_the_page_map_uses_classes_only_for_the_strict_csp(client):
    world()
    text = page(client, "/map/")
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="stance-map".*?</svg>', text, re.S).group(0)
    # Only the hatch pattern (inside <defs>) paints by attribute, which CSP allows; shapes take classes.
    assert "style" not in svg and 'fill="#' not in svg.split("</defs>")[1]
    assert 'href="/static/css/map.css"' in text


def test_filters_narrow_the_countries_and_invalid_ones_answer_400(client):
    world()
    drawn = map_classes(svg_in(page(client, "/map/?stance=open")))
    assert drawn["FR"] == "open" and drawn["GB"] == "none"
    assert set(map_table(page(client, "/map/?country=gb&country=de"))) == {"GB", "DE"}
    text = page(client, "/map/?topic=no-such-topic", status=400)
    assert "Some filters could not be used" in text
    assert "do not apply" in page(client, "/map/?date_from=2024-01-01")


def test_the_home_page_shows_the_map_beside_the_matrix(client):
    world()
    text = page(client, "/")
    assert map_classes(svg_in(text))["GB"] == "rules_out"
    cache.clear()


def test_map_svg_download_is_self_contained_and_credited(client):
    world()
    response = client.get("/map.svg?topic=combat-troops")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert 'attachment; filename="map-combat-troops-' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.find(f"{SVG}style") is not None
    assert map_classes(root)["GB"] == "rules_out"
    texts = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert "Troop Positions Tracker — CC BY 4.0" in texts
    assert "http://testserver/map/?topic=combat-troops" in texts
    # Away from the site, links must still lead to it.
    assert {a.get("href") for a in root.iter(f"{SVG}a")} >= {"http://testserver/countries/gb/"}


def test_map_png_download_is_a_real_picture(client):
    world()
    response = client.get("/map.png")
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(response.content) > 20_000
    assert response["Content-Disposition"].endswith('.png"')


def test_downloads_refuse_invalid_filters(client):
    for url in ("/map.svg?stance=maybe", "/map.png?stance=maybe"):
        response = client.get(url)
        assert response.status_code == 400
        assert b"Invalid export or feed parameters" in response.content


def fresh_and_stale_world():
    """world() (statements of 2024, stale now) and Italy's stance of last week."""
    combat, instructors = world()
    governmental("IT", combat, "supports", timezone.localdate() - datetime.timedelta(days=7))
    return combat, instructors


def stale_codes(root) -> set[str]:
    return {
        path.get("data-iso2")
        for path in root.iter(f"{SVG}path")
        if path.get("data-iso2") and "map-stale" in path.get("class").split()
    }


def test_stale_countries_are_marked_in_the_drawing_its_legend_and_tooltips(client):
    fresh_and_stale_world()
    text = page(client, "/map/")
    root = svg_in(text)
    assert stale_codes(root) == {"GB", "FR", "DE"}
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "map-text map-legend-label"]
    assert "stale: latest statement over 6 months old" in legend
    links = {a.get("href"): a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")}
    assert links["/countries/fr/"].endswith("[stale: latest statement over 6 months old]")
    assert "stale" not in links["/countries/it/"]


def test_map_svg_download_says_topic_as_of_date_and_stale_marking(client):
    fresh_and_stale_world()
    root = ET.fromstring(client.get("/map.svg?topic=combat-troops").content)
    assert stale_codes(root) == {"GB", "FR", "DE"}
    assert stale_codes(root) <= {code for code, fill in country_fills(root).items() if "map-stale" in fill}
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    today = timezone.localdate()
    newest = today - datetime.timedelta(days=7)
    assert texts[:2] == [
        "Governments' current stance on “Combat troops”",
        f"Stances as of {today.day} {today:%b %Y}; newest statement shown: {newest.day} {newest:%b %Y}",
    ]
    assert "stale: latest statement over 6 months old" in texts
    assert (
        "Troop Positions Tracker — CC BY 4.0 — Map: Natural Earth — http://testserver/map/?topic=combat-troops" in texts
    )


def country_fills(root) -> dict[str, str]:
    return {p.get("data-iso2"): p.get("fill") for p in root.iter(f"{SVG}path") if p.get("data-iso2")}


def test_map_png_is_drawn_from_the_headed_picture_with_its_stale_marking(client, monkeypatch):
    drawn = []
    monkeypatch.setattr(png, "svg_to_png", lambda svg: drawn.append(svg) or b"\x89PNG")
    fresh_and_stale_world()
    assert client.get("/map.png?topic=combat-troops").content == b"\x89PNG"
    root = ET.fromstring(drawn[0].split("\n", 1)[1])
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Governments' current stance on “Combat troops”" and texts[1].startswith("Stances as of ")
    assert stale_codes(root) == {"GB", "FR", "DE"}
    assert country_fills(root)["GB"] == "url(#map-stale-rules_out)"
    assert any(t.startswith("Troop Positions Tracker — CC BY 4.0") for t in texts)


def test_the_home_pages_map_hatches_the_stale_too(client):
    fresh_and_stale_world()
    root = svg_in(page(client, "/"))
    assert stale_codes(root) == {"GB", "FR", "DE"}
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "map-text map-legend-label"]
    assert "stale: latest statement over 6 months old" in legend
    cache.clear()
