"""Frozen map, matrix and timeline embeds: a release's values, derived from its own files by the live
stance rule, after the live data has moved on; the dialogs that offer them; their caching."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from releases.build import make_release
from releases.models import Release
from tests.factories import ActorFactory, PositionFactory, RoleFactory, TopicFactory
from tests.i18n.test_uk_pages import english_left, readable_text, recorded_english, rightly_english

pytestmark = pytest.mark.django_db

FROZEN_VIEWS = ("embed_matrix", "embed_map", "embed_timeline")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:2000]
    return response.content.decode()


def matrix_row(content: str, country: str) -> str | None:
    """The matrix's row of a country (by name), or None."""
    rows = (row.split("</tr>")[0] for row in content.split("<tr>"))
    return next((row for row in rows if f">{country}</a></th>" in row), None)


def version_options(content: str) -> list[str]:
    """The embed dialog's versions, in the order offered."""
    found = re.search(r"<select [^>]*data-embed-version>(.*?)</select>", content, re.S)
    return re.findall(r'<option value="([^"]+)">', found.group(1)) if found else []


def map_row(content: str, code: str) -> str | None:
    """The map's text table row of a country (by code), or None."""
    found = re.search(rf'<tr data-country="{code}">.*?</tr>', content, re.S)
    return found.group(0) if found else None


@pytest.fixture
def combat():
    return TopicFactory(slug="combat-troops", name="Combat troops")


def test_frozen_views_keep_the_release_values_and_live_ones_move_on(client, combat):
    france = PositionFactory(actor=ActorFactory(name="Macron", country="FR"), topic=combat, stance="open")
    britain = PositionFactory(actor=ActorFactory(name="Starmer", country="GB"), topic=combat, stance="supports")
    release = make_release()
    # After the release: a changed stance, a deleted position, a new one.
    france.stance = "rules_out"
    france.save()
    britain_url = f'href="/positions/{britain.pk}/"'
    britain.delete()
    italy = PositionFactory(actor=ActorFactory(name="Meloni", country="IT"), topic=combat, stance="opposes")

    frozen = {name: page(client, reverse(f"releases:{name}", args=[release.number])) for name in FROZEN_VIEWS}
    live = {name: page(client, reverse(f"positions:{name}")) for name in FROZEN_VIEWS}

    assert "stance-open" in matrix_row(frozen["embed_matrix"], "France")
    assert "stance-supports" in matrix_row(frozen["embed_matrix"], "United Kingdom")
    assert matrix_row(frozen["embed_matrix"], "Italy") is None
    assert "stance-rules_out" in matrix_row(live["embed_matrix"], "France")
    assert matrix_row(live["embed_matrix"], "United Kingdom") is None
    assert "stance-opposes" in matrix_row(live["embed_matrix"], "Italy")

    assert "stance-open" in map_row(frozen["embed_map"], "FR")
    assert "stance-supports" in map_row(frozen["embed_map"], "GB")
    assert map_row(frozen["embed_map"], "IT") is None
    assert "stance-rules_out" in map_row(live["embed_map"], "FR")
    assert map_row(live["embed_map"], "GB") is None and map_row(live["embed_map"], "IT") is not None

    italy_url = f'href="/positions/{italy.pk}/"'
    assert britain_url in frozen["embed_timeline"] and italy_url not in frozen["embed_timeline"]
    assert britain_url not in live["embed_timeline"] and italy_url in live["embed_timeline"]
    assert 'class="tl-marker stance-open' in frozen["embed_timeline"]
    assert 'class="tl-marker stance-rules_out' not in frozen["embed_timeline"]
    assert 'class="tl-marker stance-rules_out' in live["embed_timeline"]

    for content in frozen.values():  # the frame names the release, its date and its page
        day = release.made_at.date()
        assert f"(as of release {release.number}, {day.day} Dec {day.year})" in content
        assert f'<a href="/data/{release.number}/">release {release.number}</a>' in content
        assert f'href="http://testserver/data/{release.number}/">release {release.number}, with its files' in content


def test_the_office_rank_rule_gives_the_same_cell_frozen_as_it_gave_live(client, combat):
    """The head of government's older word decides over a minister's newer one, live and frozen alike."""
    head = ActorFactory(name="Prime Minister", country="FR")
    RoleFactory(
        actor=head, country="FR", title="Prime Minister", office_rank="head", start_on=datetime.date(2020, 1, 1)
    )
    minister = ActorFactory(name="Minister", country="FR")
    RoleFactory(
        actor=minister, country="FR", title="Minister", office_rank="minister", start_on=datetime.date(2020, 1, 1)
    )
    PositionFactory(actor=head, topic=combat, stance="opposes", stated_on=datetime.date(2024, 11, 1))
    PositionFactory(actor=minister, topic=combat, stance="supports", stated_on=datetime.date(2024, 11, 20))
    live_matrix = matrix_row(page(client, reverse("positions:embed_matrix")), "France")
    live_map = map_row(page(client, reverse("positions:embed_map")), "FR")
    assert "stance-opposes" in live_matrix and "1 disagrees" in live_matrix
    release = make_release()
    PositionFactory(actor=head, topic=combat, stance="supports", stated_on=datetime.date(2024, 11, 28))
    assert "stance-supports" in matrix_row(page(client, reverse("positions:embed_matrix")), "France")

    # The same markup, cell for cell: the stance, the date, who, the counts, the age.
    assert matrix_row(page(client, reverse("releases:embed_matrix", args=[release.number])), "France") == live_matrix
    assert map_row(page(client, reverse("releases:embed_map", args=[release.number])), "FR") == live_map


