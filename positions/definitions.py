"""What each stance, verification level, attribution and translation status means, in the readers' words.

One definition per value: the about page lists them with their anchors, and every badge links
to its anchor and carries the definition as its title, so a badge explains itself without JavaScript.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from positions.choices import Stance
from positions.stance_rule import CellState
from sources.models import Attribution, Verification

# Written so that a statement fits exactly one, without made-up quotes (/about/ shows a real example
# and counter-example of each, positions/stance_examples.py): ask in this order. Does the actor take a side on
# sending troops (else commentary)? Does it exclude it with no limit in time (rules out)? Say no
# for now (opposes)? Commit, or say it is ready (supports)? Keep it on the table (open)? Else it
# is undecided. Conditions the topic itself assumes (a ceasefire, for a reassurance force) are not
# conditions "not yet met": they are what the topic is about.
STANCE_DEFINITIONS = {
    Stance.SUPPORTS: _(
        "The actor commits to sending troops, says it is ready to send them, or argues they should be sent: now, "
        "or once what the topic assumes is in place (a ceasefire, for a reassurance force)."
    ),
    Stance.OPEN: _(
        "The actor keeps the option on the table without committing to it and without saying no for now: it does "
        "not exclude it, or would send troops if conditions not yet met were met."
    ),
    Stance.UNDECIDED: _(
        "The actor says no decision or position has been taken and neither keeps the option on the table nor "
        "sets it aside; or one statement says both."
    ),
    Stance.OPPOSES: _(
        "The actor says no for now (no plans, not at this time, not now), even if it leaves the future open."
    ),
    Stance.RULES_OUT: _(
        "The actor excludes it with no limit in time (will not, under no circumstances), or for as long as what "
        "the topic covers lasts."
    ),
    Stance.COMMENTARY: _(
        "The actor describes or assesses without saying whether troops should be sent (typically an analyst). "
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
    Verification.UNVERIFIED: _(
        "No editor has yet found the words in the primary source or read them in a reputable outlet's report: "
        "a lead, not a fact."
    ),
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
