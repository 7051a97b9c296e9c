"""The admin index says how many readers' suggestions and error reports await review, to those who may see them."""

import pytest
from django.urls import reverse

from contributions.models import Status
from tests.contributions.helpers import ErrorReportFactory, SuggestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_index_shows_how_many_await_review_with_a_link_to_each_queue(client, editor):
    SuggestionFactory.create_batch(3)
    SuggestionFactory(status=Status.ACCEPTED)
    ErrorReportFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    queue = page[page.index('id="awaiting-review"') :]
    suggestions = reverse("admin:contributions_suggestion_changelist") + "?status__exact=new"
    reports = reverse("admin:contributions_errorreport_changelist") + "?status__exact=new"
    assert f'<a href="{suggestions}">Suggested statements: <strong>3</strong></a>' in queue
    assert f'<a href="{reports}">Error reports: <strong>1</strong></a>' in queue


def test_the_queue_link_lists_exactly_the_waiting_suggestions(client, editor):
    SuggestionFactory.create_batch(2)
    SuggestionFactory(status=Status.REJECTED)
    client.force_login(editor)
    response = client.get(reverse("admin:contributions_suggestion_changelist"), {"status__exact": "new"})
    assert response.context["cl"].result_count == 2


def test_staff_without_the_queues_see_no_count(client):
    SuggestionFactory()
    client.force_login(UserFactory(is_staff=True))
    assert 'id="awaiting-review"' not in client.get(reverse("admin:index")).content.decode()
