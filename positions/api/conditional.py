"""ETags for API responses, so that a client polling for changes gets 304 Not Modified.

The tag is a hash of the data version (positions.derived.data_version, a few index probes),
the request's full address and the media type answered: it changes after any saved change to
the data and differs between pages and filters. It is checked after the rate limit, before any
work. There is no Last-Modified: the data version is a counter, not a time.
"""

import hashlib

from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from positions.derived import data_version


class NotModified(APIException):
    status_code = status.HTTP_304_NOT_MODIFIED
    default_detail = ""


def api_etag(request) -> str:
    # Hostile query strings may hold lone surrogates: hash them as escaped text, never fail.
    seed = "\n".join([data_version(), request.get_full_path(), request.META.get("HTTP_ACCEPT", "")])
    return '"' + hashlib.sha256(seed.encode("utf-8", "backslashreplace")).hexdigest()[:32] + '"'


def matches(etag: str, if_none_match: str) -> bool:
    if not if_none_match:
        return False
    tags = parse_etags(if_none_match)
    # Weak comparison, as RFC 9110 asks for If-None-Match.
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}


class ConditionalGetMixin:
    """For API views: send an ETag with each answer, and 304 when the client already has it."""

    etag = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # the rate limit first: a 304 is a request too
        if request.method in ("GET", "HEAD"):
            self.etag = api_etag(request)
            if matches(self.etag, request.META.get("HTTP_IF_NONE_MATCH", "")):
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
