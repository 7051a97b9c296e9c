"""The country × topic grid of current stances shared by the home and country pages."""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from positions.cache_keys import rendering_key
from positions.choices import Stance
from positions.models import CountryStance, Position, Role, Topic
from positions.stance_rule import CellState
from sources.collation import collation_key


@dataclass
class Cell:
    """A country's cell on a topic (CountryStance): the statement shown, its state, and what stands beside it."""

    position: "Position | CellPosition"  # a CellPosition in the grid of every country
    statements: int
    state: str = CellState.DECIDED
    stance: str = ""  # the stance decided; "" when mixed or reported only
    reported: int = 0
    dissent_count: int = 0
    # Read for one country's page only:
    role: Role | None = None
    dissent: list = field(default_factory=list)  # the disagreeing Positions, highest office first
    newest_report: Position | None = None

    @property
    def badge(self) -> str:
        """The value the cell's badge shows: its stance, or "mixed" or "reported"."""
        return self.stance if self.state == CellState.DECIDED else self.state

    @property
    def label(self) -> str:
        return str(CellState(self.state).label if self.state != CellState.DECIDED else Stance(self.stance).label)

    @property
    def decided(self) -> bool:
        return self.state == CellState.DECIDED

    @property
    def mixed(self) -> bool:
        return self.state == CellState.MIXED

    @property
    def reported_only(self) -> bool:
        return self.state == CellState.REPORTED

    @property
    def older_dissent(self) -> int:
        """Disagreeing statements of the shown statement's office rank: older ones, or the other voice of a mix."""
        rank = getattr(self.position, "office_rank", None)
        return sum(1 for other in self.dissent if other.office_rank == rank)

    @property
    def junior_dissent(self) -> int:
        return self.dissent_count - self.older_dissent

    @classmethod
    def of(cls, stance: CountryStance, **more) -> "Cell":
        return cls(
            stance.position,
            stance.statements,
            stance.state,
            stance.stance,
            stance.reported,
            stance.dissent_count,
            **more,
        )


@dataclass
class CountryRow:
    code: str
    name: str
    cells: list = field(default_factory=list)  # one Cell or None per topic, in topic order


class CellActor:
    """Who stated a cell's position: its names, all a cell shows of the actor."""

    __slots__ = ("name", "name_uk")

    def __init__(self, name: str, name_uk: str):
        self.name, self.name_uk = name, name_uk


class CellPosition:
    """What the grid of every country shows of a cell's position, read as values.

    ~1,400 cells each built a CountryStance, a Position and an Actor instance and reversed the
    position's address: about a fifth of rebuilding the home matrix after a write. This holds
    the same attributes the matrix, the map rows and the countries list read of a Position.
    """

    __slots__ = ("pk", "stance", "stated_on", "date_precision", "verification", "actor", "url")

    def __init__(self, pk, stance, stated_on, date_precision, verification, actor: CellActor, url: str):
        self.pk, self.stance, self.stated_on, self.date_precision = pk, stance, stated_on, date_precision
        self.verification, self.actor, self.url = verification, actor, url

    @property
    def id(self):
        return self.pk

    def get_absolute_url(self) -> str:
        return self.url

    def get_stance_display(self) -> str:
        return str(Stance(self.stance).label)


# The grid's columns: the country stance's, then its position's and actor's.
GRID_COLUMNS = (
    "country",
    "topic_id",
    "statements",
    "state",
    "stance",
    "reported",
    "dissent_count",
    "position_id",
    "position__stance",
    "position__stated_on",
    "position__date_precision",
    "position__verification",
    "position__actor__name",
    "position__actor__name_uk",
)


def grid_cells() -> dict:
    """(country, topic id) → Cell for every current stance, in one query of values."""
    # The address of position 0, split around the id: one reverse() for all cells.
    head, tail = reverse("positions:position_detail", args=[0]).rsplit("0", 1)
    actors: dict = {}
    cells = {}
    for (
        country,
        topic_id,
        statements,
        state,
        cell_stance,
        reported,
        dissent_count,
        pk,
        stance,
        stated_on,
        precision,
        verification,
        name,
        name_uk,
    ) in CountryStance.objects.order_by().values_list(*GRID_COLUMNS):
        actor = actors.get((name, name_uk)) or actors.setdefault((name, name_uk), CellActor(name, name_uk))
        position = CellPosition(pk, stance, stated_on, precision, verification, actor, f"{head}{pk}{tail}")
        cells[country, topic_id] = Cell(position, statements, state, cell_stance, reported, dissent_count)
    return cells


