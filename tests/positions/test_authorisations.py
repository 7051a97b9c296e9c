"""Authorisation bodies: readers see explanations and linked legal bases, never the editors' notes."""

import datetime

import pytest
from django.urls import reverse

from positions.models import AuthorisationBody
from tests.factories import ActorFactory, AuthorisationBodyFactory, PositionFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_public_authorisation_page_shows_no_editors_notes(client, seeded):
    page = client.get(reverse("positions:authorisation_list")).content.decode()
    for body in AuthorisationBody.objects.all():
        assert body.editor_notes not in page
        assert body.explanation.replace("'", "&#x27;") in page
    # Legal bases are links with readable text, never a bare address.
    assert ">http" not in page
    assert 'href="https://lb.ua/news/2014/04/01/261501_rada_razreshila_inostrannim_voennim.html"' in page


def test_legal_basis_without_text_is_linked_with_a_readable_title(client):
    AuthorisationBodyFactory(country="GB", legal_basis="", legal_basis_url="https://example.org/law")
    page = client.get(reverse("positions:authorisation_list")).content.decode()
    assert '<a href="https://example.org/law" rel="noopener">the legal text</a>' in page


def test_position_needs_every_body_with_a_part_grouped_by_requirement(client):
    for name, requirement in [
        ("Cabinet", "decision"),
        ("Parliament", "approval_to_continue"),
        ("Committee", "consultation"),
        ("Speakers", "notification"),
        ("Commons", "convention"),
        ("Crown", "none"),
    ]:
        AuthorisationBodyFactory(country="GB", name=name, requirement=requirement)
    AuthorisationBodyFactory(country="UA", name="Verkhovna Rada", scope="admit_foreign", requirement="prior_approval")
    position = PositionFactory(actor=ActorFactory(country="GB"), topic=TopicFactory(slug="combat-troops"))
    needed = [body.name for body in position.authorisation_bodies_needed()]
    assert needed == ["Cabinet", "Verkhovna Rada", "Parliament", "Committee", "Speakers", "Commons"]
    page = client.get(position.get_absolute_url()).content.decode()
    assert "<h3>Takes the decision</h3>" in page and "<h3>Must be informed</h3>" in page
    assert "Crown" not in page


def test_source_page_names_the_language(client):
    source = SourceFactory(language="uk", published_on=datetime.date(2024, 11, 1))
    page = client.get(source.get_absolute_url()).content.decode()
    assert "<dd>Ukrainian</dd>" in page
    source.language = "xq"
    source.save()
    assert "<dd>xq</dd>" in client.get(source.get_absolute_url()).content.decode()
