"""Ukrainian dates in their grammatical forms and lists in Ukrainian alphabetical order."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django_countries import countries

from positions.timeline.scale import month_label_room
from sources.collation import collation_key
from sources.dates import format_day, format_day_short, month_abbreviation

DAY = datetime.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [("en", "6 December 2026", "6 Dec 2026"), ("uk", "6 грудня 2026", "6 груд. 2026")],
)
def test_a_day_in_running_text_and_in_little_room(language, long, short):
    with translation.override(language):
        assert format_day(DAY) == long
        assert format_day_short(DAY) == short
        rendered = Template("{% load positions_tags %}{{ day|day_date }}|{{ day|day_date_short }}").render(
            Context({"day": DAY})
        )
        assert rendered == f"{long}|{short}"


def test_ukrainian_month_abbreviations_for_the_timeline_axis():
    with translation.override("uk"):
        months = [month_abbreviation(datetime.date(2025, month, 1)) for month in (4, 5, 6)]
        assert months == ["квіт.", "трав.", "черв."]
        # Five letters need more room than "Apr": the axis names fewer months rather than overlap them.
        assert month_label_room() > 22
    with translation.override("en"):
        assert month_abbreviation(datetime.date(2025, 4, 1)) == "Apr"
        assert month_label_room() == 22


def test_an_aware_moment_is_dated_in_the_site_time_zone(settings):
    moment = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
    with translation.override("uk"):
        assert format_day(moment) == "6 грудня 2026"
        text = Template('{% load positions_tags %}{{ moment|day_date:"H:i" }}').render(Context({"moment": moment}))
        assert text == "6 грудня 2026, 23:30"


def test_ukrainian_alphabetical_order_not_code_points():
    names = ["Італія", "Австрія", "Йорданія", "Ізраїль", "Їжак", "Єгипет", "Ґана", "Гана", "В'єтнам", "Вануату", "Іран"]
    assert sorted(names, key=collation_key) == [
        "Австрія", "Вануату", "В'єтнам", "Гана", "Ґана", "Єгипет", "Ізраїль", "Іран", "Італія", "Їжак", "Йорданія",
    ]  # fmt: skip
    # Case and accents wait until the letters are equal; Latin names follow the Cyrillic ones.
    assert sorted(["France", "åland", "Albania", "Франція"], key=collation_key) == [
        "Франція",
        "åland",
        "Albania",
        "France",
    ]


def test_country_menus_follow_the_alphabet_of_the_page():
    with translation.override("uk"):
        names = [name for _code, name in countries]
        assert names[0] == "Австралія"
        assert names.index("Італія") < names.index("Йорданія") < names.index("Казахстан")
        assert names.index("Іран") < names.index("Італія")
    with translation.override("en"):
        names = [name for _code, name in countries]
        assert names[:2] == ["Afghanistan", "Åland Islands"]


@pytest.mark.django_db
def test_the_actor_menu_follows_the_alphabet_of_the_names_it_shows(client):
    from tests.factories import ActorFactory

    for slug, name, name_uk in [("a", "Adam", "Іван"), ("b", "Bea", "Ярина"), ("c", "Cyril", "Андрій")]:
        ActorFactory(slug=slug, name=name, name_uk=name_uk)

    def menu(url):
        page = client.get(url).content.decode()
        select = re.search(r'<select name="actor".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="([a-z])"', select)

    assert menu("/uk/positions/") == ["c", "a", "b"]  # Андрій, Іван, Ярина
    assert menu("/positions/") == ["a", "b", "c"]  # Adam, Bea, Cyril
