"""Load the seed article's data and the reference authorisation bodies; running it again changes nothing."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from positions.choices import BodyKind, Requirement, Scope
from positions.demo import seed
from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.models import Outlet, Quote, Source

AUTHORISATION_CSV = Path(__file__).resolve().parents[2] / "data" / "authorisation_bodies.csv"

# Filled on rows made by an earlier run too, but only where blank: an editor's text is kept.
UKRAINIAN_FIELDS = ("name_uk", "description_uk", "summary_uk", "conditions_uk", "title_uk")


def fill_blanks(obj, values: dict) -> None:
    """Set the Ukrainian fields that are still blank, and add the aliases the row lacks."""
    changed = [name for name in UKRAINIAN_FIELDS if values.get(name) and not getattr(obj, name, "x")]
    for name in changed:
        setattr(obj, name, values[name])
    if "aliases" in values:
        missing = [alias for alias in values["aliases"].splitlines() if alias not in obj.alias_list]
        if missing:
            obj.aliases = "\n".join([*obj.alias_list, *missing])
            changed.append("aliases")
    if changed:
        obj.save(update_fields=changed)


class Command(BaseCommand):
    help = "Load the seed article's actors, sources, quotes, positions, topics and authorisation bodies."

    @transaction.atomic
    def handle(self, *args, **options):
        created = {"topics": 0, "outlets": 0, "sources": 0, "actors": 0, "roles": 0, "quotes": 0, "positions": 0}
        for order, (slug, name, description, deploys) in enumerate(seed.TOPICS, start=1):
            name_uk, description_uk = seed.TOPICS_UK[slug]
            topic, new = Topic.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "involves_deployment": deploys, "order": order},
            )
            fill_blanks(topic, {"name_uk": name_uk, "description_uk": description_uk})
            created["topics"] += new
        outlets = {}
        for row in seed.OUTLETS:
            outlets[row["slug"]], new = Outlet.objects.get_or_create(slug=row["slug"], defaults=row)
            created["outlets"] += new
        sources = {}
        for row in seed.SOURCES:
            fields = {k: v for k, v in row.items() if k != "key"}
            fields["outlet"] = outlets[row["outlet"]]
            sources[row["key"]], new = Source.objects.get_or_create(
                outlet=fields["outlet"],
                title=fields["title"],
                published_on=fields["published_on"],
                url="",
                defaults=fields,
            )
            created["sources"] += new
        actors = {}
        for row in seed.ACTORS:
            fields = {k: v for k, v in row.items() if k != "roles"}
            actors[row["slug"]], new = Actor.objects.get_or_create(slug=row["slug"], defaults=fields)
            fill_blanks(actors[row["slug"]], fields)
            created["actors"] += new
            for title, country, start, end in row.get("roles", []):
                role, new = Role.objects.get_or_create(
                    actor=actors[row["slug"]], title=title, start_on=start, defaults={"country": country, "end_on": end}
                )
                fill_blanks(role, {"title_uk": seed.ROLE_TITLES_UK.get(title, "")})
                created["roles"] += new
        quotes = {}
        for row in seed.QUOTES:
            said_on, precision = row["said"]
            quotes[row["key"]], new = Quote.objects.get_or_create(
                source=sources[row["source"]],
                text=row["text"],
                said_on=said_on,
                defaults={"date_precision": precision, "verification": row["verification"]},
            )
            created["quotes"] += new
        for row in seed.POSITIONS:
            quote = quotes[row["quote"]]
            position, new = Position.objects.get_or_create(
                actor=actors[row["actor"]],
                topic=Topic.objects.get(slug=row["topic"]),
                quote=quote,
                defaults={
                    "stance": row["stance"],
                    "stated_on": quote.said_on,
                    "date_precision": quote.date_precision,
                    "conditions": row.get("conditions", ""),
                    "summary": row["summary"],
                },
            )
            fill_blanks(position, row)
            created["positions"] += new
        created["authorisation bodies"] = self.load_authorisation_bodies()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in created.items()) + " created.")

    def load_authorisation_bodies(self) -> int:
        created = 0
        with AUTHORISATION_CSV.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                body, new = AuthorisationBody.objects.get_or_create(
                    country=row["country_iso2"],
                    scope=Scope(row["scope"]),
                    name=row["body_name"],
                    defaults={
                        "body_kind": BodyKind(row["body_kind"]),
                        "requirement": Requirement(row["requirement"]),
                        "legal_basis": row["legal_basis"],
                        "legal_basis_url": row["source_url"],
                        "confirmed": row["confirmed"].strip().lower() == "yes",
                        "notes": row["notes"],
                    },
                )
                fill_blanks(body, {"name_uk": seed.AUTHORISATION_BODY_NAMES_UK.get(row["body_name"], "")})
                created += new
        return created
