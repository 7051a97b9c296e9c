"""The admin's dates and times: "6 Dec 2026, 17:11", and the Ukrainian admin's "6 грудня 2026, 17:11"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.contributions.helpers import SuggestionFactory
from tests.factories import PositionFactory
from web.admin_dates import admin_datetime

MOMENT = datetime.datetime(2026, 12, 6, 17, 11, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language, shown", [("en", "6 Dec 2026, 17:11"), ("uk", "6 грудня 2026, 17:11")])
def test_a_moment_reads_day_month_year_and_24_hour_time(settings, language, shown):
    settings.TIME_ZONE = "UTC"
    with translation.override(language):
        assert admin_datetime(MOMENT) == shown


def test_no_moment_is_a_dash():
    assert admin_datetime(None) == "—"


@pytest.mark.django_db
def test_the_queue_lists_submission_times_in_that_form(client, editor, settings):
    settings.TIME_ZONE = "UTC"
    suggestion = SuggestionFactory()
    type(suggestion).objects.filter(pk=suggestion.pk).update(submitted_at=MOMENT)
    client.force_login(editor)
    page = client.get(reverse("admin:contributions_suggestion_changelist")).content.decode()
    assert ">6 Dec 2026, 17:11</a>" in page
    assert "Dec. 6, 2026" not in page


@pytest.mark.django_db
def test_a_position_page_shows_when_it_was_created_in_that_form(client, editor, settings):
    settings.TIME_ZONE = "UTC"
    position = PositionFactory()
    type(position).objects.filter(pk=position.pk).update(created_at=MOMENT)
    client.force_login(editor)
    page = client.get(reverse("admin:positions_position_change", args=[position.pk])).content.decode()
    assert "6 Dec 2026, 17:11" in page
