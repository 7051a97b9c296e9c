"""The /embed/ views are the only pages another site may frame.

Every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`; an embeddable view
drops the first and replaces the second with the origins in EMBED_ALLOWED_ORIGINS, read at each
request so that a changed setting needs no code change.
"""

from functools import wraps

from csp.decorators import csp_replace
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt


def embeddable(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        allow = csp_replace({"frame-ancestors": list(settings.EMBED_ALLOWED_ORIGINS)})
        return allow(view)(request, *args, **kwargs)

    return xframe_options_exempt(wrapped)
