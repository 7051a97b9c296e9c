"""/compare/: up to six countries or actors side by side, topic by topic, and their timelines on one axis.

A country's column holds its cells as its own page shows them (the CountryStance table the
matrix reads, with why each says what it says); an actor's holds its current position per
topic, as the actor's page does.
"""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.country_codes import address_choices, in_address, normalise
from positions.filtersets import actor_countries
from positions.models import Actor, Position, Topic
from positions.timeline.layout import SECTION_LIMIT, build_timeline
from positions.timeline.scale import month_start
from positions.views.matrix import Cell, country_cells
from positions.widgets import CheckList
from sources.bilingual import localized_menu, localized_text
from sources.dates import next_month

MAX_COLUMNS = 6
# Past this many actors a menu outweighs the page; the actor's slug is typed instead.
MAX_ACTOR_MENU = 300

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@dataclass
class Column:
    """One compared country or actor: its name, page, current position per topic id, and timeline."""

    kind: str  # "country" or "actor"
    key: str  # ISO code or actor slug
    name: str
    url: str
    positions: dict = field(default_factory=dict)  # topic id → Cell
    timeline: object = None

    def positions_queryset(self):
        if self.kind == "country":
            return Position.objects.for_country(self.key)
        return Position.objects.filter(actor__slug=self.key)


def read_selection(request) -> tuple[list[Column], list[str]]:
    """The columns asked for, in the order asked, and what is wrong with the request."""
    errors = []
    codes = list(dict.fromkeys(normalise(code) for code in request.GET.getlist("country") if code.strip()))
    slugs = list(dict.fromkeys(slug.strip() for slug in request.GET.getlist("actor") if slug.strip()))
    if len(codes) + len(slugs) > MAX_COLUMNS:
        errors.append(
            _("Compare at most %(max)s countries or actors at once; %(count)s were asked for.")
            % {"max": MAX_COLUMNS, "count": len(codes) + len(slugs)}
        )
    unknown_codes = [code for code in codes if len(code) != 2 or code not in countries]
    if unknown_codes:
        errors.append(_("Unknown country codes: %(codes)s.") % {"codes": ", ".join(unknown_codes)})
    # Only well-formed slugs reach the database (PostgreSQL refuses text with a NUL byte, for one).
    lookups = [slug for slug in slugs if SLUG.fullmatch(slug)]
    actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=lookups)} if lookups else {}
    unknown_slugs = [slug for slug in slugs if slug not in actors]
    if unknown_slugs:
        errors.append(_("Unknown actors: %(slugs)s.") % {"slugs": ", ".join(unknown_slugs)})
    if errors:
        return [], errors
    columns = [
        Column("country", code, countries.name(code), reverse("positions:country_detail", args=[code]))
        for code in codes
    ]
    columns += [
        Column("actor", slug, localized_text(actors[slug], "name"), actors[slug].get_absolute_url()) for slug in slugs
    ]
    return columns, []


def fill_positions(columns: list[Column]) -> None:
    """Each column's current position per topic, in two queries whatever the number of columns."""
    codes = [column.key for column in columns if column.kind == "country"]
    slugs = [column.key for column in columns if column.kind == "actor"]
    by_key = {(column.kind, column.key): column for column in columns}
    if codes:
        for (country, topic_id), cell in country_cells(codes).items():
            by_key[("country", country)].positions[topic_id] = cell
    if slugs:
        for position in Position.objects.filter(actor__slug__in=slugs).current().select_related("actor"):
            # An actor's own current position: no rule weighs it, and no count stands beside it.
            cell = Cell(position, 0, stance=position.stance)
            by_key[("actor", position.actor.slug)].positions[position.topic_id] = cell


def shared_domain(columns: list[Column], today: datetime.date, limit: int):
    """Whole months from the oldest statement any column's timeline draws to today (or the newest).

    Each timeline draws its newest `limit` statements, so the axis spans those, as a timeline on
    its own would (layout.choose_domain): from the first statement ever, Ukraine's newest hundred
    were squeezed into the axis's last few pixels, and finding that first statement meant reading
    both countries' positions. One short index walk per column.
    """
    drawn = []
    for column in columns:
        newest = column.positions_queryset().order_by("-stated_on", "-id").values_list("stated_on", flat=True)
        drawn += newest[:limit]
    if not drawn:
        return None
    return month_start(min(drawn)), next_month(max(today, max(drawn)))


class ChoiceForm(forms.Form):
    """The form's two lists as checkboxes; the view reads the request itself (read_selection)."""

    def __init__(self, countries, actors, **kwargs):
        super().__init__(**kwargs)
        for name, label, choices in (
            ("country", gettext_lazy("Countries"), countries),
            ("actor", gettext_lazy("Actors"), actors),
        ):
            self.fields[name] = forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=CheckList
            )


def choice_form(columns: list[Column], actors) -> ChoiceForm:
    chosen = {kind: [column.key for column in columns if column.kind == kind] for kind in ("country", "actor")}
    # Values as the addresses write them (lower-case codes), so the chosen ones are ticked.
    return ChoiceForm(
        address_choices(actor_countries()),
        actors or [],
        initial={"country": [in_address(code) for code in chosen["country"]], "actor": chosen["actor"]},
        auto_id="compare-%s",
    )


@dataclass
class TopicRow:
    topic: Topic
    cells: list  # one Cell or None per column
    names: list[str] = field(default_factory=list)  # the columns' names: a phone shows each beside its cell

    @property
    def named_cells(self) -> list[tuple[str, Cell | None]]:
        return list(zip(self.names, self.cells))


def comparison(columns: list[Column]) -> list[TopicRow]:
    topics = Topic.objects.order_by("order", "name")
    names = [column.name for column in columns]
    return [TopicRow(topic, [column.positions.get(topic.pk) for column in columns], names) for topic in topics]


def actor_choices():
    """Actors for the form's menu, or None when there are too many to list."""
    actors = list(Actor.objects.order_by("name").values_list("slug", "name", "name_uk")[: MAX_ACTOR_MENU + 1])
    return None if len(actors) > MAX_ACTOR_MENU else localized_menu(actors)


@require_safe
def compare(request):
    columns, errors = read_selection(request)
    actors = actor_choices()
    context = {
        "errors": errors,
        "columns": columns,
        "max_columns": MAX_COLUMNS,
        "form": choice_form(columns, actors),
        "actor_menu": actors is not None,
    }
    if columns:
        today = timezone.localdate()
        fill_positions(columns)
        domain = shared_domain(columns, today, SECTION_LIMIT)
        for index, column in enumerate(columns):
            column.timeline = build_timeline(
                column.positions_queryset(), today=today, dom_id=f"tl-{index}", limit=SECTION_LIMIT, domain=domain
            )
        context["rows"] = comparison(columns)
    return render(request, "positions/compare.html", context, status=400 if errors else 200)
