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


@pytest.mark.parametrize(
    ("language", "prefix", "count", "kind"),
    [("en", "", "3 positions", "official"), ("uk", "/uk", "3 позиції", "посадова особа")],
)
def test_the_actor_items_show_name_kind_role_and_count(client, language, prefix, count, kind):
    import datetime

    from tests.factories import RoleFactory

    state = ActorFactory(country="PL", kind=ActorKind.STATE, name="Poland", name_uk="Польща", slug="poland")
    minister = ActorFactory(country="PL", kind=ActorKind.OFFICIAL, name="Anna <Minister> & Co", name_uk="", slug="anna")
    RoleFactory(actor=minister, title="Foreign Minister", title_uk="", start_on=datetime.date(2020, 1, 1))
    for _ in range(3):
        PositionFactory(actor=minister)
    PositionFactory(actor=state)
    html = client.get(f"{prefix}/countries/pl/").content.decode().split('id="actors-heading"')[1].split("</ul>")[0]
    items = html.split("<li>")[1:]
    assert len(items) == 2
    anna = next(item for item in items if "/actors/anna/" in item)
    assert f'<a href="{prefix}/actors/anna/">' in anna
    # Escaped, and marked as English on a Ukrainian page that has no Ukrainian name or title.
    english = "Anna &lt;Minister&gt; &amp; Co"
    assert (f'<span lang="en">{english}</span>' in anna) == (language == "uk") and english in anna
    assert f"({kind}, " in anna and "Foreign Minister" in anna and count in anna
    poland = next(item for item in items if "/actors/poland/" in item)
    assert ("Польща" in poland) == (language == "uk")
    assert "1 position" in poland or "1 позиція" in poland
