"""A page's map is cropped to the panels holding a stance: Europe always, North America only when
one of its countries has one; the downloads keep the whole frame with its legend."""

import re

import pytest

from positions.choices import ActorKind, Stance
from positions.map.shapes import frame_for, load_shapes, panels_by_country
from positions.map.svg import render_map
from tests.factories import ActorFactory, PositionFactory, TopicFactory

VIEW_BOX = re.compile(r'<svg [^>]*viewBox="([^"]+)"')


def europe():
    return next(panel.box for panel in load_shapes().panels if panel.id == "europe")


def test_each_country_lies_in_the_panel_it_is_drawn_in():
    assert panels_by_country()["FR"] == {"europe"}
    assert panels_by_country()["US"] == panels_by_country()["CA"] == {"north-america"}


def test_a_frame_shows_north_america_only_when_a_country_there_is_filled():
    assert frame_for(["GB", "FR"]) == europe()
    assert frame_for([]) == europe()
    assert frame_for(["GB", "US"]) == tuple(float(value) for value in load_shapes().view_box)


def test_the_frame_becomes_the_pictures_view_box_and_its_credit_stays_inside():
    svg = render_map({}, title="t", credit="credit", frame=europe())
    x, y, width, height = (float(value) for value in VIEW_BOX.search(svg).group(1).split())
    assert (x, y, width) == europe()[:3] and height > europe()[3]
    credit_x = float(re.search(r'<text class="map-text map-credit" x="([\d.]+)"', svg).group(1))
    assert x <= credit_x < x + width


@pytest.mark.django_db
def test_the_page_map_is_cropped_to_europe_and_the_download_is_not(client):
    topic = TopicFactory(slug="combat-troops", name="Combat troops")
    PositionFactory(actor=ActorFactory(country="FR", kind=ActorKind.STATE), topic=topic, stance=Stance.OPEN)
    page = client.get("/map/").content.decode()
    assert VIEW_BOX.search(page).group(1).startswith("344 0 656 ")
    assert 'class="legend map-key"' in page and "stance stance-none" in page
    download = client.get("/map.svg").content.decode()
    # The whole width; the file's own heading band (title, topic, as-of) sits above the map.
    min_x, min_y, width, _height = VIEW_BOX.search(download).group(1).split()
    assert (min_x, width) == ("0", "1000") and float(min_y) < 0
    PositionFactory(actor=ActorFactory(country="US", kind=ActorKind.STATE), topic=topic, stance=Stance.RULES_OUT)
    assert VIEW_BOX.search(client.get("/map/").content.decode()).group(1).startswith("0 0 1000 ")
