"""python manage.py make_release [--number 2026.12.1]: freeze the published data as a numbered release."""

from django.core.management.base import BaseCommand, CommandError

from releases.build import ReleaseError, make_release


class Command(BaseCommand):
    help = "Freeze the published data as a numbered release (files, datapackage.json, codebook, changes)."

    def add_arguments(self, parser):
        parser.add_argument("--number", help="The release number (default: this month's next, e.g. 2026.12.1).")

    def handle(self, *args, number=None, **options):
        try:
            release = make_release(number=number)
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Release {release.number}: {release.position_count} positions. {release.change_line}")
        for entry in release.files:
            self.stdout.write(f"  {entry['sha256']}  {entry['name']} ({entry['bytes']} bytes)")
