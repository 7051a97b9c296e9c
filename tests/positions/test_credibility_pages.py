"""What makes a page citable: the about page's definitions, the age of every stance, citations,
clean list addresses, share tags, feed links and the header search."""

import datetime
import re

import pytest
from django.utils import timezone

from positions.choices import ActorKind, Stance
from positions.data_dates import read_data_dates
from positions.models import Topic
from positions.staleness import age_of
from sources.dates import add_months
from sources.models import Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def text(response) -> str:
    return response.content.decode()


def government_position(country: str, stated_on: datetime.date, **kwargs):
    actor = ActorFactory(country=country, kind=ActorKind.STATE, name=kwargs.pop("name", f"Government of {country}"))
    quote = QuoteFactory(said_on=stated_on, verification=kwargs.pop("verification", Verification.CONFIRMED))
    return PositionFactory(actor=actor, quote=quote, stated_on=stated_on, **kwargs)


def months_ago(months: int) -> datetime.date:
    return add_months(timezone.localdate(), -months)


# Staleness arithmetic


def test_age_counts_from_the_last_day_a_partial_date_may_stand_for():
    today = D(2025, 6, 15)
    # Stale once more than six months have passed.
    assert age_of(D(2024, 12, 14), "day", today).is_stale
    assert not age_of(D(2024, 12, 15), "day", today).is_stale
    # "Dec 2024" may mean 31 Dec: not yet six months old on 15 June.
    assert not age_of(D(2024, 12, 1), "month", today).is_stale
    assert age_of(D(2024, 1, 1), "year", today).months == 5  # 31 Dec 2024 → 15 Jun 2025


# About page


def test_about_defines_every_stance_topic_and_verification_with_anchors(client):
    topic = TopicFactory(slug="air-policing", name="Air policing", description="Policing Ukraine's airspace.")
    html = text(client.get("/about/"))
    for stance in Stance.values:
        assert f'id="stance-{stance}"' in html
    for verification in Verification.values:
        assert f'id="verification-{verification}"' in html
    assert 'id="translation-machine"' in html and "machine-translated" in html
    assert f'id="topic-{topic.slug}"' in html and "Policing Ukraine&#x27;s airspace." in html
    for section in ("coverage", "current", "dates", "staleness", "licence", "corrections", "updated"):
        assert f'id="{section}"' in html
    assert "CC BY 4.0" in html and "Troop Positions Tracker, http://testserver/, accessed" in html
    assert "6 months" in html


def test_every_value_the_data_uses_is_defined_on_the_about_page(client):
    for stance, verification in zip(Stance.values, Verification.values * 2):
        government_position("PL", D(2024, 5, 1), stance=stance, verification=verification)
    html = text(client.get("/about/"))
    used = set(re.findall(r'href="/about/#((?:stance|verification)-[a-z_]+)"', text(client.get("/positions/"))))
    assert used, "badges on the list link to their definitions"
    for anchor in used:
        assert f'id="{anchor}"' in html
    for topic in Topic.objects.all():
        assert f'id="topic-{topic.slug}"' in html


def test_badges_link_to_their_definitions(client):
    position = government_position("GB", D(2024, 11, 26), stance=Stance.RULES_OUT, verification=Verification.REPORTED)
    html = text(client.get(f"/positions/{position.pk}/"))
    assert re.search(r'<a href="/about/#stance-rules_out" title="[^"]+" class="stance stance-rules_out">', html)
    assert re.search(r'<a href="/about/#verification-reported" title="[^"]+" class="verification', html)


def test_the_about_page_says_when_the_data_last_changed(client):
    government_position("GB", D(2024, 11, 26))
    html = text(client.get("/about/"))
    assert "was last added, changed or removed on" in html


# Age is always visible


def test_a_stale_cell_on_the_home_matrix_says_how_old_it_is_in_words(client):
    stale = government_position("GB", months_ago(24), stance=Stance.RULES_OUT)
    fresh = government_position("FR", months_ago(1), stance=Stance.OPEN)
    html = text(client.get("/"))
    stale_cell = html.split(f'href="/positions/{stale.pk}/"')[1].split("</td>")[0]
    fresh_cell = html.split(f'href="/positions/{fresh.pk}/"')[1].split("</td>")[0]
    assert "Stale" in stale_cell and "stated 24 months ago; no newer statement" in stale_cell
    assert "Stale" not in fresh_cell and "months ago" not in fresh_cell
    assert html.count('<td class="stale">') == 1


def test_a_stale_stance_on_the_country_page_is_marked_and_a_fresh_one_is_not(client):
    government_position("GB", months_ago(24), topic=TopicFactory(slug="combat-troops"))
    government_position("GB", months_ago(2), topic=TopicFactory(slug="instructors"))
    html = text(client.get("/countries/gb/"))
    table = html.split('id="stances-caption"')[1].split("</table>")[0]
    assert table.count("age-stale") == 1
    assert "stated 24 months ago; no newer statement" in table
    assert "2 months ago" in table


