"""ETags for API responses, so that a client polling for changes gets 304 Not Modified.

The tag is a hash of the data version (the row every write moves forward, read once per
request by web/http_cache.py), today's date (answers give each statement's age), the request's
full address and the media type answered: it changes after any saved change to the data, at
midnight, and differs between pages and filters. It is checked after the rate limit, before any
work. If-Modified-Since is answered from the version's time or the start of today, whichever is
later, which the middleware also sends as Last-Modified.
"""

import hashlib

from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from positions.derived import request_version
from web.http_cache import last_modified_on, not_modified


class NotModified(APIException):
    status_code = status.HTTP_304_NOT_MODIFIED
    default_detail = ""


def api_etag(request, version) -> str:
    # Hostile query strings may hold lone surrogates: hash them as escaped text, never fail.
    seed = "\n".join(
        [str(version), timezone.localdate().isoformat(), request.get_full_path(), request.META.get("HTTP_ACCEPT", "")]
    )
    return '"' + hashlib.sha256(seed.encode("utf-8", "backslashreplace")).hexdigest()[:32] + '"'


class ConditionalGetMixin:
    """For API views: send an ETag with each answer, and 304 when the client already has it."""

    etag = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the rate limit first: a 304 is a request too
        if request.method in ("GET", "HEAD"):
            version = request_version(request)
            self.etag = api_etag(request, version)
            last_modified = last_modified_on(version, timezone.localdate())
            if not_modified(request, self.etag, last_modified):
                raise NotModified()

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.etag and response.status_code in (200, 304):
            response["ETag"] = self.etag
        return response
