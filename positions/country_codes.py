"""Country codes as addresses and filters write them: one normaliser, one path converter.

Stored and sent in capitals (ISO 3166 alpha-2, as django-countries keeps them); written lower
case in every address the site makes: paths (`/countries/gb/`), its links' query strings and its
filter forms' values (`?country=gb`, docs/urls.md); accepted in either case in query strings. A path
with a code in another case redirects permanently to the lower-case address; a code that is not
ISO 3166 alpha-2 matches no address (404).
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django_countries import countries


def normalise(code) -> str:
    """The code as stored: capitals, no surrounding space (`" gb"` → `"GB"`)."""
    return str(code).strip().upper()


def in_address(code) -> str:
    """The code as addresses write it: lower case."""
    return normalise(code).lower()


def address_choices(choices) -> list[tuple[str, str]]:
    """(code, name) pairs with each code as addresses write it, for the menus of forms sent by GET."""
    return [(in_address(code), name) for code, name in choices]


class CountryInPath(str):
    """A country code read from a path, in capitals; `canonical` says whether the path wrote it lower case."""

    canonical: bool


class CountryCodeConverter:
    """`<country:code>`: views receive the code in capitals, reverse() writes it lower case."""

    # Any segment: to_python decides what is a code (anything else matches no address, a 404), and
    # reverse() still takes the placeholders that pages reverse once and fill in per row.
    regex = "[^/]+"

    def to_python(self, value: str) -> CountryInPath:
        code = CountryInPath(normalise(value))
        if code not in countries:
            raise ValueError("not an ISO 3166 alpha-2 code")  # no match: 404
        code.canonical = value == in_address(value)
        return code

    def to_url(self, value) -> str:
        return in_address(value)


class CountryCodeRedirectMiddleware:
    """Redirects (301) a GET or HEAD of an address whose country code is not lower case to the address that is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if all(getattr(value, "canonical", True) for value in view_kwargs.values()):
            return None
        # Reversed in the request's language, so /uk/… stays under /uk/.
        url = reverse(request.resolver_match.view_name, args=view_args, kwargs=view_kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
