"""A new source in the statement screen needs a title only when it has no URL (issue 26)."""

import pytest

from positions.models import Position
from sources.models import Source
from tests.admin.test_statement import ADD_URL, statement
from tests.factories import ActorFactory, OutletFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_new_source_with_a_url_may_go_without_a_title(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_quote_text="Words on a page whose headline was not seen.",
            new_source_outlet=OutletFactory().pk,
            new_source_url="https://example.org/no-headline",
            new_source_published_on="2024-11-26",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    source = Position.objects.get().quote.source
    assert (source.title, source.url) == ("", "https://example.org/no-headline")


def test_a_new_source_without_a_url_still_needs_its_title(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        statement(
            ActorFactory(),
            TopicFactory(),
            new_quote_text="Words",
            new_source_outlet=OutletFactory().pk,
            new_source_published_on="2024-11-26",
        ),
    )
    assert response.status_code == 200
    assert "Needed for a new source" in response.content.decode()
    assert Source.objects.count() == 0 and Position.objects.count() == 0
