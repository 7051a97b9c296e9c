"""The positions list (one FilterSet, facet counts, sort, pages) and one position with everything behind it."""

from functools import cached_property
from math import ceil
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.claims import claim
from positions.corrections import Correction, WithdrawnPosition
from positions.country_codes import address_choices, normalise
from positions.derived import request_data_version
from positions.facets import MAX_ROWS as FACET_MAX_ROWS
from positions.facets import counted_facets, counted_filters, facets, link_facets, table_facets
from positions.filtersets import PositionFilter
from positions.models import Actor, Position
from positions.rows import records_by_id, roles_by_actor

from .clean_query import drop_empty_parameters
from .corrections import tombstone

PER_PAGE = 50
# The actor's other positions on the topic listed on a position's page; the rest are a link away.
OTHER_POSITIONS_SHOWN = 20
# A search counts and lists at most this many matches, newest first (see IdsFirstPaginator).
SEARCH_COUNT_LIMIT = 10_000


class IdsFirstPaginator(Paginator):
    """Pages through ids first, then loads only the shown rows with their relations.

    A deep page's OFFSET then skips index entries, not tens of thousands of joined rows. With a
    `count_limit`, rows are counted only up to it and only that many are paged through: counting
    every match of a common word means checking a third of a million stored vectors.
    """

    def __init__(self, object_list, per_page, count_limit: int | None = None, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.count_limit = count_limit
        if known_count is not None:
            self.__dict__["count"] = known_count  # counted already, with the facets

    @cached_property
    def count(self) -> int:
        """The number of rows, or count_limit + 1 when there are more than count_limit."""
        if self.count_limit is None:
            return super().count
        return self.object_list.order_by().values("pk")[: self.count_limit + 1].count()

    @property
    def count_is_exact(self) -> bool:
        return self.count_limit is None or self.count <= self.count_limit

    @cached_property
    def num_pages(self) -> int:
        if self.count_is_exact:
            return super().num_pages
        return ceil(self.count_limit / self.per_page)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        listed = self.count if self.count_is_exact else self.count_limit
        if top + self.orphans >= listed:
            top = listed
        ids = list(self.object_list.values_list("id", flat=True)[bottom:top])
        # The rows' roles are read by roles_by_actor, not prefetched (see there).
        page = self._get_page(records_by_id(ids), number, self)
        page.roles = roles_by_actor(page.object_list)
        return page


MORE_FILTERS = ("verification", "actor", "actor_kind", "outlet", "date_from", "date_to")


def tidy_form(f: PositionFilter) -> None:
    """Friendlier choice lists: "any" for no choice, and only countries that have positions (plus any chosen).

    Only the widgets change: validation still accepts every ISO code, in either case.
    """
    for name, field in f.form.fields.items():
        if name == "country":
            continue  # its menu is set below, from the countries that have actors
        if getattr(field, "empty_label", None) is not None:
            field.empty_label = _("any")
            if not hasattr(field, "queryset"):
                field.widget.choices = [("", _("any"))] + [choice for choice in field.choices if choice[0] != ""]
        elif hasattr(field, "choices") and not hasattr(field, "queryset"):
            choices = list(field.choices)
            if choices and choices[0][0] == "":
                field.choices = [("", _("any"))] + choices[1:]
    # The topic menu from a plain list: a model choice iterator reads topics through a server-side
    # cursor (three round trips on PostgreSQL).
    topic_field = f.form.fields["topic"]
    topic_field.widget.choices = [("", topic_field.empty_label)] + [
        (topic.slug, topic_field.label_from_instance(topic)) for topic in topic_field.queryset
    ]
    # Countries of actors (a small table, stepped through its index) rather than a DISTINCT over every position.
    shown = Actor.objects.country_codes() | {normalise(code) for code in f.data.getlist("country")}
    f.form.fields["country"].widget.choices = address_choices((code, name) for code, name in countries if code in shown)


@require_safe
@drop_empty_parameters
def position_list(request):
    f = PositionFilter(request.GET, queryset=Position.objects.all())
    tidy_form(f)
    more_open = any(request.GET.get(name) for name in MORE_FILTERS)
    if not f.is_valid():
        # Say what is wrong rather than silently dropping the bad filter and showing misleading rows.
        return render(
            request,
            "positions/position_list.html",
            {"filter": f, "valid": False, "more_open": True, "data_version": request_data_version(request)},
            status=400,
        )
    selection = f.qs
    if f.form.cleaned_data.get("q"):
        # Finding a search's matches is the costly part: find them once for the count and the facets.
        count_limit = SEARCH_COUNT_LIMIT
        size, facet_list = counted_facets(selection, count_limit)
        if f.form.cleaned_data.get("sort") == "relevance" and size > count_limit:
            # Rank the matches the page lists, the newest SEARCH_COUNT_LIMIT, rather than every one.
            newest = selection.order_by("-stated_on", "-id").values("id")[:count_limit]
            selection = selection.filter(id__in=newest)
        paginator = IdsFirstPaginator(selection, PER_PAGE, count_limit, known_count=size)
    elif (where := counted_filters(f.form.cleaned_data)) is not None:
        # Equality filters only: the count and the facets are sums of the maintained counts.
        count_limit = None
        size, facet_list = table_facets(where)
        paginator = IdsFirstPaginator(selection, PER_PAGE, known_count=size)
    else:
        count_limit = None
        paginator = IdsFirstPaginator(selection, PER_PAGE)
        facet_list = facets(selection, paginator.count)
    page = paginator.get_page(request.GET.get("page"))
    link_facets(facet_list, request.GET, reverse("positions:position_list"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    active = f.active_filters()
    return render(
        request,
        "positions/position_list.html",
        {
            "filter": f,
            "valid": True,
            "more_open": more_open,
            "page": page,
            "facets": facet_list,
            "facet_max_rows": min(FACET_MAX_ROWS, count_limit or FACET_MAX_ROWS),
            "active": active,
            # An empty result says "remove a filter" only when there is one besides the words searched.
            "narrowed": any(name != "q" for name, *_rest in active),
            "export_query": export_query.urlencode(),
            # Keys the country menu's cached fragment (its choices are the countries that have actors).
            "data_version": request_data_version(request),
        },
    )


@require_safe
def position_detail(request, pk: int):
    position = Position.objects.with_related().prefetch_related("actor__roles__organisation").filter(pk=pk).first()
    if position is None:
        withdrawn = get_object_or_404(WithdrawnPosition, position_number=pk)
        return tombstone(request, withdrawn)
    bodies = position.authorisation_bodies_needed()
    # The newest few, with a link to the list of all: an actor may have thousands on one topic.
    history = list(
        Position.objects.filter(actor=position.actor_id, topic=position.topic_id)
        .exclude(pk=position.pk)
        .order_by("-stated_on", "-id")[: OTHER_POSITIONS_SHOWN + 1]
    )
    # The actor's latest word on the topic, unless a later (or same-day, later-recorded) position
    # followed it; the newest other position is always among those fetched.
    is_current = not any((other.stated_on, other.pk) > (position.stated_on, position.pk) for other in history)
    more_url = None
    if len(history) > OTHER_POSITIONS_SHOWN:
        history = history[:OTHER_POSITIONS_SHOWN]
        query = urlencode({"actor": position.actor.slug, "topic": position.topic.slug})
        more_url = f"{reverse('positions:position_list')}?{query}"
    return render(
        request,
        "positions/position_detail.html",
        {
            "position": position,
            "role": position.role,
            "bodies": bodies,
            "history": history,
            "is_current": is_current,
            "more_url": more_url,
            "claim": claim(request, position),
            # A restored position's withdrawal and restoration are part of its record too.
            "corrections": list(Correction.objects.filter(position_number=position.pk)),
        },
    )
