"""The API over HTTP: read-only methods, CORS for any origin, the rate limit, and conditional GETs."""

import importlib
import os

import pytest

from tests.factories import PositionFactory

LIST = "/api/v1/positions/"
RESOURCES = [
    "/api/v1/positions/",
    "/api/v1/actors/",
    "/api/v1/countries/",
    "/api/v1/countries/gb/",
    "/api/v1/topics/",
    "/api/v1/sources/",
    "/api/v1/outlets/",
    "/api/v1/authorisation-bodies/",
    "/api/v1/schema/",
]


@pytest.mark.parametrize("url", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_answer_405(client, seeded, url, method):
    response = getattr(client, method)(url, data="{}", content_type="application/json")
    assert response.status_code == 405
    assert sorted(m.strip() for m in response["Allow"].split(",")) == ["GET", "HEAD", "OPTIONS"]


def test_head_answers_headers_only(client, seeded):
    get, head = client.get(LIST), client.head(LIST)
    assert (head.status_code, head.content) == (200, b"")
    assert head["ETag"] == get["ETag"]


def test_any_origin_may_read_the_api(client, seeded):
    response = client.get(LIST, HTTP_ORIGIN="https://newsroom.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(LIST, HTTP_ORIGIN="https://newsroom.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert sorted(m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")) == ["GET", "HEAD", "OPTIONS"]


def test_pages_outside_the_api_are_not_shared_across_origins(client, seeded):
    response = client.get("/positions/", HTTP_ORIGIN="https://newsroom.example")
    assert "Access-Control-Allow-Origin" not in response


def test_the_default_rate_limit_is_60_a_minute(monkeypatch):
    import config.settings

    monkeypatch.delenv("API_RATE_LIMIT", raising=False)
    monkeypatch.setenv("SECRET_KEY", os.environ.get("SECRET_KEY", "x" * 50))
    assert importlib.reload(config.settings).API_RATE_LIMIT == "60/minute"
    monkeypatch.setenv("API_RATE_LIMIT", "5/second")
    assert importlib.reload(config.settings).API_RATE_LIMIT == "5/second"
    monkeypatch.delenv("API_RATE_LIMIT")
    importlib.reload(config.settings)


def test_the_61st_request_in_a_minute_gets_429_with_retry_after(client, seeded, settings):
    settings.API_RATE_LIMIT = "60/minute"
    for _ in range(60):
        assert client.get("/api/v1/topics/").status_code == 200
    refused = client.get("/api/v1/topics/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    # Counted per client address: another address is still served.
    assert client.get("/api/v1/topics/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_made_up_forwarded_for_header_does_not_dodge_the_limit(client, seeded, settings):
    settings.API_RATE_LIMIT = "2/minute"
    for n in range(2):
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


def test_an_unchanged_list_answers_304_to_its_etag(client, seeded):
    first = client.get(LIST)
    etag = first["ETag"]
    again = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(LIST, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304


def test_the_etag_changes_with_the_data_and_the_address(client, seeded):
    etag = client.get(LIST)["ETag"]
    assert client.get(f"{LIST}?country=gb")["ETag"] != etag
    PositionFactory()
    changed = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("url", RESOURCES)
def test_every_resource_sends_an_etag(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_errors_carry_no_etag(client, seeded):
    response = client.get(f"{LIST}?country=xx")
    assert response.status_code == 400
    assert "ETag" not in response


def test_the_api_is_publicly_cacheable_and_answers_if_modified_since(client, seeded):
    first = client.get(LIST)
    assert first["Cache-Control"].startswith("public, max-age=")
    assert "Cookie" in first["Vary"]
    again = client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    PositionFactory()
    assert (
        client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 200
    )


def test_a_conditional_request_still_counts_against_the_rate_limit(client, seeded, settings):
    # The middleware must not answer the API's 304s ahead of its rate limit.
    first = client.get(LIST)
    settings.API_RATE_LIMIT = "2/minute"
    statuses = [client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code for _ in range(3)]
    assert statuses[0] == 304
    assert statuses[-1] == 429
