"""The public corrections log: what an editor corrected in a published position, and positions withdrawn.

A correction is recorded when an editor changes a position's stance, date, actor, topic or quote
(the admin asks for a public note then; see CORRECTED_FIELDS), or gives a note for another change.
A deleted position leaves a withdrawal, whose row (the export's row, as it stood) answers at the
position's address with 410 Gone. Rows keep the position's number, not a foreign key, so they
outlive it.
"""

from django.conf import settings
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sources.text import PLAIN_TEXT

# Changing one of these in a published position is a correction the public must see.
CORRECTED_FIELDS = ("actor", "topic", "quote", "stance", "stated_on", "date_precision")


class Correction(models.Model):
    """One public correction of a position (several fields at once), or its withdrawal."""

    class Kind(models.TextChoices):
        CORRECTED = "corrected", _("corrected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    position_number = models.PositiveBigIntegerField(_("position"), db_index=True)
    position_title = models.CharField(_("position as it was"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CORRECTED)
    made_at = models.DateTimeField(_("made at"), default=timezone.now)
    note = models.TextField(_("public note"), blank=True, validators=PLAIN_TEXT)
    # [{"field": "stance", "old": "opposes", "new": "rules out"}]: the values as the page showed them.
    changes = models.JSONField(_("changes"), default=list, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor who made it"),
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["made_at", "id"], name="correction_made_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["corrected", "withdrawn"]),
                name="correction_kind_valid",
                violation_error_message=_("A correction is a correction or a withdrawal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position_title} ({self.made_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("positions:position_detail", args=[self.position_number]) + "#corrections"

    def field_changes(self) -> list[dict]:
        """The changes with each field's name as readers see it."""
        from positions.models import Position

        fields = {field.name: field.verbose_name for field in Position._meta.concrete_fields}
        return [{**change, "label": fields.get(change["field"], change["field"])} for change in self.changes]


class WithdrawnPosition(models.Model):
    """A deleted position's tombstone: what it said (its export row) and when and why it was withdrawn."""

    position_number = models.PositiveBigIntegerField(_("position"), unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True, validators=PLAIN_TEXT)
    row = models.JSONField(_("what it said"))

    class Meta:
        verbose_name = _("withdrawn position")
        verbose_name_plural = _("withdrawn positions")
        ordering = ["-withdrawn_at"]

    def __str__(self) -> str:
        return f"#{self.position_number}: {self.row.get('actor', '')} — {self.row.get('topic', '')}"


def position_title(position) -> str:
    return f"{position.actor.name} — {position.topic.name}: {position.get_stance_display()} ({position.stated_display})"


def shown(position, name: str) -> str:
    """A field's value as the public page shows it, in English (the log keeps it as it was then)."""
    field = position._meta.get_field(name)
    with translation.override("en"):
        if name == "stated_on":
            return position.stated_display
        if name == "quote":
            return position.quote.text
        if field.is_relation:
            return str(getattr(position, name))
        value = field.value_from_object(position)
        return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def record_correction(before, after, fields: list[str], note: str, user=None) -> Correction | None:
    """Log a correction of `fields` (those whose shown value changed) from `before` to `after`."""
    changes = [
        {"field": name, "old": shown(before, name), "new": shown(after, name)}
        for name in fields
        if shown(before, name) != shown(after, name)
    ]
    if not changes and not note:
        return None
    return Correction.objects.create(
        position_number=after.pk, position_title=position_title(after), note=note, changes=changes, made_by=user
    )


@receiver(pre_delete, sender="positions.Position", dispatch_uid="positions_leave_tombstone")
def leave_tombstone(sender, instance, **kwargs) -> None:
    """Every deletion leaves its tombstone, whoever deletes: the admin, a bulk action or a script.

    The admin's delete page asks for the reason and sets it on the instance (`withdrawal_reason`).
    """
    from positions.exchange.format import position_row

    reason = getattr(instance, "withdrawal_reason", "")
    WithdrawnPosition.objects.update_or_create(
        position_number=instance.pk,
        defaults={"row": position_row(instance), "reason": reason, "withdrawn_at": timezone.now()},
    )
    Correction.objects.create(
        position_number=instance.pk,
        position_title=position_title(instance),
        kind=Correction.Kind.WITHDRAWN,
        note=reason,
        made_by=getattr(instance, "withdrawn_by", None),
    )
