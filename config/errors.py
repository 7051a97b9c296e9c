"""A friendly 503 page, instead of a server error, while the database cannot be reached.

`DatabaseUnavailableMiddleware` answers any view that fails to reach the database, and any
streamed response (an export) that would; `server_error` (the project's handler500) does the
same for a database failure raised outside a view, e.g. while a middleware saves the session.
Neither shows a traceback. The connection health checks in settings (CONN_MAX_AGE with
conn_health_checks) reconnect by themselves when the database comes back, so no restart is needed.
"""

import logging
import sys

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

# OperationalError: cannot connect, connection lost, server shutting down.
# InterfaceError: the driver's connection object is already closed.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

# Seconds a client (or a proxy) should wait before asking again.
RETRY_AFTER = 30


def database_unavailable_response() -> HttpResponse:
    """The 503 page. Rendered without a request so that no context processor touches the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # A 503 must never be cached as if it were the page.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage during a view into the friendly 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming:
            # A streamed export reads the database only while it is sent, after its status is
            # fixed; so make sure the database answers before handing it out. Connections left
            # dead by an outage were already dropped by the health check at the request's start.
            try:
                connections[DEFAULT_DB_ALIAS].ensure_connection()
            except DATABASE_UNAVAILABLE as exception:
                return self.unavailable(request, exception)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        return self.unavailable(request, exception)

    @staticmethod
    def unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
        # One line, not a traceback: an outage is an operations event, not a bug.
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response()


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 page when the error in flight is a database outage, Django's 500 otherwise."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return defaults.server_error(request)


def page_not_found(request: HttpRequest, exception) -> HttpResponse:
    """handler404: under /api/, the API's JSON error body (its schema says so), else the 404 page.

    An address the API's URLs do not match (`/api/v1/positions/abc/`) never reaches the API's
    views, which answer their own 404s as JSON.
    """
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
