"""On PostgreSQL the CSV export is written by COPY; it must say exactly what the Python writer says."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse

from positions.exchange.export_pg import copy_csv_chunks
from positions.exchange.format import csv_chunks
from positions.models import Position
from sources.models import Attribution
from tests.exchange.helpers import body
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
ATTRIBUTIONS = Attribution.values
HOSTILE = [
    "=1+1",
    "+44 20",
    "-2",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "'=quoted",
    "''+twice",
    "plain, with comma",
    'say "no"',
    "line\nbreak",
    "Київ",
    "",
    "'",
    "ok",
]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")


def parsed(chunks, delimiter=",") -> list[list[str]]:
    data = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in chunks).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data, newline=""), delimiter=delimiter))


def hostile_positions():
    for index, text in enumerate(HOSTILE):
        actor = ActorFactory(name=text or "x", aliases=text)
        RoleFactory(
            actor=actor, title=text or "role", start_on=datetime.date(2020, 1, 1), end_on=datetime.date(2030, 1, 1)
        )
        RoleFactory(actor=actor, title="older", start_on=datetime.date(2010, 1, 1))
        source = SourceFactory(
            title=text or "t",
            url="" if index % 2 else f"https://e.org/{index}",
            published_on=None if index % 3 == 0 else datetime.date(2024, 11, 1),
            published_precision="month",
            archive_url="",
        )
        quote = QuoteFactory(
            source=source,
            text=text or "q",
            original_text=text,
            original_language="uk" if text else "",
            attribution=ATTRIBUTIONS[index % len(ATTRIBUTIONS)],
            verification="reported",
        )
        PositionFactory(
            actor=actor,
            quote=quote,
            summary=text,
            conditions=text,
            stated_on=datetime.date(2024, 1, 1),
            date_precision="year",
        )


@pytest.mark.parametrize("delimiter, bom", [(",", False), (";", True)])
def test_copy_writes_the_same_cells_as_the_python_writer(delimiter, bom):
    hostile_positions()
    queryset = Position.objects.order_by("-stated_on", "-id")
    python_rows = parsed(csv_chunks(queryset.with_related(), delimiter=delimiter, bom=bom), delimiter)
    copy_rows = parsed(copy_csv_chunks(queryset, delimiter=delimiter, bom=bom), delimiter)
    assert len(copy_rows) == len(HOSTILE) + 1
    assert copy_rows == python_rows
    # Every attribution went out, in its column.
    column = copy_rows[0].index("attribution")
    assert {row[column] for row in copy_rows[1:]} == set(ATTRIBUTIONS)


def test_csv_export_view_uses_copy_and_keeps_filters_and_order(client, monkeypatch):
    used = []
    from positions.views import export as views_export

    original = views_export.copy_csv_chunks
    monkeypatch.setattr(views_export, "copy_csv_chunks", lambda *a, **k: used.append(1) or original(*a, **k))
    gb = ActorFactory(country="GB")
    old = PositionFactory(actor=gb, stated_on=datetime.date(2024, 1, 1))
    new = PositionFactory(actor=gb, stated_on=datetime.date(2024, 6, 1))
    PositionFactory(actor=ActorFactory(country="FR"))
    rows = parsed([body(client.get(reverse("positions:export_csv") + "?country=gb&sort=date"))])
    assert used and [row[0] for row in rows[1:]] == [str(old.pk), str(new.pk)]


def test_search_export_through_copy_ranks_like_the_list(client):
    PositionFactory(quote=QuoteFactory(text="Troops troops troops for Ukraine"))
    PositionFactory(quote=QuoteFactory(text="No troops"))
    PositionFactory(quote=QuoteFactory(text="Nothing"))
    rows = parsed([body(client.get(reverse("positions:export_csv") + "?q=troops&sort=relevance"))])
    assert [row[12] for row in rows[1:]] == ["Troops troops troops for Ukraine", "No troops"]


def test_copy_output_is_gathered_into_large_chunks(monkeypatch):
    PositionFactory.create_batch(30)
    monkeypatch.setattr("positions.exchange.export_pg.CHUNK_BYTES", 2000)
    chunks = list(copy_csv_chunks(Position.objects.order_by("-stated_on", "-id")))
    assert 2 < len(chunks) < 31
    assert all(len(chunk) >= 2000 for chunk in chunks[1:-1])
    assert len(parsed(chunks)) == 31
