"""`import_positions FILE [--dry-run] [--correction-note TEXT]`: import a CSV or JSON export (docs/exchange-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from positions.exchange.format import FileError
from positions.exchange.importer import import_file


class Command(BaseCommand):
    help = (
        "Import positions from a CSV or JSON file in the exchange format. Every row is checked first; "
        "a file with any bad row imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .json file, as the export writes it.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be created or changed, and write nothing."
        )
        parser.add_argument(
            "--correction-note",
            default="",
            help="The public correction note, needed when the file changes published positions' stances or dates "
            "(shown on each position's page and in /corrections/).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        try:
            # Run by the operator, who may add topics (an editor's import in the admin may not).
            report = import_file(
                data,
                name=path.name,
                dry_run=options["dry_run"],
                may_create_topics=True,
                correction_note=options["correction_note"],
            )
        except FileError as error:
            raise CommandError(f"{path}: {error}") from error
        if not report.ok:
            for line in report.lines()[1:]:
                self.stderr.write(line)
            raise CommandError(report.lines()[0])
        for line in report.lines():
            self.stdout.write(line)
