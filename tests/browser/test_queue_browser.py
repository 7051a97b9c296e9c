"""The moderation queue reads well at 1440 px: the words keep their width, a long address wraps, nothing is cut."""

import pytest
from django.contrib.auth.models import Permission

from tests.contributions.helpers import SuggestionFactory
from tests.factories import UserFactory

from .conftest import BROWSER_DB, SCREENSHOTS
from .test_editor import PASSWORD, editors_group

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_the_queue_is_readable_at_desktop_width(page, live_server):
    group = editors_group()
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="contributions", codename__regex=r"^(view|change)_")
    )
    UserFactory(username="editor", groups=["Editors"], is_staff=True)
    for number in range(3):
        SuggestionFactory(
            actor_name="Radosław Sikorski",
            text="Poland will not send troops to Ukraine, but will help with training and logistics. " * 2,
            source_url=f"https://www.example-news-outlet.pl/swiat/2025/03/04/very-long-article-path-{number}"
            "-with-many-words-in-it?utm_source=newsletter&utm_medium=email",
        )
    page.goto(live_server.url + "/admin/login/?next=/admin/contributions/suggestion/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("#result_list").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "admin-queue-1440.png"), full_page=True)

    words = page.locator("td.field-words").first.bounding_box()
    assert words["width"] >= 250, "the words are squeezed into a narrow column"
    table = page.locator("#result_list").bounding_box()
    results = page.locator(".results").bounding_box()
    assert table["x"] + table["width"] <= results["x"] + results["width"] + 1, "the table runs past its box"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440
    assert page.locator("th.field-submitted").first.inner_text().count(",") == 1  # "6 Dec 2026, 17:11"
