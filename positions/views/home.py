"""The home page: a map and a matrix of every country's current stance per topic, then the latest positions."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from positions.choices import Stance
from positions.derived import request_data_version
from positions.models import Position
from positions.rows import latest_rows, roles_by_actor

from .matrix import StanceMatrix
from .stance_map import MatrixMap

LATEST = 10


@require_safe
def home(request):
    latest = list(latest_rows(Position.objects.all(), LATEST))
    matrix = StanceMatrix()
    context = {
        "matrix": matrix,
        "home_map": MatrixMap(matrix, request.build_absolute_uri(reverse("positions:stance_map"))),
        "data_version": request_data_version(request),
        "latest": latest,
        "latest_roles": roles_by_actor(latest),
        "stance_choices": Stance.choices,
    }
    return render(request, "positions/home.html", context)
