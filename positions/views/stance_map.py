"""/map/ and its downloads: each country's current stance on one topic, as a choropleth and a table.

The stances are the home matrix's own (the CountryStance table `stance_matrix()` reads), one
topic's column of it read alone, so the map can never disagree with the matrix. Filters come
from the one FilterSet; those that describe a current stance (country, stance, verification, actor kind)
narrow the countries shown, the others (dates, search, actor, outlet) do not apply to a map of
current stances and are said so on the page.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol, TypeVar

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from django_countries import countries

from positions.choices import Stance
from positions.definitions import TRANSLATION_DEFINITIONS
from positions.derived import request_data_version
from positions.filtersets import PositionFilter, filter_errors
from positions.map.shapes import frame_for, load_shapes
from positions.map.svg import LegendItem, MapCountry, render_map
from positions.models import CountryStance, Position, Topic
from positions.per_language import per_language
from positions.publish.credit import credit_line
from positions.publish.downloads import cached_download
from positions.publish.png import picture_response
from positions.rows import row_urls
from positions.staleness import age_of, stale_after_months
from positions.stance_rule import CellState
from sources.bilingual import localized_text, localized_value
from sources.collation import collation_key
from sources.dates import format_partial_date
from sources.models import Translation, Verification

from .export import bad_request

DEFAULT_TOPIC = "combat-troops"
# Drawn countries that django-countries does not list (no ISO 3166 code of their own), named in
# the page's language rather than by the map data's English name.
UNLISTED_COUNTRIES = {"XK": _lazy("Kosovo")}
# Filters that describe a current stance itself; the others select statements, not stances.
MAP_FILTERS = ("topic", "country", "stance", "verification", "actor_kind")


@dataclass
class MapRow:
    """One country's current stance on the map's topic, as the matrix cell has it.

    Plain values rather than the Position: the map reads one topic's column with values(), and
    the home page's map copies them from the matrix cells it already holds.
    """

    code: str
    name: str
    position_id: int
    stance: str
    stated_on: datetime.date
    date_precision: str
    verification: str
    actor_kind: str | None  # None when not read: the home page's map, which filters nothing
    actor_name: str
    translation: str | None  # the quote's English text (sources.models.Translation); None when not read
    statements: int
    today: datetime.date

    @classmethod
    def from_cell(cls, code: str, name: str, cell, today) -> "MapRow":
        position = cell.position
        return cls(
            code,
            name,
            position.pk,
            cell.badge,
            position.stated_on,
            position.date_precision,
            position.verification,
            None,  # the matrix defers it; reading it would cost a query per country
            localized_text(position.actor, "name"),
            None,  # the matrix reads no quote; its tooltips say no translation status
            cell.statements,
            today,
        )

    @property
    def on_map(self) -> bool:
        return self.code in load_shapes().shapes

    # Dates, ages and labels are a few hundred values repeated on every request: each is worked out
    # once per language (and day) for the process, and once per row for the tooltip and the table.
    @cached_property
    def date_text(self) -> str:
        return date_text(self.stated_on, self.date_precision)

    @cached_property
    def age(self) -> str:
        return age_text(self.stated_on, self.today)

    @cached_property
    def stale(self) -> bool:
        return age_of(self.stated_on, self.date_precision, self.today).is_stale

    @property
    def stance_label(self) -> str:
        return map_words()["stances"][self.stance]

    @property
    def tooltip(self) -> str:
        words = map_words()
        text = words["tooltip"] % {
            "country": self.name,
            "stance": self.stance_label,
            "date": self.date_text,
            "age": self.age,
            "actor": self.actor_name,
        }
        if self.verification != Verification.CONFIRMED:
            text += f" [{words['verifications'][self.verification]}]"
        if self.translation == Translation.MACHINE:
            text += f" [{words['machine']}]"
        if self.stale:
            text += f" [{stale_words()}]"
        return text


@per_language(maxsize=8)
def map_words() -> dict:
    """The tooltip's wording and the stance and verification labels in the page's language."""
    return {
        "tooltip": _("%(country)s: %(stance)s — %(date)s (%(age)s), %(actor)s"),
        "stances": {value: str(label) for value, label in [*Stance.choices, *CELL_STATES]},
        "verifications": {value: str(label) for value, label in Verification.choices},
        "machine": str(TRANSLATION_DEFINITIONS[Translation.MACHINE][0]),
    }


def stale_words() -> str:
    """What the map's stale pattern means, in the legend and the tooltips."""
    return stale_words_for(stale_after_months())


@per_language(maxsize=8)
def stale_words_for(months: int) -> str:
    return ngettext(
        "stale: latest statement over %(months)s month old",
        "stale: latest statement over %(months)s months old",
        months,
    ) % {"months": months}


