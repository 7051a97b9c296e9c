"""Bands and markers follow the dates, precisions and stances of the positions they draw."""

import pytest

from positions.choices import ActorKind, Stance
from positions.models import Position
from positions.timeline.layout import build_timeline
from positions.timeline.scale import Scale, make_ticks
from sources.dates import DatePrecision
from tests.factories import ActorFactory, TopicFactory
from tests.timeline.helpers import TODAY, D, state

pytestmark = pytest.mark.django_db


def only_lane(timeline):
    [group] = timeline.groups
    [row] = group.rows
    [lane] = row.lanes
    return lane


def test_day_precision_band_runs_from_the_statement_to_the_next_position():
    actor, topic = ActorFactory(), TopicFactory()
    first = state(actor, topic, Stance.OPEN, D(2025, 1, 10))
    state(actor, topic, Stance.OPPOSES, D(2025, 3, 20))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    scale = timeline.scale
    lane = only_lane(timeline)
    open_band, opposes_band = lane.bands
    assert open_band.x == scale.x(D(2025, 1, 10))
    assert open_band.x + open_band.width == pytest.approx(scale.x(D(2025, 3, 20)))
    assert not open_band.uncertain
    # The last stance holds until the end of today.
    assert opposes_band.x + opposes_band.width == pytest.approx(scale.x(D(2025, 6, 16)))
    first_entry = next(entry for entry in lane.entries if entry.position.pk == first.pk)
    # The marker sits in the middle of its day, not at some other day.
    assert scale.x(D(2025, 1, 10)) < first_entry.x < scale.x(D(2025, 1, 11))
    assert "tl-marker-day" in first_entry.marker_class


def test_later_positions_sit_further_right():
    actor, topic = ActorFactory(), TopicFactory()
    for day in (D(2024, 2, 1), D(2024, 9, 1), D(2025, 5, 1)):
        state(actor, topic, Stance.OPEN, day)
    xs = [entry.x for entry in only_lane(build_timeline(Position.objects.all(), today=TODAY)).entries]
    assert xs == sorted(xs) and len(set(xs)) == 3


def test_month_precision_is_hatched_over_the_whole_month_with_a_hollow_marker():
    actor, topic = ActorFactory(), TopicFactory()
    position = state(actor, topic, Stance.RULES_OUT, D(2024, 11, 1), DatePrecision.MONTH)
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    scale, lane = timeline.scale, only_lane(timeline)
    # Held at full strength until six months after the month's last day, then faded (stale) until today.
    uncertain, held, faded = lane.bands
    assert uncertain.uncertain and not held.uncertain
    assert not held.stale and faded.stale and "tl-band-stale" in faded.css_class
    assert faded.x == pytest.approx(scale.x(D(2025, 5, 31)))
    assert (uncertain.x, uncertain.x + uncertain.width) == pytest.approx(
        (scale.x(D(2024, 11, 1)), scale.x(D(2024, 12, 1)))
    )
    assert held.x == pytest.approx(scale.x(D(2024, 12, 1)))
    [entry] = lane.entries
    assert entry.position.pk == position.pk
    # Centred on the month as a whole: no day is made up for it.
    assert entry.x == pytest.approx((scale.x(D(2024, 11, 1)) + scale.x(D(2024, 12, 1))) / 2, abs=0.01)
    assert "tl-marker-period" in entry.marker_class and "tl-marker-day" not in entry.marker_class


def test_year_precision_is_hatched_over_the_whole_year():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.SUPPORTS, D(2023, 1, 1), DatePrecision.YEAR)
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    uncertain = only_lane(timeline).bands[0]
    assert uncertain.uncertain
    assert uncertain.x == timeline.scale.x(D(2023, 1, 1))
    assert uncertain.x + uncertain.width == pytest.approx(timeline.scale.x(D(2024, 1, 1)))


def test_a_month_only_date_is_cut_short_by_a_later_statement_in_the_same_month():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 11, 1), DatePrecision.MONTH)
    state(actor, topic, Stance.OPPOSES, D(2024, 11, 20))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    bands = only_lane(timeline).bands
    open_bands = [band for band in bands if band.stance == Stance.OPEN]
    assert len(open_bands) == 1 and open_bands[0].uncertain
    assert open_bands[0].x + open_bands[0].width == pytest.approx(timeline.scale.x(D(2024, 11, 20)))


def test_band_and_marker_colours_follow_the_stance():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.SUPPORTS, D(2025, 1, 1))
    state(actor, topic, Stance.RULES_OUT, D(2025, 2, 1))
    lane = only_lane(build_timeline(Position.objects.all(), today=TODAY))
    assert [band.css_class.split()[1] for band in lane.bands] == ["stance-supports", "stance-rules_out"]
    assert ["stance-supports" in e.marker_class for e in lane.entries] == [True, False]
    assert ["stance-rules_out" in e.marker_class for e in lane.entries] == [False, True]


def test_a_band_ends_at_the_next_position_even_when_a_filter_hides_it():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2025, 1, 10))
    state(actor, topic, Stance.OPPOSES, D(2025, 2, 10))
    timeline = build_timeline(Position.objects.filter(stance=Stance.OPEN), today=TODAY)
    [band] = only_lane(timeline).bands
    assert band.x + band.width == pytest.approx(timeline.scale.x(D(2025, 2, 10)))
    [entry] = only_lane(timeline).entries
    assert entry.is_superseded and entry.superseded_by.stance == Stance.OPPOSES


