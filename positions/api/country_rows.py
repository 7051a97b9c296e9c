"""Countries with their current stances rendered straight from database values, as CountrySerializer renders them.

At one million positions the list (~200 countries, ~1,400 stances) cost ~400 ms in Python:
a model instance for each stance, its position and its actor, then DRF's per-field machinery
for ~35 fields per stance and a reverse() per address. Here the stances are one values() query
of only the columns sent, topics and actors are rendered once however many countries share
them, and each address is reversed once per request (as positions/api/rows.py does).

CountrySerializer stays the declaration (the schema, every field's description);
tests/api/test_country_rows.py holds this equal to it, in English and Ukrainian.
"""

from django_countries import countries

from positions.models import Actor, CountryStance

from .rows import PositionRows, day

STANCE_COLUMNS = (
    "country",
    "statements",
    "topic__slug",
    "topic__name",
    "position_id",
    "position__stance",
    "position__stated_on",
    "position__date_precision",
    "position__verification",
    "position__actor__slug",
    "position__actor__name",
    "position__actor__kind",
    "position__actor__country",
)


def country_names() -> dict[str, str]:
    """Each code's name in the active language, as countries.name(code) gives it.

    Read from django-countries' own list, which it translates once per language and keeps,
    where countries.name() translates anew on every call (~8 ms for the 200 countries listed).
    """
    names: dict[str, str] = {}
    for country in countries:
        names.setdefault(country.code, country.name)
    return names


class CountryRows:
    """Renders countries for one request; topics and actors shared by many stances are rendered once."""

    def __init__(self, request):
        # PositionRows holds the per-request address cache and renders actor references.
        self.rows = PositionRows(request, set())
        self.topics: dict[str, dict] = {}
        self.actors: dict[str, dict] = {}

    def countries(self, code: str | None = None) -> list[dict]:
        """Every country with actors or a stance, by name; with `code` (upper case), that country alone."""
        stances = CountryStance.objects.order_by("topic__order", "topic__name", "topic_id")
        if code:
            stances = stances.filter(country=code)
        by_code: dict[str, list[dict]] = {}
        for row in stances.values_list(*STANCE_COLUMNS, named=False):
            by_code.setdefault(row[0], []).append(self.stance(row))
        # A country's own address answers even without actors (an empty list of stances).
        codes = {code} if code else set(by_code) | Actor.objects.country_codes()
        names = country_names()
        # Sorted codes first, so that countries of the same name keep one order on every request.
        named = sorted(((names.get(c) or c, c) for c in sorted(codes)), key=lambda pair: pair[0])
        return [self.country(c, name, by_code.get(c, [])) for name, c in named]

    def country(self, code: str, name: str, stances: list[dict]) -> dict:
        lower = code.lower()
        return {
            "code": code,
            "name": name,
            "url": self.rows.url("positions:country_detail", lower),
            "api_url": self.rows.url("api:country-detail", lower),
            "positions_url": self.rows.path("api:position-list") + f"?country={lower}",
            "stances": stances,
        }

    def stance(self, row: tuple) -> dict:
        (_, statements, topic, topic_name, pk, stance, stated_on, precision, verification, *actor) = row
        return {
            "topic": self.topic(topic, topic_name),
            "stance": stance,
            "stated_on": day(stated_on),
            "date_precision": precision,
            "verification": verification,
            "statements": statements,
            "actor": self.actor(*actor),
            "position": {
                "id": pk,
                "url": self.rows.url("positions:position_detail", pk),
                "api_url": self.rows.url("api:position-detail", pk),
            },
        }

    def topic(self, slug: str, name: str) -> dict:
        if slug not in self.topics:
            self.topics[slug] = {
                "slug": slug,
                "name": name,
                "url": self.rows.filtered("positions:position_list", "topic", slug),
                "api_url": self.rows.url("api:topic-detail", slug),
            }
        return self.topics[slug]

    def actor(self, slug: str, name: str, kind: str, country: str) -> dict:
        if slug not in self.actors:
            self.actors[slug] = self.rows.actor(slug, name, kind, country)
        return self.actors[slug]
