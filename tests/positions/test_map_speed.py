"""/map/: its rows read alone (one topic's column with values(), per-language memos of dates, ages
and labels) give what the home matrix and the old wording gave; its table shows each country's
stance as a reader needs it, in English and Ukrainian; the query count is pinned.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.definitions import TRANSLATION_DEFINITIONS
from positions.map.shapes import load_shapes
from positions.map.svg import MapCountry, render_map
from positions.models import CountryStance, Position
from positions.publish.credit import credit_line
from positions.staleness import age_of
from positions.views.matrix import stance_matrix
from positions.views.stance_map import (
    UNLISTED_COUNTRIES,
    legend,
    map_data,
    map_svg,
    map_title,
    stale_words,
    topic_rows,
    topic_stances,
)
from sources.dates import format_partial_date
from sources.models import Translation, Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def governmental(country, topic, stance, day, kind=ActorKind.STATE, verification="confirmed", precision="day"):
    actor = ActorFactory(country=country, kind=kind, name=f"Government of {country} & <friends>")
    quote = QuoteFactory(said_on=day, verification=verification)
    return PositionFactory(
        actor=actor, topic=topic, quote=quote, stance=stance, stated_on=day, date_precision=precision
    )


@pytest.fixture
def world():
    """Stances in countries on and off the map, of every verification and date precision."""
    combat = TopicFactory(slug="combat-troops", name="Combat <troops> & co", order=1)
    other = TopicFactory(slug="instructors", name="Instructors", order=2)
    governmental("GB", combat, Stance.RULES_OUT, D(2024, 12, 2))
    governmental("FR", combat, Stance.OPEN, D(2024, 11, 25), verification=Verification.REPORTED)
    # Commentary never makes a stance (positions/stance_rule.py): a month-precision opposition instead.
    governmental("DE", combat, Stance.OPPOSES, D(2024, 3, 1), precision="month")
    governmental("JP", combat, Stance.UNDECIDED, D(2024, 1, 1), precision="year")  # not on the map
    governmental("UA", combat, Stance.SUPPORTS, timezone.localdate(), verification=Verification.UNVERIFIED)
    governmental("HU", other, Stance.SUPPORTS, D(2024, 5, 1), kind=ActorKind.OFFICIAL)
    # A country with over a thousand statements: the count is grouped, as intcomma did.
    CountryStance.objects.filter(country="GB").update(statements=1234)
    return combat, other


def old_row(row):
    """What the old MapRow offered the template: the Position itself and its texts, worded as then."""
    position = Position.objects.select_related("actor", "quote").get(pk=row.position_id)
    today = timezone.localdate()
    if position.stated_on >= today:
        age = translation.gettext("today")
    else:
        age = translation.gettext("%(time)s ago") % {"time": timesince(position.stated_on, today, depth=1)}
    return SimpleNamespace(
        code=row.code,
        name=countries.name(row.code) or row.code,
        position=position,
        statements=CountryStance.objects.get(country=row.code, topic=position.topic_id).statements,
        on_map=row.code in load_shapes().shapes,
        date_text=format_partial_date(position.stated_on, position.date_precision),
        age=age,
    )


def old_tooltip(old) -> str:
    position = old.position
    text = translation.gettext("%(country)s: %(stance)s — %(date)s (%(age)s), %(actor)s") % {
        "country": old.name,
        "stance": str(Stance(position.stance).label),
        "date": old.date_text,
        "age": old.age,
        "actor": position.actor.name,
    }
    if position.verification != Verification.CONFIRMED:
        text += f" [{Verification(position.verification).label}]"
    if position.quote.translation == Translation.MACHINE:
        text += f" [{TRANSLATION_DEFINITIONS[Translation.MACHINE][0]}]"
    if is_stale(position):
        text += f" [{stale_words()}]"
    return text


def is_stale(position) -> bool:
    return age_of(position.stated_on, position.date_precision, timezone.localdate()).is_stale


def table_lines(html: str) -> dict[str, str]:
    """Each country's <tr>, by its code."""
    return {part[:2]: part.split("</tr>")[0] for part in html.split('<tr data-country="')[1:]}


