"""/timeline/: the swimlane timeline of the filtered positions and a topic's stance-over-time chart.

The chart also downloads on its own, as /timeline/chart.svg and /timeline/chart.png, with the
same filters (the topic, countries and dates).
"""

import hashlib

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from positions.cache_keys import rendering_key
from positions.country_codes import normalise
from positions.derived import request_data_version
from positions.filtersets import PositionFilter, filter_errors
from positions.models import Position, Topic
from positions.publish.credit import credit_line
from positions.publish.downloads import cached_download
from positions.publish.png import picture_response
from positions.timeline import layout
from positions.timeline.chart import build_stance_chart
from positions.timeline.chart_svg import standalone_chart_svg
from positions.timeline.chart_tally import month_rows
from positions.timeline.layout import build_timeline
from web.http_cache import release

from .clean_query import drop_empty_parameters
from .export import bad_request

# The page draws at most this many statements, the newest (whole days; the page says from when
# and how to see earlier ones): time and page size grow with each one drawn.
PAGE_LIMIT = 1000
# The filters the stance chart is drawn with (chart_for); the others do not change the picture.
CHART_FILTERS = ("topic", "country", "date_from", "date_to")
# How long a rendering of the chart is kept (its keys name the day, so a day at most).
CHART_SECONDS = 86400


def chart_topic(cleaned: dict):
    """The topic the stance chart is drawn for: the chosen one, or the first."""
    return cleaned.get("topic") or Topic.objects.order_by("order", "name").first()


def chart_for(cleaned: dict, topic=None):
    """The stance chart of the chosen topic (or the first topic), on the filter's countries and dates."""
    topic = topic or chart_topic(cleaned)
    if not topic:
        return None
    return build_stance_chart(
        topic,
        countries=cleaned.get("country"),
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to"),
    )


def chart_codes(cleaned: dict) -> list[str]:
    return sorted(normalise(code) for code in cleaned.get("country") or [])


def chart_key(request, cleaned: dict, topic) -> str:
    """The key of the chart's rendering for this data version: the chart filters, the day (months
    run to today, and staleness moves with it) and the release, beside the data version, language
    and prefix.

    The other filters (stance, actor, kind, text…) do not change the chart, so every timeline
    of one topic, its countries and dates shares one rendering per data version.
    """
    return rendering_key(
        "stance-chart",
        request_data_version(request),
        topic.pk,
        chart_codes(cleaned),
        cleaned.get("date_from"),
        cleaned.get("date_to"),
        timezone.localdate(),
        release(),
    )


def rows_key(cleaned: dict, topic, rows: list[tuple]) -> str:
    """The key of the chart's rendering by what it is drawn from: its month rows, the topic's
    names, the chart filters, the day and the release (the language and prefix by rendering_key).

    A write moves the data version on, but most writes leave a topic's months as they were (a
    position on another topic, a source's title): the chart drawn from the same rows is found here.
    """
    digest = hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()
    return rendering_key(
        "stance-chart-rows",
        digest,
        topic.pk,
        topic.name,
        topic.name_uk,
        chart_codes(cleaned),
        cleaned.get("date_from"),
        cleaned.get("date_to"),
        timezone.localdate(),
        release(),
    )


def kept_chart(request, cleaned: dict, topic) -> SafeString:
    """The stance chart rendered (templates/positions/_stance_chart_svg.html), kept twice.

    Per data version: while nothing changes, no query at all. On a new version, its month rows
    are read (one index range) and the rendering of the same rows is used if kept; only when the
    rows themselves changed is the chart built and drawn again.
    """
    html = cache.get(chart_key(request, cleaned, topic))
    if html is None:
        codes = chart_codes(cleaned)
        rows = month_rows(topic, codes or None)
        same_rows = rows_key(cleaned, topic, rows)
        html = cache.get(same_rows)
        if html is None:
            chart = build_stance_chart(
                topic,
                countries=codes,
                date_from=cleaned.get("date_from"),
                date_to=cleaned.get("date_to"),
                rows=rows,
            )
            html = render_to_string("positions/_stance_chart_svg.html", {"chart": chart})
            cache.set(same_rows, html, CHART_SECONDS)
        cache.set(chart_key(request, cleaned, topic), html, CHART_SECONDS)
    return mark_safe(html)


def timeline_context(request, f: PositionFilter) -> dict:
    cleaned = f.form.cleaned_data
    query = request.GET.urlencode()
    date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
    topic = chart_topic(cleaned)
    return {
        "filter": f,
        "valid": True,
        "active": f.active_filters(),
        "timeline": build_timeline(
            f.qs, date_from=date_from, date_to=date_to, limit=min(PAGE_LIMIT, layout.MAX_POSITIONS)
        ),
        "chart_topic": topic,
        "chart_html": kept_chart(request, cleaned, topic) if topic else "",
        "query": query,
        "embed_url": request.build_absolute_uri(reverse("positions:embed_timeline")) + (f"?{query}" if query else ""),
    }


@require_safe
@drop_empty_parameters
def timeline(request):
    f = PositionFilter(request.GET, queryset=Position.objects.all())
    if not f.is_valid():
        # Say what is wrong rather than drawing a chart of rows the reader did not ask for.
        return render(request, "positions/timeline.html", {"filter": f, "valid": False}, status=400)
    return render(request, "positions/timeline.html", timeline_context(request, f))


def chart_download(request, extension: str):
    f = PositionFilter(request.GET, queryset=Position.objects.none())
    if not f.is_valid():
        return bad_request(filter_errors(f))

    def build():
        chart = chart_for(f.form.cleaned_data)
        if chart is None:
            raise Http404("No topics yet.")
        query = request.GET.urlencode()
        page = request.build_absolute_uri(reverse("positions:timeline")) + (f"?{query}" if query else "")
        # The last bar counts the stances of the day the chart ends: today, or the filter's last day.
        date_to = f.form.cleaned_data.get("date_to")
        as_of = min(date_to, timezone.localdate()) if date_to else timezone.localdate()
        svg = standalone_chart_svg(chart, credit=credit_line(page), as_of=as_of)
        stem = f"stances-{chart.topic.slug}-{timezone.localdate().isoformat()}"
        return picture_response(svg, stem, extension)

    return cached_download(request, CHART_FILTERS, build)


@require_safe
def chart_svg_file(request):
    return chart_download(request, "svg")


@require_safe
def chart_png_file(request):
    return chart_download(request, "png")