@per_language(maxsize=4096)
def date_text(stated_on: datetime.date, precision: str) -> str:
    return format_partial_date(stated_on, precision)


@per_language(maxsize=4096)
def age_text(stated_on: datetime.date, today: datetime.date) -> str:
    """The "3 months ago" text in the page's language: the same few hundred dates on every request."""
    if stated_on >= today:
        return _("today")
    return _("%(time)s ago") % {"time": timesince(stated_on, today, depth=1)}


@per_language(maxsize=1024)
def country_name(code: str) -> str:
    """django_countries' name of `code` in the page's language, kept for the process."""
    return countries.name(code) or code


@per_language(maxsize=8)
def shape_names() -> dict[str, str]:
    """Every drawn country's name in the page's language, for the tooltips of those without a stance."""
    return {
        code: countries.name(code) or str(UNLISTED_COUNTRIES.get(code, name))
        for code, name in load_shapes().names.items()
    }


class Keyed(Protocol):
    @property
    def slug(self) -> str: ...


T = TypeVar("T", bound=Keyed)


def default_topic(topics: list[T]) -> T | None:
    """The map's topic when none is asked for: a Topic, or a topic as a release froze it (releases/frozen.py)."""
    return next((topic for topic in topics if topic.slug == DEFAULT_TOPIC), topics[0] if topics else None)


def topic_rows(topics, rows, topic, today=None) -> list[MapRow]:
    """The matrix's column for `topic`: one MapRow per country with a current stance, by name."""
    today = today or timezone.localdate()
    index = next(i for i, candidate in enumerate(topics) if candidate.pk == topic.pk)
    return [MapRow.from_cell(row.code, row.name, row.cells[index], today) for row in rows if row.cells[index]]


# A map row's columns, read from the country stance and its position and actor.
STANCE_FIELDS = (
    "country",
    "position_id",
    "state",
    "stance",
    "position__stated_on",
    "position__date_precision",
    "position__verification",
    "position__actor_kind",
    "position__quote__translation",
    "position__actor__name",
    "position__actor__name_uk",
    "statements",
)


def topic_stances(topic, today=None) -> list[MapRow]:
    """The same column as `topic_rows` gives from the matrix, read alone: one topic's couple of
    hundred country stances as plain values, not every topic's as model instances."""
    today = today or timezone.localdate()
    rows = [
        MapRow(
            code,
            country_name(code),
            position_id,
            stance or state,
            *columns,
            localized_value(name, name_uk),
            translation,
            statements,
            today,
        )
        for code, position_id, state, stance, *columns, translation, name, name_uk, statements in CountryStance.objects.filter(
            topic=topic
        ).values_list(*STANCE_FIELDS)
    ]
    # The matrix's order: by the country's name in the page's language.
    rows.sort(key=lambda row: collation_key(row.name))
    return rows


def narrow(rows: list[MapRow], cleaned: dict) -> list[MapRow]:
    """Keep the countries whose current stance matches the map's filters."""
    wanted_countries = set(cleaned.get("country") or [])
    if wanted_countries:
        rows = [row for row in rows if row.code in wanted_countries]
    for name in ("stance", "verification"):
        if cleaned.get(name):
            rows = [row for row in rows if getattr(row, name) == cleaned[name]]
    if cleaned.get("actor_kind"):
        rows = [row for row in rows if row.actor_kind == cleaned["actor_kind"]]
    return rows


# A cell no stance decides: drawn and labelled apart from the stances.
CELL_STATES = [(CellState.MIXED.value, CellState.MIXED.label), (CellState.REPORTED.value, CellState.REPORTED.label)]


def legend() -> list[LegendItem]:
    items = [*Stance.choices, *CELL_STATES]
    return [LegendItem(value, str(label)) for value, label in items] + [
        LegendItem(None, _("no statement")),
        LegendItem(None, stale_words(), stale=True),
    ]


def map_title(topic: Topic) -> str:
    return _("Governments' current stance on “%(topic)s”") % {"topic": localized_text(topic, "name")}


def as_of_line(rows, today: datetime.date) -> str:
    """ "Stances as of <today>; newest statement shown: <date>", for a picture read away from the site."""
    newest = max(rows, key=lambda row: row.stated_on, default=None)
    if newest is None:
        return _("Stances as of %(today)s") % {"today": format_partial_date(today, "day")}
    return _("Stances as of %(today)s; newest statement shown: %(newest)s") % {
        "today": format_partial_date(today, "day"),
        "newest": newest.date_text,
    }