def test_the_x_scale_covers_the_filtered_date_range_in_whole_months():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 3, 14))
    timeline = build_timeline(Position.objects.all(), today=TODAY, date_from=D(2024, 2, 10), date_to=D(2024, 12, 5))
    assert (timeline.scale.start, timeline.scale.end) == (D(2024, 2, 1), D(2025, 1, 1))
    # Without a filter: from the first statement's month to the end of today's month.
    unfiltered = build_timeline(Position.objects.all(), today=TODAY)
    assert (unfiltered.scale.start, unfiltered.scale.end) == (D(2024, 3, 1), D(2025, 7, 1))
    # The band stops at the edge of the range instead of running off it (faded past six months: stale).
    held, faded = only_lane(timeline).bands
    assert held.x + held.width == pytest.approx(timeline.scale.x(D(2024, 9, 15)))
    assert faded.stale and faded.x + faded.width == pytest.approx(timeline.scale.x(D(2025, 1, 1)))


def test_axis_has_a_tick_per_month_and_names_each_year():
    scale = Scale(D(2024, 11, 1), D(2025, 3, 1), 100, 400)
    ticks = make_ticks(scale)
    years = [(tick.label, tick.x) for tick in ticks if tick.is_year]
    assert years == [("2024", 100), ("2025", scale.x(D(2025, 1, 1)))]
    months = [tick.label for tick in ticks if not tick.is_year]
    assert months == ["Nov", "Dec", "Jan", "Feb"]


def test_rows_are_one_per_actor_grouped_by_country_with_the_government_first():
    topic = TopicFactory()
    minister = ActorFactory(name="Zed Minister", country="GB", kind=ActorKind.OFFICIAL)
    government = ActorFactory(name="United Kingdom", country="GB", kind=ActorKind.STATE)
    president = ActorFactory(name="President", country="FR", kind=ActorKind.OFFICIAL)
    nato = ActorFactory(name="NATO", country="", kind=ActorKind.ORGANISATION)
    for actor in (minister, government, president, nato):
        state(actor, topic, Stance.OPEN, D(2025, 1, 1))
    state(minister, TopicFactory(), Stance.OPPOSES, D(2025, 2, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    assert [group.name for group in timeline.groups] == ["France", "United Kingdom", "International"]
    assert [row.actor.id for row in timeline.groups[1].rows] == [government.pk, minister.pk]
    assert len(timeline.groups[1].rows[1].lanes) == 2
    ys = [row.y for group in timeline.groups for row in group.rows]
    assert ys == sorted(ys) and len(set(ys)) == 4
    assert timeline.height > ys[-1]


def test_markers_on_the_same_day_are_fanned_out_so_each_can_be_selected():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2025, 1, 10))
    state(actor, topic, Stance.OPPOSES, D(2025, 1, 10))
    entries = only_lane(build_timeline(Position.objects.all(), today=TODAY)).entries
    assert entries[0].x == entries[1].x
    assert entries[0].y != entries[1].y


def test_an_empty_selection_draws_nothing():
    timeline = build_timeline(Position.objects.none(), today=TODAY)
    assert timeline.is_empty and timeline.groups == [] and timeline.scale is None


def test_one_position_is_one_row_with_one_band_to_today():
    position = state(ActorFactory(), TopicFactory(), Stance.UNDECIDED, D(2025, 6, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    lane = only_lane(timeline)
    [band] = lane.bands
    [entry] = lane.entries
    assert entry.position.pk == position.pk and entry.change is None and not entry.is_superseded
    assert band.x + band.width == pytest.approx(timeline.scale.x(D(2025, 6, 16)))
    assert timeline.today_x == timeline.scale.x(TODAY)


def test_over_decades_only_some_years_are_named_so_labels_never_collide():
    scale = Scale(D(1900, 1, 1), D(2026, 1, 1), 0, 3000)
    named = [tick for tick in make_ticks(scale) if tick.is_year and tick.label]
    assert named[0].label == "1900" and 10 < len(named) < 126
    assert min(b.x - a.x for a, b in zip(named, named[1:])) >= 40


def test_a_stance_fades_after_the_staleness_threshold_and_says_so(settings):
    settings.STALE_AFTER_MONTHS = 3
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 12, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    held, faded = only_lane(timeline).bands
    assert not held.stale and faded.stale
    assert held.x + held.width == pytest.approx(timeline.scale.x(D(2025, 3, 2)))
    assert timeline.stale_after_months == 3


def test_commentary_is_a_point_without_a_band_and_does_not_end_the_stance_before_it():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2025, 3, 1))
    state(actor, topic, Stance.COMMENTARY, D(2025, 4, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    lane = only_lane(timeline)
    assert {band.stance for band in lane.bands} == {Stance.OPEN}
    [band] = lane.bands
    # The open stance runs on past the commentary, to the end of today.
    assert band.x + band.width == pytest.approx(timeline.scale.x(D(2025, 6, 16)))
    assert len(lane.entries) == 2
