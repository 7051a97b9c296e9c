"""/timeline/: the filtered timeline and a topic's chart, in a fixed number of queries, without inline styles."""

import re

import pytest
from django.urls import reverse

from positions.choices import ActorKind, Stance
from positions.views import timeline as timeline_views
from sources.dates import DatePrecision
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, SourceFactory, TopicFactory
from tests.timeline.helpers import D, state

pytestmark = pytest.mark.django_db
URL = "/timeline/"
# Topics, actors and outlets for the filter form's menus, the chart's topic and positions,
# whether the actor and outlet menus are short enough to list, and the timeline's three (how many
# to draw, its positions, then their actors' histories); +1 for the footer's "data last updated",
# +1 for the data version (HTTP validators), +1 for the data releases the embed dialog offers.
QUERIES = 10 + 1 + 1 + 1


def many(n: int, country: str = "GB", actors: int = 10, topics: int = 3) -> None:
    """n positions by `actors` officials of one country on `topics` topics, changing stance as they go."""
    people = [ActorFactory(country=country, kind=ActorKind.OFFICIAL) for _ in range(actors)]
    subjects = [TopicFactory(slug=f"topic-{i}") for i in range(topics)]
    source = SourceFactory()
    stances = list(Stance)
    for i in range(n):
        day = D(2022, 1, 1) + (D(2022, 1, 2) - D(2022, 1, 1)) * (3 * i)
        precision = DatePrecision.MONTH if i % 7 == 0 else DatePrecision.DAY
        quote = QuoteFactory(source=source, said_on=day, date_precision=precision)
        PositionFactory(
            actor=people[i % actors],
            topic=subjects[i % topics],
            quote=quote,
            stance=stances[(i // 2) % 6],
            stated_on=day,
            date_precision=precision,
        )


def drawn(response) -> str:
    """The timeline's two SVGs (labels, plot), without the filter form's menus that name every actor."""
    rest = response.content.decode().split('<svg class="tl-labels"')[1]
    return rest[: rest.index("</svg>", rest.index('<svg class="tl-svg'))]


def test_timeline_page_draws_markers_that_link_to_their_positions(client):
    position = state(
        ActorFactory(name="David Lammy"), TopicFactory(name="Combat troops"), Stance.OPPOSES, D(2024, 11, 26)
    )
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'<a href="{position.get_absolute_url()}" class="tl-marker-link"><title>26 Nov 2024 · David Lammy · Combat troops'
        in html
    )
    assert '<title id="tl-title">' in html and '<desc id="tl-desc">' in html
    assert "tl-band stance-opposes" in html and "Countries' stances on “Combat troops”" in html


def test_url_is_named(client):
    assert reverse("positions:timeline") == URL


def test_filters_narrow_the_timeline(client):
    state(ActorFactory(name="Keep Me", country="FR"), TopicFactory(), Stance.OPEN, D(2024, 1, 1))
    state(ActorFactory(name="Drop Me", country="DE"), TopicFactory(), Stance.OPEN, D(2024, 1, 1))
    chart = drawn(client.get(URL, {"country": "fr"}))
    assert "Keep Me" in chart and "Drop Me" not in chart


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2025-13-01"},
        {"stance": "maybe"},
        {"date_from": "2025-02-01", "date_to": "2025-01-01"},
        {"topic": "nope"},
    ],
)
def test_invalid_filters_give_a_message_not_a_server_error(client, query):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()


def test_no_matching_positions_says_so(client):
    assert "No positions to draw" in client.get(URL).content.decode()


def test_only_get_and_head_are_answered(client):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_page_has_no_inline_styles_for_the_csp(client):
    many(20)
    html = client.get(URL).content.decode()
    assert not re.search(r"\sstyle=", html)
    # Scripts only from files under static/ (the CSP's script-src 'self'), none written inline.
    assert "<style" not in html and not re.search(r"<script(?![^>]*\ssrc=)", html)


def test_coordinates_keep_a_decimal_point_in_ukrainian(client):
    many(20)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert 'lang="uk"' in html
    assert not re.search(r'(?:x|y|width|cx|cy)="\d+,\d', html)


