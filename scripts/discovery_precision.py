"""Precision and recall of the discovery matcher on the labelled news items.

Reads discovery/data/labelled_items.csv (see discovery/data/LABELLING.md for the labelling
rule) and the actors of the reference record (positions/data/record_actors.csv), runs
discovery.matcher.find_candidate on each item's title and text, and prints precision and recall
for each part (dev, held_out, round2, round3, final; see LABELLING.md) and all items, and per language. With --errors it
lists each item the matcher got wrong. Needs no database.

Usage: python scripts/discovery_precision.py [--errors] [--split dev|held_out]
"""

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discovery.matcher import ActorIndex, KnownActor, find_candidate  # noqa: E402

ITEMS = ROOT / "discovery" / "data" / "labelled_items.csv"
ACTORS = ROOT / "positions" / "data" / "record_actors.csv"


def record_actors() -> ActorIndex:
    with open(ACTORS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return ActorIndex(
        KnownActor(None, row["name"], row["name_uk"], row["aliases"], row["kind"], row["country"]) for row in rows
    )


def scores(results: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for found, wanted in results if found and wanted)
    fp = sum(1 for found, wanted in results if found and not wanted)
    fn = sum(1 for found, wanted in results if not found and wanted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return f"{len(results):4d} items  precision {precision:.3f} ({tp}/{tp + fp})  recall {recall:.3f} ({tp}/{tp + fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the items the matcher got wrong")
    parser.add_argument(
        "--split", choices=["dev", "held_out", "round2", "round3", "final"], help="only this part of the items"
    )
    args = parser.parse_args()
    actors = record_actors()
    with open(ITEMS, encoding="utf-8", newline="") as f:
        items = [row for row in csv.DictReader(f) if not args.split or row["split"] == args.split]
    by_split, by_language = defaultdict(list), defaultdict(list)
    for item in items:
        found = find_candidate(item["title"], item["text"], actors) is not None
        wanted = item["label"] == "candidate"
        by_split[item["split"]].append((found, wanted))
        by_language[item["language"]].append((found, wanted))
        if args.errors and found != wanted:
            kind = "false positive" if found else "missed"
            print(
                f"{kind:14s} #{item['id']} [{item['split']}, {item['language']}] {item['title']} | {item['text'][:160]}"
            )
    for split in ("dev", "held_out", "round2", "round3", "final"):
        if by_split[split]:
            print(f"{split:10s} {scores(by_split[split])}")
    print(f"{'all':10s} {scores([r for results in by_split.values() for r in results])}")
    for language in sorted(by_language):
        print(f"  {language:8s} {scores(by_language[language])}")


if __name__ == "__main__":
    main()
