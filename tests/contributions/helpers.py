"""Shared pieces of the contributions tests: a valid suggestion as posted, and factories."""

import datetime

import factory

from contributions.models import ErrorReport, Suggestion
from tests.factories import PositionFactory

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def suggestion_data(**extra) -> dict:
    data = {
        "actor_name": "Keir Starmer",
        "country": "GB",
        "topic": "",
        "stance": "",
        "stated_on": "2025-02-16",
        "date_precision": "day",
        "text": "I am ready to put our own troops on the ground if necessary.",
        "source_url": "https://www.example.org/starmer-troops",
        "archive_url": "",
        "email": "",
        "note": "",
        "website": "",
    }
    data.update(extra)
    return data


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    actor_name = factory.Sequence(lambda n: f"Speaker {n}")
    stated_on = datetime.date(2025, 2, 16)
    text = "We will send troops."
    source_url = factory.Sequence(lambda n: f"https://example.org/said/{n}")


class ErrorReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ErrorReport

    position = factory.SubFactory(PositionFactory)
    what_is_wrong = "The date is wrong."
    what_is_right = "It was said a day later."
