"""/about/: how the tracker works, with each definition beside a real example from the data."""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from positions.choices import Stance
from positions.definitions import (
    ATTRIBUTION_DEFINITIONS,
    CELL_DEFINITIONS,
    STANCE_DEFINITIONS,
    TRANSLATION_DEFINITIONS,
    VERIFICATION_DEFINITIONS,
)
from positions.models import Position, Topic
from positions.record_summary import record_summary
from positions.stance_examples import STANCE_EXAMPLES, Statement
from sources.dates import DatePrecision
from sources.models import Attribution, Verification

SUGGEST_PATH = "/suggest/"


def suggest_url() -> str:
    """The readers' suggestion form, once it exists; until then the page says how else to reach the editors."""
    try:
        resolve(SUGGEST_PATH)
    except Resolver404:
        return ""
    return SUGGEST_PATH


def shown(statement: Statement, positions: dict, topics: dict) -> dict:
    """A statement as /about/ shows it: linked to its position page when the data holds it, else to its source."""
    position = positions.get((statement.actor_slug, statement.quote))
    return {
        "statement": statement,
        "topic": topics.get(statement.topic),
        "name": statement.name_uk if get_language() == "uk" and statement.name_uk else statement.name,
        "url": position.get_absolute_url() if position else statement.url,
        # Said beside the words when the data holds the quote: a machine translation is marked as such.
        "translation": position.translation if position else "",
        "stance_label": Stance(statement.stance).label,
    }


def example_positions() -> dict:
    """The examples' positions in the data, by actor and quote, in one query."""
    statements = [s for pair in STANCE_EXAMPLES.values() for s in (pair.example, pair.counter)]
    found = Position.objects.filter(
        actor__slug__in={s.actor_slug for s in statements}, quote__text__in={s.quote for s in statements}
    ).values_list("actor__slug", "quote__text", "id", "quote__translation")
    return {(slug, text): ExamplePosition(pk, translation) for slug, text, pk, translation in found}


class ExamplePosition:
    """What /about/ needs of an example's position: its address and its quote's translation status."""

    def __init__(self, pk: int, translation: str):
        self.pk, self.translation = pk, translation

    def get_absolute_url(self) -> str:
        return Position(id=self.pk).get_absolute_url()


@require_safe
def about(request):
    positions = example_positions()
    topics = list(Topic.objects.all())
    by_slug = {topic.slug: topic for topic in topics}
    stances = [
        {
            "value": value,
            "label": label,
            "definition": STANCE_DEFINITIONS[value],
            "example": shown(STANCE_EXAMPLES[value].example, positions, by_slug),
            "counter": shown(STANCE_EXAMPLES[value].counter, positions, by_slug),
            "why": STANCE_EXAMPLES[value].why,
        }
        for value, label in Stance.choices
    ]
    verifications = [
        {"value": value, "label": label, "definition": VERIFICATION_DEFINITIONS[value]}
        for value, label in Verification.choices
    ]
    attributions = [
        {"value": value, "label": label, "definition": ATTRIBUTION_DEFINITIONS[value]}
        for value, label in Attribution.choices
    ]
    translations = [
        {"value": value, "label": label, "definition": definition}
        for value, (label, definition) in TRANSLATION_DEFINITIONS.items()
    ]
    return render(
        request,
        "positions/about.html",
        {
            "stances": stances,
            "topics": topics,
            "verifications": verifications,
            "attributions": attributions,
            "translations": translations,
            "precisions": DatePrecision.choices,
            "stale_after_months": settings.STALE_AFTER_MONTHS,
            "cell_definitions": CELL_DEFINITIONS,
            "suggest_url": suggest_url(),
            "record": record_summary(),
            "today": timezone.localdate(),
        },
    )
