"""/timeline/chart.svg and .png: the stance-over-time chart as files that stand alone."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import timezone

from positions.publish import png
from positions.timeline.chart_svg import STALE_SEGMENT
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


def stale_bars(root) -> list:
    return [rect for rect in root.iter(f"{SVG}rect") if rect.get("stroke-dasharray") and rect.get("height") != "14"]


def test_chart_svg_fades_stale_months_as_the_page_does_and_says_so(client):
    world()  # statements of 2024: the bars of 2025 on hold them stale
    root = ET.fromstring(client.get("/timeline/chart.svg?topic=combat-troops").content)
    faded = stale_bars(root)
    assert faded and all(rect.get("fill-opacity") == "0.35" for rect in faded)
    full = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == "#ca0020" and not rect.get("fill-opacity")]
    assert full  # the months before GB's word grew stale stay at full strength
    texts = [text.text or "" for text in root.iter(f"{SVG}text")]
    today = timezone.localdate()
    assert f"Stances as of {today.day} {today:%b %Y}" in texts
    assert "faded, dashed: stale (latest statement then over 6 months old)" in texts


def test_chart_png_is_drawn_from_the_svg_with_the_faded_months(client, monkeypatch):
    drawn = []
    monkeypatch.setattr(png, "svg_to_png", lambda svg: drawn.append(svg) or b"\x89PNG")
    world()
    assert client.get("/timeline/chart.png?topic=combat-troops").content == b"\x89PNG"
    root = ET.fromstring(drawn[0].split("\n", 1)[1])
    assert stale_bars(root)
    assert any((text.text or "").startswith("Stances as of ") for text in root.iter(f"{SVG}text"))


def test_the_downloaded_chart_fades_with_the_page_stylesheet_values():
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "timeline.css").read_text()
    rule = re.search(r"\.sc-segment-stale \{([^}]*)\}", css).group(1)
    declared = dict(part.split(":", 1) for part in rule.strip().rstrip(";").split(";"))
    assert {name.strip(): value.strip() for name, value in declared.items()} == STALE_SEGMENT
