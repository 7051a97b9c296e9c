"""The Ukrainian catalogue is complete, compiled, and its plurals and month names are right (the /uk/ pages: test_uk_pages.py)."""

import datetime
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from sources.dates import DatePrecision, format_partial_date

PO = Path(__file__).resolve().parents[2] / "locale" / "uk" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def po_entries() -> list[dict]:
    """Each entry's flags, msgid, msgid_plural and msgstr values, from the .po text (header left out)."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": "", "msgstr": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key:
                if key == "msgstr":
                    entry["msgstr"][-1] += line[1:-1]
                else:
                    entry[key] += line[1:-1]
            else:
                match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
                if not match:
                    continue
                name, value = match.groups()
                key = "msgstr" if name.startswith("msgstr") else name
                if key == "msgstr":
                    entry["msgstr"].append(value)
                else:
                    entry[key] = value
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 400
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if not e["msgstr"] or any(s == "" for s in e["msgstr"])] == []
    plurals = [e for e in entries if "msgid_plural" in e]
    assert plurals and all(len(e["msgstr"]) == 4 for e in plurals)


def test_msgfmt_finds_no_error_and_nothing_untranslated(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install Debian's gettext package (scripts/test.sh does)")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


def compiled_messages(path: Path) -> dict[bytes, bytes]:
    """A GNU .mo file's messages: original (context, msgid, plural forms as stored) → translation."""
    data = path.read_bytes()
    byte_order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, originals, translations = struct.unpack(byte_order + "3I", data[8:20])
    messages = {}
    for index in range(count):
        length, offset = struct.unpack(byte_order + "2I", data[originals + 8 * index : originals + 8 * index + 8])
        original = data[offset : offset + length]
        length, offset = struct.unpack(byte_order + "2I", data[translations + 8 * index : translations + 8 * index + 8])
        messages[original] = data[offset : offset + length]
    return messages


def test_the_committed_compiled_catalogue_matches_the_po(tmp_path):
    """The .mo is committed, so a clone serves Ukrainian with no build step (docs/translation.md):
    it must say what the .po says. Compared message by message, as msgfmt versions lay files out differently."""
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install Debian's gettext package (scripts/test.sh does)")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True)
    assert MO.exists(), f"{MO} is missing: run `make messages` and commit it"
    committed, expected = compiled_messages(MO), compiled_messages(fresh)
    stale = sorted(key for key in committed.keys() | expected.keys() if committed.get(key) != expected.get(key))
    assert not stale, f"{MO.name} does not match {PO.name}: run `make messages` and commit it. Differs: {stale[:5]}"


# What makemessages reads: the code and templates, not the tests, tools or installed packages.
# Every Python package of the project but the tests (each app, config), its templates and catalogue:
# a new app left out of the copy would not even import.
SOURCE_DIRS = (
    *sorted(path.name for path in PO.parents[3].iterdir() if (path / "__init__.py").exists() and path.name != "tests"),
    "templates",
    "locale",
)


def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the code adds nothing untranslated: a string marked for translation
    but never collected (a page built in Python, a new model) would show in English on /uk/ pages."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("xgettext/msgmerge are missing: install Debian's gettext package (scripts/test.sh does)")
    root = PO.parents[3]
    for name in SOURCE_DIRS:
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "uk", "--add-location=file", "--no-obsolete"],
        cwd=tmp_path,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "DATABASE_URL": "",
            "PYTHONPATH": str(tmp_path),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    statistics = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(tmp_path / "locale" / "uk" / "LC_MESSAGES" / "django.po")],
        capture_output=True,
        text=True,
    )
    assert re.fullmatch(r"\d+ translated messages\.\n", statistics.stderr), statistics.stderr


def test_plural_header_has_ukrainian_forms():
    header = PO.read_text(encoding="utf-8").split("\n\n")[0]
    assert '"Language: uk\\n"' in header
    assert "nplurals=4;" in header


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 позиція"), (2, "2 позиції"), (4, "4 позиції"), (5, "5 позицій"), (11, "11 позицій"),
     (21, "21 позиція"), (22, "22 позиції"), (25, "25 позицій"), (111, "111 позицій")],
)  # fmt: skip
def test_ukrainian_plurals_of_positions(count, expected):
    with translation.override("uk"):
        assert ngettext("%(shown)s position", "%(shown)s positions", count) % {"shown": count} == expected


@pytest.mark.django_db
def test_country_page_counts_positions_in_ukrainian(client, seeded):
    html_text = client.get("/uk/countries/gb/").content.decode()
    assert "1 позиція" in html_text  # Lammy and Starmer: one position each


def test_partial_dates_name_ukrainian_months():
    day = datetime.date(2024, 11, 26)
    with translation.override("uk"):
        assert format_partial_date(day, DatePrecision.DAY) == "26 листопада 2024"
        assert format_partial_date(day.replace(day=1), DatePrecision.MONTH) == "листопад 2024"
        assert format_partial_date(datetime.date(2024, 3, 1), DatePrecision.MONTH) == "березень 2024"
        assert format_partial_date(datetime.date(2024, 1, 1), DatePrecision.YEAR) == "2024"
    with translation.override("en"):
        assert format_partial_date(day, DatePrecision.DAY) == "26 Nov 2024"
        assert format_partial_date(day.replace(day=1), DatePrecision.MONTH) == "Nov 2024"