def test_the_threshold_comes_from_the_setting(client, settings):
    settings.STALE_AFTER_MONTHS = 36
    government_position("GB", months_ago(24))
    assert "Stale" not in text(client.get("/countries/gb/")).split("</table>")[0]


def test_the_footer_says_the_newest_statement_to_its_precision_and_the_last_edit(client):
    government_position("GB", D(2024, 11, 26))
    government_position("FR", D(2024, 12, 1), date_precision="month")
    today = timezone.localdate()
    html = text(client.get("/authorisations/"))
    assert 'Newest statement: <time datetime="2024-12-01">Dec 2024</time>' in html
    assert f' · last edited: <time datetime="{today.isoformat()}' in html
    assert "Data last updated" not in html


def test_the_footer_dates_are_one_query(django_assert_num_queries):
    government_position("GB", D(2024, 11, 26), date_precision="day")
    government_position("FR", D(2024, 11, 26), date_precision="day")
    with django_assert_num_queries(1):
        dates = read_data_dates()
    assert (dates.newest_stated_on, dates.newest_precision) == (D(2024, 11, 26), "day")
    assert dates.last_edited is not None and timezone.is_aware(dates.last_edited)
    assert dates.last_edited.date() == timezone.now().date()


def test_the_footer_says_so_when_nothing_is_recorded(client):
    assert "No statement recorded yet." in text(client.get("/authorisations/"))


# Cite and share


@pytest.mark.parametrize("page", ["position", "country", "actor"])
def test_detail_pages_offer_a_citation_with_their_permalink_and_todays_date(client, page):
    position = government_position("GB", D(2024, 11, 26), name="United Kingdom")
    url = {"position": f"/positions/{position.pk}/", "country": "/countries/gb/", "actor": "/actors/"}[page]
    if page == "actor":
        url = position.actor.get_absolute_url()
    html = text(client.get(url))
    cite = html.split('id="cite-text"')[1].split("</textarea>")[0]
    today = timezone.localdate()
    assert "readonly" in cite
    assert f"Troop Positions Tracker, http://testserver{url}, accessed {today.day} " in cite
    assert str(today.year) in cite


def test_position_page_has_open_graph_and_twitter_tags(client):
    position = government_position("GB", D(2024, 11, 26), stance=Stance.RULES_OUT, summary="No ground troops.")
    html = text(client.get(f"/positions/{position.pk}/"))
    assert re.search(r'<meta property="og:title" content="[^"]+: rules out">', html)
    assert '<meta property="og:description" content="No ground troops.">' in html
    assert f'<meta property="og:url" content="http://testserver/positions/{position.pk}/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html


@pytest.mark.parametrize("url", ["/", "/about/", "/countries/", "/actors/", "/positions/", "/timeline/", "/sources/"])
def test_every_public_page_has_share_tags_and_the_header_search(client, url):
    html = text(client.get(url))
    for tag in ("og:title", "og:description", "og:url", "og:type"):
        assert f'property="{tag}"' in html
    assert '<meta name="twitter:card" content="summary">' in html
    form = html.split('class="site-search"')[1].split("</form>")[0]
    assert 'action="/positions/"' in form and 'method="get"' in form and 'name="q"' in form
    assert '<label for="site-search-q"' in form and 'type="search" id="site-search-q"' in form
    assert 'href="/about/"' in html


def test_pages_with_a_feed_announce_it_with_their_filters(client):
    position = government_position("GB", D(2024, 11, 26))
    feeds = {
        "/": "/feeds/positions/",
        "/positions/?country=gb&stance=supports": "/feeds/positions/?country=gb&amp;stance=supports",
        "/countries/gb/": "/feeds/positions/?country=gb",
        position.actor.get_absolute_url(): f"/feeds/positions/?actor={position.actor.slug}",
    }
    for url, feed in feeds.items():
        html = text(client.get(url))
        assert '<link rel="alternate" type="application/atom+xml" title="' in html, url
        assert f'href="{feed}">' in html, url


# Clean list addresses


@pytest.mark.parametrize("path", ["/positions/", "/timeline/"])
def test_a_list_submitted_with_empty_fields_redirects_to_its_clean_address(client, path):
    response = client.get(f"{path}?q=Lamy&topic=&stance=&country=&country=gb")
    assert response.status_code == 302
    assert response["Location"] == f"{path}?q=Lamy&country=gb"
    assert client.get(f"{path}?topic=&stance=")["Location"] == path


@pytest.mark.parametrize("path", ["/positions/", "/timeline/"])
def test_a_clean_list_address_is_served_without_a_redirect(client, path):
    assert client.get(f"{path}?q=Lamy").status_code == 200
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/positions/export.csv", "/positions/export.json", "/feeds/positions/"])
def test_exports_and_the_feed_take_empty_fields_as_they_are(client, path):
    assert client.get(f"{path}?q=&stance=").status_code == 200
