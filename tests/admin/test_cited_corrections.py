"""A quote's words, source and date, and a source's address, are what every position citing them says:
changing them in the quote or source admin needs a public note, logged on each citing position."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from positions.corrections import Correction
from sources.models import Quote, Source
from tests.admin.rendered_form import change_form_data
from tests.factories import PositionFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:sources_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj) -> dict:
    return change_form_data(client.get(change_url(obj)))


def cited_quote():
    """A quote cited by two positions."""
    quote = QuoteFactory(text="We will never send troops.")
    return quote, [PositionFactory(quote=quote), PositionFactory(quote=quote)]


def test_changing_a_cited_quotes_words_without_a_note_is_refused_at_the_note(client, editor):
    quote, _positions = cited_quote()
    client.force_login(editor)
    data = opened(client, quote)
    assert data["correction_note"] == [""]
    data["text"] = ["We will not send troops now."]
    response = client.post(change_url(quote), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["correction_note"]
    assert Quote.objects.get().text == "We will never send troops."
    assert not Correction.objects.exists()


def test_a_quote_correction_shows_on_every_citing_position_in_the_log_and_its_feed(client, editor):
    quote, positions = cited_quote()
    client.force_login(editor)
    data = opened(client, quote)
    data["text"] = ["We will not send troops now."]
    data["correction_note"] = ["The transcript has “now”: we had quoted a paraphrase."]
    assert client.post(change_url(quote), data).status_code == 302
    corrections = list(Correction.objects.order_by("position_number"))
    assert [correction.position_number for correction in corrections] == [position.pk for position in positions]
    for correction in corrections:
        assert correction.changes == [
            {"field": "quote.text", "old": "We will never send troops.", "new": "We will not send troops now."}
        ]
        assert correction.made_by == editor

    client.logout()
    for position in positions:
        page = client.get(position.get_absolute_url()).content.decode()
        assert "Corrected on" in page and escape("we had quoted a paraphrase") in page
        assert (
            'Quote: <del lang="en">We will never send troops.</del> → <ins lang="en">We will not send troops now.</ins>'
            in page
        )
    log = client.get(reverse("positions:corrections")).content.decode()
    assert all(position.get_absolute_url() in log for position in positions)
    feed = client.get(reverse("positions:corrections_feed")).content.decode()
    assert feed.count("<entry>") == 2 and "we had quoted a paraphrase" in feed


def test_moving_a_cited_quote_to_another_source_or_date_is_a_correction(client, editor):
    quote, positions = cited_quote()
    other = SourceFactory(url="https://example.org/the-real-interview")
    client.force_login(editor)
    data = opened(client, quote)
    data["source"] = [str(other.pk)]
    assert client.post(change_url(quote), data).status_code == 200
    data["correction_note"] = ["The interview was first published elsewhere."]
    assert client.post(change_url(quote), data).status_code == 302
    change = Correction.objects.first().changes[0]
    assert change["field"] == "quote.source" and change["new"].endswith("<https://example.org/the-real-interview>")
    assert Correction.objects.count() == len(positions)

    data = opened(client, Quote.objects.get())
    data["said_on"] = ["2024-11-24"]
    assert client.post(change_url(quote), data).status_code == 200, "the date needs a note too"


def test_an_uncited_quote_or_a_fix_elsewhere_needs_no_note(client, editor):
    uncited = QuoteFactory()
    client.force_login(editor)
    data = opened(client, uncited)
    data["text"] = ["Words no position cites yet."]
    assert client.post(change_url(uncited), data).status_code == 302

    quote, _positions = cited_quote()
    data = opened(client, quote)
    data["verification"] = ["reported"]
    assert client.post(change_url(quote), data).status_code == 302
    assert Quote.objects.get(pk=quote.pk).verification == "reported"
    assert not Correction.objects.exists()


def test_a_cited_sources_address_is_a_correction_of_each_citing_position(client, editor):
    quote, positions = cited_quote()
    source = quote.source
    old_url = source.url
    client.force_login(editor)
    data = opened(client, source)
    data["url"] = ["https://example.org/the-right-page"]
    response = client.post(change_url(source), data)
    assert response.status_code == 200
    assert "correction_note" in response.context["adminform"].form.errors
    data["correction_note"] = ["The link pointed to another article."]
    assert client.post(change_url(source), data).status_code == 302
    assert Source.objects.get().url == "https://example.org/the-right-page"
    assert [correction.changes for correction in Correction.objects.all()] == [
        [{"field": "source.url", "old": old_url, "new": "https://example.org/the-right-page"}]
    ] * len(positions)


def test_a_cited_quote_is_not_reworded_on_its_sources_page(client, editor):
    quote, _positions = cited_quote()
    client.force_login(editor)
    data = opened(client, quote.source)
    data["quotes-0-text"] = ["Other words."]
    response = client.post(change_url(quote.source), data)
    assert response.status_code == 200
    assert "change it on the quote&#x27;s own page" in response.content.decode()
    assert Quote.objects.get().text == "We will never send troops."


def test_the_forms_edit_every_field_the_sources_admins_did():
    from positions.admin.cited import QuoteCorrectionForm, SourceCorrectionForm

    for form in (QuoteCorrectionForm, SourceCorrectionForm):
        model = form._meta.model
        editable = [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key]
        assert form._meta.fields == editable


def test_a_revert_to_a_quotes_earlier_words_is_a_correction_too(client, editor):
    quote, positions = cited_quote()
    first = quote.history.earliest()
    quote.text = "We will not send troops now."
    quote.save()
    client.force_login(editor)
    url = reverse("admin:sources_quote_simple_history", args=[quote.pk, first.history_id])
    data = change_form_data(client.get(url))
    assert client.post(url, data).status_code == 200, "a revert without a public note"
    data["correction_note"] = ["The first words were right."]
    assert client.post(url, data).status_code == 302
    assert Quote.objects.get().text == "We will never send troops."
    assert [correction.changes[0]["new"] for correction in Correction.objects.all()] == [
        "We will never send troops."
    ] * len(positions)


def test_with_a_note_every_field_changed_is_logged_under_a_readable_name(client, editor):
    quote, positions = cited_quote()
    client.force_login(editor)
    data = opened(client, quote)
    data["verification"] = ["reported"]
    data["correction_note"] = ["Reuters reported the words; we had not seen them."]
    assert client.post(change_url(quote), data).status_code == 302
    page = client.get(positions[0].get_absolute_url()).content.decode()
    assert 'Quote: verification: <del lang="en">confirmed</del> → <ins lang="en">reported</ins>' in page
