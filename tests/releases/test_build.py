"""A release is frozen: its files never change, its change list is the difference of two exports."""

import datetime
import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from positions.exchange.format import COLUMNS
from positions.models import Position
from releases.build import FILE_NAMES, ReleaseError, make_release
from releases.models import Release
from releases.package import FIELDS
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def downloaded(client, release: Release, name: str) -> bytes:
    response = client.get(reverse("releases:release_file", args=[release.number, name]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def all_files(client, release: Release) -> dict[str, bytes]:
    return {name: downloaded(client, release, name) for name in FILE_NAMES}


def live_export(client) -> dict[int, dict]:
    """The live JSON export, read as any user reads it."""
    response = client.get(reverse("positions:export_json"))
    return {row["id"]: row for row in json.loads(b"".join(response.streaming_content))}


def test_release_files_are_byte_identical_downloaded_twice_and_unaffected_by_later_edits(client):
    first, second = PositionFactory(summary="As first said."), PositionFactory()
    release = make_release()
    before = all_files(client, release)
    assert before == all_files(client, release)
    for entry in release.files:
        assert hashlib.sha256(before[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(before[entry["name"]]) == entry["bytes"]
    assert b"As first said." in before["positions.csv"]

    first.summary = "Edited after the release."
    first.save()
    second.delete()
    PositionFactory()
    assert all_files(client, release) == before


def test_a_release_row_cannot_be_changed_nor_a_number_made_twice():
    PositionFactory()
    release = make_release(number="2026.1.1")
    with pytest.raises(ValidationError):
        release.save()
    with pytest.raises(ReleaseError):
        make_release(number="2026.1.1")
    with pytest.raises(ReleaseError):
        make_release(number="latest")


def test_numbers_count_up_within_a_month():
    PositionFactory()
    moment = datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)
    assert make_release(now=moment).number == "2026.12.1"
    assert make_release(now=moment).number == "2026.12.2"
    assert make_release(now=moment.replace(year=2027, month=1)).number == "2027.1.1"


def independent_difference(old: dict[int, dict], new: dict[int, dict]) -> dict:
    """Added, removed and changed (id → {column: (old, new)}), written apart from releases/changes.py."""
    changed = {}
    for key in old.keys() & new.keys():
        columns = {
            column: (old[key][column], new[key][column]) for column in old[key] if old[key][column] != new[key][column]
        }
        if columns:
            changed[key] = columns
    return {"added": set(new) - set(old), "removed": set(old) - set(new), "changed": changed}


def test_change_list_equals_the_difference_between_two_exports(client):
    kept, edited, removed = PositionFactory(), PositionFactory(summary="Old summary."), PositionFactory()
    first = make_release()
    old_export = live_export(client)

    edited.stance = "rules_out"
    edited.summary = "New summary."
    edited.save()
    removed_id = removed.pk
    removed.delete()
    added = PositionFactory()
    second = make_release()
    new_export = live_export(client)

    expected = independent_difference(old_export, new_export)
    changes = json.loads(downloaded(client, second, "changes.json"))
    assert changes["from"] == first.number and changes["to"] == second.number
    assert {row["id"] for row in changes["added"]} == expected["added"] == {added.pk}
    assert {row["id"] for row in changes["removed"]} == expected["removed"] == {removed_id}
    listed = {
        row["id"]: {field["field"]: (field["old"], field["new"]) for field in row["fields"]}
        for row in changes["changed"]
    }
    assert listed == expected["changed"]
    assert listed[edited.pk] == {"stance": ("open", "rules_out"), "summary": ("Old summary.", "New summary.")}
    assert kept.pk not in listed
    assert (second.added_count, second.removed_count, second.changed_count) == (1, 1, 1)
    assert second.previous == first


def test_datapackage_describes_every_exported_column():
    assert tuple(FIELDS) == COLUMNS


def test_make_release_command_prints_the_number_and_checksums(capsys):
    PositionFactory()
    call_command("make_release", "--number", "2026.12.7")
    out = capsys.readouterr().out
    release = Release.objects.get()
    assert "Release 2026.12.7: 1 positions. First release." in out
    assert all(entry["sha256"] in out for entry in release.files)
    assert Position.objects.count() == 1
