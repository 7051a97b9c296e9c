"""Actors: the list (filtered by kind and country) and one actor's roles and positions over time."""

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from positions.filtersets import ActorFilter
from positions.models import Actor, Position
from positions.timeline.layout import SECTION_LIMIT, build_timeline
from sources.bilingual import localized_menu

PER_PAGE = 50
# An actor's own positions, a page at a time: each row is a full position row (role, quote, source,
# badges), and fifty of them were most of the page's time.
POSITIONS_PER_PAGE = 20


@require_safe
def actor_list(request):
    # A count per shown actor (an index-only scan each), not a GROUP BY over every position.
    counts = (
        Position.objects.filter(actor=OuterRef("pk")).order_by().values("actor").annotate(n=Count("id")).values("n")
    )
    actors = Actor.objects.prefetch_related("roles").annotate(n_positions=Coalesce(Subquery(counts), 0)).by_name()
    f = ActorFilter(request.GET, queryset=actors)
    valid = f.is_valid()
    page = Paginator(f.qs if valid else actors.none(), PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for actor in page.object_list:
        actor.current_role = actor.role_on(today)
    return render(
        request,
        "positions/actor_list.html",
        {"filter": f, "page": page, "valid": valid},
        status=200 if valid else 400,
    )


def stance_changes(actor: Actor) -> dict[int, str]:
    """{position id: the stance it replaced} for each position whose stance differs from the one before on its topic."""
    previous: dict[int, str] = {}
    changes = {}
    for pk, topic_id, stance in actor.positions.order_by("stated_on", "id").values_list("id", "topic_id", "stance"):
        if topic_id in previous and previous[topic_id] != stance:
            changes[pk] = previous[topic_id]
        previous[topic_id] = stance
    return changes


# Past this many actors the "Compare with…" menu would outweigh the page: a slug is typed instead.
MAX_COMPARE_MENU = 300


def compare_choices(actor: Actor) -> list[tuple[str, str]] | None:
    """Other actors for the "Compare with…" menu, in one query; None when there are too many to list."""
    others = list(
        Actor.objects.exclude(pk=actor.pk)
        .order_by("name")
        .values_list("slug", "name", "name_uk")[: MAX_COMPARE_MENU + 1]
    )
    if len(others) > MAX_COMPARE_MENU:
        return None
    return localized_menu(others)


@require_safe
def actor_detail(request, slug: str):
    actor = get_object_or_404(Actor.objects.prefetch_related("roles__organisation"), slug=slug)
    changes = stance_changes(actor)
    positions = (
        Position.objects.filter(actor=actor)
        .select_related("topic", "quote__source__outlet")
        .order_by("-stated_on", "-id")
    )
    page = Paginator(positions, POSITIONS_PER_PAGE).get_page(request.GET.get("page"))
    roles = list(actor.roles.all())
    for position in page.object_list:
        # The actor is already loaded, with its roles: reuse it rather than a query per row.
        position.actor = actor
    current = (
        Position.objects.filter(actor=actor).current().select_related("topic").order_by("topic__order", "topic__name")
    )
    return render(
        request,
        "positions/actor_detail.html",
        {
            "actor": actor,
            "roles": roles,
            "page": page,
            "changes": changes,
            "current": current,
            "timeline": build_timeline(Position.objects.filter(actor=actor), limit=SECTION_LIMIT),
            "compare_choices": compare_choices(actor),
        },
    )