def test_reversals_and_superseded_positions_are_called_out_in_the_list(client):
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 11, 1))
    state(actor, topic, Stance.RULES_OUT, D(2024, 12, 2))
    html = client.get(URL).content.decode()
    assert re.search(r'<span class="tl-change-kind">Reversal</span>: open → rules out', html)
    assert "Superseded 2 Dec 2024 (rules out)" in html
    assert "tl-marker-reversal" in html


@pytest.mark.parametrize("n", [1, 50])
def test_query_count_does_not_grow_with_positions(client, django_assert_num_queries, n):
    many(n)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert response.content.decode().count('class="tl-marker-link"') == n


def test_a_country_with_many_positions_renders_in_the_same_queries(client, django_assert_num_queries):
    many(300, country="PL", actors=12, topics=4)
    many(5, country="FR", actors=1, topics=1)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"country": "PL"})
    chart = drawn(response)
    assert chart.count('class="tl-marker-link"') == 300
    assert "Poland" in chart and "France" not in chart


def test_names_and_quotes_are_escaped_in_the_chart_and_the_list(client):
    actor = ActorFactory(name='<script>alert("x")</script>', slug="evil")
    topic = TopicFactory(name="Topic & <b>more</b>")
    quote = QuoteFactory(text='He said "<img src=x onerror=alert(1)>"', said_on=D(2024, 5, 1))
    PositionFactory(actor=actor, topic=topic, quote=quote, stance=Stance.OPEN, stated_on=D(2024, 5, 1))
    html = client.get(URL).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>more</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in drawn(client.get(URL))
    assert "Topic &amp; &lt;b&gt;more&lt;/b&gt;" in html.split('class="tl-list"')[1]


def test_the_axis_spans_the_filtered_dates(client):
    state(ActorFactory(), TopicFactory(), Stance.OPEN, D(2024, 3, 3))
    html = client.get(URL, {"date_from": "2024-01-15", "date_to": "2024-06-10"}).content.decode()
    assert "From 1 Jan 2024 to 30 Jun 2024." in html


def test_a_search_keeps_the_bands_of_the_matching_actors_whole(client):
    actor, topic = ActorFactory(name="Radoslaw Sikorski", country="PL"), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 1, 10), text="Troops could be sent")
    state(actor, topic, Stance.RULES_OUT, D(2024, 4, 10), text="Never")
    state(ActorFactory(name="Someone Else"), topic, Stance.OPEN, D(2024, 1, 10), text="Unrelated words")
    chart = drawn(client.get(URL, {"q": "troops"}))
    assert chart.count('class="tl-marker-link"') == 1 and "Someone Else" not in chart
    # The open band stops where the (unshown) ruling-out begins, and the list says it was superseded.
    assert "Superseded 10 Apr 2024 (rules out)" in client.get(URL, {"q": "troops"}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_to": "2000-01-01"},
        {"date_from": "2030-01-01"},
    ],
)
def test_extreme_date_ranges_still_draw(client, query):
    state(ActorFactory(kind=ActorKind.STATE), TopicFactory(), Stance.OPEN, D(2024, 3, 3))
    response = client.get(URL, query)
    assert response.status_code == 200
    # At most a year of empty axis either side of the statements and today.
    assert response.content.decode().count('class="tl-grid-month"') < 12 * 6


def test_only_the_newest_positions_are_drawn_past_the_limit(client, monkeypatch):
    monkeypatch.setattr("positions.timeline.layout.MAX_POSITIONS", 5)
    actor, topic = ActorFactory(country="GB", kind="state"), TopicFactory()
    for day in range(1, 9):
        PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 3, day))
    response = client.get(URL, {"country": "gb"})
    timeline = response.context["timeline"]
    assert timeline.cutoff == D(2024, 3, 4)
    assert sorted(entry.position.stated_on.day for entry in timeline.entries) == [4, 5, 6, 7, 8]
    assert "Only the newest statements are drawn, from 4 Mar 2024 on." in response.content.decode()


def test_the_timeline_page_draws_at_most_its_own_limit(client, monkeypatch):
    monkeypatch.setattr("positions.views.timeline.PAGE_LIMIT", 3)
    actor, topic = ActorFactory(country="GB", kind="state"), TopicFactory()
    for day in range(1, 9):
        PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 3, day))
    timeline = client.get(URL, {"country": "gb"}).context["timeline"]
    assert timeline.cutoff == D(2024, 3, 6)
    assert sorted(entry.position.stated_on.day for entry in timeline.entries) == [6, 7, 8]