@pytest.mark.parametrize(
    ("language", "prefix", "stance_label", "off_map", "grouped", "reported"),
    [
        ("en", "", "Stance", "(not on the map)", "1,234", "reported"),
        ("uk", "/uk", "Ставлення", "(немає на мапі)", "1\xa0234", "за даними ЗМІ"),
    ],
)
def test_the_table_shows_each_countrys_stance_date_and_speaker(
    world, language, prefix, stance_label, off_map, grouped, reported
):
    combat, _other = world
    with translation.override(language):
        rows = topic_stances(combat)
        html = (
            engines["django"]
            .from_string("{% load positions_tags %}{% map_table rows topic %}")
            .render({"rows": rows, "topic": combat})
        )
        names = {code: countries.name(code) for code in ("GB", "FR", "DE", "JP", "UA")}
    # By the country's name in the page's language.
    assert [row.code for row in rows] == sorted(names, key=names.get)
    lines = table_lines(html)
    gb = Position.objects.get(actor__country="GB")
    assert parse_html(lines["GB"]).count(
        parse_html(f'<th scope="row"><a href="{prefix}/countries/gb/">{names["GB"]}</a></th>')
    )
    assert f'<a href="{prefix}/positions/{gb.pk}/"><span title=' in lines["GB"] and "stance-rules_out" in lines["GB"]
    assert '<time datetime="2024-12-02">' in lines["GB"]
    assert f'data-label="{stance_label}"' in lines["GB"]
    assert f">{grouped}</td>" in lines["GB"]
    assert "Government of GB &amp; &lt;friends&gt;" in lines["GB"]  # escaped, never markup
    assert off_map in lines["JP"] and off_map not in lines["GB"]
    # Doubt is shown with its badge, linking to its definition; a confirmed stance has none.
    assert f'href="{prefix}/about/#verification-reported"' in lines["FR"] and reported in lines["FR"]
    assert "verification-" not in lines["GB"]
    assert "Combat &lt;troops&gt; &amp; co" in html


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_map_equals_the_old_fills_wording_and_links(world, language):
    combat, _other = world
    with translation.override(language):
        rows = topic_stances(combat)
        old_rows = [old_row(row) for row in rows]
        assert [row.tooltip for row in rows] == [old_tooltip(old) for old in old_rows]
        new = map_svg(combat, rows, full_url="https://example.org/map/", inline_styles=True, site="https://x")
        fills = {
            old.code: MapCountry(
                iso2=old.code,
                name=old.name,
                stance=old.position.stance,
                stance_label=str(Stance(old.position.stance).label),
                title_text=old_tooltip(old),
                href="https://x" + reverse("positions:country_detail", args=[old.code.lower()]),
                stale=is_stale(old.position),
            )
            for old in old_rows
        }
        # Kosovo, which django-countries does not list, is named by the catalogue.
        shapes = load_shapes().names.items()
        names = {code: countries.name(code) or str(UNLISTED_COUNTRIES.get(code, name)) for code, name in shapes}
        old = render_map(
            fills,
            title=map_title(combat),
            description=translation.gettext(
                "Each country is coloured by its government's latest statement on the topic; grey: no statement."
            ),
            credit=credit_line("https://example.org/map/", translation.gettext("Map: Natural Earth")),
            legend=legend(),
            legend_heading=translation.gettext("Current stance"),
            no_statement_label=translation.gettext("no statement"),
            country_names=names,
            inline_styles=True,
            id_prefix="map",
            role="img",
        )
    assert new == old


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_rows_are_the_home_matrix_column(world, language):
    combat, other = world
    with translation.override(language):
        topics, matrix_rows = stance_matrix()
        for topic in (combat, other):
            from_matrix = topic_rows(topics, matrix_rows, topic)
            alone = topic_stances(topic)
            # The home map does not read the actor kind (the matrix defers it) nor the quote's
            # translation; everything else agrees.
            for row in alone:
                row.actor_kind = row.translation = None
            assert alone == from_matrix


def test_filters_narrow_on_the_stance_columns(world):
    request = RequestFactory().get("/map/", {"actor_kind": ActorKind.STATE, "verification": "reported"})
    with translation.override("en"):
        data = map_data(request)
    assert [row.code for row in data.rows] == ["FR"]


def test_a_change_shows_at_once(client, world):
    combat, _other = world
    assert 'class="map-country stance-rules_out map-stale" data-iso2="GB"' in client.get("/map/").content.decode()
    position = Position.objects.get(actor__country="GB")
    position.stance = Stance.SUPPORTS
    position.save()
    page = client.get("/map/").content.decode()
    assert 'class="map-country stance-supports map-stale" data-iso2="GB"' in page
    assert 'stance-rules_out map-stale" data-iso2="GB"' not in page


@pytest.mark.parametrize(
    "url, count",
    [
        # data version, the filter's two menu-size checks, topics (the default topic), its country
        # stances, the topic menu, the footer's dates (newest statement and last change, one query),
        # the embed dialog's releases (live or as of a release)
        ("/map/", 8),
        ("/uk/map/", 8),
        # a chosen topic is read by the filter instead of with every topic
        ("/map/?topic=instructors", 8),
        # the actor kind is read with the stances: no query per country
        ("/map/?actor_kind=state&stance=open", 8),
        # the same without the page's topic menu and footer
        # the same, plus the client's count of running builds taken and given back (limits/expensive.py)
        ("/map.svg", 7),
        # the embed: the page's queries but the topic menu, and its as-of line's newest statement
        ("/embed/map/", 6),
    ],
)
@pytest.mark.parametrize("more", [False, True])
def test_query_counts_do_not_grow_with_the_countries(client, django_assert_num_queries, world, url, count, more):
    if more:
        combat, _other = world
        for code in ("IT", "ES", "PL", "NL", "SE", "NO", "FI", "DK"):
            governmental(code, combat, Stance.OPPOSES, D(2024, 10, 1))
    with django_assert_num_queries(count):
        response = client.get(url)
    assert response.status_code == 200
