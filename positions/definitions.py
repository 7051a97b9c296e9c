"""What each stance, verification level, attribution and translation status means, in the readers' words.

One definition per value: the about page lists them with their anchors, and every badge links
to its anchor and carries the definition as its title, so a badge explains itself without JavaScript.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from positions.choices import Stance
from positions.stance_rule import CellState
from sources.models import Attribution, Verification

STANCE_DEFINITIONS = {
    Stance.SUPPORTS: _("The actor is for it, now or under conditions already met (“we are ready to send troops”)."),
    Stance.OPEN: _(
        "The actor does not exclude it, or would do it under conditions not yet met (“nothing is ruled out”)."
    ),
    Stance.UNDECIDED: _("The actor says no decision is taken, or sends mixed signals."),
    Stance.OPPOSES: _(
        "The actor is against it at present but leaves the door open (“not committing troops … at this time”)."
    ),
    Stance.RULES_OUT: _("The actor excludes it firmly (“there will be no ground troops”)."),
    Stance.COMMENTARY: _(
        "The actor describes or assesses without taking a side (typically an analyst). "
        "Commentary is not a point on the scale and never counts as a government's stance."
    ),
}

# What an editor checked, and only that: how the words reached us is the attribution's to say.
VERIFICATION_DEFINITIONS = {
    Verification.CONFIRMED: _(
        "An editor opened the primary source (transcript, recording, post, signed text) and found the words."
    ),
    Verification.REPORTED: _(
        "A reputable outlet reports the words, and an editor read that report; the primary source was not found."
    ),
    Verification.UNVERIFIED: _("Neither was checked yet. Treat it as a lead, not as a fact."),
}

# What a country's cell says when no stance decides it (mixed, reported only): defined with the rule.
CELL_DEFINITIONS = CellState.definitions()

# How the words reached us: defined once, with the choices (sources/models.py).
ATTRIBUTION_DEFINITIONS = Attribution.definitions()

# The translation status of a quote's English text (the stored values come with the quote's translation field).
TRANSLATION_DEFINITIONS = {
    "original": (_("original"), _("The English text is what was said.")),
    "translation": (_("translated"), _("A human translation of what was said; the original is shown beside it.")),
    "machine": (
        _("machine-translated"),
        _(
            "A machine translation of what was said: names and nuances may be wrong. "
            "Check the original before quoting it."
        ),
    ),
}


def definition_url(kind: str, value: str) -> str:
    """The about page's anchor for one value: /about/#stance-rules_out, /about/#verification-reported."""
    return f"{reverse('positions:about')}#{kind}-{value}"
