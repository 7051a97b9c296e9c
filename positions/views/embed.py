"""/embed/…: the map, the matrix, a country's stances and the timeline as minimal pages to frame.

Each is the full view's content without the site's header and footer, with a credit line that
links back to the full view; they are the only pages another site may frame (see
positions/publish/embed.py). Links open in the top window: the full site may not be framed.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.choices import Stance
from positions.country_codes import in_address
from positions.filtersets import PositionFilter
from positions.models import Position
from positions.publish.embed import embeddable
from positions.timeline.layout import SECTION_LIMIT, build_timeline

from .matrix import StanceMatrix, stance_matrix
from .stance_map import map_data, map_svg


def full_view(request, name: str, *args) -> str:
    query = request.GET.urlencode()
    return request.build_absolute_uri(reverse(name, args=args)) + (f"?{query}" if query else "")


@require_safe
@embeddable
def embed_map(request):
    data = map_data(request)
    context = {"filter": data.filter, "valid": data.valid, "full_url": full_view(request, "positions:stance_map")}
    if data.valid and data.topic:
        context |= {
            "topic": data.topic,
            "rows": data.rows,
            "map_svg": map_svg(
                data.topic, data.rows, full_url=context["full_url"], inline_styles=False, role="group", in_page=True
            ),
            "stance_choices": Stance.choices,
        }
    return render(request, "embed/map.html", context, status=200 if data.valid else 400)


@require_safe
@embeddable
def embed_matrix(request):
    context = {
        "matrix": StanceMatrix(),
        "stance_choices": Stance.choices,
        "full_url": full_view(request, "positions:home"),
    }
    return render(request, "embed/matrix.html", context)


@require_safe
@embeddable
def embed_country(request, code: str):
    """`code` comes in capitals from the path's converter (positions/country_codes.py)."""
    topics, rows = stance_matrix(code)
    stances = [(topic, cell) for topic, cell in zip(topics, rows[0].cells) if cell] if rows else []
    context = {
        "code": in_address(code),
        "name": countries.name(code),
        "stances": stances,
        "full_url": full_view(request, "positions:country_detail", code),
    }
    return render(request, "embed/country.html", context)


@require_safe
@embeddable
def embed_timeline(request):
    f = PositionFilter(request.GET, queryset=Position.objects.all())
    context = {
        "filter": f,
        "valid": f.is_valid(),
        "full_url": full_view(request, "positions:timeline"),
        # The list under the chart names the newest drawn; the rest are in the positions list.
        "list_url": full_view(request, "positions:position_list"),
    }
    if not context["valid"]:
        return render(request, "embed/timeline.html", context, status=400)
    cleaned = f.form.cleaned_data
    context["timeline"] = build_timeline(
        f.qs,
        today=timezone.localdate(),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
        limit=SECTION_LIMIT,
    )
    return render(request, "embed/timeline.html", context)
