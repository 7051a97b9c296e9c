"""The API's rate limit: requests per client address, from the API_RATE_LIMIT setting."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class ClientAddressThrottle(AnonRateThrottle):
    """Every caller is anonymous; counted per address in Django's cache (per process until CACHE_URL).

    The rate is read on each request rather than once at import, so a changed setting applies.
    Refused requests get 429 with Retry-After (Django REST framework adds it from `wait()`).
    """

    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT
