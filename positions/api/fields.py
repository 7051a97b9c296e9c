"""Serializer fields shared by the API's resources: addresses, country codes and the `expand` choice."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

EXPANDABLE = ("quote", "source")


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
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


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
        return self.context["request"].build_absolute_uri(reverse(self.view_name, args=[key]))


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
        return self.context["request"].build_absolute_uri(f"{reverse(self.view_name)}?{self.parameter}={key}")


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
