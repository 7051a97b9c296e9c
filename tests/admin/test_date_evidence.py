"""A position's day is refused when its source is dated only to the month and nothing else gives the day.

Each form is submitted as its page renders it, with only the fields a person would change.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from positions.models import Position
from sources.dates import DatePrecision
from tests.admin.rendered_form import change_form_data, submitted_data
from tests.factories import ActorFactory, OutletFactory, PositionFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
EVIDENCE = "The Kyiv Independent (26 Nov 2024) reports that he spoke on 25 Nov."


def month_dated_position():
    source = SourceFactory(published_on=datetime.date(2024, 11, 1), published_precision=DatePrecision.MONTH)
    quote = QuoteFactory(source=source, said_on=datetime.date(2024, 11, 1), date_precision=DatePrecision.MONTH)
    return PositionFactory(quote=quote, stated_on=datetime.date(2024, 11, 1), date_precision=DatePrecision.MONTH)


def error_at(response, field: str) -> list[str]:
    return response.context["adminform"].form.errors.get(field, [])


def test_change_form_refuses_a_day_the_source_does_not_give_and_accepts_it_with_evidence(client, editor):
    client.force_login(editor)
    position = month_dated_position()
    url = reverse("admin:positions_position_change", args=[position.pk])
    data = change_form_data(client.get(url))
    assert data["date_evidence"] == [""]
    data.update(stated_on=["2024-11-25"], date_precision=["day"])

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "dated only Nov 2024, so it does not give the day" in error_at(refused, "date_precision")[0]
    position.refresh_from_db()
    assert position.date_precision == "month"

    data = change_form_data(refused)
    # A published position's date is a public correction: it needs its note (positions/corrections.py).
    data.update(
        stated_on=["2024-11-25"],
        date_precision=["day"],
        date_evidence=[EVIDENCE],
        correction_note=["The day is in the official transcript."],
    )
    accepted = client.post(url, data)
    assert accepted.status_code == 302
    position.refresh_from_db()
    assert (position.stated_on, position.date_precision) == (datetime.date(2024, 11, 25), "day")
    assert position.date_evidence == EVIDENCE
    assert position.history.first().date_evidence == EVIDENCE


def test_change_form_keeps_a_day_from_a_source_dated_to_the_day(client, editor):
    client.force_login(editor)
    position = PositionFactory()
    url = reverse("admin:positions_position_change", args=[position.pk])
    data = change_form_data(client.get(url))
    data.update(summary=["Edited."])
    assert client.post(url, data).status_code == 302


def test_add_form_refuses_a_day_beyond_a_new_month_dated_source_and_accepts_it_with_evidence(client, editor):
    client.force_login(editor)
    actor, topic, outlet = ActorFactory(), TopicFactory(), OutletFactory(name="UNN")
    url = reverse("admin:positions_position_add")
    page = client.get(url)
    data = submitted_data(page.content.decode(), "position_form")
    assert "date_evidence" in data
    data.update(
        actor=[str(actor.pk)],
        topic=[str(topic.pk)],
        stance=["open"],
        stated_on=["2024-11-25"],
        date_precision=["day"],
        new_quote_text=["Both countries again returned to the topic."],
        new_source_outlet=[str(outlet.pk)],
        new_source_title=["UNN comment"],
        new_source_published_on=["2024-11-01"],
        new_source_published_precision=["month"],
        _save=["Save"],
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "does not give the day" in error_at(refused, "date_precision")[0]
    assert not Position.objects.exists()

    data["date_evidence"] = [EVIDENCE]
    accepted = client.post(url, data)
    assert accepted.status_code == 302, refused.context["adminform"].form.errors
    position = Position.objects.get()
    assert (position.stated_on, position.date_precision, position.date_evidence) == (
        datetime.date(2024, 11, 25),
        "day",
        EVIDENCE,
    )


def test_model_clean_refuses_a_day_beyond_a_year_dated_source():
    position = month_dated_position()
    position.quote.source.published_precision = DatePrecision.YEAR
    position.quote.source.published_on = datetime.date(2024, 1, 1)
    position.quote.source.save()
    position.stated_on, position.date_precision = datetime.date(2024, 11, 25), DatePrecision.DAY
    with pytest.raises(ValidationError) as raised:
        position.full_clean()
    assert "date_precision" in raised.value.message_dict
    position.date_evidence = "   "
    with pytest.raises(ValidationError):
        position.full_clean()
    position.date_evidence = EVIDENCE
    position.full_clean()


def test_source_form_refuses_month_precision_under_a_position_dated_to_the_day(client, editor):
    client.force_login(editor)
    position = PositionFactory()  # a day, from a source dated to the day
    source = position.quote.source
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = change_form_data(client.get(url))
    data.update(published_on=["2024-11-01"], published_precision=["month"])
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "dated to the day with no other evidence" in error_at(refused, "published_precision")[0]
    source.refresh_from_db()
    assert source.published_precision == "day"

    position.date_evidence = EVIDENCE
    position.save()
    data = change_form_data(client.get(url))
    data.update(published_on=["2024-11-01"], published_precision=["month"])
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.published_precision == "month"
