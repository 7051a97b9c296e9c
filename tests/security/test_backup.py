"""Backups round-trip: dumpdata, flush, loaddata gives back every row, unchanged.

The commands are the ones README.md gives for a JSON backup; contenttypes and permissions are
left out because `migrate` (and `flush`) recreate them, and natural keys let the restored
groups and history find them again.
"""

import json
import re
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection

from positions.derived import data_version
from positions.models import Actor, Position
from sources.models import Outlet, Quote, Source
from tests.factories import PositionFactory, UserFactory

DUMP_OPTIONS = ["--natural-foreign", "--natural-primary", "-e", "contenttypes", "-e", "auth.permission"]


# Django's JSON keeps times to the millisecond, so a time under a millisecond past the second is
# written "…:12.000Z" and, restored, written again as "…:12Z": the same instant.
WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)?$")


def same_instants(value):
    if isinstance(value, str):
        return WHOLE_SECOND.sub(r"\1\2", value)
    if isinstance(value, list):
        return [same_instants(item) for item in value]
    if isinstance(value, dict):
        return {key: same_instants(item) for key, item in value.items()}
    return value


def dump(path: Path) -> list[dict]:
    """The backup's rows, but the data version's: a restore draws a new one (see below)."""
    call_command("dumpdata", *DUMP_OPTIONS, "--indent", "2", "-o", str(path), verbosity=0)
    rows = same_instants(json.loads(path.read_text(encoding="utf-8")))
    return [row for row in rows if row["model"] != "positions.dataversion"]


def flush() -> None:
    # The test runs inside a transaction; PostgreSQL refuses to TRUNCATE tables with foreign-key
    # checks still pending in it, so run those checks first.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_dumpdata_flush_loaddata_keeps_every_row(seeded, tmp_path):
    # Some of everything: seed data, history from an edit, people in both groups.
    UserFactory(username="editor", is_staff=True, groups=["Editors"])
    UserFactory(username="viewer", is_staff=True, groups=["Viewers"])
    actor = Actor.objects.get(slug="david-lammy")
    actor.description = "Foreign Secretary from July 2024; “quoted” in Ukrainian: Девід Леммі."
    actor.save()
    before_counts = row_counts()
    before = dump(tmp_path / "backup.json")
    assert before_counts["positions.Position"] >= 8 and before_counts["positions.HistoricalActor"] > 0

    flush()
    assert Position.objects.count() == 0 and Outlet.objects.count() == 0

    call_command("loaddata", str(tmp_path / "backup.json"), verbosity=0)

    assert row_counts() == before_counts
    assert dump(tmp_path / "restored.json") == before
    assert "Девід Леммі" in Actor.objects.get(slug="david-lammy").description


def test_a_restored_database_accepts_new_rows(seeded, tmp_path):
    # loaddata must move the id sequences past the restored rows (PostgreSQL would clash otherwise).
    dump(tmp_path / "backup.json")
    flush()
    call_command("loaddata", str(tmp_path / "backup.json"), verbosity=0)
    highest = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True).first() for model in (Position, Quote, Source)
    }
    position = PositionFactory()
    assert position.pk > highest[Position]
    assert position.quote.pk > highest[Quote] and position.quote.source.pk > highest[Source]


def test_a_restore_never_brings_back_an_earlier_data_version(seeded, tmp_path):
    # HTTP validators and cached fragments are keyed on the version: after a restore, none handed
    # out before may match again, so no app server needs a restart.
    seen = {data_version()}
    dump(tmp_path / "backup.json")
    actor = Actor.objects.get(slug="david-lammy")
    for text in ("First edit after the backup.", "Second edit after the backup."):
        actor.description = text
        actor.save()
        seen.add(data_version())
    flush()
    seen.add(data_version())
    call_command("loaddata", str(tmp_path / "backup.json"), verbosity=0)
    restored = data_version()
    assert restored not in seen
    assert restored.split("-")[1] not in {version.split("-")[1] for version in seen}
    actor = Actor.objects.get(slug="david-lammy")
    actor.description = "An edit after the restore."
    actor.save()
    assert data_version() not in seen | {restored}
