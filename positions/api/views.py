"""The API's read-only resources: positions, actors, countries, topics, sources, outlets, authorisation bodies.

Positions take the site's one FilterSet (PositionFilter) through django-filter's filter backend
and come in the export's order for the same filters; invalid filters answer 400 naming them.
Each resource is rendered by its serializer; the countries list, which takes no parameters, is
kept rendered per data version.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from positions.cache_keys import rendering_key
from positions.derived import request_version
from positions.filtersets import ActorFilter, AuthorisationBodyFilter, PositionFilter, SourceFilter
from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.models import Outlet, Quote, Source

from .conditional import ConditionalGetMixin
from .fields import EXPANDABLE, expanded
from .pagination import CountedPagination, KeysetPagination
from .queries import country_rows, positions_by_id
from .serializers import (
    ActorSerializer,
    AuthorisationBodySerializer,
    CountrySerializer,
    PositionSerializer,
    TopicSerializer,
)
from .source_serializers import OutletSerializer, SourceSerializer

EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description=str(
        _("Comma-separated: %(names)s. Sends the quote's text and dates, or the source's outlet and details, in full.")
        % {"names": ", ".join(EXPANDABLE)}
    ),
    enum=None,
)


def by_id(thing):
    return OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=f"The {thing}'s id.")


def by_slug(thing):
    return OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=f"The {thing}'s slug.")


class ReadOnlyViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """GET, HEAD and OPTIONS only; anything else is 405."""

    http_method_names = ["get", "head", "options"]

    def filter_queryset(self, queryset):
        # Filters are for lists: an object's own address answers whatever the query string says.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)


# The largest id the database's 64-bit integer keys can hold.
LARGEST_ID = 2**63 - 1


@extend_schema_view(
    list=extend_schema(
        summary=str(_("Positions, filtered as on the site's list")),
        description=str(
            _(
                "Every matching position, in the order of `sort` (newest first by default), the same rows "
                "in the same order as /positions/export.csv with the same filters. Follow `next` to the end; "
                "there is no count. Invalid filters answer 400 naming them."
            )
        ),
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary=str(pgettext_lazy("API operation", "One position")), parameters=[by_id("position"), EXPAND_PARAMETER]
    ),
)
class PositionViewSet(ReadOnlyViewSet):
    # Lists and single positions alike are values() rows (queries.py) rendered by PositionSerializer.
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    pagination_class = KeysetPagination
    queryset = Position.objects.all()

    def retrieve(self, request, pk: int):
        # An id past the database's 64-bit integers matches nothing (SQLite would overflow binding it).
        rows = self.rows_by_id([pk]) if pk <= LARGEST_ID else {}
        if not rows:
            raise Http404(_("No such position."))
        return Response(self.get_serializer(rows[pk]).data)

    def rows_by_id(self, ids):
        return positions_by_id(ids, expanded(self.request))


@extend_schema_view(
    list=extend_schema(summary=str(_("Actors with their roles, by name"))),
    retrieve=extend_schema(summary=str(_("One actor")), parameters=[by_slug("actor")]),
)
class ActorViewSet(ReadOnlyViewSet):
    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    pagination_class = CountedPagination
    lookup_field = "slug"
    queryset = Actor.objects.prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("organisation"))
    ).order_by("name", "id")


@extend_schema_view(
    list=extend_schema(summary=str(_("Topics, in display order (not paged)"))),
    retrieve=extend_schema(summary=str(_("One topic")), parameters=[by_slug("topic")]),
)
class TopicViewSet(ReadOnlyViewSet):
    serializer_class = TopicSerializer
    pagination_class = None
    filter_backends = []
    lookup_field = "slug"
    queryset = Topic.objects.order_by("order", "name", "id")


@extend_schema_view(
    list=extend_schema(summary=str(_("Sources with their quotes, most recently added first"))),
    retrieve=extend_schema(summary=str(_("One source with its quotes")), parameters=[by_id("source")]),
)
class SourceViewSet(ReadOnlyViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    pagination_class = KeysetPagination

    def get_queryset(self):
        if self.action == "retrieve":
            return self.with_quotes(Source.objects.all())
        return Source.objects.order_by("-id")

    @staticmethod
    def with_quotes(sources):
        return sources.select_related("outlet").prefetch_related(
            Prefetch("quotes", queryset=Quote.objects.order_by("said_on", "id"))
        )

    def rows_by_id(self, ids):
        return self.with_quotes(Source.objects.filter(pk__in=ids)).in_bulk()


@extend_schema_view(
    list=extend_schema(summary=str(_("Outlets, by name"))),
    retrieve=extend_schema(summary=str(_("One outlet")), parameters=[by_slug("outlet")]),
)
class OutletViewSet(ReadOnlyViewSet):
    serializer_class = OutletSerializer
    pagination_class = CountedPagination
    filter_backends = []
    lookup_field = "slug"
    queryset = Outlet.objects.order_by("name", "id")


@extend_schema_view(
    list=extend_schema(summary=str(_("Authorisation bodies, by country and scope"))),
    retrieve=extend_schema(summary=str(_("One authorisation body")), parameters=[by_id("body")]),
)
class AuthorisationBodyViewSet(ReadOnlyViewSet):
    serializer_class = AuthorisationBodySerializer
    filterset_class = AuthorisationBodyFilter
    pagination_class = CountedPagination
    queryset = AuthorisationBody.objects.order_by("country", "scope", "name", "id")


@extend_schema_view(
    list=extend_schema(
        summary=str(_("Countries with their current stances (not paged)")),
        description=str(
            _(
                "Every country with actors, by name, with its current stance per topic: the latest position "
                "of its state or officials, as in the site's matrix."
            )
        ),
    ),
    retrieve=extend_schema(
        summary=str(_("One country")),
        parameters=[
            OpenApiParameter(
                "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="ISO 3166 alpha-2, lower case."
            )
        ],
    ),
)
class CountryViewSet(ConditionalGetMixin, viewsets.GenericViewSet):
    serializer_class = CountrySerializer
    pagination_class = None
    filter_backends = []
    http_method_names = ["get", "head", "options"]
    lookup_field = "code"

    def list(self, request):
        # Every country's stances, the same for every client until the data changes or the day
        # (their ages) does: rendered once per data version and day (and language and address
        # base, for its links).
        renderer = request.accepted_renderer
        key = rendering_key(
            "api-countries",
            request_version(request),
            request.build_absolute_uri("/"),
            request.accepted_media_type,
            timezone.localdate().isoformat(),
        )
        content = cache.get(key)
        if content is None:
            data = self.get_serializer(country_rows(), many=True).data
            content = renderer.render(data, request.accepted_media_type, self.get_renderer_context())
            cache.set(key, content, settings.PAGE_CACHE_SECONDS)
        return HttpResponse(content, content_type=renderer.media_type)

    def retrieve(self, request, code: str):
        # `code` comes in capitals from the path's converter (positions/country_codes.py).
        (country,) = country_rows(code)
        return Response(self.get_serializer(country).data)