def test_no_cutoff_at_or_under_the_limit(client, monkeypatch):
    monkeypatch.setattr("positions.timeline.layout.MAX_POSITIONS", 5)
    actor, topic = ActorFactory(country="GB", kind="state"), TopicFactory()
    for day in range(1, 6):
        PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 3, day))
    timeline = client.get(URL, {"country": "gb"}).context["timeline"]
    assert timeline.cutoff is None and len(timeline.entries) == 5


@pytest.mark.parametrize("page", ["country", "actor"])
def test_country_and_actor_pages_draw_fewer_and_link_to_the_full_timeline(client, monkeypatch, page):
    monkeypatch.setattr(f"positions.views.{'countries' if page == 'country' else 'actors'}.SECTION_LIMIT", 3)
    actor, topic = ActorFactory(country="GB", kind="state", slug="united-kingdom"), TopicFactory()
    for day in range(1, 9):
        PositionFactory(actor=actor, topic=topic, stated_on=D(2024, 3, day))
    url, full = (
        ("/countries/gb/", "/timeline/?country=gb")
        if page == "country"
        else ("/actors/united-kingdom/", "/timeline/?actor=united-kingdom")
    )
    response = client.get(url)
    timeline = response.context["timeline"]
    assert sorted(entry.position.stated_on.day for entry in timeline.entries) == [6, 7, 8]
    html = response.content.decode()
    assert "Only the newest statements are drawn here, from 6 Mar 2024 on." in html
    assert f'<a href="{full}">The full timeline</a>' in html
    assert len(client.get(full).context["timeline"].entries) == 8


def test_the_list_names_only_the_newest_and_links_to_the_rest_while_the_chart_draws_all(client, monkeypatch):
    monkeypatch.setattr("positions.timeline.parts.LIST_LIMIT", 4)
    many(12, country="PL", actors=3, topics=2)
    response = client.get(URL, {"country": "pl"})
    html = response.content.decode()
    assert drawn(response).count('class="tl-marker-link"') == 12
    listed = html.split('class="tl-list"')[1]
    assert listed.count('<li class="tl-entry') == 4
    timeline = response.context["timeline"]
    newest = sorted((e.position.stated_on, e.position.pk) for e in timeline.entries)[-4:]
    assert sorted((e.position.stated_on, e.position.pk) for e in timeline.listed) == newest
    assert "The newest 4 of the 12 positions drawn above." in listed
    assert '<a href="/positions/?country=pl">Older positions, newest first, in the positions list</a>' in listed


@pytest.mark.parametrize("query", [{}, {"topic": "topic-0"}, {"stance": Stance.RULES_OUT}])
def test_the_chart_of_every_country_costs_no_more_queries(client, django_assert_num_queries, query):
    """Without a country the chart sweeps every country's months: still one query for it, however many."""
    for country in ("PL", "FR", "DE", "GB", "EE", "IT"):
        many(12, country=country, actors=2, topics=2)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, query)
    assert response.status_code == 200
    assert response.context["chart"].columns[-1].total == 6


def test_the_plot_places_everything_in_percentages_of_its_width_so_a_phone_can_fit_it(client):
    many(20)
    plot = drawn(client.get(URL)).split('<svg class="tl-svg', 1)[1]
    head = plot[: plot.index(">")]
    assert "viewBox" not in head  # user units are the plot's own pixels; x is a share of its width
    places = re.findall(r'\s(?:x|x1|x2|cx|width)="([^"]+)"', plot[len(head) :])
    assert places and all(place.endswith("%") for place in places if place not in ("0", "6", "2", "2.5"))
    assert all(0 <= float(place[:-1]) <= 100 for place in places if place.endswith("%"))
    markers = re.findall(r'<circle class="tl-marker[^"]*" cx="([^"]+)" cy="[^"]+" r="([^"]+)"', plot)
    assert markers and all(cx.endswith("%") and not r.endswith("%") for cx, r in markers)


