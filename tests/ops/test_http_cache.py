"""HTTP caching: anonymous reads carry validators from the data version and get 304s; logged-in pages are private."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.http import parse_http_date

from positions.choices import Stance
from positions.summaries import DataVersion
from tests.factories import PositionFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/countries/", "/positions/?country=GB", "/positions/export.csv", "/feeds/positions/", "/actors/"]


@pytest.fixture
def position(db):
    return PositionFactory(actor__country="GB", stance=Stance.OPEN)


@pytest.mark.parametrize("url", PUBLIC)
def test_anonymous_reads_are_public_with_validators(client, position, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    assert response["ETag"].startswith('W/"') and response["Last-Modified"].endswith("GMT")
    # Accept-Language is Django's LocaleMiddleware's, only while the language is not in the address.
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("url", PUBLIC)
def test_a_current_copy_is_answered_304_without_running_the_view(client, position, url, django_assert_num_queries):
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):  # the data version, nothing else
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"].startswith("public")


def test_if_modified_since_is_honoured(client, position):
    last_modified = client.get("/").headers["Last-Modified"]
    assert client.get("/", headers={"if-modified-since": last_modified}).status_code == 304


def test_any_write_changes_the_validators(client, position):
    first = client.get("/positions/")
    position.stance = Stance.RULES_OUT
    position.save()
    response = client.get("/positions/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200 and response["ETag"] != first["ETag"]
    assert "stance-rules_out" in response.content.decode()


def test_logged_in_pages_are_private_and_never_304(client, position):
    etag = client.get("/").headers["ETag"]
    client.force_login(UserFactory(is_staff=True, groups=["Editors"]))
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response and "Cookie" in response["Vary"]


def test_the_admin_and_posts_are_left_alone(client, position):
    response = client.get("/admin/login/")
    assert "public" not in response.get("Cache-Control", "") and "ETag" not in response
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert "public" not in response.get("Cache-Control", "") and "ETag" not in response


def test_errors_are_not_made_cacheable(client, db):
    response = client.get("/positions/99999/")
    assert response.status_code == 404 and "ETag" not in response


@override_settings(HTTP_MAX_AGE=5, HTTP_STALE_WHILE_REVALIDATE=7)
def test_the_lifetimes_come_from_the_settings(client, position):
    assert client.get("/").headers["Cache-Control"] == "public, max-age=5, stale-while-revalidate=7"


@override_settings(HTTP_SHARED_MAX_AGE=1)
def test_a_shared_cache_in_front_may_keep_pages_briefly(client, position):
    response = client.get("/")
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=1, stale-while-revalidate=300"
    assert response["X-Accel-Expires"] == "1"
    client.force_login(UserFactory(is_staff=True))
    assert "X-Accel-Expires" not in client.get("/")


def test_requests_with_credentials_are_private(client, position):
    response = client.get("/positions/", headers={"authorization": "Token abc"})
    assert response["Cache-Control"] == "private, no-store" and "ETag" not in response


def test_the_validators_change_at_local_midnight(client, position, monkeypatch):
    # Pages say "stated 5 months ago" and mark old stances stale: yesterday's copy is not current.
    today = timezone.localdate()
    first = client.get("/")
    assert first["ETag"].endswith(f'-{today.isoformat()}"')
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    response = client.get("/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200 and response["ETag"] != first["ETag"]
    assert client.get("/", headers={"if-modified-since": first["Last-Modified"]}).status_code == 200
    assert client.get("/", headers={"if-none-match": response["ETag"]}).status_code == 304


@override_settings(TIME_ZONE="Europe/Kyiv")
def test_last_modified_is_the_later_of_the_last_write_and_the_start_of_today(client, position):
    version = DataVersion.objects.get(pk=1)
    assert parse_http_date(client.get("/")["Last-Modified"]) == int(version.changed_at.timestamp())
    DataVersion.objects.filter(pk=1).update(changed_at=version.changed_at - datetime.timedelta(days=3))
    midnight = datetime.datetime.combine(timezone.localdate(), datetime.time.min, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert parse_http_date(client.get("/")["Last-Modified"]) == int(midnight.timestamp())


def test_the_api_changes_at_midnight_as_its_ages_do(client, position, monkeypatch):
    # Positions and country stances carry age_days and stale: an answer of yesterday is not current.
    version = DataVersion.objects.get(pk=1)
    DataVersion.objects.filter(pk=1).update(changed_at=version.changed_at - datetime.timedelta(days=3))
    response = client.get("/api/v1/positions/")
    midnight = datetime.datetime.combine(
        timezone.localdate(), datetime.time.min, tzinfo=timezone.get_default_timezone()
    )
    assert parse_http_date(response["Last-Modified"]) == int(midnight.timestamp())
    assert client.get("/api/v1/positions/", headers={"if-none-match": response["ETag"]}).status_code == 304
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    later = client.get("/api/v1/positions/", headers={"if-none-match": response["ETag"]})
    assert later.status_code == 200 and later["ETag"] != response["ETag"]
    assert client.get("/api/v1/positions/", headers={"if-modified-since": response["Last-Modified"]}).status_code == 200
