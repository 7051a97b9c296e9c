"""What a reader sees of the stance, verification and translation badges (positions/badges.py,
templates/positions/_badge.html): a word in a coloured box, linking to its definition, in English and Ukrainian."""

import pytest
from django.template import engines
from django.test.html import parse_html
from django.urls import set_script_prefix
from django.utils import translation

from positions import per_language
from positions.badges import stance_badge_html, translation_badge_html, verification_badge_html
from positions.definitions import STANCE_DEFINITIONS, TRANSLATION_DEFINITIONS, VERIFICATION_DEFINITIONS


@pytest.fixture(autouse=True)
def fresh_badges():
    per_language.clear_all()
    yield
    per_language.clear_all()


def same(html: str, expected: str) -> bool:
    return parse_html(str(html)) == parse_html(expected)


@pytest.mark.parametrize(("language", "prefix", "label"), [("en", "", "rules out"), ("uk", "/uk", "відкидає")])
def test_a_stance_badge_names_the_stance_and_links_to_its_definition(language, prefix, label):
    with translation.override(language):
        definition = str(STANCE_DEFINITIONS["rules_out"])
        linked = stance_badge_html("rules_out")
        plain = stance_badge_html("rules_out", link=False)
        tag = engines["django"].from_string("{% load positions_tags %}{% stance_badge 'rules_out' %}").render({})
    assert same(
        linked,
        f'<a href="{prefix}/about/#stance-rules_out" title="{definition}" class="stance stance-rules_out">{label}</a>',
    )
    # Inside another link: a span, the definition still its title.
    assert same(plain, f'<span title="{definition}" class="stance stance-rules_out">{label}</span>')
    assert tag == linked


@pytest.mark.parametrize("language", ["en", "uk"])
def test_verification_badges_show_doubt_and_hide_confirmed_unless_asked(language):
    with translation.override(language):
        reported = verification_badge_html("reported")
        definition = str(VERIFICATION_DEFINITIONS["reported"])
        confirmed = verification_badge_html("confirmed", show_confirmed=True, link=False)
    label = {"en": "reported", "uk": "за даними ЗМІ"}[language]
    prefix = {"en": "", "uk": "/uk"}[language]
    assert same(
        reported,
        f'<a href="{prefix}/about/#verification-reported" title="{definition}" '
        f'class="verification verification-reported">{label}</a>',
    )
    assert verification_badge_html("confirmed").strip() == ""
    assert 'class="verification verification-confirmed"' in confirmed and confirmed.startswith("<span")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_only_a_machine_translation_gets_a_badge(language):
    with translation.override(language):
        machine = translation_badge_html("machine")
        label, definition = (str(text) for text in TRANSLATION_DEFINITIONS["machine"])
    assert label in machine and "verification translation-machine" in machine and f'title="{definition}"' in machine
    assert ("машинний переклад" in machine) == (language == "uk")
    for status in ("original", "translation", None):
        assert translation_badge_html(status).strip() == ""


def test_a_badge_of_one_language_or_script_prefix_is_never_shown_for_another():
    with translation.override("uk"):
        ukrainian = stance_badge_html("supports")
    english = stance_badge_html("supports")
    set_script_prefix("/tracker/")
    try:
        under_prefix = stance_badge_html("supports")
    finally:
        set_script_prefix("/")
    assert 'href="/uk/about/#stance-supports"' in ukrainian
    assert 'href="/about/#stance-supports"' in english
    assert 'href="/tracker/about/#stance-supports"' in under_prefix


def test_definitions_and_labels_are_escaped():
    html = stance_badge_html('x"><script>')
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html
