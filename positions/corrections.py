"""The public corrections log: what an editor corrected in a published position, and positions withdrawn.

A correction is recorded when an editor changes a position's stance, date, actor, topic or quote
(the admin asks for a public note then; see CORRECTED_FIELDS), or gives a note for another change.
A quote's words, its source or its date are what every position citing it says too: a change to
them in the quote or source admin is logged for each of those positions (QUOTE_CORRECTED_FIELDS).
A deleted position leaves a withdrawal, whose row (the export's row, as it stood) answers at the
position's address with 410 Gone; a position brought back (a revert) removes its tombstone and
logs its restoration. Rows keep the position's number, not a foreign key, so they outlive it.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sources.text import PLAIN_TEXT

# Changing one of these in a published position is a correction the public must see.
CORRECTED_FIELDS = ("actor", "topic", "quote", "stance", "stated_on", "date_precision")
# Changing one of these in a quote that published positions cite corrects each of them.
QUOTE_CORRECTED_FIELDS = ("text", "original_text", "source", "said_on", "date_precision")
# A source's address is where every position citing one of its quotes rests.
SOURCE_CORRECTED_FIELDS = ("url",)

# How the log names a change to a quote or a source (keys "quote.<field>", "source.<field>").
CITED_LABELS = {
    "quote.text": _("quote"),
    "quote.original_text": _("quote in the original language"),
    "quote.source": _("quote's source"),
    "quote.said_on": _("quote's date"),
    "source.url": _("source's address"),
}


class Correction(models.Model):
    """One public correction of a position (several fields at once), or its withdrawal."""

    class Kind(models.TextChoices):
        CORRECTED = "corrected", _("corrected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        RESTORED = "restored", _("restored")

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
                condition=models.Q(kind__in=["corrected", "withdrawn", "restored"]),
                name="correction_kind_valid",
                violation_error_message=_("A correction is a correction, a withdrawal or a restoration."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position_title} ({self.made_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("positions:position_detail", args=[self.position_number]) + "#corrections"

    def field_changes(self) -> list[dict]:
        """The changes with each field's name as readers see it."""
        from positions.models import Position

        fields = {field.name: field.verbose_name for field in Position._meta.concrete_fields} | CITED_LABELS
        return [
            {**change, "label": fields.get(change["field"]) or cited_label(change["field"])} for change in self.changes
        ]


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


def cited_label(key: str) -> str:
    """ "quote: verification" for a change to a quote's or a source's field outside CITED_LABELS."""
    model_name, _dot, name = key.rpartition(".")
    if model_name not in ("quote", "source"):
        return key
    model = apps.get_model("sources", model_name)
    return f"{model._meta.verbose_name}: {model._meta.get_field(name).verbose_name}"


def cited_shown(instance, name: str) -> str:
    """A quote's or a source's field as readers see it, in English."""
    if name in ("said_on", "date_precision"):
        return instance.said_display
    field = instance._meta.get_field(name)
    with translation.override("en"):
        if name == "source":
            source = instance.source
            return f"{source} <{source.url}>" if source.url else str(source)
        value = field.value_from_object(instance)
        return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def record_cited_correction(before, after, fields: list[str], note: str, user=None) -> list[Correction]:
    """Log a correction of a quote or a source (`before` → `after`) on every position citing it.

    The quote's date and its precision are one value as shown ("quote.said_on").
    """
    prefix = after._meta.model_name
    changes: list[dict] = []
    for name in fields:
        key = f"{prefix}.said_on" if name == "date_precision" else f"{prefix}.{name}"
        old, new = cited_shown(before, name), cited_shown(after, name)
        if old != new and key not in [change["field"] for change in changes]:
            changes.append({"field": key, "old": old, "new": new})
    if not changes and not note:
        return []
    from positions.models import Position

    citing = Position.objects.filter(**{"quote" if prefix == "quote" else "quote__source": after.pk})
    return Correction.objects.bulk_create(
        Correction(
            position_number=position.pk,
            position_title=position_title(position),
            note=note,
            changes=changes,
            made_by=user,
        )
        for position in citing.select_related("actor", "topic").order_by("id")
    )


@receiver(post_save, sender="positions.Position", dispatch_uid="positions_lift_tombstone")
def lift_tombstone(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A withdrawn position brought back (a revert re-creates it with its number) answers at its address again.

    The admin's revert asks for a public note and sets it on the instance (`restoration_note`).
    """
    if not created or raw:
        return
    lifted, _count = WithdrawnPosition.objects.filter(position_number=instance.pk).delete()
    if lifted:
        Correction.objects.create(
            position_number=instance.pk,
            position_title=position_title(instance),
            kind=Correction.Kind.RESTORED,
            note=getattr(instance, "restoration_note", ""),
            made_by=getattr(instance, "restored_by", None),
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
