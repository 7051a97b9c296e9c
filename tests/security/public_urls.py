"""Every public URL of the site, found in the URLconf rather than listed by hand.

Walking the resolver means a page added later is fuzzed and method-checked without anyone
remembering to list it. Path parameters get real values from the database (so detail pages
are exercised, not only their 404s) and, for the fuzz test, generated ones.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from positions.models import Actor, AuthorisationBody, Position, Topic
from releases.models import Release
from sources.models import Outlet, Source

# Namespaces that are not public pages.
PRIVATE_NAMESPACES = {"admin"}

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# Filter parameters shared by list, export, timeline and feed (docs/urls.md), plus paging and
# export options; the fuzz test mixes these with made-up names.
QUERY_PARAMETERS = [
    "country",
    "actor",
    "actor_kind",
    "topic",
    "stance",
    "verification",
    "date_from",
    "date_to",
    "q",
    "outlet",
    "sort",
    "page",
    "bom",
    "delimiter",
    # The API's paging and expansion.
    "cursor",
    "page_size",
    "expand",
]
API_PREFIX = "api/v1/"


@dataclass(frozen=True)
class Route:
    """One public URL pattern: its route text, the (converter, name) of each parameter, and
    whether it also answers under each language's prefix (/uk/…, config/urls.py)."""

    route: str
    parameters: tuple[tuple[str, str], ...]
    translated: bool = False

    def fill(self, values: dict[str, str]) -> str:
        def substitute(match: re.Match) -> str:
            return quote(str(values[match["name"]]), safe="")

        return "/" + PARAMETER.sub(substitute, self.route)

    def __str__(self) -> str:
        return "/" + self.route


def _walk(patterns, prefix: str = "", translated: bool = False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in PRIVATE_NAMESPACES:
                continue
            inside = translated or isinstance(pattern.pattern, LocalePrefixPattern)
            # The language prefix is the active language's, "" for English: routes are the English addresses.
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inside)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), translated


def public_routes() -> list[Route]:
    routes = []
    for route, translated in dict.fromkeys(_walk(get_resolver().url_patterns)):
        parameters = tuple((m["converter"] or "str", m["name"]) for m in PARAMETER.finditer(route))
        routes.append(Route(route, parameters, translated))
    return routes


def real_values(route: Route, name: str) -> list[str]:
    """Values of a path parameter that name something in the database, by the URL contract."""
    if route.route.startswith(API_PREFIX):
        return api_real_values(route.route.removeprefix(API_PREFIX))
    if route.route.startswith("embed/data/") and name == "number":
        return list(Release.objects.values_list("number", flat=True))
    if route.route.startswith(("countries/", "embed/countries/", "embed/data/")):
        codes = {str(code) for code in Actor.objects.exclude(country="").values_list("country", flat=True)}
        codes |= {str(code) for code in AuthorisationBody.objects.values_list("country", flat=True)}
        return sorted(code.lower() for code in codes)
    if route.route.startswith("actors/"):
        return list(Actor.objects.values_list("slug", flat=True))
    if route.route.startswith("positions/"):
        return [str(pk) for pk in Position.objects.values_list("pk", flat=True)]
    if route.route.startswith("sources/"):
        return [str(pk) for pk in Source.objects.values_list("pk", flat=True)]
    if route.route.startswith("data/"):
        return {"number": list(Release.objects.values_list("number", flat=True)), "name": ["positions.csv"]}[name]
    if route.route.startswith("cite/"):
        return {"kind": ["position"], "fmt": ["bib"]}.get(name) or [
            str(pk) for pk in Position.objects.values_list("pk", flat=True)
        ]
    return []


def api_real_values(route: str) -> list[str]:
    """The API's resources name objects as the pages do, plus topics, outlets and bodies."""
    if route.startswith("topics/"):
        return list(Topic.objects.values_list("slug", flat=True))
    if route.startswith("outlets/"):
        return list(Outlet.objects.values_list("slug", flat=True))
    if route.startswith("authorisation-bodies/"):
        return [str(pk) for pk in AuthorisationBody.objects.values_list("pk", flat=True)]
    return real_values(Route(route, ()), "")


def is_api_resource(route: Route) -> bool:
    """An API address (not its HTML docs page): these also answer OPTIONS, for CORS preflights."""
    return route.route.startswith(API_PREFIX) and route.route != f"{API_PREFIX}docs/"


# Placeholders the path converters accept, for parameters with nothing in the database to name.
PLACEHOLDERS = {"int": "1", "release": "2026.12.1", "cited": "position", "citeformat": "bib"}


def example_url(route: Route) -> str:
    """The route with the first real value of each parameter (or a placeholder its converter accepts)."""
    values = {}
    for converter, name in route.parameters:
        found = real_values(route, name)
        values[name] = found[0] if found else PLACEHOLDERS.get(converter, "x")
    return route.fill(values)
