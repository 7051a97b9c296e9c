"""/about/: how the tracker works, with each definition beside a real example from the data."""

from django.conf import settings
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone
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


@require_safe
def about(request):
    stances = [
        {
            "value": value,
            "label": label,
            "definition": STANCE_DEFINITIONS[value],
            "example": Position.objects.newest_of_stance(value),
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
            "topics": Topic.objects.all(),
            "verifications": verifications,
            "attributions": attributions,
            "translations": translations,
            "precisions": DatePrecision.choices,
            "stale_after_months": settings.STALE_AFTER_MONTHS,
            "cell_definitions": CELL_DEFINITIONS,
            "suggest_url": suggest_url(),
            "today": timezone.localdate(),
        },
    )
