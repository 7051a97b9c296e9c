"""The swimlane timeline: geometry of bands and markers, stance changes, and the list beside it.

`build_timeline(queryset)` turns any queryset of positions (the filtered list, a country's, an
actor's) into plain objects the SVG and list templates only loop over. It runs three queries
whatever the number of positions: how many to draw, the drawn positions as values (each with the
stance before it), and the light history of their actors on their topics from the oldest drawn
one on, so a band ends at the actor's next position even when a filter hides it.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.staleness import stale_from
from positions.timeline.geometry import (
    AXIS_HEIGHT,
    BOTTOM_MARGIN,
    FAN_OFFSETS,
    GROUP_HEIGHT,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MARKER_CLUSTER_PX,
    MAX_PLOT_WIDTH,
    MIN_PLOT_WIDTH,
    PX_PER_MONTH,
    RIGHT_MARGIN,
    ROW_GAP,
    ROW_HEADING_HEIGHT,
)
from positions.timeline.history import detect_change, load_histories, previous_stance
from positions.timeline.markup import Wording
from positions.timeline.parts import (
    EXCERPT_CHARS,
    ActorRef,
    ActorRow,
    Band,
    CountryGroup,
    Entry,
    Lane,
    Statement,
    Timeline,
    TopicRef,
)
from positions.timeline.scale import (
    Scale,
    make_ticks,
    month_start,
    years_after,
    years_before,
)
from sources.bilingual import localized_value
from sources.collation import collation_key
from sources.dates import ONE_DAY, next_month, period_end

# Only what the chart and the list show, as values: thousands of model instances cost more than the SQL.
SHOWN_VALUES = (
    "id",
    "actor_id",
    "topic_id",
    "stance",
    "stated_on",
    "date_precision",
    "verification",
    "country",
    "actor__name",
    "actor__name_uk",
    "actor__slug",
    "actor__country",
    "actor__kind",
    "topic__name",
    "topic__name_uk",
    "topic__slug",
    "topic__order",
    "excerpt_text",
    "previous_stance",
    "quote__translation",
)


# Governments first, then the people and bodies around them.
KIND_ORDER: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        [
            ActorKind.STATE,
            ActorKind.LEGISLATURE,
            ActorKind.OFFICIAL,
            ActorKind.PARTY,
            ActorKind.ORGANISATION,
            ActorKind.ANALYST,
        ]
    )
}


def choose_domain(entries: list[Entry], today, date_from, date_to) -> tuple[datetime.date, datetime.date]:
    """Whole months from the filter's start (or the first statement) to its end (or today).

    A filter reaching far beyond the statements (date_to=9999-12-31) is cut to a year either side,
    rather than squeezing the bands into a sliver of an axis that spans millennia.
    """
    earliest = min(entry.position.stated_on for entry in entries)
    latest = max(today, max(entry.position.stated_on for entry in entries))
    first = max(date_from, years_before(earliest, 1)) if date_from else earliest
    last = min(date_to, years_after(latest, 1)) if date_to else latest
    return month_start(first), next_month(last)


def held_bands(scale: Scale, start, until, stance: str, fades_on) -> list[Band]:
    """The band of a stance held from `start` to `until`: full strength, then faded from `fades_on` on."""
    if until <= start:
        return [Band(scale.x(start), 0.0, stance)]  # superseded the same day: a band of no length
    if fades_on >= until:
        return [Band(scale.x(start), scale.x(until) - scale.x(start), stance)]
    fades_on = max(fades_on, start)
    bands = [Band(scale.x(start), scale.x(fades_on) - scale.x(start), stance)] if fades_on > start else []
    return bands + [Band(scale.x(fades_on), scale.x(until) - scale.x(fades_on), stance, stale=True)]


def lay_out_lane(lane: Lane, scale: Scale, today: datetime.date) -> None:
    """Bands from each statement until the next one (or today); markers on top, fanned when they collide.

    Commentary takes no side, so it is a marker without a band and does not end the stance before it.
    A stance held more than STALE_AFTER_MONTHS without a newer statement fades from that day on.
    """
    held_until_max = min(today + ONE_DAY, scale.end)
    for entry in lane.entries:
        position, following = entry.position, entry.held_until_next
        start = position.stated_on
        known_by = min(period_end(start, position.date_precision), held_until_max)
        until = following.stated_on if following else held_until_max
        until = max(min(until, scale.end), start)
        draws_band = position.stance != Stance.COMMENTARY
        fades_on = stale_from(start, position.date_precision)
        if entry.is_precise:
            if draws_band:
                lane.bands.extend(held_bands(scale, start, until, position.stance, fades_on))
            entry.x = round((scale.x(start) + scale.x(min(start + ONE_DAY, scale.end))) / 2, 2)
        else:
            # Said some time in this month or year: hatched over the period, never pinned to a made-up day.
            uncertain_end = max(min(known_by, until), start)
            if draws_band:
                lane.bands.append(Band(scale.x(start), scale.x(uncertain_end) - scale.x(start), position.stance, True))
                if until > uncertain_end:
                    lane.bands.extend(held_bands(scale, uncertain_end, until, position.stance, fades_on))
            entry.x = round((scale.x(start) + scale.x(max(known_by, start))) / 2, 2)
        entry.y = lane.centre
    fan_out(lane.entries)


def fan_out(entries: list[Entry]) -> None:
    cluster_x, placed = None, 0
    for entry in sorted(entries, key=lambda e: (e.x, e.position.stated_on, e.position.pk)):
        if cluster_x is not None and entry.x - cluster_x < MARKER_CLUSTER_PX:
            placed += 1
        else:
            cluster_x, placed = entry.x, 0
        entry.y += FAN_OFFSETS[placed % len(FAN_OFFSETS)]


def group_rows(entries: list[Entry]) -> list[CountryGroup]:
    by_actor: dict[int, dict[int, Lane]] = defaultdict(dict)
    actors = {}
    for entry in entries:
        position = entry.position
        actors[position.actor_id] = position.actor
        lanes = by_actor[position.actor_id]
        if position.topic_id not in lanes:
            lanes[position.topic_id] = Lane(position.topic)
        lanes[position.topic_id].entries.append(entry)

    by_country: dict[str, list[ActorRow]] = defaultdict(list)
    for actor_id, lanes in by_actor.items():
        actor = actors[actor_id]
        ordered = sorted(lanes.values(), key=lambda lane: (lane.topic.order, lane.topic.name))
        by_country[actor.country or ""].append(ActorRow(actor, ordered))

    groups = []
    for code, rows in by_country.items():
        rows.sort(key=lambda row: (KIND_ORDER.get(row.actor.kind, 99), collation_key(row.actor.shown_name)))
        name = countries.name(code) if code else str(_("International"))
        groups.append(CountryGroup(code, name, rows))
    # Countries A–Z, international organisations and people without a country last.
    groups.sort(key=lambda group: (not group.code, collation_key(group.name)))
    return groups


def stack_rows(groups: list[CountryGroup], show_topics: bool) -> float:
    y: float = AXIS_HEIGHT + 6
    shaded = False
    for group in groups:
        group.y = y
        y += GROUP_HEIGHT
        for row in group.rows:
            row.y, row.shaded = y, shaded
            shaded = not shaded
            if show_topics:
                y += ROW_HEADING_HEIGHT
            for lane in row.lanes:
                lane.y = y
                y += LANE_HEIGHT
            y += ROW_GAP / 2
            row.height = y - row.y
            y += ROW_GAP / 2
    return y + BOTTOM_MARGIN


def url_maker(name: str, placeholder):
    """Reverse once and fill in each id or slug: thousands of markers need thousands of links."""
    pattern = reverse(name, args=[placeholder])
    return lambda value: pattern.replace(str(placeholder), str(value))


MAX_POSITIONS = 5000
# A timeline that is one section of a page (a country's, an actor's) draws fewer, linking to the full one:
# twice as many were most of a large country page's time; the newest 100 say from which day they are
# drawn, and the full timeline draws up to 1,000.
SECTION_LIMIT = 100


def newest_cutoff(positions, limit: int | None = None) -> tuple[datetime.date, int] | None:
    """The oldest (date, id) to draw when there are more than `limit` positions, else None.

    A page draws at most MAX_POSITIONS statements, the newest ones by date then id: a country
    with a hundred thousand would make a page of hundreds of MB. The count is exact even when
    thousands share a day (cutting by whole days drew them all), so a day may be cut in part.
    """
    limit = limit or MAX_POSITIONS
    rows = list(positions.order_by("-stated_on", "-id").values_list("stated_on", "id")[limit - 1 : limit + 1])
    return rows[0] if len(rows) > 1 else None


def read_statements(positions) -> list[Statement]:
    """The drawn positions, each with its actor, topic, quote excerpt and previous stance, in one query of values.

    Each actor and topic becomes one shared object, however many statements name it.
    """
    rows = (
        positions.annotate(
            excerpt_text=Substr("quote__text", 1, EXCERPT_CHARS + 1),
            previous_stance=previous_stance(positions.model),
        )
        .order_by("actor_id", "topic_id", "stated_on", "id")
        .values_list(*SHOWN_VALUES)
    )
    actor_url_for = url_maker("positions:actor_detail", "actor-slug-placeholder")
    actors: dict[int, ActorRef] = {}
    topics: dict[int, TopicRef] = {}
    shown = []
    for (
        pk,
        actor_id,
        topic_id,
        stance,
        stated_on,
        precision,
        verification,
        country,
        actor_name,
        actor_name_uk,
        actor_slug,
        actor_country,
        actor_kind,
        topic_name,
        topic_name_uk,
        topic_slug,
        topic_order,
        excerpt,
        previous,
        translation,
    ) in rows:
        actor = actors.get(actor_id)
        if actor is None:
            actor = actors[actor_id] = ActorRef(
                actor_id,
                actor_name,
                actor_name_uk,
                actor_slug,
                actor_country,
                actor_kind,
                actor_url_for(actor_slug),
                localized_value(actor_name, actor_name_uk),
            )
        topic = topics.get(topic_id)
        if topic is None:
            topic = topics[topic_id] = TopicRef(topic_id, topic_name, topic_name_uk, topic_slug, topic_order)
        shown.append(
            Statement(
                pk,
                actor_id,
                topic_id,
                stance,
                stated_on,
                precision,
                verification,
                country,
                actor,
                topic,
                excerpt or "",
                previous,
                translation,
            )
        )
    return shown


def build_timeline(
    positions,
    *,
    today: datetime.date | None = None,
    date_from=None,
    date_to=None,
    dom_id: str = "tl",
    limit: int | None = None,
    domain: tuple[datetime.date, datetime.date] | None = None,
) -> Timeline:
    """The timeline of a queryset of positions (filtered, a country's, an actor's), in two queries.

    `dom_id` prefixes the SVG's element ids, for a page that shows more than one timeline;
    `limit` draws fewer than MAX_POSITIONS statements, for a page where the timeline is one part;
    `domain` (first day, first day after) fixes the time axis, so timelines drawn one under the
    other share it (the comparison page).
    """
    cutoff = newest_cutoff(positions, limit)
    if cutoff:
        day, pk = cutoff
        positions = positions.filter(Q(stated_on__gt=day) | Q(id__gte=pk), stated_on__gte=day)
    shown = read_statements(positions)
    oldest = min(((p.stated_on, p.pk) for p in shown), default=None)
    histories = load_histories(positions.model, {(p.actor_id, p.topic_id) for p in shown}, since=oldest)
    return lay_out_timeline(
        shown,
        histories,
        today=today or timezone.localdate(),
        date_from=date_from,
        date_to=date_to,
        dom_id=dom_id,
        domain=domain,
        cutoff=cutoff[0] if cutoff else None,
    )


def lay_out_timeline(
    shown: list[Statement],
    histories: dict,
    *,
    today: datetime.date,
    date_from=None,
    date_to=None,
    dom_id: str = "tl",
    domain: tuple[datetime.date, datetime.date] | None = None,
    cutoff: datetime.date | None = None,
) -> Timeline:
    """The timeline of statements already read, each with its actor's history on its topic: no query.

    Read from the database by `build_timeline`, from a release's files for its frozen embed
    (releases/frozen.py). `cutoff` is the first day drawn when older statements were left out.
    """
    index_of = {link.id: i for history in histories.values() for i, link in enumerate(history)}
    url_for = url_maker("positions:position_detail", 2_147_483_647)
    wording = Wording()
    entries = []
    for position in shown:
        history = histories[(position.actor_id, position.topic_id)]
        index = index_of[position.pk]
        change = detect_change(position.previous_stance, position.stance)
        entries.append(Entry(position, url_for(position.pk), history, index, change, position.actor.url, wording))

    if not entries:
        return Timeline([], [], None, [], LABEL_WIDTH + MIN_PLOT_WIDTH + RIGHT_MARGIN, 0, today, False, dom_id)

    start, end = domain or choose_domain(entries, today, date_from, date_to)
    months = (end.year - start.year) * 12 + end.month - start.month
    plot_width = min(max(MIN_PLOT_WIDTH, months * PX_PER_MONTH), MAX_PLOT_WIDTH)
    scale = Scale(start, end, LABEL_WIDTH, plot_width)
    groups = group_rows(entries)
    show_topics = len({entry.position.topic_id for entry in entries}) > 1
    height = stack_rows(groups, show_topics)
    for group in groups:
        for row in group.rows:
            for lane in row.lanes:
                lay_out_lane(lane, scale, today)
    return Timeline(
        groups,
        entries,
        scale,
        make_ticks(scale),
        LABEL_WIDTH + plot_width + RIGHT_MARGIN,
        height,
        today,
        show_topics,
        dom_id,
        cutoff,
    )