def country_cells(codes) -> dict:
    """(country, topic id) → Cell of a few countries, with why each cell says what it says: in three queries.

    The cells, with the shown statement, its actor, role and newest report; then every
    disagreeing statement the cells list, with their actors and roles.
    """
    stances = list(
        CountryStance.objects.filter(country__in=codes).select_related(
            "position__actor", "position__quote", "role", "newest_report__actor"
        )
    )
    ids = {pk for stance in stances for pk in stance.dissent}
    dissent = {}
    if ids:
        for position in Position.objects.filter(id__in=ids).select_related("actor").prefetch_related("actor__roles"):
            dissent[position.pk] = position
    return {
        (stance.country, stance.topic_id): Cell.of(
            stance,
            role=stance.role,
            dissent=[dissent[pk] for pk in stance.dissent if pk in dissent],
            newest_report=stance.newest_report,
        )
        for stance in stances
    }


def stance_matrix(code: str | None = None):
    """(topics, rows): every topic, and one row per country with a current stance, by country name."""
    # Every topic is a column, even one no government has spoken on: an empty column is news too.
    topics = list(Topic.objects.all())
    if code:
        by_key = country_cells([code])
    else:
        by_key = grid_cells()
    rows = []
    for country in sorted({country for country, _ in by_key}, key=lambda c: collation_key(countries.name(c) or c)):
        row = CountryRow(code=country, name=countries.name(country) or country)
        for topic in topics:
            row.cells.append(by_key.get((country, topic.pk)))
        rows.append(row)
    return topics, rows


# A country's row stays rendered as long as its cells are unchanged, up to a day (the day is in the key).
ROWS_KEPT_SECONDS = 86400


def row_digest(row: CountryRow, topic_ids: tuple) -> str:
    """What a grid row shows, hashed: the country, the topics' order, and each cell's values."""
    cells = tuple(
        None
        if cell is None
        else (
            cell.statements,
            cell.badge,
            cell.dissent_count,
            cell.position.pk,
            cell.position.stance,
            cell.position.stated_on,
            cell.position.date_precision,
            cell.position.verification,
            cell.position.actor.name,
            cell.position.actor.name_uk,
        )
        for cell in row.cells
    )
    return hashlib.blake2b(repr((row.code, row.name, topic_ids, cells)).encode(), digest_size=16).hexdigest()


def rendered_rows(topics, rows: list[CountryRow], show_age: bool = False) -> list[str]:
    """Each country's row rendered by templates/positions/_matrix_row.html, reusing the kept rendering of rows whose cells are unchanged.

    A write changes one country's stance on a topic, so the first reader after it renders one
    row rather than every country's: the renderings of the grid are kept in one cache entry per
    language, script prefix, day (a cell turns stale with the days) and release, by each row's
    digest. One read and at most one write of the cache, whatever the number of countries.
    """
    key = rendering_key("matrix-rows", timezone.localdate(), settings.HTTP_CACHE_RELEASE, show_age)
    kept = cache.get(key) or {}
    topic_ids = tuple(topic.pk for topic in topics)
    current = {}
    for row in rows:
        digest = row_digest(row, topic_ids)
        markup = kept.get(digest)
        if markup is None:
            markup = render_to_string("positions/_matrix_row.html", {"row": row, "show_age": show_age})
        current[digest] = markup
    # Only the rows shown now are kept: a row replaced by a write is let go.
    if current.keys() != kept.keys():
        cache.set(key, current, ROWS_KEPT_SECONDS)
    return list(current.values())


class StanceMatrix:
    """The matrix, built only when a template first reads it: not at all when its rendering is cached."""

    def __init__(self, code: str | None = None):
        self.code = code

    @cached_property
    def built(self):
        return stance_matrix(self.code)

    @property
    def topics(self):
        return self.built[0]

    @property
    def rows(self):
        return self.built[1]

    @cached_property
    def rendered_rows(self) -> list[str]:
        return rendered_rows(self.topics, self.rows)

    @cached_property
    def rendered_rows_with_age(self) -> list[str]:
        """The rows with every cell's age, for embeds read away from the site."""
        return rendered_rows(self.topics, self.rows, show_age=True)
