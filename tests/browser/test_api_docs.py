"""The API docs page: Swagger UI runs from local files under the site's strict CSP, at both widths.

No axe-core audit here: the markup is Swagger UI's, not ours (tests/browser/test_pages.py audits the site's pages).
"""

import pytest

from .conftest import READ_ONLY_DB, SCREENSHOTS

pytestmark = [pytest.mark.browser, READ_ONLY_DB]


# Its tests only read: one seed and one live server for the module (conftest.shared_site).
@pytest.fixture
def site(shared_site):
    return shared_site


@pytest.mark.parametrize("width", [375, 1440])
def test_api_docs_show_every_resource_without_csp_errors(browser, site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)
    page.get_by_text("/api/v1/positions/", exact=True).first.click()
    page.wait_for_selector("text=country", timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / f"api-docs-{width}.png"), full_page=False)
    shown = page.inner_text("#swagger-ui")
    context.close()
    assert errors == []
    assert all(url.startswith(site) for url in requests), [url for url in requests if not url.startswith(site)]
    for resource in ("positions", "actors", "countries", "topics", "sources", "outlets", "authorisation-bodies"):
        assert f"/api/v1/{resource}/" in shown
