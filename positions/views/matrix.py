"""The country × topic grid of current stances shared by the home and country pages."""

from dataclasses import dataclass, field
from functools import cached_property

from django_countries import countries

from positions.models import CountryStance, Position, Topic


@dataclass
class Cell:
    position: Position
    statements: int


@dataclass
class CountryRow:
    code: str
    name: str
    cells: list = field(default_factory=list)  # one Cell or None per topic, in topic order


def stance_matrix(code: str | None = None):
    """(topics, rows): every topic, and one row per country with a current stance, by country name."""
    stances = CountryStance.objects.select_related("position__actor")
    if code:
        # One country's few stances show their conditions and the role of who stated them.
        stances = stances.filter(country=code).prefetch_related("position__actor__roles")
    else:
        # The grid of every country loads only what a cell shows.
        stances = stances.only(
            "country",
            "topic_id",
            "statements",
            "position__stance",
            "position__stated_on",
            "position__date_precision",
            "position__verification",
            "position__actor__name",
            "position__actor__name_uk",
        )
    # Every topic is a column, even one no government has spoken on: an empty column is news too.
    topics = list(Topic.objects.all())
    by_key = {(stance.country, stance.topic_id): stance for stance in stances}
    rows = []
    for country in sorted({country for country, _ in by_key}, key=lambda c: countries.name(c) or c):
        row = CountryRow(code=country, name=countries.name(country) or country)
        for topic in topics:
            stance = by_key.get((country, topic.pk))
            row.cells.append(Cell(stance.position, stance.statements) if stance else None)
        rows.append(row)
    return topics, rows


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
