"""import_positions: natural keys, every bad row reported with its line, nothing written from a bad file."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from positions.exchange.format import COLUMNS, FileError
from positions.exchange.importer import import_file
from positions.exchange.readers import read_rows
from positions.models import Actor, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.exchange.helpers import body
from tests.factories import ActorFactory, OutletFactory, PositionFactory, QuoteFactory, RoleFactory, SourceFactory

pytestmark = pytest.mark.django_db
MODELS = (Topic, Outlet, Source, Quote, Actor, Role, Position)


def row(**values) -> dict:
    base = {
        "id": "",
        "stated_on": "2024-11-26",
        "date_precision": "day",
        "actor": "David Lammy",
        "actor_slug": "david-lammy",
        "actor_kind": "official",
        "country": "GB",
        "role": "Foreign Secretary",
        "topic": "combat-troops",
        "stance": "opposes",
        "conditions": "At this time.",
        "summary": "No UK troops.",
        "quote": "Not committing UK troops to the theatre of action.",
        "quote_original": "",
        "quote_language": "",
        "verification": "reported",
        "source_title": "Lammy at the G7",
        "source_url": "https://www.lbc.co.uk/g7",
        "outlet": "LBC",
        "published_on": "2024-11-26",
        "published_precision": "day",
        "archive_url": "",
    }
    base.update(values)
    return base


def csv_bytes(rows: list[dict], delimiter: str = ",", columns=COLUMNS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        writer.writerow([values.get(column, "") for column in columns])
    return out.getvalue().encode("utf-8")


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def errors_of(report) -> dict[int, str]:
    return {error.line: "; ".join(error.reasons) for error in report.errors}


def test_import_creates_every_object_from_natural_keys():
    report = import_file(csv_bytes([row(), row(topic="instructors", stance="rules_out")]), "a.csv")
    assert report.ok and report.written
    assert counts() == {"Topic": 2, "Outlet": 1, "Source": 1, "Quote": 1, "Actor": 1, "Role": 1, "Position": 2}
    position = Position.objects.get(topic__slug="instructors")
    assert (position.country, position.actor_kind, position.verification) == ("GB", "official", "reported")
    assert position.role.title == "Foreign Secretary"
    assert Outlet.objects.get().slug == "lbc"


def test_unknown_topic_is_created_named_after_its_slug():
    import_file(csv_bytes([row(topic="naval-mission")]), "a.csv")
    assert Topic.objects.get(slug="naval-mission").name == "naval-mission"


def test_reimport_creates_and_changes_nothing(client, seeded):
    data = body(client.get("/positions/export.csv"))
    before = counts()
    report = import_file(data, "positions.csv")
    assert report.ok
    assert report.changes == []
    assert counts() == before
    assert import_file(body(client.get("/positions/export.json")), "positions.json").changes == []
    assert counts() == before


def test_dry_run_reports_and_writes_nothing():
    report = import_file(csv_bytes([row()]), "a.csv", dry_run=True)
    assert report.ok and not report.written
    assert report.count("position", created=True) == 1
    assert "Would create: 1 topics, 1 outlets, 1 actors, 1 sources, 1 quotes, 1 roles, 1 positions." in report.lines()
    assert sum(counts().values()) == 0


def test_matched_row_whose_fields_differ_is_reported_and_updated():
    import_file(csv_bytes([row()]), "a.csv")
    changed = row(
        actor="David Lammy MP",
        country="",
        stance="rules_out",
        verification="confirmed",
        archive_url="https://archive.org/g7",
    )
    report = import_file(csv_bytes([changed]), "a.csv", correction_note="The stance was misread.")
    assert counts()["Position"] == 1
    described = "\n".join(report.lines())
    assert "actor david-lammy: name “David Lammy” → “David Lammy MP”; country “GB” → “”" in described
    assert "stance “opposes” → “rules_out”" in described
    assert "verification “reported” → “confirmed”" in described
    assert "archive_url “” → “https://archive.org/g7”" in described
    position = Position.objects.get()
    # The position's copies of actor and quote values follow the change.
    assert (position.stance, position.country, position.verification) == ("rules_out", "", "confirmed")
    assert position.history.count() == 2


def test_id_column_is_never_used_to_match():
    unrelated = PositionFactory(summary="Unrelated")
    import_file(csv_bytes([row(id=str(unrelated.pk))]), "a.csv")
    unrelated.refresh_from_db()
    assert unrelated.summary == "Unrelated"
    assert Position.objects.count() == 2


def test_source_without_url_matches_by_outlet_title_and_date():
    outlet = OutletFactory(name="Le Monde", slug="le-monde")
    source = SourceFactory(outlet=outlet, url="", title="Guerre en Ukraine", published_on=datetime.date(2024, 11, 25))
    report = import_file(
        csv_bytes(
            [
                row(
                    outlet="le monde",
                    source_url="",
                    source_title="Guerre en Ukraine",
                    published_on="2024-11-25",
                    stated_on="2024-11-25",
                )
            ]
        ),
        "a.csv",
    )
    assert report.count("source", created=True) == 0 and report.count("outlet", created=True) == 0
    assert Quote.objects.get().source == source
    # Another date is another document.
    import_file(
        csv_bytes([row(outlet="Le Monde", source_url="", source_title="Guerre en Ukraine", published_on="2024-11-26")]),
        "a.csv",
    )
    assert Source.objects.count() == 2


def test_quote_matches_by_text_and_date_within_its_source():
    quote = QuoteFactory(
        text="Not committing UK troops to the theatre of action.",
        said_on=datetime.date(2024, 11, 26),
        source=SourceFactory(url="https://www.lbc.co.uk/g7"),
    )
    import_file(csv_bytes([row(outlet=quote.source.outlet.name)]), "a.csv")
    assert Quote.objects.count() == 1
    assert Position.objects.get().quote == quote


def test_role_covering_the_date_is_reused_else_one_starts_on_the_statement_date():
    actor = ActorFactory(slug="david-lammy", name="David Lammy")
    held = RoleFactory(actor=actor, title="Foreign Secretary", start_on=datetime.date(2024, 7, 5))
    import_file(csv_bytes([row()]), "a.csv")
    assert list(Role.objects.all()) == [held]
    import_file(
        csv_bytes([row(role="Shadow Foreign Secretary", stated_on="2023-05-01", quote="Earlier words.")]), "a.csv"
    )
    created = Role.objects.get(title="Shadow Foreign Secretary")
    assert (created.start_on, created.end_on, created.country.code) == (datetime.date(2023, 5, 1), None, "GB")


def test_one_new_role_serves_later_statements():
    later = {"stated_on": "2024-12-01", "published_on": "2024-12-01", "source_url": "https://www.lbc.co.uk/later"}
    rows = [row(quote="Later.", **later), row(stated_on="2024-11-26")]
    report = import_file(csv_bytes(rows), "a.csv")
    assert report.count("role", created=True) == 1
    assert Role.objects.get().start_on == datetime.date(2024, 11, 26)


def test_semicolon_file_with_bom_imports():
    data = b"\xef\xbb\xbf" + csv_bytes([row(summary="One; two")], delimiter=";")
    assert import_file(data, "excel.csv").ok
    assert Position.objects.get().summary == "One; two"


def test_json_file_imports():
    data = json.dumps([row(id=None)], ensure_ascii=False).encode()
    assert import_file(data, "a.json").ok
    assert Position.objects.count() == 1


def test_neutralised_cells_come_back_as_their_text():
    import_file(csv_bytes([row(summary="'=1+1", conditions="''@me", actor_slug="'-odd-slug")]), "a.csv")
    position = Position.objects.get()
    assert (position.summary, position.conditions, position.actor.slug) == ("=1+1", "'@me", "-odd-slug")


BAD_ROWS = [
    (row(stated_on="26/11/2024"), "stated_on “26/11/2024” is not a date written YYYY-MM-DD"),
    (row(stated_on="2024-02-30"), "stated_on “2024-02-30” is not a date"),
    (row(published_on="2024-13-01"), "published_on “2024-13-01” is not a date"),
    (row(date_precision="week"), "date_precision “week” is not one of: day, month, year"),
    (row(date_precision="month"), "stated_on 2024-11-26 has month precision, so it must be written 2024-11-01"),
    (row(published_precision="year"), "published_on 2024-11-26 has year precision, so it must be written 2024-01-01"),
    (row(stance="maybe"), "stance “maybe” is not one of"),
    (row(actor_kind="king"), "actor_kind “king” is not one of"),
    (row(verification="rumour"), "verification “rumour” is not one of"),
    (row(actor_slug="david lammy"), "actor_slug “david lammy” is not a slug"),
    (row(topic="Combat troops"), "topic “Combat troops” is not a slug"),
    (row(country="UK"), "country “UK” is not an ISO 3166 alpha-2 code"),
    (row(source_url="lbc.co.uk/g7"), "source_url “lbc.co.uk/g7” is not a valid URL"),
    (row(archive_url="javascript:alert(1)"), "archive_url “javascript:alert(1)” is not a valid URL"),
    (row(quote=" "), "quote is empty"),
    (row(actor=""), "actor is empty"),
    (row(outlet=""), "outlet is empty"),
    (row(source_title="", source_url=""), "source_title is empty and there is no source_url"),
    (row(quote_original="Pas de troupes."), "quote_original is given without its quote_language"),
    (row(summary="nul\x00byte"), "summary contains the control character U+0000"),
    (row(summary="vertical\x0btab"), "summary contains the control character U+000B"),
    (row(quote="escape \x1b[31m"), "quote contains the control character U+001B"),
    (row(actor="Evil\u202eyppah"), "actor contains the bidirectional control character U+202E"),
    (row(outlet="Isolated\u2066 outlet"), "outlet contains the bidirectional control character U+2066"),
    (row(actor_slug="evil\u202e-slug"), "actor_slug “evil\u202e-slug” is not a slug"),
    (row(summary="broken\ufffefile"), "summary contains U+FFFE, which is not a character of any text"),
    (row(quote="plane\U0010ffffend"), "quote contains U+10FFFF, which is not a character of any text"),
    (row(actor="David\u200fLammy"), "actor contains the bidirectional control character U+200F"),
    (row(outlet="The\u200bTimes"), "outlet contains the invisible character U+200B"),
    (row(role="Foreign\u200dSecretary"), "role contains the invisible character U+200D"),
    (row(role="x" * 201), "role is longer than 200 characters"),
    (row(quote_language="english-uk-x"), "quote_language is longer than 10 characters"),
]


@pytest.mark.parametrize("bad, reason", BAD_ROWS, ids=[reason[:40] for _bad, reason in BAD_ROWS])
def test_each_kind_of_bad_row_is_reported_with_its_line_and_nothing_is_imported(bad, reason):
    # Line 2 has a quote spanning three lines, so the bad row (the second) starts on line 5.
    good = row(quote='First line,\nsecond "line",\nthird line.')
    report = import_file(csv_bytes([good, bad]), "a.csv")
    assert not report.ok
    assert list(errors_of(report)) == [5]
    assert reason in errors_of(report)[5]
    assert sum(counts().values()) == 0


def test_every_bad_row_is_listed_not_only_the_first():
    rows = [
        row(stance="maybe"),
        row(topic="instructors"),
        row(stated_on="x", topic="peacekeeping"),
        row(country="ZZ", topic="air"),
    ]
    report = import_file(csv_bytes(rows), "a.csv")
    assert list(errors_of(report)) == [2, 4, 5]
    assert report.lines()[0] == "3 of 4 rows cannot be imported; nothing was imported:"


def test_row_with_wrong_number_of_cells_is_reported():
    data = csv_bytes([row()]) + b"2024,day,too,few\r\n"
    assert f"4 cells where the header has {len(COLUMNS)}" in errors_of(import_file(data, "a.csv"))[3]


def test_rows_describing_one_actor_differently_are_reported():
    report = import_file(csv_bytes([row(), row(topic="instructors", actor="D. Lammy")]), "a.csv")
    assert errors_of(report) == {3: "describes the same actor_slug as line 2 differently (actor)."}


def test_rows_describing_one_source_or_quote_differently_are_reported():
    rows = [
        row(),
        row(topic="instructors", source_title="Other title"),
        row(topic="peacekeeping", verification="confirmed"),
    ]
    report = import_file(csv_bytes(rows), "a.csv")
    assert "same source as line 2 differently (source_title)" in errors_of(report)[3]
    assert "same quote as line 2 differently (verification)" in errors_of(report)[4]


def test_repeated_position_is_reported():
    report = import_file(csv_bytes([row(), row(stance="supports")]), "a.csv")
    assert errors_of(report) == {3: "repeats the position of line 2 (same actor, topic and quote)."}
    assert sum(counts().values()) == 0


def test_json_errors_carry_the_line_of_their_object():
    text = (
        "[\n"
        + ",\n".join(json.dumps(values) for values in [row(), row(topic="x y"), row(topic="b", stance="no")])
        + "\n]"
    )
    report = import_file(text.encode(), "a.json")
    assert list(errors_of(report)) == [3, 4]


@pytest.mark.parametrize(
    "data, name, message",
    [
        ("id,stated_on\r\n".encode("utf-16"), "a.csv", "not UTF-8"),
        (b"\xff\xfe\x00garbage", "a.csv", "not UTF-8"),
        (b"", "a.csv", "empty"),
        (b"name,age\r\nx,1\r\n", "a.csv", "missing columns: stated_on"),
        (csv_bytes([row()], columns=COLUMNS + ("extra",)), "a.csv", "unknown columns: extra"),
        (b'[{"stated_on": ', "a.json", "not valid JSON"),
        (b'{"rows": []}', "a.json", "must be an array"),
        (b"\x89PNG\r\n", "a.png", "not UTF-8"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(data, name, message):
    with pytest.raises(FileError, match=message):
        import_file(data, name)


def test_format_is_told_by_content_when_the_name_does_not_say():
    assert read_rows(json.dumps([row()]).encode(), "upload")[0].line == 1
    assert read_rows(csv_bytes([row()]), "upload")[0].line == 2


def test_import_writes_in_batches_not_a_query_per_row():
    rows = [row(actor_slug=f"actor-{n}", actor=f"Actor {n}", quote=f"Words {n}.", role="") for n in range(60)]
    with CaptureQueriesContext(connection) as queries:
        assert import_file(csv_bytes(rows), "a.csv").ok
    assert Position.objects.count() == 60
    assert len(queries.captured_queries) < 40, len(queries.captured_queries)


def test_command_imports_and_reports(tmp_path, capsys):
    path = tmp_path / "positions.csv"
    path.write_bytes(csv_bytes([row()]))
    call_command("import_positions", str(path), "--dry-run")
    assert "Would create: 1 topics" in capsys.readouterr().out
    assert Position.objects.count() == 0
    call_command("import_positions", str(path))
    assert "Created: 1 topics" in capsys.readouterr().out
    assert Position.objects.count() == 1


def test_command_fails_listing_bad_rows(tmp_path, capsys):
    path = tmp_path / "positions.csv"
    path.write_bytes(csv_bytes([row(), row(stance="maybe", topic="other")]))
    with pytest.raises(CommandError, match="1 of 2 rows cannot be imported"):
        call_command("import_positions", str(path))
    assert "line 3: stance “maybe”" in capsys.readouterr().err
    assert Position.objects.count() == 0


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_positions", str(tmp_path / "nope.csv"))


def test_a_write_the_database_refuses_is_reported_and_undone(monkeypatch):
    from django.db import IntegrityError

    from positions.exchange import importer

    def refuse(self, user=None):
        Topic.objects.create(slug="written-then-undone", name="x")
        raise IntegrityError("duplicate key value")

    monkeypatch.setattr(importer.Plan, "write", refuse)
    report = import_file(csv_bytes([row()]), "a.csv")
    assert not report.ok and not report.written
    assert "the database refused the import (duplicate key value)" in report.lines()[1]
    assert sum(counts().values()) == 0


MONTH_SOURCE = {"published_on": "2024-11-01", "published_precision": "month", "source_url": "https://unn.ua/a"}


def test_a_day_the_source_does_not_give_is_refused_naming_the_line_and_nothing_is_imported():
    rows = [
        row(stated_on="2024-11-01", date_precision="month", **MONTH_SOURCE),
        row(topic="instructors", **MONTH_SOURCE),
    ]
    report = import_file(csv_bytes(rows), "a.csv")
    assert not report.ok
    assert list(errors_of(report)) == [3]
    assert "date_precision is “day”, but the source is dated only Nov 2024" in errors_of(report)[3]
    assert sum(counts().values()) == 0


def test_a_day_beyond_the_source_is_imported_with_its_evidence_and_exported_again():
    evidence = "The Kyiv Independent (26 Nov 2024) gives the day."
    report = import_file(csv_bytes([row(stated_on="2024-11-25", date_evidence=evidence, **MONTH_SOURCE)]), "a.csv")
    assert report.ok, errors_of(report)
    position = Position.objects.get()
    assert (position.stated_on, position.date_precision, position.date_evidence) == (
        datetime.date(2024, 11, 25),
        "day",
        evidence,
    )
    assert position.history.get().date_evidence == evidence
    # A file without the column (written before it existed) leaves the evidence as it is.
    old_columns = [column for column in COLUMNS if column != "date_evidence"]
    again = import_file(csv_bytes([row(stated_on="2024-11-25", **MONTH_SOURCE)], columns=old_columns), "a.csv")
    assert not again.ok  # without evidence in the row, the day is refused even for a known position
    json_again = import_file(
        json.dumps([row(stated_on="2024-11-25", date_evidence=evidence, **MONTH_SOURCE)]).encode(), "a.json"
    )
    assert json_again.ok and Position.objects.get().date_evidence == evidence


def test_date_evidence_with_a_control_character_is_refused():
    report = import_file(csv_bytes([row(date_evidence="bad\x1b[31m")]), "a.csv")
    assert "date_evidence contains the control character U+001B" in errors_of(report)[2]


def test_a_file_correcting_a_published_stance_or_date_needs_a_public_note(tmp_path):
    from positions.corrections import Correction

    import_file(csv_bytes([row(role="")]), "first.csv")
    path = tmp_path / "corrected.csv"
    path.write_bytes(csv_bytes([row(role="", stance="rules_out", stated_on="2024-11-25")]))
    with pytest.raises(CommandError):
        call_command("import_positions", str(path))
    assert Position.objects.get().stance == "opposes" and not Correction.objects.exists()
    refused = import_file(path.read_bytes(), path.name)
    assert [error.line for error in refused.errors] == [2]
    assert "public correction note" in str(refused.errors[0])
    # A dry run says what would be corrected and asks for nothing yet.
    assert import_file(path.read_bytes(), path.name, dry_run=True).corrections == 1

    call_command("import_positions", str(path), "--correction-note", "The ministry's transcript.")
    position = Position.objects.get()
    assert (position.stance, position.stated_on.isoformat()) == ("rules_out", "2024-11-25")
    correction = Correction.objects.get()
    assert correction.position_number == position.pk and correction.note == "The ministry's transcript."
    assert [change["field"] for change in correction.changes] == ["stance", "stated_on"]
    # The same file again changes nothing and corrects nothing.
    again = import_file(path.read_bytes(), path.name)
    assert again.ok and again.corrections == 0 and Correction.objects.count() == 1
    # Fields other than stance and date are no correction: no note needed.
    assert import_file(
        csv_bytes([row(role="", stance="rules_out", stated_on="2024-11-25", summary="New.")]), "s.csv"
    ).ok
