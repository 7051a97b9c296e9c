"""Reading the published views back in tests: the map's paths, the map's table and the home matrix."""

import datetime
import re
import xml.etree.ElementTree as ET

from positions.choices import ActorKind
from positions.models import Role
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S)


def governmental(country, topic, stance, day, kind=ActorKind.STATE, verification="confirmed"):
    actor = ActorFactory(country=country, kind=kind)
    quote = QuoteFactory(said_on=day, verification=verification)
    return PositionFactory(actor=actor, topic=topic, quote=quote, stance=stance, stated_on=day)


def world():
    """Stances on two topics in five countries (one off the map, one mixed), plus an analyst who makes none."""
    combat = TopicFactory(slug="combat-troops", name="Combat troops", order=1)
    instructors = TopicFactory(slug="instructors", name="Instructors", order=2)
    governmental("GB", combat, "opposes", D(2024, 11, 26))
    # The head of government outranks the state's earlier word (positions/stance_rule.py).
    head = governmental("GB", combat, "rules_out", D(2024, 12, 2), kind=ActorKind.OFFICIAL).actor
    Role.objects.create(actor=head, title="Prime Minister", office_rank="head", start_on=D(2024, 7, 5))
    governmental("FR", combat, "open", D(2024, 11, 25), verification="reported")
    # Two voices of one rank on one day: mixed, not a stance.
    governmental("DE", combat, "opposes", D(2024, 3, 1))
    governmental("DE", combat, "supports", D(2024, 3, 1))
    governmental("HU", instructors, "supports", D(2024, 5, 1))
    governmental("JP", combat, "undecided", D(2024, 6, 1))
    governmental("PL", combat, "supports", D(2024, 6, 1), kind=ActorKind.ANALYST)
    return combat, instructors


def svg_in(page: str) -> ET.Element:
    match = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="stance-map".*?</svg>', page, re.S)
    assert match, "no map in the page"
    return ET.fromstring(match.group(0))


def map_classes(root: ET.Element) -> dict[str, str]:
    """ISO code → the stance class of its outline."""
    found = {}
    for path in root.iter(f"{SVG}path"):
        if path.get("data-iso2"):
            stance = next(c for c in path.get("class").split() if c.startswith("stance-"))
            found[path.get("data-iso2")] = stance.removeprefix("stance-")
    return found


def cell_facts(html: str) -> tuple[str, str, str]:
    """(stance, ISO date, position link) of a cell or table row."""
    stance = re.search(r'class="stance stance-(\w+)"', html).group(1)
    stated = re.search(r'<time datetime="([\d-]+)"', html).group(1)
    link = re.search(r'href="(/positions/\d+/)"', html).group(1)
    return stance, stated, link


def map_table(page: str) -> dict[str, tuple[str, str, str]]:
    table = re.search(r'<table class="map-table">(.*?)</table>', page, re.S).group(1)
    rows = {}
    for row in ROW.findall(table.split("<tbody>")[1]):
        code = re.search(r'href="/countries/(\w\w)/"', row).group(1).upper()
        rows[code] = cell_facts(row)
    return rows


def matrix_column(page: str, topic_name: str) -> dict[str, tuple[str, str, str]]:
    table = re.search(r'<table class="matrix" id="stance-matrix".*?</table>', page, re.S).group(0)
    head, body = table.split("<tbody>")
    headings = re.findall(r'<th scope="col">(.*?)</th>', head)
    index = headings.index(topic_name) - 1  # the first column names the country
    column = {}
    for row in ROW.findall(body):
        code = re.search(r'href="/countries/(\w\w)/"', row).group(1).upper()
        cell = CELL.findall(row)[index]
        if "stance-" in cell:
            column[code] = cell_facts(cell)
    return column
