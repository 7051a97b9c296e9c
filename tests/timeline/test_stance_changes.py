"""Changes of stance between an actor's consecutive positions on a topic, reversals first among them."""

import pytest

from positions.choices import Stance
from positions.models import Position
from positions.timeline.history import StanceChange, detect_change
from positions.timeline.layout import build_timeline
from tests.factories import ActorFactory, TopicFactory
from tests.timeline.helpers import TODAY, D, state

pytestmark = pytest.mark.django_db


def changes(timeline):
    return [(entry.change.before, entry.change.after, entry.change.is_reversal) for entry in timeline.changes]


@pytest.mark.parametrize(
    ("before", "after", "steps", "reversal"),
    [
        (Stance.OPEN, Stance.RULES_OUT, 3, True),
        (Stance.OPEN, Stance.OPPOSES, 2, True),
        (Stance.RULES_OUT, Stance.SUPPORTS, 4, True),
        (Stance.OPEN, Stance.UNDECIDED, 1, False),
        (Stance.COMMENTARY, Stance.OPEN, None, False),
    ],
)
def test_steps_along_the_scale_decide_what_counts_as_a_reversal(before, after, steps, reversal):
    change = detect_change(before, after)
    assert change.steps == steps and change.is_reversal is reversal


def test_keeping_the_same_stance_or_a_first_position_is_no_change():
    assert detect_change(Stance.OPEN, Stance.OPEN) is None
    assert detect_change(None, Stance.OPEN) is None


def test_change_reads_old_arrow_new():
    assert StanceChange(Stance.OPEN, Stance.RULES_OUT).label == "open → rules out"
    assert StanceChange(Stance.OPEN, Stance.RULES_OUT).direction == "towards-ruling-out"
    assert StanceChange(Stance.OPPOSES, Stance.OPEN).direction == "towards-support"


def test_timeline_calls_out_each_change_in_order():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 1, 1))
    state(actor, topic, Stance.OPEN, D(2024, 2, 1))
    state(actor, topic, Stance.UNDECIDED, D(2024, 3, 1))
    state(actor, topic, Stance.RULES_OUT, D(2024, 4, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    assert changes(timeline) == [(Stance.OPEN, Stance.UNDECIDED, False), (Stance.UNDECIDED, Stance.RULES_OUT, True)]
    assert len(timeline.reversals) == 1
    assert "tl-marker-reversal" in timeline.reversals[0].marker_class


def test_same_day_positions_are_ordered_by_id():
    actor, topic = ActorFactory(), TopicFactory()
    earlier = state(actor, topic, Stance.SUPPORTS, D(2024, 5, 5))
    later = state(actor, topic, Stance.RULES_OUT, D(2024, 5, 5))
    assert earlier.pk < later.pk
    timeline = build_timeline(Position.objects.all(), today=TODAY)
    by_position = {entry.position.pk: entry for entry in timeline.entries}
    assert by_position[earlier.pk].change is None
    assert by_position[later.pk].change == StanceChange(Stance.SUPPORTS, Stance.RULES_OUT)
    # The earlier one is superseded the same day: it keeps its marker but its band has no length.
    assert by_position[earlier.pk].is_superseded and not by_position[later.pk].is_superseded
    supports_band = next(
        band for lane in timeline.groups[0].rows[0].lanes for band in lane.bands if band.stance == Stance.SUPPORTS
    )
    assert supports_band.width == 0


def test_changes_compare_positions_on_the_same_topic_only():
    actor = ActorFactory()
    state(actor, TopicFactory(slug="combat-troops"), Stance.SUPPORTS, D(2024, 1, 1))
    state(actor, TopicFactory(slug="instructors"), Stance.RULES_OUT, D(2024, 2, 1))
    assert build_timeline(Position.objects.all(), today=TODAY).changes == []


def test_a_change_is_found_even_when_the_previous_position_is_filtered_out():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.OPEN, D(2024, 1, 1))
    state(actor, topic, Stance.RULES_OUT, D(2024, 9, 1))
    timeline = build_timeline(Position.objects.filter(stated_on__gte=D(2024, 6, 1)), today=TODAY)
    assert changes(timeline) == [(Stance.OPEN, Stance.RULES_OUT, True)]


def test_the_stance_changed_from_is_the_previous_statement_even_when_only_newer_ones_are_drawn():
    """A section timeline draws the newest few; the change still names the stance of the one before, undrawn."""
    actor, topic, other = ActorFactory(), TopicFactory(slug="combat-troops"), TopicFactory(slug="instructors")
    state(actor, topic, Stance.SUPPORTS, D(2023, 1, 1))
    state(actor, topic, Stance.OPEN, D(2023, 6, 1))
    state(actor, other, Stance.UNDECIDED, D(2024, 2, 1))
    state(actor, topic, Stance.RULES_OUT, D(2024, 3, 1))
    newest = state(actor, other, Stance.UNDECIDED, D(2024, 4, 1))
    timeline = build_timeline(Position.objects.all(), today=TODAY, limit=2)
    assert sorted(entry.position.stated_on for entry in timeline.entries) == [D(2024, 3, 1), D(2024, 4, 1)]
    assert changes(timeline) == [(Stance.OPEN, Stance.RULES_OUT, True)]
    # The undecided → undecided pair is no change, though the first of the two is not drawn either.
    assert next(entry for entry in timeline.entries if entry.position.pk == newest.pk).change is None


def test_a_drawn_statement_is_superseded_by_a_newer_one_the_filter_hides():
    actor, topic = ActorFactory(), TopicFactory()
    state(actor, topic, Stance.SUPPORTS, D(2023, 1, 1))
    state(actor, topic, Stance.OPEN, D(2023, 6, 1))
    state(actor, topic, Stance.RULES_OUT, D(2024, 3, 1))
    timeline = build_timeline(Position.objects.filter(stance=Stance.OPEN), today=TODAY)
    [entry] = timeline.entries
    assert entry.change == StanceChange(Stance.SUPPORTS, Stance.OPEN)
    assert entry.superseded_by.stance == Stance.RULES_OUT and entry.held_until_next.stated_on == D(2024, 3, 1)
