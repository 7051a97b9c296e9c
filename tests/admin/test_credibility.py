"""The admin refuses impossible dates at the field, defaults to unverified, and lets an outlet be added in place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from positions.admin import PositionCountryFilter
from positions.models import Position
from sources.models import Quote
from tests.admin.test_statement import ADD_URL, statement
from tests.factories import (
    ActorFactory,
    OutletFactory,
    PositionFactory,
    QuoteFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def new_statement(**extra) -> dict:
    values = {
        "new_quote_text": "Words.",
        "new_source_outlet": OutletFactory().pk,
        "new_source_title": "A report",
        "new_source_published_on": "2024-11-26",
    }
    values.update(extra)
    return statement(ActorFactory(), TopicFactory(), **values)


def test_new_quote_is_unverified_and_original_when_nothing_is_said(client, editor):
    client.force_login(editor)
    data = new_statement()
    del data["new_quote_verification"]
    assert client.post(ADD_URL, data).status_code == 302
    quote = Quote.objects.get()
    assert (quote.verification, quote.translation) == ("unverified", "original")
    assert Position.objects.get().verification == "unverified"


def test_new_quote_with_an_original_text_is_a_translation_and_machine_when_said(client, editor):
    client.force_login(editor)
    data = new_statement(new_quote_original_text="Слова.", new_quote_original_language="uk")
    assert client.post(ADD_URL, data).status_code == 302
    assert Quote.objects.get().translation == "translation"
    data = new_statement(new_quote_text="Other words.", new_quote_translation="machine", new_source_title="B")
    assert client.post(ADD_URL, data).status_code == 302
    assert Quote.objects.get(text="Other words.").translation == "machine"


def test_original_english_beside_an_original_text_is_refused_at_the_field(client, editor):
    client.force_login(editor)
    data = new_statement(
        new_quote_original_text="Слова.", new_quote_original_language="uk", new_quote_translation="original"
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert Quote.objects.count() == 0


def test_statement_date_in_the_future_is_refused_at_the_date_field(client, editor):
    client.force_login(editor)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        ADD_URL, new_statement(stated_on=tomorrow.isoformat(), new_source_published_on=tomorrow.isoformat())
    )
    assert response.status_code == 200
    assert form_errors(response)["stated_on"] == ["A statement date cannot be in the future."]
    assert Position.objects.count() == 0 and Quote.objects.count() == 0


def test_source_published_before_the_statement_is_refused_at_the_date_field(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_statement(stated_on="2024-11-27", new_source_published_on="2024-11-26"))
    assert response.status_code == 200
    assert "before this statement date" in form_errors(response)["stated_on"][0]
    assert Position.objects.count() == 0


def test_publication_known_to_the_month_is_compared_by_month(client, editor):
    client.force_login(editor)
    data = new_statement(
        stated_on="2024-11-27",
        new_source_published_on="2024-11-01",
        new_source_published_precision="month",
        date_evidence="The day is in the ministry's transcript.",  # a day the source itself does not give
    )
    assert client.post(ADD_URL, data).status_code == 302
    data = new_statement(
        stated_on="2024-12-02",
        new_source_title="Later",
        new_source_published_on="2024-11-01",
        new_source_published_precision="month",
    )
    assert "before this statement date" in form_errors(client.post(ADD_URL, data))["stated_on"][0]


def test_existing_quote_from_an_earlier_source_is_refused_at_the_date_field(client, editor):
    client.force_login(editor)
    quote = QuoteFactory(source=SourceFactory(published_on=datetime.date(2024, 11, 25)))
    response = client.post(ADD_URL, statement(ActorFactory(), TopicFactory(), quote=quote.pk, stated_on="2024-11-30"))
    assert "before this statement date" in form_errors(response)["stated_on"][0]


def test_quote_and_source_change_forms_refuse_impossible_dates_at_the_field(client, editor):
    client.force_login(editor)
    quote = QuoteFactory(source=SourceFactory(published_on=datetime.date(2024, 11, 25)))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "source": quote.source.pk,
        "text": quote.text,
        "original_text": "",
        "original_language": "",
        "said_on": tomorrow.isoformat(),
        "date_precision": "day",
        "verification": "reported",
        "translation": "original",
    }
    response = client.post(reverse("admin:sources_quote_change", args=[quote.pk]), data)
    assert form_errors(response)["said_on"] == ["A statement date cannot be in the future."]
    data["said_on"] = "2024-11-28"
    response = client.post(reverse("admin:sources_quote_change", args=[quote.pk]), data)
    assert "before this statement date" in form_errors(response)["said_on"][0]

    source = quote.source
    position = PositionFactory(quote=quote, stated_on=quote.said_on)
    response = client.post(
        reverse("admin:positions_position_change", args=[position.pk]),
        {
            "actor": position.actor.pk,
            "topic": position.topic.pk,
            "quote": quote.pk,
            "stance": "open",
            "stated_on": "2024-11-29",
            "date_precision": "day",
            "conditions": "",
            "summary": "",
        },
    )
    assert "before this statement date" in form_errors(response)["stated_on"][0]
    assert source.quotes.count() == 1


def test_missing_outlet_of_a_new_source_is_said_at_the_outlet_field(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_statement(new_source_outlet=""))
    assert response.status_code == 200
    assert form_errors(response)["new_source_outlet"]


def test_outlet_of_a_new_source_can_be_named_in_place(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    assert 'name="new_outlet_name"' in page
    assert 'id="add_id_new_source_outlet"' not in page  # no pop-up window for it


def test_country_filter_lists_each_country_once(rf, editor):
    for day in (1, 2, 3):
        PositionFactory(actor=ActorFactory(country="GB"), stated_on=datetime.date(2024, 11, day))
    PositionFactory(actor=ActorFactory(country="FR"))
    request = rf.get("/")
    request.user = editor
    lookups = PositionCountryFilter(request, {}, Position, None).lookups(request, None)
    assert [code for code, _name in lookups] == ["FR", "GB"]


def test_actor_page_loads_the_roles_table_css(client, editor):
    client.force_login(editor)
    actor = ActorFactory()
    page = client.get(reverse("admin:positions_actor_change", args=[actor.pk]) + "?_popup=1").content.decode()
    assert "css/admin-roles.css" in page
