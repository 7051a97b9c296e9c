"""A country page names its first actors, governments first, each with its own count, and links to the rest."""

import pytest

from positions.choices import ActorKind
from tests.factories import ActorFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_a_country_page_names_its_first_actors_and_links_to_all_of_them(client, monkeypatch):
    monkeypatch.setattr("positions.views.countries.COUNTRY_ACTORS", 3)
    analyst = ActorFactory(country="PL", kind=ActorKind.ANALYST, name="Aaron Analyst")
    for name in ("Zofia Minister", "Marek Minister", "Beata Minister"):
        ActorFactory(country="PL", kind=ActorKind.OFFICIAL, name=name)
    state = ActorFactory(country="PL", kind=ActorKind.STATE, name="Poland")
    for _ in range(3):
        PositionFactory(actor=state)
    PositionFactory(actor=analyst)
    response = client.get("/countries/pl/")
    assert [actor.name for actor in response.context["actors"]] == ["Poland", "Beata Minister", "Marek Minister"]
    assert [actor.n_positions for actor in response.context["actors"]] == [3, 0, 0]
    html = response.content.decode()
    section = html.split('id="actors-heading"')[1]
    assert "The first 3 of 5: the state, its legislature and its officials first." in section
    assert '<a href="/actors/?country=pl">All 5 actors from Poland</a>' in section
    assert "Aaron Analyst" not in section and "3 positions" in section


def test_a_country_with_few_actors_lists_them_all_without_a_link(client):
    ActorFactory(country="PL", kind=ActorKind.STATE, name="Poland")
    html = client.get("/countries/pl/").content.decode().split('id="actors-heading"')[1]
    assert "Poland" in html and "All 1 actor" not in html and "The first" not in html


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_actor_items_equal_the_template_loop_they_replace(language):
    import datetime
    import re
    from pathlib import Path

    from django.template import engines
    from django.utils import translation

    from positions.actor_items import actor_items, option_items
    from positions.views.countries import country_actors
    from tests.factories import RoleFactory

    state = ActorFactory(country="PL", kind=ActorKind.STATE, name="Poland", name_uk="Польща")
    minister = ActorFactory(country="PL", kind=ActorKind.OFFICIAL, name="Anna <Minister> & Co", name_uk="")
    RoleFactory(actor=minister, title="Foreign Minister", title_uk="", start_on=datetime.date(2020, 1, 1))
    ActorFactory(country="PL", kind=ActorKind.ANALYST, name='Jan "Quoted" Analyst')
    for _ in range(3):
        PositionFactory(actor=state)
    PositionFactory(actor=minister)
    old = engines["django"].from_string(
        (Path(__file__).resolve().parent / "reference" / "country_actor_item.html").read_text()
    )
    with translation.override(language):
        actors, _total = country_actors("PL", datetime.date.today())
        assert [actor.current_role is not None for actor in actors] == [False, True, False]
        expected = re.sub(r"\s+", " ", old.render({"actors": actors})).strip()
        assert re.sub(r"\s+", " ", actor_items(actors)).strip() == expected
        choices = [("pl", "Poland"), ("x&y", 'A "quoted" <name>')]
        menu = engines["django"].from_string(
            '{% for value, label in choices %}<option value="{{ value }}">{{ label }}</option>{% endfor %}'
        )
        assert option_items(choices) == menu.render({"choices": choices})
    if language == "uk":
        assert "1 позиція" in expected and 'lang="en"' in expected
