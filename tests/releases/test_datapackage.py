"""datapackage.json validates with the frictionless library against the files it describes."""

import io
import json

import frictionless
import pytest
from django.core.management import call_command

from releases.build import FILE_NAMES, read_file
from releases.models import Release

pytestmark = pytest.mark.django_db


def release_folder(tmp_path, release: Release):
    folder = tmp_path / release.number
    folder.mkdir()
    for name in FILE_NAMES:
        (folder / name).write_bytes(read_file(release.number, name))
    return folder


def test_a_release_of_the_shipped_record_validates_with_frictionless(tmp_path):
    call_command("seed_demo", "--record", stdout=io.StringIO())
    call_command("make_release", stdout=io.StringIO())
    release = Release.objects.get()
    assert release.position_count >= 200  # the shipped record (issue 26: at least 200 statements)
    folder = release_folder(tmp_path, release)

    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["version"] == release.number
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    positions = next(resource for resource in package["resources"] if resource["name"] == "positions")
    stance = next(field for field in positions["schema"]["fields"] if field["name"] == "stance")
    assert "rules_out" in stance["constraints"]["enum"] and stance["description"]

    # The package holds the files to their checksums: one changed byte makes it invalid.
    csv_path = folder / "positions.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace(b"open", b"opem", 1))
    assert not frictionless.validate(str(folder / "datapackage.json")).valid


def test_a_cell_outside_the_allowed_values_is_reported(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("make_release", stdout=io.StringIO())
    folder = release_folder(tmp_path, Release.objects.get())
    package = json.loads((folder / "datapackage.json").read_text())
    # A hand-edited copy, its checksums dropped: the schema alone must catch the unknown stance.
    for resource in package["resources"]:
        resource.pop("hash")
        resource.pop("bytes")
    (folder / "datapackage.json").write_text(json.dumps(package))
    csv_path = folder / "positions.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace(",open,", ",maybe,", 1), encoding="utf-8")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert "constraint-error" in {error[0] for error in report.flatten(["type"])}
