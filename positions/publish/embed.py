"""The /embed/ views are the only pages another site may frame.

Every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`; an embeddable view
drops the first and replaces the second with the origins in EMBED_ALLOWED_ORIGINS, read at each
request so that a changed setting needs no code change. A 304 answered for an embed before the
view runs gets the same exceptions (config/http_cache.py): a browser copies a 304's headers onto
its stored copy, so a 304 that refused framing would break the embed for every returning reader.
"""

from functools import wraps

from django.conf import settings


def allow_framing(response):
    """The hints django-csp's csp_replace and Django's xframe_options_exempt set, for the outer middleware."""
    response._csp_replace = {"frame-ancestors": list(settings.EMBED_ALLOWED_ORIGINS)}
    response.xframe_options_exempt = True
    return response


def embeddable(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return allow_framing(view(request, *args, **kwargs))

    # What a response standing for this view's (a 304) needs too.
    wrapped.response_hints = allow_framing
    return wrapped
