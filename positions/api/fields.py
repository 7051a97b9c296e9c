"""Serializer fields shared by the API's resources: addresses, country codes and the `expand` choice.

Every field reads its value by `source`, so a serializer renders model instances and `values()`
rows nested as dicts alike (DRF reads dict keys as it reads attributes).
"""

import datetime
import re
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import get_attribute

from positions.country_codes import in_address
from positions.staleness import age_in_days, age_of

EXPANDABLE = ("quote", "source")
# Stands for an object's key while an address is reversed once per request (digits match ids and slugs).
KEY = "9081726354"
# What quote(text, safe="") leaves as it is: ids and slugs, almost always, which then skip its encoding round trip.
UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


def quoted(key) -> str:
    """quote(str(key), safe=""), quick for the ids and slugs that need no quoting."""
    text = str(key)
    return text if UNQUOTED.fullmatch(text) else quote(text, safe="")


def absolute(field: serializers.Field, path: str) -> str:
    """The path as an absolute URL; the site's base is worked out once per request, not per row."""
    context = field.context
    if "_base_url" not in context:
        context["_base_url"] = context["request"].build_absolute_uri("/").removesuffix("/")
    return context["_base_url"] + path


def address(field: serializers.Field, view_name: str, key) -> str:
    """The absolute URL of reverse(view_name, args=[key]), reversing each view once per request.

    Rows differ only by their key, which is filled into the address reversed for a placeholder.
    """
    around_key = field.context.setdefault("_around_key", {})
    if view_name not in around_key:
        head, _, tail = reverse(view_name, args=[KEY]).partition(KEY)
        around_key[view_name] = (absolute(field, head), tail)
    head, tail = around_key[view_name]
    return head + quoted(key) + tail


def reversed_once(field: serializers.Field, view_name: str) -> str:
    """reverse(view_name) for a view without arguments, once per request."""
    paths = field.context.setdefault("_paths", {})
    if view_name not in paths:
        paths[view_name] = reverse(view_name)
    return paths[view_name]


def expanded(request) -> set[str]:
    """What `?expand=quote,source` asks for; an unknown name is a 400, not silently ignored."""
    if request is None:
        return set()
    wanted = {name.strip() for value in request.query_params.getlist("expand") for name in value.split(",")}
    wanted.discard("")
    unknown = wanted - set(EXPANDABLE)
    if unknown:
        raise ValidationError(
            {"expand": [_("Choose among: %(names)s.") % {"names": ", ".join(EXPANDABLE)}]},
        )
    return wanted


@extend_schema_field(OpenApiTypes.URI)
class AddressField(serializers.Field):
    """An address of the object, reversed from its key (`source`), as an absolute URL."""

    def __init__(self, view_name: str, source: str = "id", **kwargs):
        self.view_name = view_name
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, value):
        return address(self, self.view_name, value)


class PageUrlField(AddressField):
    """The object's public page on the site."""

    def __init__(self, view_name: str, source: str = "id", **kwargs):
        kwargs.setdefault("help_text", _("Address of the public page."))
        super().__init__(view_name, source, **kwargs)


class ApiUrlField(AddressField):
    """The object's address in this API."""

    def __init__(self, view_name: str, source: str = "id", **kwargs):
        kwargs.setdefault("help_text", _("Address of this object in the API."))
        super().__init__(view_name, source, **kwargs)


class CountryAddressField(AddressField):
    """A country's address, reversed for each country: the path converter writes the code (lower case)."""

    def __init__(self, view_name: str, **kwargs):
        super().__init__(view_name, source="code", **kwargs)

    def to_representation(self, value):
        return absolute(self, reverse(self.view_name, args=[value]))


@extend_schema_field(OpenApiTypes.URI)
class FilteredListUrlField(serializers.Field):
    """A list (public or API) filtered by this object, e.g. the positions of one actor."""

    def __init__(self, view_name: str, parameter: str, source: str, **kwargs):
        self.view_name, self.parameter = view_name, parameter
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, value):
        key = in_address(value) if self.parameter == "country" else str(value)
        return absolute(self, f"{reversed_once(self, self.view_name)}?{self.parameter}={quoted(key)}")


@extend_schema_field(OpenApiTypes.URI)
class QuoteUrlField(serializers.Field):
    """A quote's address: its anchor on its source's public page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Address of the quote on its source's public page."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        source_id, pk = get_attribute(value, ["source_id"]), get_attribute(value, ["id"])
        return address(self, "sources:source_detail", source_id) + f"#quote-{pk}"


def request_today(field: serializers.Field) -> datetime.date:
    """The day ages are counted to, once per request, so that every row of an answer agrees."""
    return field.context.setdefault("_today", timezone.localdate())


class StatementAgeField(serializers.Field):
    """Read from the object holding `stated_on` and `date_precision` (`source`, the row itself by default)."""

    def __init__(self, source: str = "*", **kwargs):
        super().__init__(source=source, read_only=True, **kwargs)

    def dates(self, value) -> tuple:
        return get_attribute(value, ["stated_on"]), get_attribute(value, ["date_precision"])


@extend_schema_field({"type": "integer", "minimum": 0})
class AgeDaysField(StatementAgeField):
    """Days since the statement, counted from the last day its date may stand for (positions/staleness.py)."""

    def to_representation(self, value):
        return age_in_days(*self.dates(value), request_today(self))


@extend_schema_field(OpenApiTypes.BOOL)
class StaleField(StatementAgeField):
    """Whether the statement is past STALE_AFTER_MONTHS today, as the site's pages mark it."""

    def to_representation(self, value):
        return age_of(*self.dates(value), request_today(self)).is_stale


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrlField(serializers.Field):
    """The model's own get_absolute_url(), for resources rendered from instances only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Address of the public page."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute(self, value.get_absolute_url())


@extend_schema_field({"type": "string", "nullable": True, "pattern": "^[A-Z]{2}$"})
class CountryCodeField(serializers.Field):
    """ISO 3166 alpha-2 in capitals (as stored), or null where the row has no country (international organisations)."""

    def to_representation(self, value):
        return str(getattr(value, "code", value)) or None


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class KnownUrlField(serializers.CharField):
    """An outside address, or null when it is not known (never guessed)."""

    def to_representation(self, value):
        return value or None


@extend_schema_field({"type": "string", "nullable": True})
class BlankAsNullField(serializers.CharField):
    """Text that is null where nothing is recorded."""

    def to_representation(self, value):
        return value or None
