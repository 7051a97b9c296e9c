"""Recompute every country's current stance per topic (the home matrix) from the positions."""

from django.core.management.base import BaseCommand

from positions import derived


class Command(BaseCommand):
    help = (
        "Recompute the CountryStance table from all positions. Saves and imports keep it current; "
        "run this after changing positions with raw SQL or restoring a partial backup."
    )

    def handle(self, *args, **options):
        count = derived.refresh_all()
        self.stdout.write(f"{count} country stances recomputed.")
