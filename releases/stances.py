"""A release's stances (stances.csv): each country's cell per topic, decided from the release's own rows.

Worked out when the release is made, from the positions.json and offices.csv just written, by the
rule the live pages use (positions/stance_rule.py): the statements that can count are those with an
office rank and a country, as for the live CountryStance (positions/derived.py), each pair's weighed
oldest first, by date then id. The frozen map and matrix read the file (releases/frozen.py): at a
million positions, deciding the cells takes about four times reading positions.json, past a
request's time; the file is the size of the grid.
"""

import csv
import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

from positions.choices import OfficeRank
from positions.stance_rule import Statement, decide

COLUMNS = (
    "country",
    "topic",
    "state",
    "stance",
    "statements",
    "reported",
    "dissent_count",
    "position_id",
    "position_stance",
    "stated_on",
    "date_precision",
    "verification",
    "actor_slug",
)


def json_rows(lines: Iterable[bytes]) -> Iterator[dict]:
    """positions.json's rows, a line at a time as the export writes them (one object per line)."""
    for line in lines:
        line = line.rstrip(b",\r\n")
        if line.startswith(b"{"):
            yield json.loads(line.decode())


def office_ranks(rows: Iterable[dict]) -> dict[int, int]:
    """Position id → the rank its office gives it (0 highest), from offices.csv's rows; none for those that never count."""
    # Each office's rank worked out once: OfficeRank.rank_of per row was most of the time at 100,000 rows.
    rank_of = {value: OfficeRank.rank_of(value) for value in OfficeRank.values}
    return {int(row["id"]): rank_of[row["office_rank"]] for row in rows if row["office_rank"]}


def decide_cells(rows: Iterable[dict], ranks: dict[int, int]) -> list[tuple]:
    """stances.csv's rows (COLUMNS), by country and topic, from positions.json's rows and the office ranks."""
    actor_ids: dict[str, int] = {}
    pairs: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    shown_with: dict[int, tuple[str, str]] = {}
    for row in rows:
        rank = ranks.get(row["id"])
        if rank is None or not row["country"]:
            continue
        actor_id = actor_ids.setdefault(row["actor_slug"], len(actor_ids))
        day = datetime.date.fromisoformat(row["stated_on"])
        statement = Statement(row["id"], actor_id, rank, row["stance"], day, row["date_precision"], row["attribution"])
        pairs[row["country"], row["topic"]].append(statement)
        shown_with[row["id"]] = (row["verification"], row["actor_slug"])
    cells = []
    for (country, topic), statements in sorted(pairs.items()):
        statements.sort(key=lambda statement: (statement.stated_on, statement.id))
        decision = decide(statements)
        if decision is None:
            continue
        shown = decision.shown
        cells.append(
            (
                country,
                topic,
                decision.state,
                decision.stance,
                decision.statements,
                decision.reported,
                decision.dissent_count,
                shown.id,
                shown.stance,
                shown.stated_on.isoformat(),
                shown.date_precision,
                *shown_with[shown.id],
            )
        )
    return cells


def write_stances(workdir: str) -> str:
    """stances.csv from the positions.json and offices.csv in `workdir`; returns its path."""
    with open(f"{workdir}/offices.csv", encoding="utf-8", newline="") as offices:
        ranks = office_ranks(csv.DictReader(offices))
    with open(f"{workdir}/positions.json", "rb") as positions:
        cells = decide_cells(json_rows(positions), ranks)
    path = f"{workdir}/stances.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(cells)
    return path
