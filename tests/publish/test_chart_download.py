"""/timeline/chart.svg and .png: the stance-over-time chart as files that stand alone."""

import xml.etree.ElementTree as ET

import pytest

from tests.publish.helpers import SVG, world

pytestmark = pytest.mark.django_db


def test_chart_svg_is_self_contained_with_title_source_and_licence(client):
    world()
    response = client.get("/timeline/chart.svg?topic=combat-troops&country=gb&country=fr")
    assert response.status_code == 200
    assert 'attachment; filename="stances-combat-troops-' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.find(f"{SVG}title").text == "Countries at each stance on “Combat troops”, month by month"
    texts = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert "Troop Positions Tracker — CC BY 4.0 — http://testserver/timeline/?topic=combat-troops" in texts
    # No stylesheet to lean on: every bar is painted by its own attributes.
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") and rect.get("fill") == "#ca0020"]
    assert bars and "class" not in response.content.decode()


def test_chart_png_is_a_real_picture(client):
    world()
    response = client.get("/timeline/chart.png?topic=combat-troops")
    assert response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n" and len(response.content) > 10_000


def test_the_timeline_page_links_to_both_downloads_with_its_filters(client):
    world()
    text = client.get("/timeline/?topic=combat-troops").content.decode()
    assert 'href="/timeline/chart.svg?topic=combat-troops"' in text
    assert 'href="/timeline/chart.png?topic=combat-troops"' in text


def test_chart_downloads_refuse_invalid_filters(client):
    assert client.get("/timeline/chart.svg?date_from=nope").status_code == 400