def test_ages_are_counted_to_the_release_day(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat, stated_on=datetime.date(2024, 11, 25))
    release = make_release(now=timezone.make_aware(datetime.datetime(2025, 1, 10, 12)))
    frozen = page(client, reverse("releases:embed_matrix", args=[release.number]))
    live = page(client, reverse("positions:embed_matrix"))
    assert "<td>" in matrix_row(frozen, "France") and "1 month ago" in matrix_row(frozen, "France")
    assert '<td class="stale">' in matrix_row(live, "France")  # two years old today
    frozen_map = page(client, reverse("releases:embed_map", args=[release.number]))
    live_map = page(client, reverse("positions:embed_map"))
    assert "stale" not in map_row(frozen_map, "FR") and "stale" in map_row(live_map, "FR")
    assert "made 10 Jan 2025" in frozen


def test_the_dialogs_offer_live_and_each_release_newest_first(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    pages = {
        "positions:home": ("embed_matrix", ""),
        "positions:stance_map": ("embed_map", "?topic=combat-troops"),
        "positions:timeline": ("embed_timeline", "?country=FR&topic=combat-troops"),
    }

    for name, (_view, query) in pages.items():
        assert "data-embed-version" not in page(client, reverse(name) + query)  # no release: live only
    first = make_release(number="2026.11.1", now=timezone.now() - datetime.timedelta(days=20))
    second = make_release()
    for name, (view, query) in pages.items():
        content = html.unescape(page(client, reverse(name) + query + ("&" if query else "?") + "stance=open"))
        assert f'<iframe src="http://testserver{reverse("positions:" + view)}' in content
        sources = re.findall(r'<iframe src="(http://testserver/embed/data/[^"]+)"', content)
        # Newest first; the page's own filters that the frozen view reads go with it, the others not.
        frozen = [reverse(f"releases:{view}", args=[number]) for number in (second.number, first.number)]
        assert sources == [f"http://testserver{path}{query}" for path in frozen]
        assert version_options(content) == ["live", second.number, first.number]
        assert f"Embed code: as of release {second.number} (never changes)" in content
        assert "js/embed-choice" in content
        for source in sources:  # each copied address answers
            assert client.get(source).status_code == 200
    # Empty fields ask for nothing.
    empty = reverse("releases:embed_timeline", args=[second.number]) + "?country=&topic="
    assert client.get(empty).status_code == 200


def test_unknown_release_topic_or_country_is_refused(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    release = make_release()
    for name in FROZEN_VIEWS:
        assert client.get(reverse(f"releases:{name}", args=["2020.1.1"])).status_code == 404
    assert client.get(reverse("releases:embed_map", args=[release.number]) + "?topic=nope").status_code == 404
    assert client.get(reverse("releases:embed_timeline", args=[release.number]) + "?topic=nope").status_code == 404
    bad = client.get(reverse("releases:embed_timeline", args=[release.number]) + "?country=XX1")
    assert bad.status_code == 400 and b"two-letter" in bad.content


def test_a_release_made_before_a_topic_or_country_shows_what_it_held(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    release = make_release()
    later = TopicFactory(slug="instructors", name="Instructors")
    PositionFactory(actor=ActorFactory(country="PL"), topic=later)
    frozen = page(client, reverse("releases:embed_matrix", args=[release.number]))
    assert "Instructors" not in frozen and matrix_row(frozen, "Poland") is None
    assert client.get(reverse("releases:embed_map", args=[release.number]) + "?topic=instructors").status_code == 404
    assert "Instructors" in page(client, reverse("positions:embed_matrix"))


def test_a_release_without_the_files_of_frozen_views_has_none(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    made = make_release()
    # A release made before offices.csv, topics.csv and actors.csv existed lists only its other files.
    older = Release(
        number="2026.1.1",
        made_at=made.made_at - datetime.timedelta(days=300),
        position_count=1,
        country_count=1,
        actor_count=1,
        added_count=1,
        removed_count=0,
        changed_count=0,
        files=[entry for entry in made.files if entry["name"] not in ("offices.csv", "topics.csv", "actors.csv")],
    )
    older.save()
    assert client.get(reverse("releases:embed_matrix", args=[older.number])).status_code == 404
    content = page(client, reverse("positions:home"))
    assert version_options(content) == ["live", made.number]


def test_a_frozen_view_is_kept_for_good_and_may_be_framed(client, combat, django_assert_num_queries):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    release = make_release()
    for name in FROZEN_VIEWS:
        url = reverse(f"releases:{name}", args=[release.number])
        # The data version (the HTTP cache's), the release; the files are read from storage, not the
        # database. Building takes a render slot: the shared counter of the client's builds, counted
        # and given back.
        with django_assert_num_queries(4):
            response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "frame-ancestors *" in response["Content-Security-Policy"] and "X-Frame-Options" not in response
        etag = response["ETag"]
        with django_assert_num_queries(2):  # kept: the same two reads, no rendering
            again = client.get(url)
        assert again.content == response.content and again["ETag"] == etag
        not_modified = client.get(url, headers={"If-None-Match": etag})
        assert not_modified.status_code == 304 and not_modified["ETag"] == etag
        assert "frame-ancestors *" in not_modified["Content-Security-Policy"]
        # The tag is the release's, the language's and the address's: another language is another page.
        assert client.get(f"/uk{url}")["ETag"] != etag


def test_the_ukrainian_frozen_views_are_translated(client, combat):
    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    release = make_release()
    for name in FROZEN_VIEWS:
        content = page(client, "/uk" + reverse(f"releases:{name}", args=[release.number]))
        assert f"станом на випуск {release.number}" in content
        assert "these values never change" not in content and "with its files" not in content


def test_no_english_is_left_on_the_ukrainian_frozen_views(client, seeded):
    """The /uk/ walk of tests/i18n/test_uk_pages.py over the frozen views of a release of the seed data:
    the interface translated, and the topics' and actors' Ukrainian names the release holds shown."""
    release = make_release()
    data, names = rightly_english(), recorded_english()
    found = {}
    for name in FROZEN_VIEWS:
        for query in ("", "?topic=instructors", "?country=gb"):
            url = "/uk" + reverse(f"releases:{name}", args=[release.number]) + query
            left = english_left(readable_text(page(client, url), "text/html"), data, names)
            if left:
                found[url] = left
    assert found == {}


def timeline_parts(content: str) -> tuple[str, str]:
    """The timeline's chart and its list in date order."""
    chart = content[content.index('<figure class="tl-figure">') : content.index("</figure>")]
    listed = content[content.index('<section class="tl-list"') : content.index("</section>")]
    return chart, listed


def test_the_frozen_timeline_draws_what_the_live_one_drew_at_release_time(client, combat):
    instructors = TopicFactory(slug="instructors", name="Instructors")
    macron, starmer = ActorFactory(name="Macron", country="FR"), ActorFactory(name="Starmer", country="GB")
    for actor, topic, stance, day, precision in [
        (macron, combat, "open", datetime.date(2024, 3, 1), "day"),
        (macron, combat, "rules_out", datetime.date(2024, 6, 1), "month"),  # a reversal, known to the month
        (macron, instructors, "supports", datetime.date(2024, 9, 12), "day"),
        (starmer, combat, "undecided", datetime.date(2024, 5, 2), "day"),
        (starmer, combat, "commentary", datetime.date(2024, 7, 2), "day"),
        (starmer, combat, "supports", datetime.date(2024, 10, 2), "day"),
    ]:
        PositionFactory(actor=actor, topic=topic, stance=stance, stated_on=day, date_precision=precision)
    queries = ("", "?country=FR", "?topic=combat-troops")
    live = {query: timeline_parts(page(client, reverse("positions:embed_timeline") + query)) for query in queries}
    release = make_release()
    PositionFactory(actor=macron, topic=combat, stance="supports", stated_on=datetime.date(2024, 11, 1))
    for query in queries:
        frozen = timeline_parts(page(client, reverse("releases:embed_timeline", args=[release.number]) + query))
        assert frozen == live[query], query


def test_a_frozen_view_not_yet_kept_waits_for_a_free_render_slot(client, combat, monkeypatch):
    # A large release's timeline takes seconds to build: like the pictures and workbooks, at most
    # RENDERS_PER_PROCESS builds at once; a kept rendering needs no slot.
    from limits import expensive

    PositionFactory(actor=ActorFactory(country="FR"), topic=combat)
    release = make_release()
    kept = reverse("releases:embed_matrix", args=[release.number])
    assert client.get(kept).status_code == 200
    monkeypatch.setattr(expensive, "_slots", None)
    slots = expensive.process_slots()
    for _ in range(slots._initial_value):
        assert slots.acquire(blocking=False)  # other requests are building
    busy = client.get(reverse("releases:embed_timeline", args=[release.number]))
    assert busy.status_code == 503 and busy["Retry-After"] and busy["Cache-Control"] == "no-store"
    assert client.get(kept).status_code == 200
