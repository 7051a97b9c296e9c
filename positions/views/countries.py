"""Countries: the list with each one's current stances, and one country's actors, stances and authorisations."""

from django.db.models import Case, Count, OuterRef, Subquery, Sum, Value, When, Window
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.actor_items import ACTOR_ITEM_FIELDS, actor_records
from positions.choices import Stance
from positions.country_codes import address_choices, in_address
from positions.derived import request_data_version
from positions.filtersets import actor_countries
from positions.models import Actor, AuthorisationBody, FacetCount, Position, Role
from positions.querysets import requirement_rank
from positions.rows import ROLE_FIELDS, latest_rows, roles_by_actor
from positions.timeline.layout import KIND_ORDER, SECTION_LIMIT, build_timeline
from sources.collation import collation_key
from sources.models import Verification

from .matrix import stance_matrix

# The newest positions listed under "Latest"; "All N positions" links to the list for the rest.
LATEST = 10


def country_overview() -> list[dict]:
    """Every country with positions: its current stances, how many actors and positions it has."""
    topics, rows = stance_matrix()
    actor_counts = dict(Actor.objects.exclude(country="").order_by().values_list("country").annotate(n=Count("id")))
    position_counts = dict(
        Position.objects.exclude(country="").order_by().values_list("country").annotate(n=Count("id"))
    )
    with_stances = {row.code for row in rows}
    # Countries whose actors have spoken but whose government has not yet taken a stance still belong here.
    others = sorted(
        (code for code in set(actor_counts) | set(position_counts) if code not in with_stances),
        key=lambda code: collation_key(countries.name(code) or code),
    )
    return [
        {
            "code": row.code,
            "name": row.name,
            "stances": [(topic, cell) for topic, cell in zip(topics, row.cells) if cell],
            "actors": actor_counts.get(row.code, 0),
            "positions": position_counts.get(row.code, 0),
        }
        for row in rows
    ] + [
        {
            "code": code,
            "name": countries.name(code) or code,
            "stances": [],
            "actors": actor_counts.get(code, 0),
            "positions": position_counts.get(code, 0),
        }
        for code in others
    ]


@require_safe
def country_list(request):
    # The template calls country_overview only when its cached rendering is out of date.
    context = {"country_overview": country_overview, "data_version": request_data_version(request)}
    return render(request, "positions/country_list.html", context)


# A country may have over a thousand actors: the page names the first of them and links to the rest.
COUNTRY_ACTORS = 40


def country_actors(code: str, today) -> tuple[list[Actor], int]:
    """The country's first COUNTRY_ACTORS actors (the state, its legislature and officials first, as in the
    timeline) and how many it has.

    Each shown actor counts its own positions (an index-only scan each) and the total comes with
    them (a window over the country's actors), rather than counting every position of the
    country in one GROUP BY and rendering a row for each of its actors.
    """
    counts = (
        Position.objects.filter(actor=OuterRef("pk")).order_by().values("actor").annotate(n=Count("id")).values("n")
    )
    rank = Case(*(When(kind=kind, then=Value(order)) for kind, order in KIND_ORDER.items()), default=Value(99))
    actors = list(
        Actor.objects.for_country(code)
        .only(*ACTOR_ITEM_FIELDS)
        .annotate(n_positions=Coalesce(Subquery(counts), 0), total=Window(Count("id")), rank=rank)
        .order_by("rank", "name", "id")[:COUNTRY_ACTORS]
    )
    # Read plainly, not prefetched: Django's prefetch machinery was most of this function's time.
    roles: dict[int, list[Role]] = {}
    for role in Role.objects.filter(actor_id__in=[actor.pk for actor in actors]).only(*ROLE_FIELDS).order_by():
        roles.setdefault(role.actor_id, []).append(role)
    for actor in actors:
        actor.current_role = Role.pick_for_day(roles.get(actor.pk, ()), today)
    return actors, (actors[0].total if actors else 0)


@require_safe
def country_detail(request, code: str):
    """`code` comes in capitals from the path's converter (positions/country_codes.py)."""
    topics, rows = stance_matrix(code)
    stances = [(topic, cell) for topic, cell in zip(topics, rows[0].cells) if cell] if rows else []
    today = timezone.localdate()
    actors, actor_total = country_actors(code, today)
    bodies = (
        AuthorisationBody.objects.filter(country=code)
        .annotate(requirement_rank=requirement_rank())
        .order_by("scope", "requirement_rank", "name")
    )
    latest = list(latest_rows(Position.objects.for_country(code), LATEST))
    # Summed from the maintained facet counts rather than counting a large country's positions.
    total = FacetCount.objects.filter(country=code).aggregate(total=Sum("n"))["total"] or 0
    return render(
        request,
        "positions/country_detail.html",
        {
            "code": in_address(code),
            "name": countries.name(code),
            "stances": stances,
            "actors": actors,
            "actor_items": actor_records(actors),
            "actor_total": actor_total,
            "bodies": bodies,
            "latest": latest,
            "latest_roles": roles_by_actor(latest),
            "total": total,
            "stance_choices": Stance.choices,
            "verification_choices": Verification.choices,
            "timeline": build_timeline(Position.objects.for_country(code), today=today, limit=SECTION_LIMIT),
            "compare_choices": address_choices((c, n) for c, n in actor_countries() if c != code),
            "embed_url": request.build_absolute_uri(reverse("positions:embed_country", args=[code])),
        },
    )
