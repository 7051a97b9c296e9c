"""The CSV and JSON exports: the list's filters, every row, streamed, in the exchange format's column order, safe in spreadsheets."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from positions.exchange.format import COLUMNS, neutralise, restore
from positions.filtersets import PositionFilter
from positions.models import Position
from sources.dates import DatePrecision
from tests.exchange.helpers import body, csv_dicts, csv_rows, json_rows
from tests.factories import ActorFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db
CSV_URL = reverse("positions:export_csv")
JSON_URL = reverse("positions:export_json")
DESIGN_COLUMNS = (
    "id, stated_on, date_precision, actor, actor_slug, actor_kind, country, role, topic, stance, conditions, "
    "summary, quote, quote_original, quote_language, verification, source_title, source_url, outlet, "
    "published_on, published_precision, archive_url, quote_translation, attribution, date_evidence, page_url"
).split(", ")


def test_urls_are_the_ones_the_url_contract_promises():
    assert CSV_URL == "/positions/export.csv"
    assert JSON_URL == "/positions/export.json"


def test_csv_header_is_the_exchange_column_order(client):
    rows = csv_rows(body(client.get(CSV_URL)))
    assert rows[0] == DESIGN_COLUMNS == list(COLUMNS)


def test_json_objects_keep_column_order(client):
    PositionFactory()
    assert list(json_rows(body(client.get(JSON_URL)))[0]) == DESIGN_COLUMNS


def test_export_is_streamed_row_by_row(client, monkeypatch):
    # COPY's output is gathered into 64 KB chunks; a byte makes every row its own chunk here.
    monkeypatch.setattr("positions.exchange.export_pg.CHUNK_BYTES", 1)
    PositionFactory.create_batch(3)
    for url in (CSV_URL, JSON_URL):
        response = client.get(url)
        assert response.streaming
        chunks = list(response.streaming_content)
        # Header (or opening bracket) plus one chunk per row, and for JSON the closing bracket.
        assert len(chunks) >= 4


def test_export_reads_rows_in_chunks_without_a_query_per_row(client):
    actors = ActorFactory.create_batch(3)
    for index in range(30):
        PositionFactory(actor=actors[index % 3])
    with CaptureQueriesContext(connection) as queries:
        rows = csv_dicts(body(client.get(CSV_URL)))
    assert len(rows) == 30
    # Positions with their joins, then the actors' roles: not one query per row (besides the
    # data version the HTTP validators are read from).
    rows_read = [
        q for q in queries.captured_queries if "positions_" in q["sql"] and "positions_dataversion" not in q["sql"]
    ]
    assert len(rows_read) <= 3


def test_every_cell_of_a_position_is_exported():
    source = SourceFactory(
        url="https://example.org/lemonde",
        published_on=datetime.date(2024, 11, 1),
        published_precision=DatePrecision.MONTH,
        archive_url="https://archive.org/x",
    )
    source.outlet.name = "Le Monde"
    source.outlet.save()
    quote = QuoteFactory(
        source=source,
        text="Nothing is excluded.",
        original_text="Rien n'est exclu.",
        original_language="fr",
        said_on=datetime.date(2024, 11, 1),
        date_precision=DatePrecision.MONTH,
        verification="reported",
        translation="translation",
        attribution="spokesperson",
    )
    actor = ActorFactory(name="Emmanuel Macron", slug="emmanuel-macron", country="FR", kind="official")
    RoleFactory(actor=actor, title="President of France", country="FR", start_on=datetime.date(2017, 5, 14))
    position = PositionFactory(
        actor=actor,
        quote=quote,
        topic=TopicFactory(slug="combat-troops"),
        stance="open",
        stated_on=datetime.date(2024, 11, 1),
        date_precision=DatePrecision.MONTH,
        conditions="Later",
        summary="Does not rule it out.",
    )
    from django.test import Client

    [row] = csv_dicts(body(Client().get(CSV_URL)))
    assert row == {
        "id": str(position.pk),
        "stated_on": "2024-11-01",
        "date_precision": "month",
        "actor": "Emmanuel Macron",
        "actor_slug": "emmanuel-macron",
        "actor_kind": "official",
        "country": "FR",
        "role": "President of France",
        "topic": "combat-troops",
        "stance": "open",
        "conditions": "Later",
        "summary": "Does not rule it out.",
        "quote": "Nothing is excluded.",
        "quote_original": "Rien n'est exclu.",
        "quote_language": "fr",
        "verification": "reported",
        "source_title": source.title,
        "source_url": "https://example.org/lemonde",
        "outlet": "Le Monde",
        "published_on": "2024-11-01",
        "published_precision": "month",
        "quote_translation": "translation",
        "attribution": "spokesperson",
        "date_evidence": "",
        "page_url": f"http://testserver/positions/{position.pk}/",
        "archive_url": "https://archive.org/x",
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=gb",
        "country=GB&country=fr",
        "stance=rules_out",
        "topic=instructors",
        "actor_kind=state",
        "verification=reported",
        "date_from=2024-11-20&date_to=2024-11-30",
        "q=troops",
        "sort=actor",
        "sort=stance",
    ],
)
def test_export_rows_equal_the_lists_rows_for_the_same_filters(client, query):
    gb, fr = ActorFactory(country="GB"), ActorFactory(country="FR", kind="state")
    instructors = TopicFactory(slug="instructors")
    PositionFactory(actor=gb, stance="rules_out", stated_on=datetime.date(2024, 11, 26))
    PositionFactory(actor=fr, topic=instructors, stated_on=datetime.date(2024, 11, 10))
    PositionFactory(actor=gb, topic=instructors, quote=QuoteFactory(verification="reported", text="No troops now."))
    PositionFactory(actor=fr, stance="supports", stated_on=datetime.date(2024, 3, 1), date_precision="month")
    filterset = PositionFilter(QueryDict(query), queryset=Position.objects.all())
    assert filterset.is_valid()
    expected = [str(pk) for pk in filterset.qs.values_list("id", flat=True)]
    assert [row["id"] for row in csv_dicts(body(client.get(f"{CSV_URL}?{query}")))] == expected
    assert [str(row["id"]) for row in json_rows(body(client.get(f"{JSON_URL}?{query}")))] == expected


def test_export_has_no_row_cap_and_reads_in_chunks(client, monkeypatch):
    # JSON everywhere, and CSV on SQLite, are written from model rows read in chunks.
    monkeypatch.setattr("positions.views.export.CHUNK_SIZE", 7)
    PositionFactory.create_batch(20)
    with CaptureQueriesContext(connection) as queries:
        rows = json_rows(body(client.get(JSON_URL)))
    assert len(rows) == 20
    # The actors' roles are fetched once per chunk of 7 rows: 3 chunks.
    assert len([q for q in queries.captured_queries if 'FROM "positions_role"' in q["sql"]]) == 3


@pytest.mark.parametrize(
    "query",
    [
        "country=zz",
        "stance=maybe",
        "date_from=yesterday",
        "topic=no-such-topic",
        "date_from=2024-12-01&date_to=2024-11-01",
        "delimiter=tab",
        "bom=yes",
    ],
)
def test_invalid_filters_give_400_with_the_reason(client, query):
    name = query.split("=")[0]
    for url in (CSV_URL, JSON_URL):
        if name in ("delimiter", "bom") and url == JSON_URL:
            continue
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        text = response.content.decode()
        assert name.replace("date_from", "date_") in text


def test_file_name_says_what_was_filtered_and_when(client):
    TopicFactory(slug="instructors")
    response = client.get(f"{CSV_URL}?country=GB&stance=rules_out")
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="positions-gb-rules_out-{today}.csv"'
    response = client.get(f"{JSON_URL}?topic=instructors")
    assert response["Content-Disposition"] == f'attachment; filename="positions-instructors-{today}.json"'
    assert client.get(CSV_URL)["Content-Disposition"] == f'attachment; filename="positions-{today}.csv"'


def test_bom_is_added_only_when_asked(client):
    PositionFactory(actor=ActorFactory(name="Володимир Зеленський", country="UA"))
    assert body(client.get(f"{CSV_URL}?bom=1")).startswith(b"\xef\xbb\xbfid,")
    plain = body(client.get(CSV_URL))
    assert plain.startswith(b"id,")
    assert "Володимир Зеленський" in plain.decode("utf-8")


def test_semicolon_delimiter_for_european_excel(client):
    PositionFactory(summary="One; two, three")
    data = body(client.get(f"{CSV_URL}?delimiter=semicolon"))
    assert data.startswith(b"id;stated_on;date_precision;")
    assert csv_dicts(data, delimiter=";")[0]["summary"] == "One; two, three"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_export_neutralises_formula_cells(client, prefix):
    dangerous = f'{prefix}HYPERLINK("http://evil.example","x")'
    PositionFactory(summary=dangerous, conditions=f"'{dangerous}", actor=ActorFactory(name=f"{prefix}1+1"))
    [row] = csv_dicts(body(client.get(CSV_URL)))
    assert row["summary"] == "'" + dangerous
    # An apostrophe before a formula gets another, so the import can take exactly one away.
    assert row["conditions"] == "''" + dangerous
    assert row["actor"] == f"'{prefix}1+1"
    assert [restore(row[name]) for name in ("summary", "conditions", "actor")] == [
        dangerous,
        f"'{dangerous}",
        f"{prefix}1+1",
    ]


@pytest.mark.parametrize("value", ["", "plain", "'quoted", "''", "'", "a=b", "=", "'=", "''-1", "−1 (minus sign)"])
def test_restore_undoes_neutralise_exactly(value):
    assert restore(neutralise(value)) == value


def test_safe_cells_are_left_alone():
    assert neutralise("'quoted") == "'quoted"
    assert neutralise("2024-11-01") == "2024-11-01"
    assert neutralise("Cyrus Starmer") == "Cyrus Starmer"


def test_json_values_are_the_stored_text(client):
    PositionFactory(summary="=1+1")
    assert json_rows(body(client.get(JSON_URL)))[0]["summary"] == "=1+1"


def test_empty_export_is_valid(client):
    assert json_rows(body(client.get(JSON_URL))) == []
    assert csv_rows(body(client.get(CSV_URL))) == [list(COLUMNS)]


def test_export_answers_head_with_headers_only_and_refuses_post(client):
    PositionFactory()
    with CaptureQueriesContext(connection) as queries:
        response = client.head(f"{CSV_URL}?country=gb")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="positions-gb-')
    assert response.content == b""
    assert not [q for q in queries.captured_queries if 'FROM "positions_position"' in q["sql"]]
    assert client.post(CSV_URL).status_code == 405


def test_export_reads_through_a_chunked_cursor_server_side_on_postgresql(client, monkeypatch):
    PositionFactory.create_batch(3)
    opened = []
    original = connection.chunked_cursor

    def recording():
        cursor = original()
        opened.append(cursor)
        return cursor

    monkeypatch.setattr(connection, "chunked_cursor", recording)
    assert len(json_rows(body(client.get(JSON_URL)))) == 3
    assert opened, "the export must read with QuerySet.iterator(), not load every row"
    if connection.vendor == "postgresql":
        # A named cursor: PostgreSQL keeps the rows and hands them over 2,000 at a time.
        assert opened[0].cursor.name
