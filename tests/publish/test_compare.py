"""/compare/: current stances side by side, as each country's and actor's own page shows them."""

import datetime
import re

import pytest
from django.utils import timezone

from positions.models import Actor, Position
from positions.views import compare
from sources.dates import next_month
from tests.factories import ActorFactory, PositionFactory
from tests.publish.helpers import cell_facts, world

pytestmark = pytest.mark.django_db
D = datetime.date
TH = re.compile(r'<th scope="col" data-key="([^"]+)">')


def compare_table(text: str) -> dict[str, dict[str, tuple]]:
    """{column key: {topic name: (stance, date, link)}} from the comparison table."""
    table = re.search(r'<table class="compare-table">(.*?)</table>', text, re.S).group(1)
    head, body = table.split("<tbody>")
    keys = TH.findall(head)
    columns = {key: {} for key in keys}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        topic = re.search(r'<th scope="row">(.*?)</th>', row).group(1)
        for key, cell in zip(keys, re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)):
            if "stance-" in cell:
                columns[key][topic] = cell_facts(cell)
    return columns


def country_page_stances(client, code: str) -> dict[str, tuple]:
    text = client.get(f"/countries/{code}/").content.decode()
    table = re.search(r'<caption id="stances-caption">.*?<tbody>(.*?)</tbody>', text, re.S).group(1)
    stances = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        topic = re.search(r'<th scope="row"><a href="[^"]+">(.*?)</a></th>', row).group(1)
        stance = re.search(r'class="stance stance-(\w+)"', row).group(1)
        link = re.search(r'<th scope="row"><a href="([^"]+)"', row).group(1)
        position = Position.objects.get(pk=int(link.strip("/").split("/")[-1]))
        stances[topic] = (stance, position.stated_on.isoformat(), link)
    return stances


def test_two_countries_show_the_stance_of_their_own_pages(client):
    world()
    response = client.get("/compare/?country=gb&country=FR")
    assert response.status_code == 200
    columns = compare_table(response.content.decode())
    assert list(columns) == ["GB", "FR"]
    for code in ("gb", "fr"):
        assert columns[code.upper()] == country_page_stances(client, code)
    assert columns["GB"]["Combat troops"][0] == "rules_out"


def test_actors_show_their_current_position_per_topic(client):
    world()
    actor = Actor.objects.get(country="GB", kind="official")
    columns = compare_table(client.get(f"/compare/?actor={actor.slug}&country=hu").content.decode())
    latest = Position.objects.filter(actor=actor).latest("stated_on")
    assert columns[actor.slug] == {"Combat troops": ("rules_out", "2024-12-02", latest.get_absolute_url())}
    assert list(columns["HU"]) == ["Instructors"] and columns["HU"]["Instructors"][0] == "supports"


def test_timelines_share_one_time_axis(client):
    world()
    response = client.get("/compare/?country=gb&country=hu&country=de")
    timelines = [column.timeline for column in response.context["columns"]]
    assert len({(t.scale.start, t.scale.end, t.width) for t in timelines}) == 1
    # Germany spoke in March 2024, Hungary in May: both start at Germany's month.
    assert timelines[1].scale.start.isoformat() == "2024-03-01"


def test_the_shared_axis_spans_the_statements_the_timelines_draw(client, monkeypatch):
    """Each timeline draws its newest SECTION_LIMIT statements: the axis starts at the oldest of those."""
    monkeypatch.setattr(compare, "SECTION_LIMIT", 3)
    britain, hungary = ActorFactory(country="GB"), ActorFactory(country="HU")
    for day in (D(2019, 1, 5), D(2024, 3, 10), D(2024, 5, 2), D(2024, 6, 20)):
        PositionFactory(actor=britain, stated_on=day)
    PositionFactory(actor=hungary, stated_on=D(2024, 4, 1))
    response = client.get("/compare/?country=gb&country=hu")
    timelines = [column.timeline for column in response.context["columns"]]
    assert [len(timeline.entries) for timeline in timelines] == [3, 1]
    # Not January 2019: that statement is not drawn, and the axis would squeeze the others to its end.
    assert {(t.scale.start, t.scale.end) for t in timelines} == {(D(2024, 3, 1), next_month(timezone.localdate()))}


@pytest.mark.parametrize(
    "query, message",
    [
        ("country=gb&country=fr&country=de&country=it&country=es&country=pl&country=nl", "at most 6"),
        ("country=zz", "Unknown country codes: ZZ"),
        ("country=gbr", "Unknown country codes: GBR"),
        ("actor=nobody-at-all", "Unknown actors: nobody-at-all"),
    ],
)
def test_invalid_requests_say_what_is_wrong_with_status_400(client, query, message):
    world()
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="compare-table"' not in response.content.decode()


def test_an_empty_comparison_offers_the_form(client):
    world()
    text = client.get("/compare/").content.decode()
    assert 'name="country"' in text and "Choose at least one country or actor" in text


def test_country_and_actor_pages_link_to_a_comparison(client):
    world()
    country = client.get("/countries/gb/").content.decode()
    assert 'action="/compare/"' in country and '<input type="hidden" name="country" value="gb">' in country
    assert '<option value="fr">France</option>' in country and '<option value="gb">' not in country
    actor = Actor.objects.get(country="GB", kind="official")
    text = client.get(actor.get_absolute_url()).content.decode()
    assert f'<input type="hidden" name="actor" value="{actor.slug}">' in text


def test_menus_mark_the_chosen_and_escape_the_labels():
    from django.template import engines
    from django.test.html import parse_html

    menu = engines["django"].from_string("{% load positions_tags %}{% option_items choices chosen %}")
    choices = [("gb", "United Kingdom"), ("ci", "Côte d'Ivoire"), ("a-b", 'A <b> & "c"')]
    html = menu.render({"choices": choices, "chosen": ["ci", "a-b"]})
    assert parse_html(html) == parse_html(
        '<option value="gb">United Kingdom</option><option value="ci" selected>Côte d&#x27;Ivoire</option>'
        '<option value="a-b" selected>A &lt;b&gt; &amp; &quot;c&quot;</option>'
    )
    assert "<b>" not in html
