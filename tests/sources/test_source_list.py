"""The sources list pages through ids and counts quotes and positions for one page only (sources/views.py)."""

import datetime
import re

import pytest
from django.db.models import Count

from sources import views
from sources.models import Source
from tests.factories import OutletFactory, PositionFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def listed(html: str) -> list[tuple[int, int, int]]:
    """(source id, quotes, positions) of each row, in order."""
    rows = re.findall(
        r'<a href="/sources/(\d+)/"[^>]*>.*?data-label="Quotes">(\d+)</td>\s*<td class="num" data-label="Positions">(\d+)</td>',
        html,
        re.S,
    )
    return [(int(pk), int(quotes), int(positions)) for pk, quotes, positions in rows]


def test_pages_list_every_source_in_the_old_order_with_the_old_counts(client, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 4)
    outlets = [OutletFactory(slug="lbc"), OutletFactory(slug="le-monde")]
    # Same dates and titles (the id decides), undated sources, sources without quotes, quotes without positions.
    for i in range(11):
        source = SourceFactory(
            outlet=outlets[i % 2],
            title=["B", "A", "A", "C"][i % 4],
            published_on=None if i % 5 == 0 else D(2024, 1 + i % 3, 1),
            published_precision="day",
        )
        for j in range(i % 3):
            quote = QuoteFactory(source=source)
            for _k in range((i + j) % 3):
                PositionFactory(quote=quote)
    old = Source.objects.annotate(
        n_quotes=Count("quotes", distinct=True), n_positions=Count("quotes__positions", distinct=True)
    ).order_by("-published_on", "title", "id")
    for outlet, sources in [("", old), ("le-monde", old.filter(outlet__slug="le-monde"))]:
        expected = [(source.pk, source.n_quotes, source.n_positions) for source in sources]
        shown = []
        for page in range(1, 5):
            response = client.get("/sources/", {"outlet": outlet, "page": page})
            assert response.status_code == 200
            shown += listed(response.content.decode())
            if len(shown) >= len(expected):
                break
        assert shown == expected
        assert f"{len(expected)} sources" in response.content.decode()
    assert any(positions > 1 for _pk, _quotes, positions in expected)


def test_an_unknown_outlet_lists_nothing_and_says_so(client):
    SourceFactory()
    response = client.get("/sources/?outlet=nope")
    assert response.status_code == 400
    assert listed(response.content.decode()) == []
    assert "0 sources" in response.content.decode()
