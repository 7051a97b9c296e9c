"""The reference record (positions/data/record*.csv, docs/data-note.md), loaded by seed_demo.

The actors come from record_actors.csv (Ukrainian names, aliases, dated offices with their
ranks), then the statements from record.csv through the importer `import_positions` uses.

The record owns the rows its natural keys name (actor slug, source URL, quote text, position),
and seed_demo brings them in line with it. What an editor made is left alone: a row whose
history names a person (history_user set: created or changed in the admin, or imported by a
signed-in editor) keeps its stored values, which replace the record's cells for it before the
import, so the import finds nothing to change there; a position a person deleted is left out.
Rows whose keys the record does not name
are never read. The seed article's actors (positions/demo/seed.py) are the seed's: the record
only adds to them (aliases, a blank Ukrainian name, its roles).
"""

import csv
import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db.models import Model, QuerySet

from positions.exchange.importer import import_rows
from positions.exchange.readers import RawRow, iter_rows
from positions.exchange.report import ImportReport
from positions.models import Actor, Position, Role, Topic
from sources.models import Quote, Source

DATA = Path(__file__).resolve().parents[1] / "data"
RECORD = DATA / "record.csv"
RECORD_ACTORS = DATA / "record_actors.csv"
RECORD_CODINGS = DATA / "record_codings.csv"


@dataclass
class Loaded:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)  # rows left as an editor has them, and why
    report: ImportReport = field(default_factory=ImportReport)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def edited(queryset: QuerySet) -> set[int]:
    """The ids among `queryset` whose history names a person: rows an editor made or changed."""
    history = queryset.model.history.model
    ids = queryset.values("pk")
    return set(history.objects.filter(id__in=ids, history_user__isnull=False).values_list("id", flat=True))


def deleted_by_editor() -> set[tuple[int, int, int]]:
    """(actor id, topic id, quote id) of each position a person deleted (in the admin, or any signed-in
    edit): seed_demo does not bring those back. A deletion without a person (a script, an earlier
    seed) is not a decision about the data, and the seed restores the row."""
    history = Position.history.model
    return set(
        history.objects.filter(history_type="-", history_user__isnull=False).values_list(
            "actor_id", "topic_id", "quote_id"
        )
    )


def bring_in_line(obj: Model, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return bool(changed)


def roles_of(row: dict) -> list[tuple[str, datetime.date, datetime.date | None, str]]:
    """(title, start, end or None, office rank) of each role: `title|start|end` separated by `;`,
    with one rank per role in the same order (`head;other`)."""
    roles = [role for role in row["roles"].split(";") if role]
    ranks = [rank for rank in row["office_ranks"].split(";") if rank]
    out = []
    for role, rank in zip(roles, ranks, strict=True):
        title, start, end = role.split("|")
        out.append((title, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end) if end else None, rank))
    return out


def load_actors(seed_slugs: set[str], loaded: Loaded) -> None:
    rows = read_csv(RECORD_ACTORS)
    found = {actor.slug: actor for actor in Actor.objects.filter(slug__in=[row["actor_slug"] for row in rows])}
    by_editor = edited(Actor.objects.filter(pk__in=[actor.pk for actor in found.values()]))
    for row in rows:
        aliases = [alias for alias in row["aliases"].split("|") if alias]
        actor = found.get(row["actor_slug"])
        if actor is None:
            actor = Actor.objects.create(
                slug=row["actor_slug"],
                name=row["name"],
                name_uk=row["name_uk"],
                kind=row["kind"],
                country=row["country"],
                aliases="\n".join(aliases),
            )
            loaded.created["actors"] += 1
        else:
            values = {"aliases": "\n".join([*actor.alias_list, *(a for a in aliases if a not in actor.alias_list)])}
            if not actor.name_uk:
                values["name_uk"] = row["name_uk"]
            # The seed's actors are the seed's, an editor's the editor's: the record only adds.
            if actor.slug not in seed_slugs and actor.pk not in by_editor:
                values.update(name=row["name"], kind=row["kind"], country=row["country"])
            loaded.updated["actors"] += bring_in_line(actor, values)
        load_roles(actor, row, loaded)


def load_roles(actor: Actor, row: dict, loaded: Loaded) -> None:
    held = {(role.title, role.start_on): role for role in actor.roles.all()}
    by_editor = edited(actor.roles.all())
    for title, start, end, rank in roles_of(row):
        role = held.get((title, start))
        if role is None:
            Role.objects.create(
                actor=actor, title=title, start_on=start, end_on=end, country=actor.country, office_rank=rank
            )
            loaded.created["roles"] += 1
        elif role.pk not in by_editor:
            loaded.updated["roles"] += bring_in_line(role, {"end_on": end, "office_rank": rank})


def actor_cells(actor) -> dict:
    return {"actor": actor.name, "actor_kind": actor.kind, "country": actor.country.code or ""}


def source_cells(source: Source) -> dict:
    return {
        "source_title": source.title,
        "published_on": source.published_on.isoformat() if source.published_on else "",
        "published_precision": source.published_precision,
        "archive_url": source.archive_url,
        "outlet": source.outlet.name,
    }


