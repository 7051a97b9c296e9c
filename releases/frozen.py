"""What a release said, read back from its frozen files: for embeds "as of release X".

The map, the matrix and the timeline of a release are made from its own files, never from the live
database, into the objects the live embeds' templates and SVG builders read: the map and matrix
from stances.csv (each country's cell per topic, decided from the release's positions.json and
offices.csv by the live rule when it was made: releases/stances.py), topics.csv and actors.csv; the
timeline from positions.json. A release never changes, so what is worked out from its files is
cached with no expiry; the key holds the release number, so there is nothing to invalidate.
Releases made before stances.csv, topics.csv and actors.csv existed have no frozen map, matrix or
timeline (`holds_views`).
"""

import bisect
import csv
import datetime
import heapq
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from positions.exchange.format import restore
from positions.timeline.history import HistoryLink
from positions.timeline.layout import SECTION_LIMIT, url_maker
from positions.timeline.parts import EXCERPT_CHARS, ActorRef, TopicRef
from positions.timeline.parts import Statement as TimelineStatement
from positions.views.matrix import Cell, CellActor, CellPosition, CountryRow
from releases.build import read_file, storage, stored_name
from releases.models import Release
from releases.stances import json_rows
from sources.bilingual import localized_value
from sources.collation import collation_key

# The newest statements an embed lists; the release's page and files hold the rest.
EMBED_ROWS = 20
# The query parameters each frozen embed reads; the embed dialog passes these on from the page.
PARAMETERS = {
    "releases:embed_country": (),
    "releases:embed_matrix": (),
    "releases:embed_map": ("topic",),
    "releases:embed_timeline": ("country", "topic"),
}


def positions(number: str, holding: list[list[bytes]] | None = None) -> Iterator[dict]:
    """The release's positions.json, a row at a time, read from storage as it goes: at a million
    positions the file is about half a gigabyte.

    `holding`: only lines holding one of each list's texts are parsed (parsing is most of the time);
    the caller still checks the rows, since a quote may hold the text too.
    """
    with storage().open(stored_name(number, "positions.json"), "rb") as stored:
        lines = (line for line in stored if all(any(text in line for text in texts) for texts in holding or ()))
        yield from json_rows(lines)


def json_text(name: str, value: str) -> bytes:
    """How the export writes a column's value in positions.json (json.dumps's default separators)."""
    return json.dumps({name: value}, ensure_ascii=False)[1:-1].encode()


def csv_rows(number: str, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(read_file(number, name).decode("utf-8"), newline="")))


VIEW_FILES = ("stances.csv", "topics.csv", "actors.csv")


def holds_views(release: Release) -> bool:
    """Whether the release holds what its frozen map, matrix and timeline are made of."""
    return all(release.file(name) is not None for name in VIEW_FILES)


def as_of(release: Release) -> datetime.date:
    """The day the release was made: its stances' ages are counted to it, not to today."""
    return timezone.localdate(release.made_at)


@dataclass(frozen=True)
class FrozenTopic:
    """A topic as the release named it; `pk` is its place in topics.csv, as a Topic's id is in the live views."""

    pk: int
    slug: str
    name: str
    name_uk: str
    order: int


def topics(number: str) -> list[FrozenTopic]:
    """The release's topics, in the order the site listed them (topics.csv)."""
    return [
        FrozenTopic(index, row["topic"], restore(row["name"]), restore(row["name_uk"]), int(row["order"]))
        for index, row in enumerate(csv_rows(number, "topics.csv"), start=1)
    ]


def ukrainian_names(number: str) -> dict[str, str]:
    """Actor key → the actor's Ukrainian name, where the release has one (actors.csv)."""
    return {row["actor_slug"]: restore(row["name_uk"]) for row in csv_rows(number, "actors.csv") if row["name_uk"]}


def country_statements(number: str, code: str) -> tuple[list[dict], int]:
    """The country's positions in the release, newest first (at most EMBED_ROWS), and how many it had."""
    key = f"release-country:{number}:{code}"
    found = cache.get(key)
    if found is None:
        rows = [row for row in positions(number) if row["country"] == code]
        rows.sort(key=lambda row: (row["stated_on"], row["id"]), reverse=True)
        found = (rows[:EMBED_ROWS], len(rows))
        cache.set(key, found, None)
    return found


def stance_cells(number: str) -> tuple[list[FrozenTopic], dict]:
    """The release's topics, and (country, topic slug) → the values of its cell, from stances.csv (releases/stances.py)."""
    key = f"release-cells:{number}"
    found = cache.get(key)
    if found is not None:
        return found
    names = {
        row["actor_slug"]: (restore(row["name"]), restore(row["name_uk"])) for row in csv_rows(number, "actors.csv")
    }
    cells = {}
    for row in csv_rows(number, "stances.csv"):
        cells[row["country"], row["topic"]] = (
            (row["state"], row["stance"], int(row["statements"]), int(row["reported"]), int(row["dissent_count"])),
            (
                int(row["position_id"]),
                row["position_stance"],
                datetime.date.fromisoformat(row["stated_on"]),
                row["date_precision"],
                row["verification"],
                *names.get(row["actor_slug"], (row["actor_slug"], "")),
            ),
        )
    found = (topics(number), cells)
    cache.set(key, found, None)
    return found


