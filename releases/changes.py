"""The list of changes between two releases, worked out from their frozen JSON files alone.

Rows are matched by id: a position in the new release only is added, in the old one only is
removed, in both with a different value in any column is changed (each such column with its old
and new value). Nothing is read from the live database, so the list says what the files say.
"""

import csv
import io
import json

from positions.exchange.format import COLUMNS, neutralise

CHANGE_COLUMNS = ("change", "id", "country", "actor", "field", "old", "new")


def rows_by_id(json_bytes: bytes | None) -> dict[int, dict]:
    if not json_bytes:
        return {}
    return {row["id"]: row for row in json.loads(json_bytes)}


def difference(old: dict[int, dict], new: dict[int, dict]) -> dict:
    """{"added": [...], "removed": [...], "changed": [...]}, each in id order."""
    added = [brief(new[key]) for key in sorted(new.keys() - old.keys())]
    removed = [brief(old[key]) for key in sorted(old.keys() - new.keys())]
    changed = []
    for key in sorted(old.keys() & new.keys()):
        fields = [
            {"field": column, "old": old[key].get(column, ""), "new": new[key].get(column, "")}
            for column in COLUMNS
            if column != "id" and old[key].get(column, "") != new[key].get(column, "")
        ]
        if fields:
            changed.append({**brief(new[key]), "fields": fields})
    return {"added": added, "removed": removed, "changed": changed}


def brief(row: dict) -> dict:
    """What the change list shows of a position: enough to recognise it without the whole row."""
    return {key: row.get(key, "") for key in ("id", "country", "actor", "topic", "stance", "stated_on")}


def changes_json(changes: dict, previous: str | None, number: str) -> bytes:
    return (json.dumps({"from": previous, "to": number, **changes}, ensure_ascii=False, indent=1) + "\n").encode()


def changes_csv(changes: dict) -> bytes:
    """One line per added or removed position, and one per changed column of a changed position."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CHANGE_COLUMNS)
    for kind in ("added", "removed"):
        for row in changes[kind]:
            writer.writerow([kind, row["id"], row["country"], neutralise(row["actor"]), "", "", ""])
    for row in changes["changed"]:
        for field in row["fields"]:
            cells = [neutralise(str(field["old"])), neutralise(str(field["new"]))]
            writer.writerow(["changed", row["id"], row["country"], neutralise(row["actor"]), field["field"], *cells])
    return out.getvalue().encode()
