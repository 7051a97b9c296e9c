"""Apply the verification pass to the two research files.

Reads the files as gathered (commit 68df826, before any correction), applies
the row fixes and drops recorded in CHANGES.md, and writes the corrected files
in place. Row numbers are 1-based data rows of the gathered files, the same
numbers the checkers used in positions/data/research/verified-*.csv.

Run from the repository root: .venv/bin/python positions/data/research/apply_verification.py
"""

import csv
import io
import subprocess
from pathlib import Path

GATHERED = "68df826"
HERE = Path("positions/data/research")

# Rows whose words could not be found at their URL after the checker's two
# searches and further ones of ours: a missing row is a gap, a wrong one a
# defect. West 1-3, 13, 14, 33, 45, 72, 91, 98 and 100 were dropped at first
# and restored by the headline pass, which found them at their own URL.
DROPS = {
    "west": {31, 89, 93, 113},
    "east": {22, 28, 30, 46, 54, 66},
}

# Field corrections, each backed by what the page shows (see CHANGES.md).
FIXES = {
    "west": {
        3: {"stated_on": "2024-11-01", "date_precision": "month"},
        11: {"stated_on": "2024-02-01", "date_precision": "month"},
        18: {"stated_on": "2024-05-01", "date_precision": "month"},
        28: {"published_on": "2025-01-01", "published_precision": "year"},
        41: {"stated_on": "2025-01-01", "date_precision": "year"},
        47: {"stated_on": "2025-02-01", "date_precision": "month"},
        49: {"published_on": "2024-01-01", "published_precision": "year"},
        53: {"published_on": "2025-01-01", "published_precision": "year"},
        56: {"published_on": "2025-11-27", "published_precision": "day"},
        59: {"stated_on": "2025-01-01", "date_precision": "year"},
        60: {"stated_on": "2024-12-01", "date_precision": "month"},
        73: {"stated_on": "2024-06-01", "date_precision": "month"},
        87: {
            "stated_on": "2025-01-01",
            "date_precision": "year",
            "published_on": "2025-01-01",
            "published_precision": "year",
        },
        96: {"stated_on": "2025-09-01", "date_precision": "month"},
        100: {"stated_on": "2024-01-01", "date_precision": "year"},
        111: {
            "stated_on": "2025-01-01",
            "date_precision": "year",
            "published_on": "2025-01-01",
            "published_precision": "year",
        },
    },
    "east": {
        58: {"attribution": "paraphrase"},
        68: {"stated_on": "2024-12-01", "date_precision": "month"},
        81: {"stated_on": "2024-10-01", "date_precision": "month"},
        99: {"stated_on": "2024-01-01", "date_precision": "year"},
    },
}


# Headlines for rows gathered without one, exactly as the stored page shows
# them (see CHANGES.md, "Headlines"); rows whose stored page shows none stay
# blank rather than get a title made up from the URL.
TITLES = {
    "west": {
        81: "Ukraine",
    },
    "east": {
        80: "Ukraine Expects“Honest, Strong Reaction” From Partners To N. Korea Sending Troops To Russia - Zelensky",
    },
}


def gathered_rows(region):
    text = subprocess.run(
        ["git", "show", f"{GATHERED}:{HERE}/statements-{region}.csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


def corrected(region):
    """Return (fieldnames, [(original_row_number, row), ...]) after the pass."""
    fieldnames, rows = gathered_rows(region)
    kept = []
    for number, row in enumerate(rows, start=1):
        if number in DROPS[region]:
            continue
        row = dict(row)
        row.update(FIXES[region].get(number, {}))
        if number in TITLES[region]:
            assert not row["source_title"], (region, number)
            row["source_title"] = TITLES[region][number]
        kept.append((number, row))
    return fieldnames, kept


def main():
    for region in ("west", "east"):
        fieldnames, kept = corrected(region)
        with open(HERE / f"statements-{region}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fieldnames)
            writer.writeheader()
            writer.writerows(row for _, row in kept)
        print(region, len(kept))


if __name__ == "__main__":
    main()
