"""Control characters: refused at the edges (admin forms, models, import), dropped on the way into XML.

Adversarial review, Nov 2026: one summary holding U+000B made the Atom feed answer 500 for everyone.
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from positions.map.svg import MapCountry, render_map
from positions.models import Position
from sources.text import xml_safe
from tests.admin.test_statement import ADD_URL, statement
from tests.factories import ActorFactory, OutletFactory, PositionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_answers_valid_atom_when_a_stored_summary_holds_a_control_character(client):
    # Stored before forms refused it (or written with raw SQL): the feed must still serve everyone.
    position = PositionFactory(summary="before\x0bafter", quote=QuoteFactory(text="quote\x1bhere"))
    Position.objects.filter(pk=position.pk).update(summary="before\x0bafter")
    response = client.get(reverse("positions:feed"))
    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary").text
    assert "beforeafter" in summary and "quotehere" in summary


def test_xml_safe_keeps_tabs_and_line_breaks_and_drops_the_rest():
    assert xml_safe("a\tb\nc\rd\x00e\x0bf\x1fg\ufffeh") == "a\tb\nc\rdefgh"


def test_models_refuse_control_characters_with_a_message():
    position = PositionFactory()
    position.summary = "bad\x0bsummary"
    with pytest.raises(ValidationError) as error:
        position.full_clean()
    assert "Remove the control character U+000B" in str(error.value.message_dict["summary"])


def test_admin_statement_form_refuses_a_control_character_in_the_new_quote(client, editor):
    client.force_login(editor)
    data = statement(
        ActorFactory(),
        TopicFactory(),
        summary="fine",
        new_quote_text="He said\x0b no.",
        new_source_outlet=OutletFactory().pk,
        new_source_title="Title",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Remove the control character U+000B" in response.content.decode()
    assert not Position.objects.exists()


def test_admin_statement_form_refuses_a_control_character_in_the_summary(client, editor):
    client.force_login(editor)
    quote = QuoteFactory()
    response = client.post(ADD_URL, statement(ActorFactory(), TopicFactory(), quote=quote.pk, summary="a\x07b"))
    assert response.status_code == 200
    assert "Remove the control character U+0007" in response.content.decode()
    assert not Position.objects.exists()


def test_timeline_svg_drops_control_characters_of_stored_names_and_quotes(client):
    position = PositionFactory(actor=ActorFactory(name="Evil\x0bName"), quote=QuoteFactory(text="Quote\x1bx"))
    assert position.pk
    html = client.get(reverse("positions:timeline")).content.decode()
    svg = html[html.index('<svg class="tl-labels"') : html.rindex("</svg>")]
    assert "\x0b" not in svg and "\x1b" not in svg
    assert "EvilName" in svg and "Quotex" in svg


def test_map_svg_drops_control_characters_so_the_file_parses():
    fills = {
        "FR": MapCountry("FR", "Fr\x0bance", "open", "open", "France\x01: open", "/countries/fr/"),
    }
    svg = render_map(fills, title="Map\x0b", credit="Credit\x1f")
    root = ET.fromstring(svg)
    assert "\x0b" not in svg and "\x01" not in svg and "\x1f" not in svg
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Map"
