"""Load the seed article's data, the reference record and the reference authorisation bodies,
bringing existing rows in line.

Running it again changes nothing. On a database seeded by an earlier version, the rows it owns
(found by their natural keys, or by earlier keys the seed lists) are updated to the current
seed and new ones are added; rows an editor created are left alone, and a position a person
deleted (in the admin) is not brought back. Topics are only created:
their names and order are the editors' to change. The reference record (positions/demo/record.py)
follows the seed article, through the importer `import_positions` uses; what an editor made or
changed keeps its values. `--no-record` loads the seed article alone; the tests' settings make
that the default (settings.DEMO_RECORD = False), so tests written for the article's eleven
positions keep them to themselves.
"""

import argparse
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from positions.demo import seed, seed_uk
from positions.demo.authorisations import load_authorisation_bodies
from positions.demo.record import deleted_by_editor, load_record
from positions.models import Actor, Position, Role, Topic
from sources.models import Outlet, Quote, Source


def fill_blanks(obj, values: dict) -> None:
    """Set the fields that are still blank, keeping what an editor wrote."""
    changed = [name for name, value in values.items() if value and not getattr(obj, name)]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        say_why(obj, change_reason("", changed))
        obj.save(update_fields=changed)


# django-simple-history keeps a change reason of at most this many characters.
REASON_LENGTH = 100


def say_why(obj: Any, reason: str) -> None:
    """django-simple-history writes this reason into the history row of the object's next save or delete."""
    obj._change_reason = reason


def change_reason(why: str, changed: list[str]) -> str:
    """What the history says of a change the seed made: its reason, or the fields it changed."""
    reason = why or "seed_demo brought in line: " + ", ".join(changed)
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


