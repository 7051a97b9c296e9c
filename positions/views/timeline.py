"""/timeline/: the swimlane timeline of the filtered positions and a topic's stance-over-time chart."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from positions.filtersets import PositionFilter
from positions.models import Position, Topic
from positions.timeline import layout
from positions.timeline.chart import build_stance_chart
from positions.timeline.layout import build_timeline

# The page draws at most this many statements, the newest (whole days; the page says from when
# and how to see earlier ones): building and rendering each costs ~0.2 ms, and at one million
# positions a large country's 5,000 took ~0.9 s and 6.5 MB.
PAGE_LIMIT = 1000


@require_safe
def timeline(request):
    f = PositionFilter(request.GET, queryset=Position.objects.all())
    if not f.is_valid():
        # Say what is wrong rather than drawing a chart of rows the reader did not ask for.
        return render(request, "positions/timeline.html", {"filter": f, "valid": False}, status=400)
    cleaned = f.form.cleaned_data
    date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
    chart_topic = cleaned.get("topic") or Topic.objects.order_by("order", "name").first()
    chart = None
    if chart_topic:
        chart = build_stance_chart(chart_topic, countries=cleaned.get("country"), date_from=date_from, date_to=date_to)
    return render(
        request,
        "positions/timeline.html",
        {
            "filter": f,
            "valid": True,
            "active": f.active_filters(),
            "timeline": build_timeline(
                f.qs, date_from=date_from, date_to=date_to, limit=min(PAGE_LIMIT, layout.MAX_POSITIONS)
            ),
            "chart": chart,
        },
    )
