"""The home page: every country's current stance per topic at a glance, then the latest positions."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from positions.choices import Stance
from positions.derived import request_data_version
from positions.models import Position

from .matrix import StanceMatrix

LATEST = 10


@require_safe
def home(request):
    latest = Position.objects.with_related().order_by("-stated_on", "-id")[:LATEST]
    context = {
        "matrix": StanceMatrix(),
        "data_version": request_data_version(request),
        "latest": latest,
        "stance_choices": Stance.choices,
    }
    return render(request, "positions/home.html", context)
