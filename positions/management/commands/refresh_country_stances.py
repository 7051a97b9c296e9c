"""Recompute the tables derived from the positions: current stances (the home matrix), stances by month
(the stance chart) and facet counts (the positions list)."""

from django.core.management.base import BaseCommand

from positions import derived


class Command(BaseCommand):
    help = (
        "Recompute the CountryStance, MonthStance and FacetCount tables from all positions. Saves and "
        "imports keep them current; run this after changing positions with raw SQL or restoring a partial backup."
    )

    def handle(self, *args, **options):
        count = derived.refresh_all()
        self.stdout.write(f"{count} country stances recomputed.")
