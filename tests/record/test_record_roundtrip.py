"""The reference record imported into an empty database and exported again is the same file.

Byte for byte on the record's columns, with three normalisations: the export's informational
`page_url` column, which the record leaves out (an import never reads it), is dropped; the record
leaves `id` blank where the export gives each position's id; the record's lines end in LF where the export's end in CRLF (the format's
CSV); and the rows are put in the record's order by their natural key (actor, topic, quote),
since the importer numbers new positions in its own order, not the file's.
"""

import csv
import io

from positions.demo.record import RECORD
from positions.exchange.importer import import_file
from tests.exchange.helpers import body, csv_rows


def test_record_round_trips_through_import_and_export(client, db):
    data = RECORD.read_bytes()
    report = import_file(data, RECORD.name)
    assert report.ok and report.written, report.lines()[:5]

    exported = body(client.get("/positions/export.csv", {"sort": "date"}))
    header, *rows = csv_rows(exported)
    assert all(row[0].isdigit() for row in rows)
    record_header = next(csv.reader(io.StringIO(data.decode())))
    assert header[: len(record_header)] == record_header and header[len(record_header) :] == ["page_url"]
    header, rows = record_header, [row[: len(record_header)] for row in rows]
    again = io.StringIO()
    writer = csv.writer(again, lineterminator="\n")
    writer.writerow(header)
    order = {
        (r["actor_slug"], r["topic"], r["quote"]): n for n, r in enumerate(csv.DictReader(io.StringIO(data.decode())))
    }
    column = {name: n for n, name in enumerate(header)}
    rows.sort(key=lambda row: order[row[column["actor_slug"]], row[column["topic"]], row[column["quote"]]])
    writer.writerows([["", *row[1:]] for row in rows])
    assert again.getvalue().encode("utf-8") == data

    # Importing the export changes nothing.
    second = import_file(exported, "export.csv")
    assert second.ok and not second.changes
