"""Public pages are read-only: they answer GET and HEAD, and 405 to every other method.

The API's resources also answer OPTIONS (what browsers send before a cross-origin request).

The two readers' forms (suggest a statement, report an error) also
take POST, and still refuse every other method.
"""

import pytest

from releases.build import make_release
from tests.security.public_urls import example_url, is_api_resource, public_routes

ROUTES = public_routes()
WRITE_METHODS = ["post", "put", "patch", "delete", "options", "trace"]
# The readers' contribution forms (contributions/): they accept POST on purpose, behind CSRF, a
# honeypot and a rate limit, and store nothing public (an editor decides). Exempt by name only.
FORM_ROUTES = {"suggest/", "positions/<int:pk>/report/"}


@pytest.fixture
def released(seeded):
    """The seed frozen as a data release, so that /data/<number>/ has a real number to answer for."""
    make_release()


@pytest.mark.parametrize("route", ROUTES, ids=str)
@pytest.mark.parametrize("method", WRITE_METHODS)
def test_public_page_refuses_methods_other_than_get_and_head(client, seeded, route, method):
    allowed = ["GET", "HEAD", "POST"] if route.route in FORM_ROUTES else ["GET", "HEAD"]
    if method.upper() in allowed:
        pytest.skip("a contribution form takes POST (tests/contributions/)")
    response = getattr(client, method)(example_url(route))
    if is_api_resource(route):
        allowed = ["GET", "HEAD", "OPTIONS"]
    if method == "options" and is_api_resource(route):
        assert response.status_code == 200, f"OPTIONS {route} answered {response.status_code}"
        return
    assert response.status_code == 405, f"{method.upper()} {route} answered {response.status_code}"
    assert sorted(m.strip() for m in response["Allow"].split(",")) == allowed


def test_only_the_contribution_forms_take_post():
    assert FORM_ROUTES <= {route.route for route in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_public_page_answers_get_and_head(client, released, route):
    url = example_url(route)
    get, head = client.get(url), client.head(url)
    assert get.status_code in {200, 301, 302}, f"GET {url} answered {get.status_code}"
    assert head.status_code == get.status_code
    assert head.content == b""


def test_every_page_of_the_url_contract_is_checked():
    # The routes come from the URLconf, so a new page is covered as soon as it is routed;
    # this guards against the walk silently finding nothing.
    routes = {route.route for route in ROUTES}
    assert {"healthz", "countries/", "actors/<slug:slug>/", "positions/<int:pk>/", "sources/"} <= routes
    assert {"api/v1/positions/", "api/v1/positions/<int:pk>/", "api/v1/schema/", "api/v1/docs/"} <= routes
