"""A release's frozen matrix, map and timeline at phone width pass axe with no CSP violation; the embed
dialog's version choice shows the chosen version's code only."""

import pytest

from releases.build import make_release

from .conftest import AXE, BROWSER_DB
from .test_pages import WIDTHS, serious_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_frozen_embeds_pass_axe_and_the_dialog_follows_the_choice(browser, site):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm install --no-save axe-core` (scripts/test.sh does)")
    release = make_release()
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    problems: list[str] = []
    for view in ("matrix", "map", "timeline"):
        path = f"/embed/data/{release.number}/{view}/"
        assert page.goto(site + path).status == 200
        problems += [f"{path}: {violation}" for violation in serious_violations(page)]

    page.goto(site + "/map/?topic=combat-troops")
    page.locator("details.embed-code summary").click()
    live, frozen = page.locator('[data-embed-choice="live"]'), page.locator(f'[data-embed-choice="{release.number}"]')
    assert live.is_visible() and not frozen.is_visible()
    page.select_option("[data-embed-version]", release.number)
    assert frozen.is_visible() and not live.is_visible()
    code = frozen.locator("textarea").input_value()
    assert f'src="{site}/embed/data/{release.number}/map/?topic=combat-troops"' in code
    context.close()
    assert problems == [] and errors == []
