"""Abuse resistance without third parties: CSRF, a honeypot, a per-address rate limit, duplicate warnings."""

import pytest
from django.test import Client
from django.urls import reverse

from contributions.models import Suggestion
from limits import counters
from tests.contributions.helpers import SuggestionFactory, suggestion_data
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db
SUGGEST = reverse("contributions:suggest")


def send(client, n: int, address: str = "203.0.113.7", forwarded_for: str | None = None, **extra):
    data = suggestion_data(source_url=f"https://example.org/statement/{n}", **extra)
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(SUGGEST, data, REMOTE_ADDR=address, **headers)


def test_the_form_refuses_a_post_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(SUGGEST, suggestion_data()).status_code == 403
    page = client.get(SUGGEST)
    token = client.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(SUGGEST, suggestion_data(csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Suggestion.objects.count() == 1


def test_a_filled_honeypot_is_silently_discarded(client):
    response = send(client, 1, website="https://spam.example")
    assert response.status_code == 302 and response["Location"] == reverse("contributions:suggest_thanks")
    assert not Suggestion.objects.exists()


def test_the_honeypot_is_hidden_by_the_stylesheet_and_labelled(client):
    page = client.get(SUGGEST).content.decode()
    assert 'class="contact-extra" aria-hidden="true"' in page and "Leave this field empty" in page
    assert "contributions.css" in page and "style=" not in page
    with open("static/css/contributions.css") as css:
        assert ".contact-extra { display: none; }" in css.read()


def test_the_sixth_contribution_in_an_hour_from_one_address_gets_429(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 5
    for n in range(5):
        assert send(client, n).status_code == 302
    response = send(client, 5)
    assert response.status_code == 429
    # The seconds left in the hour that began with the first of the five, not a fresh hour.
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert "Too many messages" in response.content.decode()
    assert Suggestion.objects.count() == 5
    # Another address is unaffected, and an error report from the first is limited too.
    assert send(client, 6, address="198.51.100.9").status_code == 302
    report = reverse("contributions:report", args=[PositionFactory().pk])
    response = client.post(report, {"what_is_wrong": "x", "what_is_right": "y"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429


def test_a_honeypot_post_counts_towards_the_limit(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 2
    send(client, 1, website="bot")
    send(client, 2, website="bot")
    assert send(client, 3).status_code == 429


def test_a_statement_already_in_the_data_is_shown_instead_of_stored(client):
    actor = ActorFactory(name="Keir Starmer")
    source = SourceFactory(url="https://example.org/known/")
    position = PositionFactory(actor=actor, quote=QuoteFactory(source=source))
    response = client.post(SUGGEST, suggestion_data(source_url="https://example.org/known"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "We already have a statement by this actor from this source" in page
    assert f'href="{position.get_absolute_url()}"' in page
    assert not Suggestion.objects.exists()
    # A different statement from the same source can still be sent, knowingly.
    response = client.post(SUGGEST, suggestion_data(source_url="https://example.org/known", confirm_new="on"))
    assert response.status_code == 302 and Suggestion.objects.count() == 1


@pytest.mark.parametrize("known_actor", [False, True])
def test_nobody_learns_whether_a_statement_awaits_review(client, known_actor):
    """Adversarial review, Dec 2026: the form said, without limit, whether a URL for an actor was pending."""
    actor = ActorFactory(name="Keir Starmer") if known_actor else None
    SuggestionFactory(
        actor=actor, actor_name="Keir Starmer", source_url="https://example.org/pending", text="Secret words"
    )
    pending = client.post(SUGGEST, suggestion_data(source_url="https://example.org/pending", text="Mine"))
    other = client.post(SUGGEST, suggestion_data(source_url="https://example.org/never-sent", text="Mine"))
    # Both are taken alike: the same redirect, nothing on either page about the queue.
    assert pending.status_code == other.status_code == 302
    assert pending["Location"] == other["Location"]
    assert Suggestion.objects.count() == 3


def test_the_same_source_from_another_actor_is_no_duplicate(client):
    SuggestionFactory(actor_name="Emmanuel Macron", source_url="https://example.org/summit")
    response = client.post(SUGGEST, suggestion_data(source_url="https://example.org/summit"))
    assert response.status_code == 302 and Suggestion.objects.count() == 2


def test_behind_a_trusted_proxy_each_reader_is_counted_by_their_own_address(client, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for n in range(2):
        assert send(client, n, address=proxy, forwarded_for="198.51.100.1").status_code == 302
    # The same reader again, even claiming another address in front of the proxy's entry: refused.
    assert send(client, 2, address=proxy, forwarded_for="192.0.2.99, 198.51.100.1").status_code == 429
    # Another reader through the same proxy still may.
    assert send(client, 3, address=proxy, forwarded_for="198.51.100.2").status_code == 302


def test_retry_after_is_the_time_left_in_the_senders_hour(client, settings, monkeypatch):
    """The window began with the first contribution: 1,000 s later, 2,600 s are left, not a fresh hour."""
    settings.CONTRIBUTION_RATE_LIMIT = 2
    start = 1_900_000_000
    monkeypatch.setattr(counters.time, "time", lambda: start)
    for n in range(2):
        assert send(client, n).status_code == 302
    monkeypatch.setattr(counters.time, "time", lambda: start + 1000)
    response = send(client, 2)
    assert response.status_code == 429
    assert response["Retry-After"] == "2600"
