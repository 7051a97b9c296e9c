"""Agreement between the two stance codings of the reference record.

Reads positions/data/record_codings.csv (one row per record row, with the
researcher's coding_1 and the checker's blind coding_2) and prints the number
of rows, the share coded the same, and Cohen's kappa over the six stance values.

Usage: python scripts/record_agreement.py [path/to/record_codings.csv]
(the computation is positions/record_summary.py's, which /about/ shows)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from positions.record_summary import agreement, coding_pairs, cohen_kappa  # noqa: E402

__all__ = ["agreement", "cohen_kappa", "main"]


def main(argv):
    pairs = coding_pairs(Path(argv[1]) if len(argv) > 1 else None)
    print(f"n={len(pairs)}")
    print(f"agreement={agreement(pairs):.3f}")
    print(f"kappa={cohen_kappa(pairs):.3f}")


if __name__ == "__main__":
    main(sys.argv)
