"""Expensive anonymous downloads: cached by normalised address and data version, and bounded.

Review, Dec 2026: `curl "/map.png?v=$RANDOM"` rendered afresh every time (an unknown parameter
defeated the page cache) while resvg held the interpreter lock, stalling /healthz (figures in
docs/performance.md); /positions/export.xlsx built the whole workbook for every request.
"""

import fcntl
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import positions.publish.png
from limits import expensive
from limits.counters import take
from positions.exchange import xlsx_cache
from tests.exchange.helpers import body
from tests.factories import PositionFactory
from tests.publish.helpers import world

pytestmark = pytest.mark.django_db
XLSX_URL = reverse("positions:export_xlsx")


@pytest.fixture
def renders(monkeypatch) -> list[int]:
    """Counts the PNG renders (resvg calls) the requests cause."""
    calls = []
    original = positions.publish.png.svg_to_png

    def counted(svg, *args, **kwargs):
        calls.append(1)
        return original(svg, *args, **kwargs)

    monkeypatch.setattr(positions.publish.png, "svg_to_png", counted)
    return calls


@pytest.mark.parametrize(
    "path, canonical",
    [
        ("/map.png", "/map.png?topic=combat-troops"),
        ("/timeline/chart.png", "/timeline/chart.png?topic=combat-troops"),
    ],
)
def test_unknown_parameters_redirect_to_one_picture_rendered_once(client, renders, path, canonical):
    world()
    for junk in ("v=1", "v=2", "utm_source=x&date_to="):
        response = client.get(f"{path}?topic=combat-troops&{junk}")
        assert response.status_code == 302 and response["Location"] == canonical
    first = client.get(canonical)
    assert first.status_code == 200 and first["Content-Type"] == "image/png"
    # A session cookie skips the page cache, not the pictures' own cache.
    client.cookies["sessionid"] = "made-up"
    again = client.get(canonical)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert len(renders) == 1
    # Another topic is another picture; a change of the data draws this one again.
    client.get(f"{path}?topic=instructors")
    PositionFactory()
    client.get(canonical)
    assert len(renders) == 3


def test_the_map_picture_ignores_filters_that_do_not_shape_it(client):
    world()
    response = client.get("/map.png?q=troops&topic=combat-troops&date_from=2025-01-01")
    assert response.status_code == 302 and response["Location"] == "/map.png?topic=combat-troops"
    # Invalid input is still refused before any redirect.
    assert client.get("/map.png?date_from=yesterday&v=1").status_code == 400


def test_a_build_past_the_process_bound_gets_503_with_retry_after(client, renders, monkeypatch):
    world()
    monkeypatch.setattr(expensive, "_slots", None)
    slots = expensive.process_slots()
    assert slots.acquire(blocking=False)  # another thread is rendering
    try:
        response = client.get("/map.png?topic=combat-troops")
        assert response.status_code == 503 and int(response["Retry-After"]) > 0
        assert response["Cache-Control"] == "no-store"
    finally:
        slots.release()
    assert client.get("/map.png?topic=combat-troops").status_code == 200
    # Once kept, the picture is served even while every place is taken.
    assert slots.acquire(blocking=False)
    try:
        assert client.get("/map.png?topic=combat-troops").status_code == 200
    finally:
        slots.release()
    assert len(renders) == 1


def test_a_build_past_the_client_bound_gets_429_and_others_are_served(client, settings, renders):
    world()
    settings.RENDERS_PER_CLIENT = 2
    for _ in range(2):  # two builds of this client's /64 are running in other processes
        take(expensive.SCOPE, "2001:db8:1:1::/64", 2, expensive.WINDOW_SECONDS)
    response = client.get("/timeline/chart.png?topic=combat-troops", REMOTE_ADDR="2001:db8:1:1::99")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    response = client.get("/timeline/chart.png?topic=combat-troops", REMOTE_ADDR="2001:db8:1:2::1")
    assert response.status_code == 200
    # The refused request took no place: when one of the two builds ends, the client may build again.
    from limits.counters import counter_key, give_back

    give_back(counter_key(expensive.SCOPE, "2001:db8:1:1::/64"))
    response = client.get("/timeline/chart.png?topic=instructors", REMOTE_ADDR="2001:db8:1:1::99")
    assert response.status_code == 200


@pytest.fixture
def workbook_builds(monkeypatch) -> list[int]:
    calls = []
    original = xlsx_cache.write_workbook

    def counted(positions, target, *args, **kwargs):
        calls.append(1)
        return original(positions, target, *args, **kwargs)

    monkeypatch.setattr(xlsx_cache, "write_workbook", counted)
    return calls


def test_the_whole_workbook_is_built_once_per_data_version(client, settings, workbook_builds):
    PositionFactory.create_batch(3)
    first = body(client.get(f"{XLSX_URL}?v=1"))
    assert body(client.get(f"{XLSX_URL}?v=2", HTTP_COOKIE="sessionid=made-up")) == first
    assert len(load_workbook(io.BytesIO(first)).active["A"]) == 4  # header and three rows
    assert len(workbook_builds) == 1
    PositionFactory()
    assert len(load_workbook(io.BytesIO(body(client.get(XLSX_URL)))).active["A"]) == 5
    assert len(workbook_builds) == 2
    # Only the current version's file is kept.
    assert len(list(settings.EXPORT_CACHE_DIR.glob("*.xlsx"))) == 1


def test_while_another_process_builds_the_whole_workbook_the_answer_is_503(client, settings):
    PositionFactory()
    settings.EXPORT_CACHE_DIR.mkdir(parents=True)
    with open(settings.EXPORT_CACHE_DIR / xlsx_cache.LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        response = client.get(XLSX_URL)
    assert response.status_code == 503 and int(response["Retry-After"]) >= 5
    assert client.get(XLSX_URL).status_code == 200


def test_a_filtered_workbook_past_the_cap_is_refused_with_the_way_out(client, settings, workbook_builds):
    settings.XLSX_MAX_ROWS = 2
    for _ in range(3):
        PositionFactory(actor__country="GB")
    PositionFactory(actor__country="FR")
    response = client.get(f"{XLSX_URL}?country=gb")
    assert response.status_code == 400
    assert "match 3 positions" in response.content.decode() and "at most 2" in response.content.decode()
    assert client.get(f"{XLSX_URL}?country=fr").status_code == 200
    assert len(workbook_builds) == 0  # filtered workbooks are built for their request, not kept


def test_a_stream_whose_reader_leaves_stops_reading_rows(client, monkeypatch):
    """gunicorn closes a response whose client has gone (a failed write); the export's query stops there."""
    import positions.views.export as export

    PositionFactory.create_batch(6)
    monkeypatch.setattr(export, "CHUNK_SIZE", 1)
    read, closed = [], []
    original = export.filtered_rows

    def watched(filterset):
        try:
            for position in original(filterset):
                read.append(position.pk)
                yield position
        finally:
            closed.append(True)

    monkeypatch.setattr(export, "filtered_rows", watched)
    response = client.get(reverse("positions:export_json"))
    stream = iter(response.streaming_content)
    next(stream)
    next(stream)
    response.close()
    assert closed == [True]
    assert len(read) < 6


def test_pictures_are_rendered_outside_the_app_process(client):
    """resvg holds the interpreter lock for a whole render; in a helper process it stops no thread of ours."""
    import os

    world()
    response = client.get("/timeline/chart.png?topic=combat-troops")
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    helper_pids = [process.pid for process in positions.publish.png.helpers()._processes.values()]
    assert helper_pids and os.getpid() not in helper_pids
