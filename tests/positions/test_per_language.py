"""The navigation and footer links, rendered once per language and section (positions/per_language.py)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse, set_script_prefix
from django.utils import translation

from positions import per_language
from tests.factories import ActorFactory, PositionFactory

pytestmark = pytest.mark.django_db

# Each page, and the navigation link its section marks as the current page.
SECTIONS = [
    ("positions:home", [], "positions:home"),
    ("positions:country_list", [], "positions:country_list"),
    ("positions:country_detail", ["gb"], "positions:country_list"),
    ("positions:actor_list", [], "positions:actor_list"),
    ("positions:position_list", [], "positions:position_list"),
    ("positions:timeline", [], "positions:timeline"),
    ("positions:stance_map", [], "positions:stance_map"),
    ("sources:source_list", [], "sources:source_list"),
    ("positions:about", [], "positions:about"),
    ("contributions:suggest", [], "contributions:suggest"),
]


def nav_of(html: str) -> str:
    return re.search(r' *<nav class="site-nav".*?</nav>\n', html, re.S).group()


def current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" aria-current="page">', nav_of(html))


@pytest.fixture(autouse=True)
def fresh_parts():
    per_language.clear_all()
    yield
    per_language.clear_all()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_each_page_marks_its_own_section_in_its_own_language(client, language):
    ActorFactory(country="GB")
    for name, args, marked in SECTIONS:
        with translation.override(language):
            url, marked_url = reverse(name, args=args), reverse(marked)
            expected_nav = render_to_string("site/nav.html", {"section": name.split(":")[1]})
            expected_footer = render_to_string("site/footer_links.html")
        html = client.get(url).content.decode()
        assert current_links(html) == [marked_url], url
        # The kept part is the template's own rendering, in the page's language.
        assert nav_of(html) == expected_nav
        assert expected_footer in html
        assert ("Головна" in nav_of(html)) == (language == "uk")


def test_parts_kept_for_one_language_or_section_are_not_shown_for_another(client, monkeypatch):
    PositionFactory()
    renders = []
    original = per_language.render_to_string

    def counted(template_name, context):
        renders.append(template_name)
        return original(template_name, context)

    monkeypatch.setattr(per_language, "render_to_string", counted)
    english = client.get("/countries/").content.decode()
    ukrainian = client.get("/uk/countries/").content.decode()
    actors = client.get("/actors/").content.decode()
    assert current_links(english) == ["/countries/"]
    assert current_links(ukrainian) == ["/uk/countries/"]
    assert current_links(actors) == ["/actors/"]
    assert 'href="/uk/about/"' in ukrainian and 'href="/uk/about/"' not in english
    assert "Завантажити" in ukrainian and "Завантажити" not in english
    # Three navigations (language, section); the footer once per language.
    assert renders.count("site/nav.html") == 3
    assert renders.count("site/footer_links.html") == 2


def test_parts_follow_the_script_prefix():
    set_script_prefix("/tracker/")
    try:
        under_prefix = per_language.render_once("site/nav.html", section="home")
    finally:
        set_script_prefix("/")
    at_root = per_language.render_once("site/nav.html", section="home")
    assert 'href="/tracker/countries/"' in under_prefix
    assert 'href="/countries/"' in at_root and "/tracker/" not in at_root


def test_with_debug_on_a_part_is_rendered_afresh(settings):
    settings.DEBUG = True
    first = per_language.render_once("site/footer_links.html")
    assert per_language.render_once("site/footer_links.html") == first
    assert per_language.rendered.cache_info().currsize == 0
    settings.DEBUG = False
    assert per_language.render_once("site/footer_links.html") == first
    assert per_language.rendered.cache_info().currsize == 1
