"""Test settings and fixtures shared by every test."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import UserFactory

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session):
    """Compile any translation catalogue newer than its .mo (scripts/test.sh does it too; .mo files are not committed)."""
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            if shutil.which("msgfmt") is None:
                raise RuntimeError("msgfmt is missing: install Debian's gettext package (docs/translation.md).")
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"], is_staff=True)


@pytest.fixture
def viewer(db):
    return UserFactory(groups=["Viewers"], is_staff=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse ids, so data versions repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def export_cache_dir(settings, tmp_path):
    """Each test keeps its whole workbooks apart: data versions repeat between rolled-back tests."""
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