class FrozenMatrix:
    """The release's matrix, with the attributes the live embed's template reads of StanceMatrix."""

    def __init__(self, release: Release):
        self.release = release

    @cached_property
    def built(self) -> tuple[list[FrozenTopic], list[CountryRow]]:
        topic_list, cells = stance_cells(self.release.number)
        head, tail = reverse("positions:position_detail", args=[0]).rsplit("0", 1)
        rows = []
        for code in sorted({code for code, _slug in cells}, key=lambda c: collation_key(countries.name(c) or c)):
            row = CountryRow(code=code, name=countries.name(code) or code)
            for topic in topic_list:
                values = cells.get((code, topic.slug))
                if values is None:
                    row.cells.append(None)
                    continue
                (state, stance, statements, reported, dissent_count), shown = values
                pk, shown_stance, stated_on, precision, verification, name, name_uk = shown
                actor = CellActor(name, name_uk)
                position = CellPosition(
                    pk, shown_stance, stated_on, precision, verification, actor, f"{head}{pk}{tail}"
                )
                row.cells.append(Cell(position, statements, state, stance, reported, dissent_count))
            rows.append(row)
        return topic_list, rows

    @property
    def topics(self) -> list[FrozenTopic]:
        return self.built[0]

    @property
    def rows(self) -> list[CountryRow]:
        return self.built[1]

    @cached_property
    def rendered_rows_with_age(self) -> list[str]:
        """Each country's row as the live matrix renders it, its ages counted to the release's day."""
        day = as_of(self.release)
        return [
            render_to_string("positions/_matrix_row.html", {"row": row, "show_age": True, "as_of": day})
            for row in self.rows
        ]


@dataclass
class FrozenTimeline:
    """What `lay_out_timeline` needs: the statements drawn, their actors' histories, the first day drawn."""

    shown: list[TimelineStatement]
    histories: dict
    cutoff: datetime.date | None


def timeline_statements(number: str, codes: set[str], topic_slug: str) -> FrozenTimeline:
    """The release's newest SECTION_LIMIT statements of these countries (all when none) on the topic (all when
    ""), each with the stance before it and its actor's history on its topic, as build_timeline reads them.

    An actor's statements on a topic share its country and the topic, so a pair either matches the
    filters in every row or in none: rows of other pairs are passed over as they are read, and only
    the drawn statements become objects.
    """
    pairs: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    # The newest SECTION_LIMIT + 1 rows by date then id (ISO dates sort as text), as build_timeline cuts a
    # section's; kept in a heap, so a million rows are never held at once.
    newest: list[tuple[str, int, dict]] = []
    holding = [[json_text("country", code) for code in codes]] if codes else []
    holding += [[json_text("topic", topic_slug)]] if topic_slug else []
    for row in positions(number, holding):
        if (codes and row["country"] not in codes) or (topic_slug and row["topic"] != topic_slug):
            continue
        key = (row["stated_on"], row["id"])
        pairs[row["actor_slug"], row["topic"]].append((*key, row["stance"], row["date_precision"]))
        if len(newest) <= SECTION_LIMIT:
            heapq.heappush(newest, (*key, row))
        else:
            heapq.heappushpop(newest, (*key, row))
    newest.sort(key=lambda kept: kept[:2], reverse=True)
    cutoff = newest[SECTION_LIMIT - 1] if len(newest) > SECTION_LIMIT else None
    drawn = newest[:SECTION_LIMIT]
    oldest = min((day, pk) for day, pk, _row in drawn) if drawn else None

    topic_by_slug = {topic.slug: topic for topic in topics(number)}
    names_uk = ukrainian_names(number)
    actor_url_for = url_maker("positions:actor_detail", "actor-slug-placeholder")
    actors: dict[str, ActorRef] = {}
    topic_refs: dict[str, TopicRef] = {}
    shown: list[TimelineStatement] = []
    histories: dict[tuple[int, int], list[HistoryLink]] = {}
    for _day, pk, row in drawn:
        actor = actors.get(row["actor_slug"])
        if actor is None:
            slug = row["actor_slug"]
            actor = actors[slug] = ActorRef(
                len(actors) + 1,
                row["actor"],
                names_uk.get(slug, ""),
                slug,
                row["country"],
                row["actor_kind"],
                actor_url_for(slug),
                localized_value(row["actor"], names_uk.get(slug, "")),
            )
        topic = topic_refs.get(row["topic"])
        if topic is None:
            named = topic_by_slug.get(row["topic"]) or FrozenTopic(0, row["topic"], row["topic"], "", 0)
            topic = topic_refs[row["topic"]] = TopicRef(
                len(topic_refs) + 1, named.name, named.name_uk, named.slug, named.order
            )
        history = sorted(pairs[row["actor_slug"], row["topic"]])
        index = bisect.bisect_left(history, (row["stated_on"], pk))
        histories[actor.id, topic.id] = [
            HistoryLink(link_pk, stance, datetime.date.fromisoformat(day), precision)
            for day, link_pk, stance, precision in history
            if oldest is None or (day, link_pk) >= oldest
        ]
        shown.append(
            TimelineStatement(
                pk,
                actor.id,
                topic.id,
                row["stance"],
                datetime.date.fromisoformat(row["stated_on"]),
                row["date_precision"],
                row["verification"],
                row["country"],
                actor,
                topic,
                row["quote"][: EXCERPT_CHARS + 1],
                history[index - 1][2] if index else None,
                row["quote_translation"],
            )
        )
    shown.sort(key=lambda statement: (statement.actor_id, statement.topic_id, statement.stated_on, statement.pk))
    return FrozenTimeline(shown, histories, datetime.date.fromisoformat(cutoff[0]) if cutoff else None)
