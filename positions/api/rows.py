"""A page of the positions list rendered straight from database values, as PositionSerializer renders them.

At one million positions a page of 50 cost ~60 ms in Python: model instances for six tables
per row, then DRF's per-field machinery (~55 fields a row) and a reverse() per address. Here a
page is two queries of only the columns sent (the row with its actor, topic, quote, source and
outlet; the actors' roles) and plain dicts; each address is reversed once per request.

PositionSerializer stays the declaration (the schema, every field's description) and renders
a single position; tests/api/test_rows.py holds the two equal on every row, with and without
`expand`.
"""

from urllib.parse import quote

from rest_framework import serializers

from positions.models import Position, Role

from .fields import absolute, address, reversed_once
from .source_serializers import QuoteSerializer, SourceRefSerializer

COLUMNS = (
    "id",
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
    "actor_id",
    "actor__slug",
    "actor__name",
    "actor__kind",
    "actor__country",
    "topic__slug",
    "topic__name",
    "quote_id",
    "quote__source_id",
    "quote__source__title",
)
QUOTE_COLUMNS = (
    "quote__text",
    "quote__original_text",
    "quote__original_language",
    "quote__said_on",
    "quote__date_precision",
    "quote__verification",
    "quote__translation",
)
SOURCE_COLUMNS = (
    "quote__source__outlet__slug",
    "quote__source__outlet__name",
    "quote__source__url",
    "quote__source__published_on",
    "quote__source__published_precision",
    "quote__source__language",
    "quote__source__archive_url",
    "quote__source__accessed_on",
    "quote__source__notes",
)
ROLE_COLUMNS = (
    "id",
    "actor_id",
    "title",
    "country",
    "start_on",
    "end_on",
    "organisation_id",
    "organisation__slug",
    "organisation__name",
    "organisation__kind",
    "organisation__country",
)
# DRF's own datetime rendering (the current time zone, "Z" for UTC), so both paths agree.
DATETIME = serializers.DateTimeField()


def code(value) -> str | None:
    """As CountryCodeField: ISO 3166 alpha-2 in capitals, null when blank."""
    value = getattr(value, "code", value)
    return str(value).upper() if value else None


def day(value) -> str | None:
    return value.isoformat() if value else None


