"""Hostile import files: refused with a line-numbered message, in time linear in their size, nothing written.

Adversarial review, Nov 2026: a 160,000-cell header took 15 s (each column counted with
list.count), a 9.8 MB JSON file 18–20 s (newlines recounted from the start for every item), a
200,000-item array gave a 15 MB error page; 100,000 nested `[`, a 5,000-digit integer and a
lone "\\ud800" ended in server errors.
"""

import json
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from positions.exchange.format import COLUMNS, FileError
from positions.exchange.importer import import_file
from positions.exchange.readers import read_rows
from positions.exchange.report import LISTED_ERRORS
from positions.models import Position
from tests.exchange.test_admin import upload
from tests.exchange.test_import import csv_bytes, row

pytestmark = pytest.mark.django_db


def test_a_header_of_160000_cells_is_refused_at_once():
    data = (",".join(["x"] * 160_000) + "\r\n").encode()
    started = time.perf_counter()
    with pytest.raises(
        FileError, match=f"Line 1: the header has 160000 columns; the exchange format has {len(COLUMNS)}"
    ):
        read_rows(data, "a.csv")
    assert time.perf_counter() - started < 2


def test_a_header_with_a_few_repeated_columns_is_still_explained():
    header = ",".join([*COLUMNS, "summary", "summary"]).encode() + b"\r\n"
    with pytest.raises(FileError, match="repeated columns: summary"):
        read_rows(header, "a.csv")


def json_file(items: int) -> bytes:
    return ("[\n" + ",\n".join(json.dumps(row(quote=f"Quote {n}.")) for n in range(items)) + "\n]\n").encode()


def reading_time(data: bytes) -> float:
    started = time.perf_counter()
    read_rows(data, "a.json")
    return time.perf_counter() - started


def test_json_line_numbers_are_counted_once():
    rows = read_rows(json_file(3), "a.json")
    assert [raw.line for raw in rows] == [2, 3, 4]
    # Four times the items, about four times the time (recounting from the start made it sixteen).
    small, large = json_file(4_000), json_file(16_000)
    ratio = min(reading_time(large) for _ in range(2)) / min(reading_time(small) for _ in range(2))
    assert ratio < 9, ratio


def test_a_file_of_many_bad_items_lists_the_first_hundred_then_counts():
    report = import_file(b"[" + b",".join([b"1"] * 5_000) + b"]", "a.json")
    lines = report.lines()
    assert lines[0] == "5000 of 5000 rows cannot be imported; nothing was imported:"
    assert len(lines) == 1 + LISTED_ERRORS + 1
    assert lines[-1] == "… and 4900 more rows with errors."


def test_admin_error_page_stays_small_for_many_bad_items(client, editor):
    client.force_login(editor)
    response = upload(client, b"[" + b",".join([b"1"] * 20_000) + b"]", "a.json")
    page = response.content.decode()
    assert page.count("each item must be an object") == LISTED_ERRORS
    assert "and 19900 more rows with errors" in page
    assert len(response.content) < 200_000


HOSTILE = [
    (b"[" * 100_000, "Line 1: the JSON is nested too deeply"),
    (b'[\n{"stated_on": ' + b"9" * 5_000 + b"}]", "Line 2: a number in the JSON is too long"),
]


@pytest.mark.parametrize("data, message", HOSTILE, ids=["nested", "long-integer"])
def test_hostile_json_is_refused_with_its_line_by_the_admin_and_the_command(client, editor, tmp_path, data, message):
    with pytest.raises(FileError, match=message):
        read_rows(data, "a.json")
    client.force_login(editor)
    response = upload(client, data, "a.json")
    assert response.status_code == 200 and message in response.content.decode()
    path = tmp_path / "a.json"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message):
        call_command("import_positions", str(path))
    assert not Position.objects.exists()


def test_a_lone_surrogate_is_refused_at_preview_not_at_confirm(client, editor, tmp_path):
    text = "[\n" + ",\n".join(json.dumps(item) for item in [row(), row(topic="instructors", summary="\ud800")]) + "\n]"
    report = import_file(text.encode(), "a.json", dry_run=True)
    assert not report.ok
    assert "line 3: summary holds an unpaired surrogate" in report.lines()[1]
    client.force_login(editor)
    response = upload(client, text.encode(), "a.json")
    assert response.status_code == 200 and response.context["pending"] is None
    assert "summary holds an unpaired surrogate" in response.content.decode()
    path = tmp_path / "a.json"
    path.write_bytes(text.encode())
    with pytest.raises(CommandError):
        call_command("import_positions", str(path))
    assert not Position.objects.exists()


def test_a_surrogate_in_a_key_is_shown_escaped():
    report = import_file(json.dumps([{**row(), "\udc80x": "1"}]).encode(), "a.json")
    assert "unknown columns: \\udc80x" in report.lines()[1]
    "\n".join(report.lines()).encode("utf-8")  # the message itself can be shown


def test_the_import_page_is_still_reachable(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:positions_position_import")).status_code == 200
    assert csv_bytes([row()])
