"""The home page: every country's current stance per topic at a glance, then the latest positions."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from positions.choices import Stance
from positions.models import Position

from .matrix import stance_matrix

LATEST = 10


@require_safe
def home(request):
    topics, rows = stance_matrix()
    latest = Position.objects.with_related().order_by("-stated_on", "-id")[:LATEST]
    return render(request, "positions/home.html", {"topics": topics, "rows": rows, "latest": latest, "stance_choices": Stance.choices})