def quote_cells(quote: Quote) -> dict:
    return {
        "quote_original": quote.original_text,
        "quote_language": quote.original_language,
        "verification": quote.verification,
        "quote_translation": quote.translation,
        "attribution": quote.attribution,
    }


def position_cells(position: Position) -> dict:
    return {
        "stated_on": position.stated_on.isoformat(),
        "date_precision": position.date_precision,
        "stance": position.stance,
        "conditions": position.conditions,
        "summary": position.summary,
        "date_evidence": position.date_evidence,
    }


def keep_editors_values(rows: list[RawRow], loaded: Loaded, seed_positions: frozenset[int] = frozenset()) -> None:
    """Replace the record's cells with the stored values of every row an editor made or changed.

    The seed article's positions (`seed_positions`, loaded just before) keep the seed's words too:
    where the record repeats one in its own words, the two would otherwise rewrite each other on
    every run.
    """
    urls = {row.cells["source_url"] for row in rows}
    sources = {s.url: s for s in Source.objects.filter(url__in=urls).select_related("outlet")}
    quotes = {(q.source.url, q.text): q for q in Quote.objects.filter(source__url__in=urls).select_related("source")}
    positions = {
        (p.actor.slug, p.topic.slug, p.quote.source.url, p.quote.text): p
        for p in Position.objects.filter(quote__source__url__in=urls).select_related("actor", "topic", "quote__source")
    }
    actors = {a.slug: a for a in Actor.objects.filter(slug__in={row.cells["actor_slug"] for row in rows})}
    edited_sources = edited(Source.objects.filter(url__in=urls))
    edited_quotes = edited(Quote.objects.filter(source__url__in=urls))
    edited_positions = edited(Position.objects.filter(quote__source__url__in=urls))
    edited_actors = edited(Actor.objects.filter(pk__in=[a.pk for a in actors.values()]))
    for row in rows:
        cells = row.cells
        actor = actors.get(cells["actor_slug"])
        source = sources.get(cells["source_url"])
        quote = quotes.get((cells["source_url"], cells["quote"]))
        position = positions.get((cells["actor_slug"], cells["topic"], cells["source_url"], cells["quote"]))
        checks: list[tuple[Any, set[int], Callable[[Any], dict]]] = [
            (actor, edited_actors, actor_cells),
            (source, edited_sources, source_cells),
            (quote, edited_quotes, quote_cells),
            (position, edited_positions, position_cells),
        ]
        if position is not None and position.pk in seed_positions:
            cells.update(position_cells(position))
        for obj, ids, values in checks:
            if obj is not None and obj.pk in ids:
                stored = values(obj)
                if any(cells[name] != value for name, value in stored.items()):
                    loaded.kept.append(f"line {row.line}: {type(obj).__name__.lower()} {obj} as an editor left it")
                cells.update(stored)


def without_deleted(rows: list[RawRow], loaded: Loaded) -> list[RawRow]:
    """The rows but those whose position a person deleted and nobody has added again."""
    deleted = deleted_by_editor()
    if not deleted:
        return rows
    urls = {row.cells["source_url"] for row in rows}
    actors = dict(Actor.objects.filter(slug__in={row.cells["actor_slug"] for row in rows}).values_list("slug", "id"))
    topics = dict(Topic.objects.values_list("slug", "id"))
    quotes = {
        (url, text): pk
        for pk, url, text in Quote.objects.filter(source__url__in=urls).values_list("id", "source__url", "text")
    }
    kept = []
    for row in rows:
        cells = row.cells
        key = (
            actors.get(cells["actor_slug"]),
            topics.get(cells["topic"]),
            quotes.get((cells["source_url"], cells["quote"])),
        )
        if key in deleted and not Position.objects.filter(actor_id=key[0], topic_id=key[1], quote_id=key[2]).exists():
            loaded.kept.append(f"line {row.line}: a position an editor deleted, left out")
        else:
            kept.append(row)
    return kept


# The public note of a stance or date the shipped record corrects in a database loaded from an older one.
RECORD_CORRECTION = "Corrected in the tracker's reference record (record.csv)."


def load_record(seed_slugs: set[str], seed_positions: frozenset[int] = frozenset()) -> Loaded:
    """Load the record's actors and statements; what an editor made keeps its values, what an editor deleted stays deleted."""
    loaded = Loaded()
    load_actors(seed_slugs, loaded)
    rows = without_deleted(list(iter_rows(RECORD.read_bytes(), RECORD.name)), loaded)
    keep_editors_values(rows, loaded, seed_positions)
    report = import_rows(rows, may_create_topics=True, correction_note=RECORD_CORRECTION)
    if report.errors:
        # A row an editor's change made inconsistent (a role's dates moved, say) is left out
        # rather than holding back the rest of the record; the command lists it.
        refused = {error.line for error in report.errors}
        loaded.kept.extend(str(error) for error in report.errors)
        report = import_rows(
            [row for row in rows if row.line not in refused], may_create_topics=True, correction_note=RECORD_CORRECTION
        )
        if report.errors:
            raise ValueError("; ".join(str(error) for error in report.errors))
    loaded.report = report
    return loaded