class PositionRows:
    """Renders pages of positions for one request; addresses are reversed once, then filled in per row."""

    def __init__(self, request, expand: set[str]):
        self.expand = expand
        # The same per-request cache the serializer fields use (fields.absolute, fields.reversed_path).
        self.context = {"request": request}

    def url(self, view_name: str, key) -> str:
        return address(self, view_name, key)

    def path(self, view_name: str) -> str:
        return absolute(self, reversed_once(self, view_name))

    def by_id(self, ids: list[int]) -> dict[int, dict]:
        columns = COLUMNS
        if "quote" in self.expand:
            columns += QUOTE_COLUMNS
        if "source" in self.expand:
            columns += SOURCE_COLUMNS
        rows = list(Position.objects.filter(pk__in=ids).order_by().values(*columns))
        roles = self.roles_of({row["actor_id"] for row in rows})
        return {row["id"]: self.position(row, roles.get(row["actor_id"], ())) for row in rows}

    @staticmethod
    def roles_of(actor_ids: set[int]) -> dict[int, list[dict]]:
        found: dict[int, list[dict]] = {}
        if not actor_ids:
            return found
        for role in Role.objects.filter(actor_id__in=actor_ids).order_by().values(*ROLE_COLUMNS):
            found.setdefault(role["actor_id"], []).append(role)
        return found

    def actor(self, slug, name, kind, country) -> dict:
        return {
            "slug": slug,
            "name": name,
            "kind": kind,
            "country": code(country),
            "url": self.url("positions:actor_detail", slug),
            "api_url": self.url("api:actor-detail", slug),
        }

    def role(self, roles, stated_on) -> dict | None:
        # As Role.pick_for_day: the latest-starting role covering the day, then the highest id.
        covering = [
            role
            for role in roles
            if role["start_on"] <= stated_on and (role["end_on"] is None or role["end_on"] >= stated_on)
        ]
        if not covering:
            return None
        role = max(covering, key=lambda role: (role["start_on"], role["id"]))
        organisation = None
        if role["organisation_id"] is not None:
            organisation = self.actor(
                role["organisation__slug"],
                role["organisation__name"],
                role["organisation__kind"],
                role["organisation__country"],
            )
        return {
            "title": role["title"],
            "country": code(role["country"]),
            "organisation": organisation,
            "start_on": day(role["start_on"]),
            "end_on": day(role["end_on"]),
        }

    def position(self, row: dict, roles) -> dict:
        pk, topic, quote_id, source_id = row["id"], row["topic__slug"], row["quote_id"], row["quote__source_id"]
        return {
            "id": pk,
            "url": self.url("positions:position_detail", pk),
            "api_url": self.url("api:position-detail", pk),
            "actor": self.actor(row["actor__slug"], row["actor__name"], row["actor__kind"], row["actor__country"]),
            "role": self.role(roles, row["stated_on"]),
            "topic": {
                "slug": topic,
                "name": row["topic__name"],
                "url": self.filtered("positions:position_list", "topic", topic),
                "api_url": self.url("api:topic-detail", topic),
            },
            "stance": row["stance"],
            "stated_on": day(row["stated_on"]),
            "date_precision": row["date_precision"],
            "conditions": row["conditions"],
            "summary": row["summary"],
            "country": code(row["country"]),
            "actor_kind": row["actor_kind"],
            "verification": row["verification"],
            "quote": self.quote(row, quote_id, source_id),
            "source": self.source(row, source_id),
            "created_at": DATETIME.to_representation(row["created_at"]),
            "updated_at": DATETIME.to_representation(row["updated_at"]),
        }

    def filtered(self, view_name: str, parameter: str, key: str) -> str:
        # As FilteredListUrlField.
        return self.path(view_name) + f"?{parameter}={quote(key, safe='')}"

    def quote(self, row: dict, quote_id: int, source_id: int) -> dict:
        # As Quote.get_absolute_url: the quote's anchor on its source's page.
        quote = {"id": quote_id, "url": self.url("sources:source_detail", source_id) + f"#quote-{quote_id}"}
        if "quote" not in self.expand:
            return {key: quote[key] for key in QuoteSerializer.BRIEF}
        quote.update(
            text=row["quote__text"],
            original_text=row["quote__original_text"],
            original_language=row["quote__original_language"] or None,
            said_on=day(row["quote__said_on"]),
            date_precision=row["quote__date_precision"],
            verification=row["quote__verification"],
            translation=row["quote__translation"],
        )
        return quote

    def source(self, row: dict, source_id: int) -> dict:
        source = {
            "id": source_id,
            "title": row["quote__source__title"],
            "url": self.url("sources:source_detail", source_id),
            "api_url": self.url("api:source-detail", source_id),
        }
        if "source" not in self.expand:
            return {key: source[key] for key in SourceRefSerializer.BRIEF}
        outlet = row["quote__source__outlet__slug"]
        source.update(
            outlet={
                "slug": outlet,
                "name": row["quote__source__outlet__name"],
                # As Outlet.get_absolute_url: the sources list filtered by the outlet.
                "url": self.path("sources:source_list") + f"?outlet={outlet}",
                "api_url": self.url("api:outlet-detail", outlet),
            },
            document_url=row["quote__source__url"] or None,
            published_on=day(row["quote__source__published_on"]),
            published_precision=row["quote__source__published_precision"],
            language=row["quote__source__language"],
            archive_url=row["quote__source__archive_url"] or None,
            accessed_on=day(row["quote__source__accessed_on"]),
            notes=row["quote__source__notes"],
        )
        return source
