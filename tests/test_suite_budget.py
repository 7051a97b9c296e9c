"""The suite's time budget holds: `make test` on a fresh clone stays under 15 minutes (issue 30)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_sets_its_own_number_of_hypothesis_examples():
    # The profile decides (tests/conftest.py): few examples in `make test`, many in `make fuzz`.
    # A test's own max_examples would hold in both, and the quick run would pay for the deep one.
    setting = re.compile(r"max_examples\s*=")
    found = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if path.name != "conftest.py" and path != Path(__file__) and setting.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
