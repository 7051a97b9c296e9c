"""What /about/ tells readers of the reference record (positions/data/record*.csv): its coverage
and period, the newest page read, and how far its two stance codings agree.

Computed from the shipped files, so the page says what the files hold; read once per process.
"""

import csv
import datetime
import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from positions.choices import Stance

DATA = Path(__file__).resolve().parent / "data"
RECORD = DATA / "record.csv"
RECORD_CODINGS = DATA / "record_codings.csv"


def agreement(pairs: list[tuple[str, str]]) -> float:
    """The share of statements both codings gave the same stance."""
    return sum(first == second for first, second in pairs) / len(pairs)


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Kappa = (observed - expected) / (1 - expected), expected from each coder's margins."""
    n = len(pairs)
    observed = agreement(pairs)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[s] * second[s] for s in Stance.values) / (n * n)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def coding_pairs(path: Path | None = None) -> list[tuple[str, str]]:
    path = path or RECORD_CODINGS
    pairs = [(row["coding_1"], row["coding_2"]) for row in read_rows(path)]
    for pair in pairs:
        for value in pair:
            if value not in Stance.values:
                raise ValueError(f"unknown stance {value!r} in {path}")
    return pairs


@dataclass(frozen=True)
class RecordSummary:
    statements: int
    actors: int
    countries: int
    first: datetime.date  # the earliest statement dated to the month or day
    last: datetime.date
    newest_page: datetime.date
    newest_page_precision: str
    agreement: float
    kappa: float
    disagreements: int

    @property
    def agreement_percent(self) -> float:
        return self.agreement * 100


@functools.cache
def record_summary() -> RecordSummary:
    rows = read_rows(RECORD)
    pairs = coding_pairs()
    dated = [row["stated_on"] for row in rows if row["date_precision"] != "year"]
    newest = max(rows, key=lambda row: row["published_on"])
    return RecordSummary(
        statements=len(rows),
        actors=len({row["actor_slug"] for row in rows}),
        countries=len({row["country"] for row in rows if row["country"]}),
        first=datetime.date.fromisoformat(min(dated)),
        last=datetime.date.fromisoformat(max(dated)),
        newest_page=datetime.date.fromisoformat(newest["published_on"]),
        newest_page_precision=newest["published_precision"],
        agreement=agreement(pairs),
        kappa=cohen_kappa(pairs),
        disagreements=sum(first != second for first, second in pairs),
    )
