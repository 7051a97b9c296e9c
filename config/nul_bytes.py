"""A NUL byte in an address, a cookie or a form answers 400 before anything reads the database.

PostgreSQL cannot store or compare text holding U+0000: psycopg refuses the query, and a NUL in
a filter (`/suggest/?country=%00A`), an admin search or list filter, an object id
(`/admin/…/1%00/history/`) or a login's user name (which axes records) answered a server error.
No person types one, so the request is refused whole, with the 400 page (the API's JSON error
body under /api/), ahead of the session (whose key comes from a cookie) and every view. Form
fields keep refusing NUL with their own message (Django's CharField, sources/text.py) for text
that reaches them some other way, such as an imported file.
"""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, JsonResponse

NUL = "\x00"
API_PREFIX = "/api/"
FORM_METHODS = {"POST", "PUT", "PATCH"}


class NulCharacter(SuspiciousOperation):
    """Answered 400 by Django and logged to django.security.NulCharacter."""


def pairs(query):
    return ((key, value) for key, values in query.lists() for value in values)


def holds_nul(items) -> bool:
    return any(NUL in key or NUL in value for key, value in items)


def nul_in_request(request: HttpRequest) -> str | None:
    """Where the request holds a NUL byte, if anywhere."""
    if NUL in request.path_info:
        return "path"
    if holds_nul(pairs(request.GET)):
        return "query string"
    if holds_nul(request.COOKIES.items()):
        return "cookie"
    if request.method in FORM_METHODS and holds_nul(pairs(request.POST)):
        return "form"  # uploaded files' contents are read by their own views: an xlsx holds NUL bytes
    return None


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        where = nul_in_request(request)
        if where and request.path_info.startswith(API_PREFIX):
            # The API answers JSON, its errors included, as its schema says (positions/api/schema.py).
            return JsonResponse({"detail": f"A NUL byte in the {where}."}, status=400)
        if where:
            raise NulCharacter(f"A NUL byte in the {where}.")
        return self.get_response(request)
