"""How the position admin and the moderation queue meet (see positions/admin/hooks.py).

Approving a suggestion opens the add-position form at `?suggestion=<id>`; the form is pre-filled
from the stored suggestion here (not from values in the address, which would be too long for a
long quote in Cyrillic), and the same parameter, still on the address when the form is posted,
links the saved position to the suggestion. An error report works the same way through the
position's change form at `?report=<id>`.
"""

from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from contributions.decisions import decide
from contributions.models import ErrorReport, Status, Suggestion
from positions.admin.hooks import add_form_initial, position_saved
from sources.models import Source


def pending_from_query(request, model, parameter: str):
    """The pending contribution named in the address, if the user may decide it."""
    value = request.GET.get(parameter, "")
    if not value.isdigit() or not request.user.has_perm(f"contributions.change_{model._meta.model_name}"):
        return None
    contribution = model.objects.filter(pk=int(value)).first()
    if contribution is not None and contribution.status != Status.NEW:
        messages.warning(
            request, _("%(item)s was already decided; saving will not change it.") % {"item": contribution}
        )
        return None
    return contribution


@receiver(add_form_initial, dispatch_uid="contributions_prefill_from_suggestion")
def prefill_from_suggestion(sender, request, **kwargs) -> dict | None:
    suggestion = pending_from_query(request, Suggestion, "suggestion")
    if suggestion is None:
        return None
    initial = {
        "actor": suggestion.actor_id,
        "topic": suggestion.topic_id,
        "stance": suggestion.stance,
        "stated_on": suggestion.stated_on,
        "date_precision": suggestion.date_precision,
        "new_quote_text": suggestion.text,
    }
    if suggestion.actor_id is None:
        # A name the data does not hold yet: the add screen's "new actor" fields, for the editor to check.
        initial["new_actor_name"] = suggestion.actor_name
        initial["new_actor_country"] = suggestion.country.code if suggestion.country else ""
    source = Source.objects.filter(url=suggestion.source_url).first()
    if source is not None:
        initial["existing_source"] = source.pk
    else:
        initial["new_source_url"] = suggestion.source_url
        initial["new_source_archive_url"] = suggestion.archive_url
    return {name: value for name, value in initial.items() if value not in (None, "")}


@receiver(position_saved, dispatch_uid="contributions_link_saved_position")
def link_saved_position(sender, request, position, created: bool, **kwargs) -> None:
    position_url = request.build_absolute_uri(position.get_absolute_url())
    if created:
        contribution = pending_from_query(request, Suggestion, "suggestion")
    else:
        contribution = pending_from_query(request, ErrorReport, "report")
        if contribution is not None and contribution.position_id != position.pk:
            return
    if contribution is not None and decide(
        contribution, Status.ACCEPTED, request.user, position=position, position_url=position_url
    ):
        messages.info(request, _("%(item)s is accepted and linked to this position.") % {"item": contribution})
