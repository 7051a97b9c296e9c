"""Every migration reverses cleanly and applies again, with data in the tables, and none is missing."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from positions.models import Position

SEED = {"stdout": open("/dev/null", "w")}


def tables(prefix: str) -> set[str]:
    return {name for name in connection.introspection.table_names() if name.startswith(prefix)}


# Migrating drops and recreates tables, which needs real transactions; serialized_rollback puts
# back the rows the migrations made (the Editors and Viewers groups) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_positions_then_sources_migrate_to_zero_and_back():
    call_command("seed_demo", **SEED)
    assert Position.objects.exists()

    call_command("migrate", "positions", "zero", verbosity=0)
    assert tables("positions_") == set()
    assert not Group.objects.filter(name__in=["Editors", "Viewers"]).exists()
    assert tables("sources_")

    call_command("migrate", "sources", "zero", verbosity=0)
    assert tables("sources_") == set()

    call_command("migrate", verbosity=0)
    assert tables("positions_") and tables("sources_")
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="add_position").exists()
    assert not editors.permissions.filter(codename__startswith="delete_").exists()
    call_command("seed_demo", **SEED)
    assert Position.objects.exists()


def test_no_model_change_lacks_a_migration(db):
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exit:
        pytest.fail(f"models have changes without a migration (makemigrations --check exited {exit.code})")
