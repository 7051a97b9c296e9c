"""Public pages about sources. Placeholders until the browsing pages land."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Source


@require_safe
def source_list(request):
    return HttpResponse("Sources")


@require_safe
def source_detail(request, pk):
    return HttpResponse(str(get_object_or_404(Source, pk=pk)))
