"""What the API reads for positions and countries: `values()` rows of only the columns sent, nested as the serializers' fields.

DRF's fields read dict keys as they read attributes, so PositionSerializer and CountrySerializer
render these rows as they would render model instances, without building six model instances
per position or three per country stance. A position's role is the model's own rule
(Role.pick_for_day) over the actor's roles, read in one query for the whole page.
"""

from django_countries import countries

from positions.choices import OfficeRank
from positions.models import Actor, CountryStance, Position, Role

POSITION_COLUMNS = (
    "id",
    "stance",
    "stated_on",
    "date_precision",
    "conditions",
    "summary",
    "country",
    "actor_kind",
    "verification",
    "attribution",
    "created_at",
    "updated_at",
    "actor_id",
    "actor__slug",
    "actor__name",
    "actor__kind",
    "actor__country",
    "topic__slug",
    "topic__name",
    "quote__id",
    "quote__translation",
    "quote__source_id",
    "quote__source__id",
    "quote__source__title",
)
# Read only when `expand` asks for them: QuoteSerializer's and SourceRefSerializer's other fields.
EXPANDED_COLUMNS = {
    "quote": (
        "quote__text",
        "quote__original_text",
        "quote__original_language",
        "quote__said_on",
        "quote__date_precision",
        "quote__verification",
        "quote__attribution",
    ),
    "source": (
        "quote__source__outlet__slug",
        "quote__source__outlet__name",
        "quote__source__url",
        "quote__source__published_on",
        "quote__source__published_precision",
        "quote__source__language",
        "quote__source__archive_url",
        "quote__source__accessed_on",
        "quote__source__notes",
    ),
}
STANCE_COLUMNS = (
    "country",
    "statements",
    "state",
    "stance",
    "reported",
    "dissent_count",
    "position__office_rank",
    "topic__slug",
    "topic__name",
    "position__id",
    "position__stance",
    "position__stated_on",
    "position__date_precision",
    "position__verification",
    "position__attribution",
    "position__quote__translation",
    "position__actor__slug",
    "position__actor__name",
    "position__actor__kind",
    "position__actor__country",
)


def nested(row: dict) -> dict:
    """A values() row with each relation's columns in a dict of its own: {"actor__name": …} → {"actor": {"name": …}}."""
    found: dict = {}
    for key, value in row.items():
        *relations, name = key.split("__")
        target = found
        for relation in relations:
            target = target.setdefault(relation, {})
        target[name] = value
    return found


def positions_by_id(ids: list[int], expand: set[str]) -> dict[int, dict]:
    """The positions with these ids as PositionSerializer reads them, each with the role its actor held that day."""
    columns = POSITION_COLUMNS + tuple(column for name in sorted(expand) for column in EXPANDED_COLUMNS[name])
    rows = [nested(row) for row in Position.objects.filter(pk__in=ids).order_by().values(*columns)]
    roles: dict[int, list[Role]] = {}
    actor_ids = {row["actor_id"] for row in rows}
    if actor_ids:
        # An organisation's office names the organisation: read with it, in the same query.
        for role in Role.objects.filter(actor_id__in=actor_ids).select_related("organisation").order_by():
            roles.setdefault(role.actor_id, []).append(role)
    for row in rows:
        row["role"] = Role.pick_for_day(roles.get(row["actor_id"], ()), row["stated_on"])
    return {row["id"]: row for row in rows}


def country_rows(code: str | None = None) -> list[dict]:
    """Every country with actors or a stance, by name, as CountrySerializer reads them; with `code` (capitals), that one.

    Each country's stances come in topic order. A country's own address answers even without
    actors, with no stances.
    """
    stances = CountryStance.objects.order_by("topic__order", "topic__name", "topic_id")
    if code:
        stances = stances.filter(country=code)
    by_code: dict[str, list[dict]] = {}
    for row in stances.values(*STANCE_COLUMNS):
        cell = nested(row)
        cell["stance"] = cell["stance"] or None  # mixed or reported only: no stance
        rank = cell["position"].pop("office_rank")
        cell["office"] = OfficeRank.of_rank(rank) if rank is not None else None
        by_code.setdefault(row["country"], []).append(cell)
    codes = {code} if code else set(by_code) | Actor.objects.country_codes()
    # Sorted codes first, so that countries of the same name keep one order on every request.
    named = sorted(((countries.name(c) or c, c) for c in sorted(codes)), key=lambda pair: pair[0])
    return [{"code": c, "name": name, "stances": by_code.get(c, [])} for name, c in named]
