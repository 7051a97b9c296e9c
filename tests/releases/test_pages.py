"""/data/ lists the releases newest first with their files; a release's page lists its changes by country."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from releases.build import make_release
from releases.models import Release
from tests.admin.rendered_form import submitted_data
from tests.factories import ActorFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> dict:
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(page[start : page.index("</script>", start)])


def test_data_page_lists_releases_newest_first_with_sizes_checksums_and_citations(client):
    PositionFactory()
    first = make_release(number="2026.11.1")
    PositionFactory()
    second = make_release(number="2026.12.1")
    response = client.get(reverse("releases:data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Release 2026.12.1") < page.index("Release 2026.11.1")
    assert "1 added, 0 removed, 0 changed since 2026.11.1." in page
    for release in (first, second):
        for entry in release.files:
            assert entry["sha256"] in page
            assert reverse("releases:release_file", args=[release.number, entry["name"]]) in page
        assert reverse("releases:cite", args=["release", release.number, "bib"]) in page
    assert reverse("positions:export_csv") in page
    dataset = json_ld(page)
    assert dataset["@type"] == "Dataset" and dataset["version"] == "2026.12.1"
    assert {item["contentUrl"] for item in dataset["distribution"]} == {
        f"http://testserver/data/2026.12.1/positions.{extension}" for extension in ("csv", "json", "xlsx")
    }


def test_release_page_filters_its_changes_by_country(client):
    PositionFactory(actor=ActorFactory(name="Starmer", country="GB"))
    PositionFactory(actor=ActorFactory(name="Macron", country="FR"))
    release = make_release()
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Starmer" in page and "Macron" in page
    filtered = client.get(release.get_absolute_url(), {"country": "fr"}).content.decode()
    assert "Macron" in filtered and "Starmer" not in filtered
    # The filter form submits what the page renders.
    assert submitted_data(filtered, "change-filter") == {"country": ["fr"]}
    # A code in capitals selects the same country, written lower case like every address.
    capitals = client.get(release.get_absolute_url(), {"country": "FR"}).content.decode()
    assert submitted_data(capitals, "change-filter") == {"country": ["fr"]}
    bad = client.get(release.get_absolute_url(), {"country": "france"})
    assert bad.status_code == 400


def test_release_files_are_sent_with_their_checksum_and_unknown_names_are_404(client):
    PositionFactory()
    release = make_release()
    response = client.get(reverse("releases:release_file", args=[release.number, "positions.csv"]))
    assert response["ETag"] == f'"{release.file("positions.csv")["sha256"]}"'
    assert "immutable" in response["Cache-Control"]
    assert client.get(f"/data/{release.number}/settings.py").status_code == 404
    assert client.get("/data/2020.1.1/positions.csv").status_code == 404


def test_making_a_release_in_the_admin_needs_its_own_permission(client, editor):
    PositionFactory()
    client.force_login(editor)
    add_url = reverse("admin:releases_release_add")
    assert client.get(add_url).status_code == 403
    assert client.post(add_url).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="make_release"))
    page = client.get(add_url)
    assert page.status_code == 200
    response = client.post(add_url, submitted_data(page.content.decode(), "release_form"))
    assert response.status_code == 302
    release = Release.objects.get()
    assert release.made_by == editor and release.position_count == 1


def test_a_release_cannot_be_changed_or_deleted_in_the_admin(client):
    PositionFactory()
    release = make_release()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = client.post(reverse("admin:releases_release_change", args=[release.pk]), {"number": "2026.1.9"})
    assert Release.objects.get().number == release.number
    assert change.status_code in (200, 403)
    assert client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"}).status_code == 403


def test_a_new_release_shows_on_a_cached_data_page_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    PositionFactory()
    make_release(number="2026.11.1")
    assert "Release 2026.11.1" in client.get(reverse("releases:data")).content.decode()
    make_release(number="2026.11.2")
    assert "Release 2026.11.2" in client.get(reverse("releases:data")).content.decode()
