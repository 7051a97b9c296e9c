"""Public pages about sources: the list (by outlet) and one source with its quotes and the positions they evidence.

Positions are reached through string lookups ("quotes__positions"), so this app imports nothing from positions.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Outlet, Quote, Source

PER_PAGE = 50


def with_counts(ids: list[int]) -> list[Source]:
    """The sources with these ids, in this order, each with its numbers of quotes and positions.

    Counted for one page of sources only, not for every source before sorting, which made the
    list take seconds at scale.
    """
    sources = (
        Source.objects.filter(pk__in=ids)
        .with_related()
        .annotate(n_quotes=Count("quotes", distinct=True), n_positions=Count("quotes__positions", distinct=True))
        .in_bulk()
    )
    return [sources[pk] for pk in ids if pk in sources]


@require_safe
def source_list(request):
    sources = Source.objects.order_by("-published_on", "title", "id")
    outlets = list(Outlet.objects.order_by("name"))
    outlet_slug = request.GET.get("outlet", "").strip()
    outlet = next((candidate for candidate in outlets if candidate.slug == outlet_slug), None)
    error = ""
    if outlet_slug and outlet is None:
        error = _("There is no outlet “%(slug)s”. Choose one from the list.") % {"slug": outlet_slug[:100]}
        sources = sources.none()
    elif outlet:
        sources = sources.filter(outlet=outlet)
    # Paged through ids (counted without joins, read off the list's index), then the page's rows.
    page = Paginator(sources.values_list("id", flat=True), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_counts(list(page.object_list))  # type: ignore[assignment]  # the page's rows replace its ids
    return render(
        request,
        "sources/source_list.html",
        {"page": page, "outlets": outlets, "outlet": outlet, "error": error},
        status=400 if error else 200,
    )


@require_safe
def source_detail(request, pk: int):
    source = get_object_or_404(Source.objects.with_related(), pk=pk)
    quotes = (
        Quote.objects.filter(source=source)
        .prefetch_related("positions__topic", "positions__actor__roles")
        .order_by("said_on", "id")
    )
    return render(request, "sources/source_detail.html", {"source": source, "quotes": quotes})
