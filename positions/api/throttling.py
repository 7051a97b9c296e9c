"""The API's rate limit: requests per client address and period, from the API_RATE_LIMIT setting."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from limits.counters import client_key, take


class ClientAddressThrottle(BaseThrottle):
    """Every caller is anonymous; counted per address (an IPv6 /64) in the database, shared by every process.

    A fixed window of the rate's period starts at a client's first request. The rate is read on
    each request rather than once at import, so a changed setting applies. Refused requests get
    429 with Retry-After (Django REST framework adds it from `wait()`).
    """

    scope = "api"

    def allow_request(self, request, view) -> bool:
        limit, period = SimpleRateThrottle.parse_rate(None, settings.API_RATE_LIMIT)
        # get_ident() reads the address the API_NUM_PROXIES trusted proxies saw.
        self.retry_after = take(self.scope, client_key(self.get_ident(request)), limit, period)
        return not self.retry_after

    def wait(self) -> int:
        return self.retry_after
