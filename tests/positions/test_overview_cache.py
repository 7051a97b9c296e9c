"""The home matrix and the countries page are rendered once per version of the data, never stale.

Each test renders a page (filling the cache), changes something a cell shows the way an editor
would, and expects the very next request to show the change.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from positions.choices import ActorKind, Stance
from positions.derived import data_version
from positions.models import Position
from sources.models import Verification
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def stance(db):
    actor = ActorFactory(name="Cyrus Starmer", country="GB", kind=ActorKind.OFFICIAL)
    quote = QuoteFactory(said_on=D(2024, 11, 25))
    return PositionFactory(actor=actor, topic=TopicFactory(name="Combat troops"), quote=quote, stance=Stance.OPEN)


def matrix_html(client) -> str:
    """The matrix table alone: the latest positions below it are never cached."""
    html = client.get("/").content.decode()
    start = html.index('id="stance-matrix"')
    return html[start : html.index("</table>", start)]


# The fragment's own cache, not the whole page's (tests/ops/test_page_cache.py).
@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_cached_matrix_is_served_without_rebuilding_it(client, stance, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(4):  # data version, latest positions, their roles, the footer's last update
        response = client.get("/")
    assert "Cyrus Starmer" in response.content.decode()


def test_the_matrix_shows_an_edited_stance_at_once(client, stance):
    assert "stance-open" in matrix_html(client)
    stance.stance = Stance.RULES_OUT
    stance.save()
    assert "stance-rules_out" in matrix_html(client)


def test_the_matrix_shows_a_renamed_actor_and_topic_at_once(client, stance):
    matrix_html(client)
    stance.actor.name = "Keir Starmer"
    stance.actor.save()
    stance.topic.name = "Ground troops"
    stance.topic.save()
    html = matrix_html(client)
    assert "Keir Starmer" in html and "Ground troops" in html
    assert "Cyrus Starmer" not in html


def test_the_matrix_shows_a_quote_losing_its_confirmation_at_once(client, stance):
    assert "verification-reported" not in matrix_html(client)
    stance.quote.verification = Verification.REPORTED
    stance.quote.save()
    assert "verification-reported" in matrix_html(client)


def test_the_matrix_drops_a_deleted_stance_at_once(client, stance):
    assert "Cyrus Starmer" in matrix_html(client)
    stance.delete()
    assert "Cyrus Starmer" not in client.get("/").content.decode()  # no matrix, no latest position


def test_the_countries_page_shows_a_new_country_at_once(client, stance):
    assert "France" not in client.get("/countries/").content.decode()
    PositionFactory(actor=ActorFactory(country="FR", kind=ActorKind.STATE), topic=stance.topic)
    assert "France" in client.get("/countries/").content.decode()


def test_bulk_loads_and_rebuilds_change_the_version():
    before = data_version()
    call_command("generate_data", positions=50, seed=4)
    after_load = data_version()
    call_command("refresh_country_stances")
    assert len({before, after_load, data_version()}) == 3


def test_a_raw_update_is_shown_once_the_stances_are_refreshed(client, stance):
    matrix_html(client)
    Position.objects.filter(pk=stance.pk).update(stance=Stance.SUPPORTS)  # no signal, no history
    call_command("refresh_country_stances")
    assert "stance-supports" in matrix_html(client)


@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.parametrize(
    ("path", "link"), [("/", 'href="{}positions/'), ("/uk/countries/", 'href="{}uk/countries/gb/"')]
)
def test_a_cached_fragment_is_never_shown_under_another_script_prefix(client, stance, path, link):
    """A site served under a prefix (SCRIPT_NAME) and at the root shares one cache: each keeps its own links."""
    from django.urls import set_script_prefix

    at_root = client.get(path).content.decode()
    set_script_prefix("/tracker/")
    try:
        under_prefix = client.get(path).content.decode()
    finally:
        set_script_prefix("/")
    assert link.format("/") in at_root and link.format("/tracker/") not in at_root
    assert link.format("/tracker/") in under_prefix and link.format("/") not in under_prefix


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_write_renders_again_only_the_row_of_the_country_it_changed(client, stance, monkeypatch):
    from positions.views import matrix

    france = ActorFactory(name="Jean Dupont", country="FR", kind=ActorKind.STATE)
    PositionFactory(actor=france, topic=stance.topic, stance=Stance.OPPOSES)
    assert "Jean Dupont" in matrix_html(client)
    rendered = []
    render = matrix.render_to_string

    def counted(template, context):
        rendered.append(context["row"].code)
        return render(template, context)

    monkeypatch.setattr(matrix, "render_to_string", counted)
    stance.stance = Stance.RULES_OUT
    stance.save()
    html = matrix_html(client)
    assert rendered == ["GB"]
    assert "stance-rules_out" in html and "stance-open" not in html and "Jean Dupont" in html
    # Each language's rows are their own: the Ukrainian matrix renders both rows once.
    client.get("/uk/")
    assert sorted(rendered) == ["FR", "GB", "GB"]


@override_settings(PAGE_CACHE_SECONDS=0)
def test_after_a_write_the_home_page_rebuilds_its_matrix_in_the_same_queries(client, stance, django_assert_num_queries):
    PositionFactory(actor=ActorFactory(country="FR", kind=ActorKind.STATE), topic=stance.topic)
    client.get("/")
    stance.stance = Stance.SUPPORTS
    stance.save()
    # The data version, the matrix's topics and cells, the latest positions and their roles, the footer's last
    # update; with the matrix, its embed dialog's data releases.
    with django_assert_num_queries(7):
        client.get("/")
