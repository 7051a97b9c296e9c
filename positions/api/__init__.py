"""The read-only JSON API under /api/v1/: serializers, views, pages, rate limit and conditional GETs.

Built on Django REST framework, whose filter backend takes the positions list's FilterSet as it
is, so a filter means the same in the API, the list, the exports and the feed (docs/api.md).
"""
