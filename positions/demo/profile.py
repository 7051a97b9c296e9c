"""What the synthetic data looks like: its time span, weights, sizes and the columns of each table.

Kept apart from the generator (synthetic.py) so the shape of the data can be read and tuned in one place.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from positions.choices import Stance
from positions.demo import names
from sources.models import OutletKind

FIRST_DAY = datetime.date(2014, 1, 1)
LAST_DAY = datetime.date(2026, 10, 31)
# Statements per year: a trickle after 2014, a flood since the full-scale invasion.
YEAR_WEIGHTS = {
    2014: 4,
    2015: 2,
    2016: 1,
    2017: 1,
    2018: 1,
    2019: 1,
    2020: 1,
    2021: 2,
    2022: 14,
    2023: 12,
    2024: 16,
    2025: 18,
    2026: 12,
}
TOPIC_WEIGHTS = {
    "combat-troops": 30,
    "instructors": 15,
    "reassurance-force": 20,
    "peacekeeping": 12,
    "air-policing": 8,
    "troops-for-russia": 8,
    "foreign-volunteers": 7,
}
# How much more opposed than usual actors are to each topic, on the supports (0) … rules-out (4) scale.
TOPIC_RELUCTANCE = {
    "combat-troops": 0.8,
    "instructors": -0.8,
    "reassurance-force": -0.3,
    "peacekeeping": -0.2,
    "air-policing": 0.3,
    "troops-for-russia": 1.5,
    "foreign-volunteers": -0.5,
}
SCALE = [Stance.SUPPORTS, Stance.OPEN, Stance.UNDECIDED, Stance.OPPOSES, Stance.RULES_OUT]
TRUSTED_OUTLET_KINDS = {OutletKind.GOVERNMENT, OutletKind.PARLIAMENT, OutletKind.ORGANISATION}
# One quote in this many backs a second position of the same actor on another topic.
SHARED_QUOTE_SHARE = 0.15

ACTOR_COLUMNS = ("id", "name", "slug", "kind", "country", "aliases", "wikidata_id", "description")
ROLE_COLUMNS = ("id", "actor_id", "title", "country", "organisation_id", "start_on", "end_on")
OUTLET_COLUMNS = ("id", "name", "slug", "url", "country", "kind")
SOURCE_COLUMNS = (
    "id",
    "outlet_id",
    "title",
    "url",
    "published_on",
    "published_precision",
    "language",
    "archive_url",
    "accessed_on",
    "notes",
)
QUOTE_COLUMNS = (
    "id",
    "source_id",
    "text",
    "original_text",
    "original_language",
    "said_on",
    "date_precision",
    "verification",
    "translation",
)
POSITION_COLUMNS = (
    "id",
    "actor_id",
    "topic_id",
    "quote_id",
    "stance",
    "stated_on",
    "date_precision",
    "conditions",
    "summary",
    "country",
    "actor_kind",
    "verification",
    "created_at",
    "updated_at",
)


def slug_prefix(seed: int) -> str:
    """Synthetic slugs start with this, so they never meet the seed data's or another seed's."""
    return f"syn-{seed}-"


@dataclass
class SyntheticActor:
    id: int
    name: str
    kind: str
    country: str
    context: str  # the country or organisation a quote of this actor speaks for
    lean: float  # usual place on the supports (0) … rules-out (4) scale
    drift: float  # change of lean per year
    weight: float  # share of statements


@dataclass
class SyntheticSource:
    id: int
    published_on: datetime.date
    precision: str
    language: str
    trusted: bool


@dataclass
class Sizes:
    positions: int
    actors: int
    countries: int
    organisations: int
    outlets: int
    sources: int

    @classmethod
    def for_positions(cls, positions: int) -> "Sizes":
        actors = max(12, round(positions / 50))
        return cls(
            positions=positions,
            actors=actors,
            countries=min(200, max(3, actors // 8)),
            organisations=min(len(names.ORGANISATIONS), max(1, actors // 100)),
            outlets=min(500, max(5, positions // 2000)),
            sources=max(1, positions // 3),
        )


def cumulative(weights: Iterable[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out
