"""Addresses of the API, under /api/v1/ (docs/api.md): each resource's list and one object."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views
from .conditional import ConditionalGetMixin
from .docs import api_docs

app_name = "api"


class SchemaView(ConditionalGetMixin, SpectacularAPIView):
    http_method_names = ["get", "head", "options"]


def resource(prefix: str, viewset, name: str, lookup: str = "<int:pk>"):
    return [
        path(f"{prefix}/", viewset.as_view({"get": "list"}), name=f"{name}-list"),
        path(f"{prefix}/{lookup}/", viewset.as_view({"get": "retrieve"}), name=f"{name}-detail"),
    ]


urlpatterns = [
    *resource("positions", views.PositionViewSet, "position"),
    *resource("actors", views.ActorViewSet, "actor", "<slug:slug>"),
    *resource("countries", views.CountryViewSet, "country", "<country:code>"),
    *resource("topics", views.TopicViewSet, "topic", "<slug:slug>"),
    *resource("sources", views.SourceViewSet, "source"),
    *resource("outlets", views.OutletViewSet, "outlet", "<slug:slug>"),
    *resource("authorisation-bodies", views.AuthorisationBodyViewSet, "authorisationbody"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
]
