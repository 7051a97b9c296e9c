"""Load synthetic positions at scale for benchmarks; the same --seed always gives the same data."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

from positions import derived
from positions.demo import seed
from positions.demo.bulk_load import BulkWriter
from positions.demo.profile import (
    ACTOR_COLUMNS,
    OUTLET_COLUMNS,
    POSITION_COLUMNS,
    QUOTE_COLUMNS,
    ROLE_COLUMNS,
    SOURCE_COLUMNS,
    slug_prefix,
)
from positions.demo.synthetic import SyntheticData
from positions.models import Actor, Position, Role, Topic
from sources.models import Outlet, Quote, Source

TABLES: dict[str, type[Actor | Role | Outlet | Source | Quote | Position]] = {
    "actor": Actor,
    "role": Role,
    "outlet": Outlet,
    "source": Source,
    "quote": Quote,
    "position": Position,
}


class Command(BaseCommand):
    help = "Add N synthetic positions with their actors, roles, outlets, sources and quotes (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--positions", type=int, required=True, help="How many positions to make.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed; the same seed gives the same data.")

    def handle(self, *args, positions: int, seed: int, **options):
        if positions < 1:
            raise CommandError("--positions must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must not be negative.")
        if Actor.objects.filter(slug__startswith=slug_prefix(seed)).exists():
            raise CommandError(f"Synthetic data for seed {seed} is already loaded; pass another --seed.")
        started = time.perf_counter()
        with transaction.atomic():
            writer = self.load(positions, seed)
        writer.finish()
        elapsed = time.perf_counter() - started
        total = sum(writer.counts.values())
        self.stdout.write(", ".join(f"{count} {label}" for label, count in writer.counts.items()) + " created.")
        self.stdout.write(
            f"Took {elapsed:.1f} s: {total / elapsed:,.0f} rows/s, {writer.counts.get('positions', 0) / elapsed:,.0f} positions/s."
        )

    def load(self, positions: int, seed: int) -> BulkWriter:
        topic_ids = self.ensure_topics()
        first_ids = {name: (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for name, model in TABLES.items()}
        taken_names = {name.lower() for name in Outlet.objects.values_list("name", flat=True)}
        data = SyntheticData(seed, positions, first_ids, topic_ids, taken_names)
        writer = BulkWriter()
        if positions >= Position.objects.count():
            # At least doubling the table: one index build afterwards beats updating indexes row by row.
            writer.drop_secondary_indexes([Source, Quote, Position])
        actors, roles = data.actor_rows()
        writer.write(Actor, ACTOR_COLUMNS, actors)
        writer.write(Role, ROLE_COLUMNS, roles)
        outlet_rows, outlets = data.outlet_rows()
        writer.write(Outlet, OUTLET_COLUMNS, outlet_rows)
        writer.write(Source, SOURCE_COLUMNS, data.source_rows(outlets))
        for quotes, position_rows in data.statement_chunks():
            writer.write(Quote, QUOTE_COLUMNS, quotes)
            writer.write(Position, POSITION_COLUMNS, position_rows)
            if self.stdout.isatty():
                self.stdout.write(f"  {writer.counts['positions']:,} positions", ending="\r")
                self.stdout.flush()
        # COPY sends no signals: the office ranks are set before the indexes are back (rewriting every
        # row then updates a dozen indexes), and the countries' stances are recomputed once for the load.
        derived.rank_positions(Position.objects.all())
        writer.rebuild_indexes()
        derived.refresh_all(ranked=True)
        return writer

    def ensure_topics(self) -> dict[str, int]:
        """The starting topics (docs/design.md), created if missing, as slug → id."""
        for order, (slug, name, description, deploys) in enumerate(seed.TOPICS, start=1):
            Topic.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "involves_deployment": deploys, "order": order},
            )
        return dict(Topic.objects.filter(slug__in=[row[0] for row in seed.TOPICS]).values_list("slug", "id"))
