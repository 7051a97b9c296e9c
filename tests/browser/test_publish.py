"""The map, comparison and embed pages in Chromium: axe at phone and desktop width, screenshots, and
framing — an /embed/ view loads inside another origin's page, while the full site is refused."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import AXE, BROWSER_DB, SCREENSHOTS
from .test_pages import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]

PAGES = {
    "map": "/map/",
    "map-instructors": "/map/?topic=instructors&stance=commentary",
    "map-invalid": "/map/?topic=no-such-topic",
    "compare": "/compare/?country=gb&country=fr&actor=taras-semenyuk",
    "compare-empty": "/compare/",
    "compare-invalid": "/compare/?country=zz",
    "embed-map": "/embed/map/",
    "embed-matrix": "/embed/matrix/",
    "embed-country": "/embed/countries/gb/",
    "embed-timeline": "/embed/timeline/",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_new_pages_read_well_and_pass_axe(browser, site, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    for name, path in PAGES.items():
        response = page.goto(site + path)
        assert response.status == (400 if "invalid" in name else 200), (path, response.status)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[width]}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{path}: page scrolls sideways by {overflow}px")
        problems += [f"{path}: {violation}" for violation in serious_violations(page)]
    context.close()
    # The 400 pages log their own status; nothing else (a CSP block) may.
    errors = [error for error in errors if "400" not in error]
    assert problems == [] and errors == []


@pytest.mark.parametrize("width", [320, 1000])
def test_embeds_fit_their_frame_width(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("/embed/map/", "/embed/matrix/", "/embed/countries/gb/", "/embed/timeline/"):
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


class _Host(BaseHTTPRequestHandler):
    """Another origin's page framing the site twice: the embed, and the home page."""

    site = ""

    def do_GET(self):
        body = (
            "<!doctype html><title>Another site</title>"
            f'<iframe name="embed" src="{self.site}/embed/map/" width="800" height="600"></iframe>'
            f'<iframe name="full" src="{self.site}/" width="800" height="600"></iframe>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_only_embed_views_can_be_framed_by_another_origin(page, site):
    # The live server answers on localhost; this page is served from 127.0.0.1 on another port.
    handler = type("Host", (_Host,), {"site": site.replace("127.0.0.1", "localhost")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}/"
        assert host.split("/")[2] != site.replace("127.0.0.1", "localhost").split("/")[2]
        page.goto(host)
        page.wait_for_load_state("load")
        # Found through their <iframe> elements: a refused frame's error page may drop the frame's name.
        embed = page.locator('iframe[name="embed"]').element_handle().content_frame()
        full = page.locator('iframe[name="full"]').element_handle().content_frame()
        assert embed.locator(".embed-credit").inner_text().startswith("Troop Positions Tracker — CC BY 4.0")
        assert embed.locator("svg.stance-map").count() == 1
        # The refused frame shows the browser's error page, not the site.
        assert full is None or full.locator(".site-header").count() == 0
        assert any("frame" in error.lower() for error in page.console_errors), page.console_errors
    finally:
        server.shutdown()
        server.server_close()


def test_the_maps_hatch_stale_countries_with_the_page_stylesheet(page, site):
    # The seed's statements are of 2024: past STALE_AFTER_MONTHS, each country is drawn stale.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path in ("/map/", "/embed/map/"):
        page.goto(site + path)
        stale = page.locator("path.map-country.map-stale")
        assert stale.count() > 0, path
        fill = stale.first.evaluate("element => getComputedStyle(element).fill")
        assert 'url("#map-stale-' in fill, (path, fill)
        legend = page.locator(".map-legend-item rect.map-stale").evaluate("element => getComputedStyle(element).fill")
        assert 'url("#map-stale-stale")' in legend
        page.screenshot(path=str(SCREENSHOTS / f"stale{path.replace('/', '-')}map.png"))
    assert "Stances as of" in page.locator(".embed-as-of").inner_text()
