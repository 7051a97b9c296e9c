"""Importing refuses impossible dates and roles by line, defaults to unverified, and reads files without quote_translation."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from positions.exchange.format import COLUMNS
from positions.exchange.importer import import_file
from positions.models import Position, Role
from sources.models import Quote
from tests.exchange.test_import import csv_bytes, errors_of, row
from tests.factories import ActorFactory, QuoteFactory, RoleFactory, SourceFactory

pytestmark = pytest.mark.django_db
COLUMNS_BEFORE_2026_11 = COLUMNS[: COLUMNS.index("quote_translation")]


def refused(tmp_path, capsys, rows: list[dict]) -> str:
    path = tmp_path / "positions.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="cannot be imported"):
        call_command("import_positions", str(path))
    assert Position.objects.count() == 0 and Quote.objects.count() == 0
    return capsys.readouterr().err


def test_command_refuses_a_statement_in_the_future_by_line(tmp_path, capsys):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    err = refused(tmp_path, capsys, [row(), row(stated_on=tomorrow, published_on=tomorrow, quote="Later.")])
    assert f"line 3: stated_on {tomorrow} is in the future" in err


def test_command_refuses_a_statement_after_its_source_was_published_by_line(tmp_path, capsys):
    err = refused(tmp_path, capsys, [row(stated_on="2024-11-27", published_on="2024-11-26")])
    assert "line 2: stated_on 27 Nov 2024 is after published_on 26 Nov 2024" in err


def test_publication_known_to_the_month_only_refuses_a_later_month():
    # The day comes from elsewhere: the source itself gives only the month.
    evidence = "The ministry's transcript gives the day."
    rows = [row(stated_on="2024-11-27", published_on="2024-11-01", published_precision="month", date_evidence=evidence)]
    assert import_file(csv_bytes(rows), "a.csv").written
    rows = [
        row(
            stated_on="2024-12-02",
            published_on="2024-11-01",
            published_precision="month",
            quote="Later.",
            source_url="https://example.org/later",
        )
    ]
    assert "is after published_on Nov 2024" in errors_of(import_file(csv_bytes(rows), "a.csv"))[2]


def test_a_named_role_whose_dates_do_not_cover_the_statement_is_refused_by_line():
    actor = ActorFactory(slug="david-lammy", name="David Lammy")
    RoleFactory(
        actor=actor, title="Foreign Secretary", start_on=datetime.date(2024, 7, 5), end_on=datetime.date(2025, 9, 5)
    )
    later = {"stated_on": "2025-10-01", "published_on": "2025-10-01", "source_url": "https://example.org/later"}
    rows = [row(), row(quote="Later.", **later)]
    report = import_file(csv_bytes(rows), "a.csv")
    assert not report.written
    assert "role “Foreign Secretary” of david-lammy runs 5 Jul 2024 – 5 Sep 2025" in errors_of(report)[3]
    assert Role.objects.count() == 1 and Position.objects.count() == 0


def test_blank_verification_means_unverified_for_a_new_quote_and_leaves_an_existing_one_alone():
    import_file(csv_bytes([row(verification="")]), "a.csv")
    assert Quote.objects.get().verification == "unverified" == Position.objects.get().verification
    existing = QuoteFactory(
        text="Old words.", source=SourceFactory(url="https://example.org/old"), verification="confirmed"
    )
    rows = [row(verification="", quote="Old words.", source_url="https://example.org/old", stated_on="2024-11-25")]
    import_file(csv_bytes([{**rows[0], "published_on": "2024-11-25"}]), "a.csv")
    existing.refresh_from_db()
    assert existing.verification == "confirmed"


def test_file_without_quote_translation_still_imports_with_the_default():
    rows = [
        row(),
        row(quote="Mots.", quote_original="Pas de troupes.", quote_language="fr", topic="instructors"),
    ]
    report = import_file(csv_bytes(rows, columns=COLUMNS_BEFORE_2026_11), "old.csv")
    assert report.written, errors_of(report)
    assert Quote.objects.get(text="Mots.").translation == "translation"
    assert Quote.objects.get(text=row()["quote"]).translation == "original"


def test_json_without_quote_translation_still_imports():
    data = json.dumps([{column: row()[column] for column in COLUMNS_BEFORE_2026_11}]).encode()
    assert import_file(data, "old.json").written
    assert Quote.objects.get().translation == "original"


def test_quote_translation_is_imported_and_checked():
    assert import_file(csv_bytes([row(quote_translation="machine")]), "a.csv").written
    assert Quote.objects.get().translation == "machine"
    bad = [row(quote="Other.", quote_original="Autre.", quote_language="fr", quote_translation="original")]
    assert "quote_translation is “original”" in errors_of(import_file(csv_bytes(bad), "a.csv"))[2]
    bad = [row(quote="Other.", quote_translation="robot")]
    assert "quote_translation “robot” is not one of" in errors_of(import_file(csv_bytes(bad), "a.csv"))[2]
