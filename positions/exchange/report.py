"""What an import found: the bad rows, and each object it creates or changes, as text for people."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from positions.exchange.validation import RowError

KINDS = ("topic", "outlet", "actor", "source", "quote", "role", "position")
PLURALS = {
    "topic": "topics",
    "outlet": "outlets",
    "actor": "actors",
    "source": "sources",
    "quote": "quotes",
    "role": "roles",
    "position": "positions",
}

# Errors listed in a report; the rest are counted.
LISTED_ERRORS = 100


@dataclass(slots=True)
class Change:
    """One object the import creates or changes, found first on `line`.

    Slotted: an import of a large file makes one for every source, quote and position.
    """

    line: int
    kind: str
    label: str
    created: bool
    fields: Mapping[str, tuple] = field(default_factory=dict)  # name -> (old, new)

    def __str__(self) -> str:
        if self.created:
            return _("line %(line)d: new %(kind)s %(label)s") % {
                "line": self.line,
                "kind": self.kind,
                "label": self.label,
            }
        details = "; ".join(f"{name} “{old}” → “{new}”" for name, (old, new) in self.fields.items())
        return _("line %(line)d: %(kind)s %(label)s: %(details)s") % {
            "line": self.line,
            "kind": self.kind,
            "label": self.label,
            "details": details,
        }


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    # Published positions whose stance or date the file changes: each is a public correction.
    corrections: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def listed_errors(self) -> list[RowError]:
        """The first errors, in line order: a file of 200,000 bad rows made a 15 MB page."""
        return self.errors[:LISTED_ERRORS]

    @property
    def unlisted_errors(self) -> int:
        return max(0, len(self.errors) - LISTED_ERRORS)

    @property
    def more_errors_line(self) -> str:
        return _("… and %(count)d more rows with errors.") % {"count": self.unlisted_errors}

    def count(self, kind: str, created: bool) -> int:
        return self.tally()[kind, created]

    def tally(self) -> Counter:
        """Changes by (kind, created), counted in one pass: there may be hundreds of thousands."""
        return Counter((change.kind, change.created) for change in self.changes)

    def totals(self, created: bool) -> str:
        tally = self.tally()
        parts = [f"{tally[kind, created]} {PLURALS[kind]}" for kind in KINDS if tally[kind, created]]
        return ", ".join(parts) or _("nothing")

    @property
    def totals_created(self) -> str:
        return self.totals(True)

    @property
    def totals_changed(self) -> str:
        return self.totals(False)

    @property
    def created(self) -> list[Change]:
        return [change for change in self.changes if change.created]

    @property
    def changed(self) -> list[Change]:
        return [change for change in self.changes if not change.created]

    def lines(self) -> list[str]:
        """The report as text, for the command and the admin."""
        if self.errors:
            head = _("%(errors)d of %(rows)d rows cannot be imported; nothing was imported:") % {
                "errors": len(self.errors),
                "rows": self.rows,
            }
            more = [self.more_errors_line] if self.unlisted_errors else []
            return [head] + [str(error) for error in self.listed_errors] + more
        would = self.dry_run or not self.written
        create_label = _("Would create") if would else _("Created")
        change_label = _("Would change") if would else _("Changed")
        return [
            _("Checked %(rows)d rows: no errors.") % {"rows": self.rows},
            f"{create_label}: {self.totals(True)}.",
            f"{change_label}: {self.totals(False)}.",
            *[str(change) for change in self.changed],
        ]


def display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return shortened(str(value))


def shortened(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else f"{text[: length - 1]}…"


def excerpt(text: str) -> str:
    return f"“{shortened(text)}”"
