"""Agreement between the two stance codings of the reference record.

Reads positions/data/record_codings.csv (one row per record row, with the
researcher's coding_1 and the checker's blind coding_2) and prints the number
of rows, the share coded the same, and Cohen's kappa over the six stance values.

Usage: python scripts/record_agreement.py [path/to/record_codings.csv]
"""

import csv
import sys
from collections import Counter

STANCES = ("supports", "open", "undecided", "opposes", "rules_out", "commentary")


def read_pairs(path):
    with open(path, encoding="utf-8", newline="") as f:
        pairs = [(row["coding_1"], row["coding_2"]) for row in csv.DictReader(f)]
    for first, second in pairs:
        for value in (first, second):
            if value not in STANCES:
                raise ValueError(f"unknown stance {value!r} in {path}")
    return pairs


def agreement(pairs):
    return sum(first == second for first, second in pairs) / len(pairs)


def cohen_kappa(pairs):
    """Kappa = (observed - expected) / (1 - expected), expected from each coder's margins."""
    n = len(pairs)
    observed = agreement(pairs)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[s] * second[s] for s in STANCES) / (n * n)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def main(argv):
    path = argv[1] if len(argv) > 1 else "positions/data/record_codings.csv"
    pairs = read_pairs(path)
    print(f"n={len(pairs)}")
    print(f"agreement={agreement(pairs):.3f}")
    print(f"kappa={cohen_kappa(pairs):.3f}")


if __name__ == "__main__":
    main(sys.argv)
