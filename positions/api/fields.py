"""Serializer fields shared by the API's resources: addresses, country codes and the `expand` choice."""

import re
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

EXPANDABLE = ("quote", "source")
# Stands for an object's key while an address is reversed once per request (digits match any converter).
KEY = "9081726354"
# What quote(text, safe="") leaves as it is: ids and slugs, almost always, which then skip its encoding round trip.
UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


def quoted(key) -> str:
    """quote(str(key), safe=""), quick for the ids and slugs that need no quoting (thousands per country list)."""
    text = str(key)
    return text if UNQUOTED.fullmatch(text) else quote(text, safe="")


def absolute(field: serializers.Field, path: str) -> str:
    """The path as an absolute URL; the site's base is worked out once per request, not per row."""
    context = field.context
    if "_base_url" not in context:
        context["_base_url"] = context["request"].build_absolute_uri("/").removesuffix("/")
    return context["_base_url"] + path


def reversed_path(field: serializers.Field, view_name: str, key) -> str:
    """reverse(view_name, args=[key]), reversing each view once per request (rows differ only by key)."""
    templates = field.context.setdefault("_url_templates", {})
    if view_name not in templates:
        templates[view_name] = reverse(view_name, args=[KEY])
    return templates[view_name].replace(KEY, quoted(key), 1)


def address(field: serializers.Field, view_name: str, key) -> str:
    """absolute(field, reversed_path(field, view_name, key)) in one step: rendered rows fill in thousands."""
    around_key = field.context.setdefault("_around_key", {})
    if view_name not in around_key:
        head, _, tail = reversed_path(field, view_name, KEY).partition(KEY)
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
class PageUrlField(serializers.Field):
    """The object's public page on the site, as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Address of the public page."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute(self, value.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The object's address in this API, as an absolute URL."""

    def __init__(self, view_name: str, lookup: str = "pk", **kwargs):
        self.view_name, self.lookup = view_name, lookup
        kwargs.setdefault("help_text", _("Address of this object in the API."))
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        key = getattr(value, self.lookup)
        if self.lookup == "country":
            key = str(key).lower()
        return absolute(self, reversed_path(self, self.view_name, key))


@extend_schema_field(OpenApiTypes.URI)
class FilteredListUrlField(serializers.Field):
    """A list (public or API) filtered by this object, e.g. the positions of one actor."""

    def __init__(self, view_name: str, parameter: str, lookup: str, **kwargs):
        self.view_name, self.parameter, self.lookup = view_name, parameter, lookup
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        key = str(getattr(value, self.lookup))
        if self.parameter == "country":
            key = key.lower()
        return absolute(self, f"{reversed_once(self, self.view_name)}?{self.parameter}={quote(key, safe='')}")


@extend_schema_field({"type": "string", "nullable": True, "pattern": "^[A-Z]{2}$"})
class CountryCodeField(serializers.Field):
    """ISO 3166 alpha-2 in capitals, or null where the row has no country (international organisations)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def to_representation(self, value):
        code = getattr(value, "code", value)
        return str(code).upper() if code else None


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
