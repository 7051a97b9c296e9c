"""The headers every response carries, error responses included.

Django answers a request for a host not in ALLOWED_HOSTS with a 400 built where the check
fails (in SecurityMiddleware or CommonMiddleware), so middleware listed after that never sees
the response. This one is listed first, so its defaults reach every response; CSP and framing
headers come from the middleware listed right after it, for the same reason.
"""

from django.conf import settings


class BaselineHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response