def bring_in_line(obj, values: dict, why: str = "") -> bool:
    """Set the values that differ and save, saying why in the row's history; whether anything changed."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        say_why(obj, change_reason(why, changed))
        obj.save()
    return bool(changed)


class Command(BaseCommand):
    help = (
        "Load the seed article's actors, sources, quotes, positions and topics, the reference record "
        "and the authorisation bodies."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--record",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Load the reference record after the seed article (default: yes, unless settings.DEMO_RECORD is False).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.removed = 0
        self.seed_positions: set[int] = set()
        topics = self.load_topics()
        outlets = self.load_outlets()
        sources = self.load_sources(outlets)
        actors = self.load_actors()
        quotes = self.load_quotes(sources)
        self.load_positions(actors, topics, quotes)
        self.remove_positions(actors, topics, quotes)
        if options["record"] if options["record"] is not None else getattr(settings, "DEMO_RECORD", True):
            self.load_record()
        bodies = load_authorisation_bodies()
        self.created["authorisation bodies"] += bodies.created
        self.updated["authorisation bodies"] += bodies.updated
        kinds = ["topics", "outlets", "sources", "actors", "roles", "quotes", "positions", "authorisation bodies"]
        self.stdout.write(
            ", ".join(f"{self.created[kind]} {kind}" for kind in kinds)
            + " created; "
            + (", ".join(f"{self.updated[kind]} {kind}" for kind in kinds if self.updated[kind]) or "nothing")
            + " updated"
            + (f"; {self.removed} positions removed." if self.removed else ".")
        )

    def load_record(self) -> None:
        loaded = load_record(
            seed_slugs={row["slug"] for row in seed.ACTORS}, seed_positions=frozenset(self.seed_positions)
        )
        self.created.update(loaded.created)
        self.updated.update(loaded.updated)
        for (kind, created), count in loaded.report.tally().items():
            (self.created if created else self.updated)[f"{kind}s"] += count
        for line in loaded.kept:
            self.stdout.write(f"Reference record: {line}")

    def save(self, kind: str, model, found, values: dict, why: str = ""):
        """Create the row, or bring the one found in line; count either. `why` says in its history why it changed.

        The seed owns its rows' facts, but not what editors add around them: Ukrainian texts are
        filled only where blank, and aliases an editor added are kept beside the seed's.
        """
        if found is None:
            self.created[kind] += 1
            row = model(**values)
            say_why(row, "Added by seed_demo")
            row.save()
            return row
        ukrainian = {name: values.pop(name) for name in list(values) if name.endswith("_uk")}
        if "aliases" in values:
            seed_aliases = values["aliases"].splitlines()
            values["aliases"] = "\n".join([*seed_aliases, *(a for a in found.alias_list if a not in seed_aliases)])
        self.updated[kind] += bring_in_line(found, values, why)
        fill_blanks(found, ukrainian)
        return found

    def load_topics(self) -> dict:
        topics = {}
        for order, (slug, name, description, deploys) in enumerate(seed.TOPICS, start=1):
            name_uk, description_uk = seed_uk.TOPICS_UK[slug]
            topics[slug], new = Topic.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "involves_deployment": deploys, "order": order},
            )
            # Only where blank: topic names are the editors' to change, in both languages.
            fill_blanks(topics[slug], {"name_uk": name_uk, "description_uk": description_uk})
            self.created["topics"] += new
        return topics

    def load_outlets(self) -> dict:
        outlets = {}
        for row in seed.OUTLETS:
            # By slug; else by name, which is unique: the reference record may have created it first.
            found = (
                Outlet.objects.filter(slug=row["slug"]).first()
                or Outlet.objects.filter(name__iexact=row["name"]).first()
            )
            outlets[row["slug"]] = self.save("outlets", Outlet, found, row)
        return outlets

    def load_sources(self, outlets: dict) -> dict:
        sources = {}
        for row in seed.SOURCES:
            values = {k: v for k, v in row.items() if k not in ("key", "previous_titles")}
            values["outlet"] = outlets[row["outlet"]]
            values.setdefault("url", "")
            sources[row["key"]] = self.save("sources", Source, self.find_source(values, row), values)
        return sources

    @staticmethod
    def find_source(values: dict, row: dict) -> Source | None:
        if values["url"]:
            found = Source.objects.filter(url=values["url"]).first()
            if found is not None:
                return found
        # As an earlier seed recorded it: without a URL, by outlet, title and publication date.
        titles = [values["title"], *row.get("previous_titles", [])]
        return Source.objects.filter(
            outlet=values["outlet"], title__in=titles, published_on=values["published_on"], url=""
        ).first()

    def load_actors(self) -> dict:
        actors = {}
        for row in seed.ACTORS:
            values = {k: v for k, v in row.items() if k != "roles"}
            actor = self.save("actors", Actor, Actor.objects.filter(slug=row["slug"]).first(), values)
            actors[row["slug"]] = actor
            for title, country, start, end, rank in row.get("roles", []):
                found = Role.objects.filter(actor=actor, title=title, start_on=start).first()
                values = {
                    "actor": actor,
                    "title": title,
                    "start_on": start,
                    "country": country,
                    "end_on": end,
                    "office_rank": rank,
                }
                values["title_uk"] = seed_uk.ROLE_TITLES_UK.get(title, "")
                self.save("roles", Role, found, values)
        return actors

    def load_quotes(self, sources: dict) -> dict:
        quotes = {}
        for row in seed.QUOTES:
            said_on, precision = row["said"]
            values = {
                "source": sources[row["source"]],
                "text": row["text"],
                "said_on": said_on,
                "date_precision": precision,
                "verification": row["verification"],
                "translation": row["translation"],
                "attribution": row["attribution"],
            }
            texts = [row["text"], *row.get("previous_texts", [])]
            found = Quote.objects.filter(source=values["source"], text__in=texts).order_by("id").first()
            quotes[row["key"]] = self.save("quotes", Quote, found, values)
        return quotes

    def load_positions(self, actors: dict, topics: dict, quotes: dict) -> None:
        deleted = deleted_by_editor()
        for row in seed.POSITIONS:
            quote = quotes[row["quote"]]
            key = (actors[row["actor"]].pk, topics[row["topic"]].pk, quote.pk)
            if key in deleted and self.find_position(row, {"actor": key[0], "topic": key[1], "quote": key[2]}) is None:
                self.stdout.write(
                    f"Seed article: a position an editor deleted, left out ({row['actor']}, {row['topic']})"
                )
                continue
            values = {
                "actor": actors[row["actor"]],
                "topic": topics[row["topic"]],
                "quote": quote,
                "stance": row["stance"],
                "stated_on": quote.said_on,
                "date_precision": quote.date_precision,
                "date_evidence": row.get("date_evidence", ""),
                "conditions": row.get("conditions", ""),
                "summary": row["summary"],
                "conditions_uk": row.get("conditions_uk", ""),
                "summary_uk": row.get("summary_uk", ""),
            }
            saved = self.save("positions", Position, self.find_position(row, values), values, row.get("why", ""))
            self.seed_positions.add(saved.pk)

    @staticmethod
    def find_position(row: dict, values: dict) -> Position | None:
        """By actor, topic and quote; else as an earlier seed filed it, under a topic it lists as previous."""
        same = Position.objects.filter(actor=values["actor"], quote=values["quote"])
        return (
            same.filter(topic=values["topic"]).first()
            or same.filter(topic__slug__in=row.get("previous_topics", [])).order_by("id").first()
        )

    def remove_positions(self, actors: dict, topics: dict, quotes: dict) -> None:
        """Delete the positions an earlier seed made and this one does not, saying why in their history."""
        for row in seed.REMOVED_POSITIONS:
            found = Position.objects.filter(
                actor=actors[row["actor"]], topic=topics[row["topic"]], quote=quotes[row["quote"]]
            ).first()
            if found is not None:
                say_why(found, change_reason(row["why"], []))
                found.delete()
                self.removed += 1
