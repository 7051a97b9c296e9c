"""Every status an API operation answers is in its OpenAPI description, so generated clients handle them.

Adversarial review, Dec 2026: run against the API's own schema, schemathesis found 16 operations
answering 400 (an invalid filter) and 404 (an invalid page) that the schema did not document. Here
each operation of the generated schema is asked with real values, missing objects, each query
parameter invalid, a NUL byte, a current ETag and past the rate limit, and every status it answers
must be documented for it.
"""

import re
from collections import defaultdict

import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

from tests.factories import AuthorisationBodyFactory, PositionFactory

pytestmark = pytest.mark.django_db
BAD_VALUES = ["not-valid", "-1", "2024-13-45", "%00"]
# Values naming nothing: some the URL patterns match (the view answers 404), some they do not.
MISSING = {"id": ["999999", "abc", "null%2Cnull"], "slug": ["no-such-slug", "%22", "%C3%BF"], "code": ["xx", "%7C"]}


@pytest.fixture
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def real(db) -> dict[str, dict[str, str]]:
    """A real value of each path parameter, by the operation's path."""
    position = PositionFactory(actor__country="GB")
    body = AuthorisationBodyFactory(country="GB")
    source = position.quote.source
    return {
        "/api/v1/positions/{id}/": {"id": str(position.pk)},
        "/api/v1/actors/{slug}/": {"slug": position.actor.slug},
        "/api/v1/countries/{code}/": {"code": "gb"},
        "/api/v1/topics/{slug}/": {"slug": position.topic.slug},
        "/api/v1/sources/{id}/": {"id": str(source.pk)},
        "/api/v1/outlets/{slug}/": {"slug": source.outlet.slug},
        "/api/v1/authorisation-bodies/{id}/": {"id": str(body.pk)},
    }


def fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: values[match[1]], path)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def probes(path: str, operation: dict, real: dict) -> list[str]:
    """Addresses that ask the operation for each answer it may give."""
    values = real.get(path, {})
    url = fill(path, values)
    urls = [url, url + "?%00=1"]
    for parameter in operation.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            urls += [fill(path, {**values, name: missing}) for missing in MISSING[name]]
            urls.append(fill(path, {**values, name: "%00"}))
        else:
            urls += [f"{url}?{name}={value}" for value in BAD_VALUES]
            if name == "page":
                urls.append(f"{url}?page=999")
    if path == "/api/v1/countries/{code}/":
        urls.append(fill(path, {"code": "GB"}))
    return urls


def test_the_schema_with_every_status_is_valid_openapi_3(schema):
    validate(schema)


def test_every_status_an_operation_answers_is_documented(client, schema, real):
    seen = defaultdict(set)
    for path, method, operation in operations(schema):
        documented = set(operation["responses"])
        for url in probes(path, operation, real):
            response = client.generic(method.upper(), url)
            seen[response.status_code].add(operation["operationId"])
            assert str(response.status_code) in documented, (url, response.status_code, sorted(documented))
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/json", url
        current = client.get(fill(path, real.get(path, {})))
        again = client.get(fill(path, real.get(path, {})), headers={"if-none-match": current["ETag"]})
        assert again.status_code == 304 and "304" in documented, path
    # The probes reached every kind of answer, so the check above is not empty.
    assert {200, 301, 400, 404} <= set(seen)
    assert len(seen[400]) >= 12 and len(seen[404]) >= 10


@override_settings(API_RATE_LIMIT="1/minute")
def test_every_operation_documents_the_rate_limit(client, schema, real):
    for path, method, operation in operations(schema):
        url = fill(path, real.get(path, {}))
        client.generic(method.upper(), url, REMOTE_ADDR=f"192.0.2.{len(url) % 250}")
        response = client.generic(method.upper(), url, REMOTE_ADDR=f"192.0.2.{len(url) % 250}")
        assert response.status_code == 429, url
        assert "429" in operation["responses"] and "Retry-After" in operation["responses"]["429"]["headers"]
        assert response.has_header("Retry-After")
