"""The country × topic grid of current stances shared by the home and country pages."""

from dataclasses import dataclass, field

from django.db.models import Count
from django_countries import countries

from positions.models import Position, Topic


@dataclass
class Cell:
    position: Position
    statements: int


@dataclass
class CountryRow:
    code: str
    name: str
    cells: list = field(default_factory=list)  # one Cell or None per topic, in topic order


def statement_counts(positions) -> dict[tuple[str, int], int]:
    """How many governmental statements stand behind each (country, topic) stance, so a thin record shows."""
    rows = positions.governmental().order_by().values("country", "topic").annotate(n=Count("id"))
    return {(row["country"], row["topic"]): row["n"] for row in rows}


def stance_matrix(code: str | None = None):
    """(topics, rows): every topic, and one row per country with a current stance, by country name."""
    stances = Position.objects.country_stances().with_related()
    everything = Position.objects.all()
    if code:
        stances = stances.for_country(code)
        everything = everything.for_country(code)
    stances = list(stances)
    counts = statement_counts(everything)
    # Every topic is a column, even one no government has spoken on: an empty column is news too.
    topics = list(Topic.objects.all())
    by_key = {(position.country, position.topic_id): position for position in stances}
    rows = []
    for country in sorted({position.country for position in stances}, key=lambda c: countries.name(c) or c):
        row = CountryRow(code=country, name=countries.name(country) or country)
        for topic in topics:
            position = by_key.get((country, topic.pk))
            row.cells.append(Cell(position, counts.get((country, topic.pk), 0)) if position else None)
        rows.append(row)
    return topics, rows
