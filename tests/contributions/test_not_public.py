"""Nothing unreviewed is public: a pending suggestion or report appears on no public page, export, feed or search."""

import pytest
from django.urls import reverse

from tests.contributions.helpers import ErrorReportFactory, SuggestionFactory

MARKER = "Zebracorn pending statement"


@pytest.mark.django_db
def test_pending_contributions_never_reach_public_pages_exports_feeds_or_search(client, seeded):
    from positions.models import Actor, Position

    actor = Actor.objects.first()
    SuggestionFactory(actor=actor, actor_name=MARKER, text=MARKER, note=MARKER, country="GB")
    ErrorReportFactory(position=Position.objects.first(), what_is_wrong=MARKER, what_is_right=MARKER)
    position = Position.objects.first()
    urls = [
        "/",
        "/countries/",
        "/countries/gb/",
        "/actors/",
        actor.get_absolute_url(),
        "/positions/",
        "/positions/?q=pending+statement",
        position.get_absolute_url(),
        "/positions/export.csv",
        "/positions/export.json",
        "/feeds/positions/",
        "/timeline/",
        "/sources/",
        reverse("contributions:suggest"),
        reverse("contributions:report", args=[position.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER.encode() not in body, url
