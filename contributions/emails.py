"""The one message a reader who left an address gets: what was decided about their contribution.

Plain text with an HTML alternative, both from templates: the HTML part is escaped by the template
engine, and nothing the reader or an editor typed goes into a header (the subject is fixed).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributions.models import ErrorReport, Status

logger = logging.getLogger(__name__)

SUBJECTS = {
    Status.ACCEPTED: _("Your contribution was accepted"),
    Status.REJECTED: _("Your contribution was not accepted"),
    Status.DUPLICATE: _("Your contribution duplicates one we have"),
}


def notify_decision(contribution, position_url: str = "") -> bool:
    """Send the decision to the reader, once. Returns whether a message went out."""
    if not contribution.email or contribution.notified_at or contribution.status == Status.NEW:
        return False
    context = {
        "contribution": contribution,
        "is_report": isinstance(contribution, ErrorReport),
        "position_url": position_url,
        "retention_days": settings.CONTRIBUTION_EMAIL_RETENTION_DAYS,
    }
    subject = "{}: {}".format(_("Troop Positions Tracker"), SUBJECTS[contribution.status])
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("contributions/email/decision.txt", context),
        to=[contribution.email],
    )
    message.attach_alternative(render_to_string("contributions/email/decision.html", context), "text/html")
    try:
        message.send()
    except Exception:
        # The decision stands without the message; the log says whom to write to by hand.
        logger.exception("Could not send the decision on %s %s", type(contribution).__name__, contribution.pk)
        return False
    type(contribution).objects.filter(pk=contribution.pk).update(notified_at=timezone.now())
    return True