def map_svg(
    topic,
    rows,
    *,
    full_url: str,
    inline_styles: bool,
    role: str = "img",
    id_prefix: str = "map",
    site: str = "",
    headed: bool = False,
    in_page: bool = False,
):
    """The map of `rows` (MapRow list): each country with a stance filled and linked to its page.

    `site` ("https://host") makes the links absolute, for a downloaded file read away from the site;
    `headed` draws the title and the as-of date above the map, for the same.
    `in_page`: a map in an HTML page, cropped to the panels that hold a stance; the page sets its key
    and credit beside it in text a phone can read (templates/positions/_map_key.html).
    """
    country_url = row_urls()[2]
    fills = {
        row.code: MapCountry(
            iso2=row.code,
            name=row.name,
            stance=row.stance,
            stance_label=row.stance_label,
            title_text=row.tooltip,
            href=site + country_url(row.code),
            stale=row.stale,
        )
        for row in rows
    }
    heading = (map_title(topic), as_of_line(rows, timezone.localdate())) if headed else ()
    names = shape_names()
    return render_map(
        fills,
        title=map_title(topic),
        description=_(
            "Each country is coloured by its government's latest statement on the topic; grey: no statement."
        ),
        credit=credit_line(full_url, _("Map: Natural Earth")),
        legend=legend(),
        legend_heading=_("Current stance"),
        no_statement_label=_("no statement"),
        country_names=names,
        inline_styles=inline_styles,
        id_prefix=id_prefix,
        role=role,
        heading=heading,
        frame=frame_for(fills) if in_page else None,
    )


@dataclass
class MapData:
    filter: PositionFilter
    valid: bool
    topic: Topic | None = None
    topics: list | None = None
    rows: list | None = None
    ignored: list | None = None


def map_data(request) -> MapData:
    """The filtered map's topic and rows, or an invalid filter to report."""
    f = PositionFilter(request.GET, queryset=Position.objects.none())
    if not f.is_valid():
        return MapData(f, False)
    cleaned = f.form.cleaned_data
    topics = None
    topic = cleaned.get("topic")
    if topic is None:
        topics = list(Topic.objects.all())
        topic = default_topic(topics)
    ignored = [
        str(f.form.fields[name].label)
        for name, value in cleaned.items()
        if name not in MAP_FILTERS and name != "sort" and value not in (None, "", [])
    ]
    rows = list(narrow(topic_stances(topic), cleaned) if topic else [])
    return MapData(f, True, topic, topics, rows, ignored)


def full_url(request, name: str = "positions:stance_map") -> str:
    query = request.GET.urlencode()
    return request.build_absolute_uri(reverse(name)) + (f"?{query}" if query else "")


def map_context(request, data: MapData) -> dict:
    context = {"filter": data.filter, "valid": data.valid, "data_version": request_data_version(request)}
    if data.valid and data.topic:
        url = full_url(request)
        context |= {
            "topic": data.topic,
            "rows": data.rows,
            "off_map": [row for row in data.rows if not row.on_map],
            "ignored": data.ignored,
            "full_url": url,
            "embed_url": full_url(request, "positions:embed_map"),
            "map_svg": map_svg(data.topic, data.rows, full_url=url, inline_styles=False, role="group", in_page=True),
            "stance_choices": Stance.choices,
            "query": request.GET.urlencode(),
        }
    return context


@require_safe
def stance_map(request):
    data = map_data(request)
    return render(request, "positions/map.html", map_context(request, data), status=200 if data.valid else 400)


def map_file_stem(topic) -> str:
    return f"map-{topic.slug}-{timezone.localdate().isoformat()}"


def map_download(request, extension: str):
    data = map_data(request)
    if not data.valid:
        return bad_request(filter_errors(data.filter))
    if not data.topic:
        raise Http404("No topics yet.")

    def build():
        site = request.build_absolute_uri("/").rstrip("/")
        svg = map_svg(data.topic, data.rows, full_url=full_url(request), inline_styles=True, site=site, headed=True)
        return picture_response('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, map_file_stem(data.topic), extension)

    # Only the filters that select stances shape the picture (and its credit line's address).
    return cached_download(request, MAP_FILTERS, build)


@require_safe
def map_svg_file(request):
    return map_download(request, "svg")


@require_safe
def map_png_file(request):
    return map_download(request, "png")


class MatrixMap:
    """The home page's map, drawn from the matrix the page already loaded: no query of its own.

    Built only when the template reads it, so not at all while the matrix's rendering is cached.
    """

    def __init__(self, matrix, map_url: str):
        self.matrix = matrix
        self.map_url = map_url

    @cached_property
    def topic(self):
        return default_topic(self.matrix.topics)

    @cached_property
    def rows(self) -> list[MapRow]:
        return list(topic_rows(self.matrix.topics, self.matrix.rows, self.topic) if self.topic else [])

    @cached_property
    def svg(self):
        return map_svg(self.topic, self.rows, full_url=self.map_url, inline_styles=False, role="group", in_page=True)
