"""Public pages about positions. Placeholders until the browsing pages land."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Actor, Position


@require_safe
def home(request):
    return HttpResponse("Troop Positions Tracker")


@require_safe
def country_list(request):
    return HttpResponse("Countries")


@require_safe
def country_detail(request, code):
    return HttpResponse(code)


@require_safe
def actor_list(request):
    return HttpResponse("Actors")


@require_safe
def actor_detail(request, slug):
    return HttpResponse(get_object_or_404(Actor, slug=slug).name)


@require_safe
def position_list(request):
    return HttpResponse("Positions")


@require_safe
def position_detail(request, pk):
    return HttpResponse(str(get_object_or_404(Position, pk=pk)))


@require_safe
def authorisation_list(request):
    return HttpResponse("Authorisations")
