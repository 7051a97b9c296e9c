"""An editor's decision on a contribution: who decided, when, why, and one message to the reader."""

from django.db import transaction
from django.utils import timezone

from contributions.emails import notify_decision
from contributions.models import Status


def decide(contribution, status: str, user, *, reason: str = "", position=None, position_url: str = "") -> bool:
    """Record the decision if the contribution is still pending; False when someone decided first.

    The update is conditional on the status, so two editors deciding at once cannot both win.
    The reader's message goes out once the decision is committed.
    """
    model = type(contribution)
    values = {"status": status, "decided_by": user, "decided_at": timezone.now(), "decision_reason": reason}
    if position is not None:
        values["position"] = position
    if not model.objects.filter(pk=contribution.pk, status=Status.NEW).update(**values):
        return False
    for name, value in values.items():
        setattr(contribution, name, value)
    if contribution.email:
        transaction.on_commit(lambda: notify_decision(contribution, position_url))
    return True