def chart_section(response) -> str:
    html = response.content.decode()
    start = html.index('<section aria-labelledby="chart-heading">')
    return html[start : html.index('<p class="downloads">', start)]


def test_filters_that_leave_the_chart_as_it_is_reuse_its_rendering(client, django_assert_num_queries):
    """The chart depends on the topic, countries and dates: a stance or kind filter reuses it without its query."""
    for country in ("PL", "FR"):
        many(12, country=country, actors=2, topics=2)
    first = client.get(URL, {"topic": "topic-0"})
    with django_assert_num_queries(QUERIES - 1) as queries:
        second = client.get(URL, {"topic": "topic-0", "stance": Stance.RULES_OUT})
    assert not any("monthstance" in query["sql"] for query in queries.captured_queries)
    assert chart_section(second) == chart_section(first)
    # Another topic, or a country, is another chart.
    assert chart_section(client.get(URL, {"topic": "topic-1"})) != chart_section(first)
    assert "France" not in chart_section(client.get(URL, {"topic": "topic-0", "country": "pl"}))


def test_the_kept_chart_shows_a_new_stance_after_a_write(client):
    topic = TopicFactory(name="Combat troops")
    france = ActorFactory(name="France", country="FR", kind=ActorKind.STATE)
    state(france, topic, Stance.OPEN, D(2024, 3, 4))
    assert f"{Stance.OPEN.label}: 1 (France)" in chart_section(client.get(URL))
    state(france, topic, Stance.RULES_OUT, D(2024, 5, 6))
    chart = chart_section(client.get(URL, {"stance": Stance.OPEN}))
    assert f"{Stance.RULES_OUT.label}: 1 (France)" in chart
    assert f"{Stance.OPEN.label}: 1 (France)" in chart  # the months before the change still count it open


def test_a_write_that_leaves_the_chart_s_months_as_they_were_does_not_draw_it_again(client, monkeypatch):
    """After a write to another topic the chart's rows are read again, and the same rows give the kept drawing."""
    combat, training = TopicFactory(name="Combat troops", order=0), TopicFactory(name="Training", order=1)
    france = ActorFactory(name="France", country="FR", kind=ActorKind.STATE)
    state(france, combat, Stance.OPEN, D(2024, 3, 4))
    built = []
    monkeypatch.setattr(timeline_views, "build_stance_chart", spy(timeline_views.build_stance_chart, built))
    first = chart_section(client.get(URL))
    assert len(built) == 1
    state(france, training, Stance.RULES_OUT, D(2024, 5, 6))  # the data version moves on
    second = client.get(URL)
    assert len(built) == 1 and chart_section(second) == first
    assert f"{Stance.RULES_OUT.label}: 1 (France)" not in first  # the other topic's stance is not charted
    # A write to the charted topic changes its months: drawn again, with the new stance.
    state(france, combat, Stance.RULES_OUT, D(2024, 6, 7))
    third = chart_section(client.get(URL))
    assert len(built) == 2 and f"{Stance.RULES_OUT.label}: 1 (France)" in third


def spy(function, calls: list):
    def wrapper(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return wrapper


def test_the_kept_chart_is_kept_per_language(client):
    """A chart kept for English readers is not what a Ukrainian reader of the same data sees."""
    many(6)
    english = chart_section(client.get(URL))
    assert "Countries at each stance, in the months when the numbers changed" in english
    ukrainian = chart_section(client.get("/uk" + URL))
    assert "Країни за ставленням у місяці, коли числа змінювалися" in ukrainian
    assert "Countries at each stance" not in ukrainian


def test_the_chart_names_each_stance_s_countries_in_the_page_s_alphabet(client):
    topic = TopicFactory(name="Combat troops")
    for code, name in [("IT", "Italy"), ("JO", "Jordan"), ("AT", "Austria"), ("FR", "France")]:
        state(ActorFactory(name=name, country=code, kind=ActorKind.STATE), topic, Stance.OPEN, D(2024, 3, 4))
    assert "(Austria, France, Italy, Jordan)" in chart_section(client.get(URL))
    # Ukrainian І sorts after А…Й would in code-point order; the chart follows the Ukrainian alphabet.
    assert "(Австрія, Італія, Йорданія, Франція)" in chart_section(client.get("/uk" + URL))
