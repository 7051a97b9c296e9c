"""A source may go without a title when its URL is known: a page whose headline was not seen is
recorded by its address, outlet and date, never under a made-up title (issue 26)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.dates import DatePrecision
from tests.factories import OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_source_with_a_url_needs_no_title():
    source = SourceFactory.build(
        outlet=OutletFactory(), title="", url="https://example.org/page", published_on=datetime.date(2025, 3, 2)
    )
    source.full_clean()
    source.save()
    assert source.heading == f"{source.outlet.name}, 2 Mar 2025 (headline not recorded)"
    assert str(source) == f"{source.outlet.name}: {source.heading}"


def test_a_source_needs_a_title_or_a_url():
    source = SourceFactory.build(outlet=OutletFactory(), title="", url="")
    with pytest.raises(ValidationError, match="Give the source's title, its URL, or both."):
        source.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()


def test_a_titled_source_is_headed_by_its_title():
    source = SourceFactory(title="Lammy at the G7", published_precision=DatePrecision.DAY)
    assert source.heading == "Lammy at the G7"


def test_an_untitled_undated_source_says_so(client):
    source = SourceFactory(title="", url="https://example.org/undated", published_on=None)
    page = client.get(source.get_absolute_url()).content.decode()
    assert f"<h1>{source.outlet.name} (headline not recorded)</h1>" in page
    assert 'href="https://example.org/undated"' in page
