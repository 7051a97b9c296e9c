""" "Machine-translated" is said wherever a quote's English words are shown, and only there."""

import pytest
from django.utils.html import escape

from positions.choices import ActorKind
from positions.stance_examples import STANCE_EXAMPLES
from sources.models import Quote, Translation
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
BADGE = 'class="verification translation-machine"'


def quoted(translation: str, text: str, stance: str = "open"):
    original = {} if translation == Translation.ORIGINAL else {"original_text": "Ми готові.", "original_language": "uk"}
    quote = QuoteFactory(text=text, translation=translation, **original)
    actor = ActorFactory(kind=ActorKind.STATE, country="FR")
    return PositionFactory(actor=actor, topic=TopicFactory(), quote=quote, stance=stance, stated_on=quote.said_on)


def quote_paragraph(html: str, text: str) -> str:
    return html.split(text)[1].split("</p>")[0]


@pytest.fixture
def quotes():
    return {
        status: quoted(status, f"Words given as {status}.", stance=stance)
        for status, stance in (
            (Translation.MACHINE, "open"),
            (Translation.TRANSLATION, "opposes"),
            (Translation.ORIGINAL, "supports"),
        )
    }


@pytest.mark.parametrize("url", ["/", "/positions/"])
def test_list_rows_mark_a_machine_translation_and_nothing_else(client, quotes, url):
    html = client.get(url).content.decode()
    machine = quote_paragraph(html, "Words given as machine.")
    assert BADGE in machine and ">machine-translated<" in machine
    assert 'href="/about/#translation-machine"' in machine
    for status in ("translation", "original"):
        assert BADGE not in quote_paragraph(html, f"Words given as {status}.")


def test_a_row_showing_the_words_as_said_needs_no_mark(client, quotes):
    # On /uk/ a Ukrainian original is shown instead of the English machine translation.
    html = client.get("/uk/positions/").content.decode()
    assert "Ми готові." in html
    assert "Words given as machine." not in html and BADGE not in html


def test_the_about_pages_examples_mark_a_machine_translation(client, seeded):
    """/about/'s examples are real rows (positions/stance_examples.py): each is marked as its quote in the data is."""
    html = client.get("/about/").content.decode()
    statements = [s for pair in STANCE_EXAMPLES.values() for s in (pair.example, pair.counter)]
    status = dict(Quote.objects.filter(text__in=[s.quote for s in statements]).values_list("text", "translation"))
    machine = [s for s in statements if status.get(s.quote) == Translation.MACHINE]
    original = [s for s in statements if status.get(s.quote) == Translation.ORIGINAL]
    assert machine and original  # the seed's UNN quotes are machine translations; others are English originals
    for statement in machine:
        assert BADGE in quote_paragraph(html, escape(statement.quote))
    for statement in original:
        assert BADGE not in quote_paragraph(html, escape(statement.quote))


def test_the_position_page_says_machine_translation(client, quotes):
    html = client.get(quotes[Translation.MACHINE].get_absolute_url()).content.decode()
    assert "English machine translation" in html


def test_the_map_tooltip_says_machine_translation(client):
    position = quoted(Translation.MACHINE, "Words.")
    position.topic.slug = "combat-troops"
    position.topic.save()
    html = client.get("/map/").content.decode()
    tooltip = html.split('<a href="/countries/fr/" class="map-link"><title>')[1].split("</title>")[0]
    assert "[machine-translated]" in tooltip


@pytest.mark.parametrize("url", ["/timeline/?country=fr", "/embed/timeline/?country=fr"])
def test_the_timeline_marks_a_machine_translation_in_its_list_and_hover(client, quotes, url):
    html = client.get(url).content.decode()
    entries = {
        status: html.split(f"“Words given as {status}.”</span>")[1].split("</p>")[0]
        for status in ("machine", "translation", "original")
    }
    assert BADGE in entries["machine"]
    assert BADGE not in entries["translation"] and BADGE not in entries["original"]
    assert "“Words given as machine.” [machine-translated]</title>" in html
    assert "“Words given as original.”</title>" in html


def test_the_report_form_says_machine_translation_beside_the_quote(client, quotes):
    html = client.get(f"/positions/{quotes[Translation.MACHINE].pk}/report/").content.decode()
    assert BADGE in html.split("</blockquote>")[1].split("</div>")[0]
    assert BADGE not in client.get(f"/positions/{quotes[Translation.ORIGINAL].pk}/report/").content.decode()
