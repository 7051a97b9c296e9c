"""Countries with their current stances written as JSON straight from database values, as CountrySerializer renders them.

At one million positions the list (~200 countries, ~1,400 stances) cost ~400 ms in Python:
a model instance for each stance, its position and its actor, then DRF's per-field machinery
for ~35 fields per stance, a reverse() per address, and the encoding of every nested object
once per stance. Here the stances are one values() query of only the columns sent, each topic
and actor is written once however many stances name it, and each address is reversed once
per request (as positions/api/rows.py does); json_text.py writes the JSON.

CountrySerializer stays the declaration (the schema, every field's description);
tests/api/test_country_rows.py holds this byte-equal to it, in English and Ukrainian.
"""

from django_countries import countries

from positions.models import Actor, CountryStance

from .fields import KEY
from .json_text import ENCODE_TEXT, JsonObject, literal
from .rows import PositionRows, code, day

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
# The objects sent, keys in CountrySerializer's order.
COUNTRY = JsonObject("code", "name", "url", "api_url", "positions_url", "stances")
STANCE = JsonObject("topic", "stance", "stated_on", "date_precision", "verification", "statements", "actor", "position")
TOPIC = JsonObject("slug", "name", "url", "api_url")
ACTOR = JsonObject("slug", "name", "kind", "country", "url", "api_url")
POSITION = JsonObject("id", "url", "api_url")


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
    """Writes countries for one request; each topic and actor is written once, however many stances name it."""

    def __init__(self, request):
        # PositionRows holds the per-request address cache.
        self.rows = PositionRows(request, set())
        self.topics: dict[str, str] = {}
        self.actors: dict[str, str] = {}
        # A position's two addresses as JSON text either side of its id, which needs neither
        # quoting nor escaping: ~2,800 addresses then cost a concatenation each.
        self.position_page = self.around_id("positions:position_detail")
        self.position_api = self.around_id("api:position-detail")

    def around_id(self, view_name: str) -> tuple[str, str]:
        head, _, tail = literal(self.rows.url(view_name, KEY)).partition(KEY)
        return head, tail

    def countries(self, code: str | None = None) -> list[str]:
        """Every country with actors or a stance, by name; with `code` (upper case), that country alone."""
        stances = CountryStance.objects.order_by("topic__order", "topic__name", "topic_id")
        if code:
            stances = stances.filter(country=code)
        by_code: dict[str, list[str]] = {}
        for row in stances.values_list(*STANCE_COLUMNS):
            by_code.setdefault(row[0], []).append(self.stance(row))
        # A country's own address answers even without actors (an empty list of stances).
        codes = {code} if code else set(by_code) | Actor.objects.country_codes()
        names = country_names()
        # Sorted codes first, so that countries of the same name keep one order on every request.
        named = sorted(((names.get(c) or c, c) for c in sorted(codes)), key=lambda pair: pair[0])
        return [self.country(c, name, by_code.get(c, [])) for name, c in named]

    def country(self, code: str, name: str, stances: list[str]) -> str:
        lower = code.lower()
        return COUNTRY(
            literal(code),
            literal(name),
            literal(self.rows.url("positions:country_detail", lower)),
            literal(self.rows.url("api:country-detail", lower)),
            literal(self.rows.path("api:position-list") + f"?country={lower}"),
            "[" + ",".join(stances) + "]",
        )

    def stance(self, row: tuple) -> str:
        (_, statements, topic, topic_name, pk, stance, stated_on, precision, verification, *actor) = row
        pk = str(int(pk))
        # stance, stated_on, date_precision and verification are never null (NOT NULL columns).
        return STANCE(
            self.topic(topic, topic_name),
            ENCODE_TEXT(stance),
            ENCODE_TEXT(day(stated_on)),
            ENCODE_TEXT(precision),
            ENCODE_TEXT(verification),
            literal(statements),
            self.actor(*actor),
            POSITION(
                pk, self.position_page[0] + pk + self.position_page[1], self.position_api[0] + pk + self.position_api[1]
            ),
        )

    def topic(self, slug: str, name: str) -> str:
        if slug not in self.topics:
            self.topics[slug] = TOPIC(
                literal(slug),
                literal(name),
                literal(self.rows.filtered("positions:position_list", "topic", slug)),
                literal(self.rows.url("api:topic-detail", slug)),
            )
        return self.topics[slug]

    def actor(self, slug: str, name: str, kind: str, country: str) -> str:
        # As ActorRefSerializer (and PositionRows.actor).
        if slug not in self.actors:
            self.actors[slug] = ACTOR(
                literal(slug),
                literal(name),
                literal(kind),
                literal(code(country)),
                literal(self.rows.url("positions:actor_detail", slug)),
                literal(self.rows.url("api:actor-detail", slug)),
            )
        return self.actors[slug]
