"""Numbered, frozen releases of the published data (the files themselves are in the "releases" storage)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NUMBER_PATTERN = re.compile(r"^\d{4}\.\d{1,2}\.\d{1,3}$")


class Release(models.Model):
    """One frozen release: what was published at `made_at`, as files with their sizes and SHA-256 checksums.

    A release is never changed once made: its files are written before its row, and the row
    refuses a second save (see `save`), so a citation of a number always means the same bytes.
    """

    number = models.CharField(
        _("number"), max_length=20, unique=True, help_text=_("Year, month and a count within the month: 2026.12.1.")
    )
    made_at = models.DateTimeField(_("made at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor who made it"),
    )
    previous = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("previous release")
    )
    position_count = models.PositiveIntegerField(_("positions"))
    country_count = models.PositiveIntegerField(_("countries"))
    actor_count = models.PositiveIntegerField(_("actors"))
    added_count = models.PositiveIntegerField(_("added"))
    removed_count = models.PositiveIntegerField(_("removed"))
    changed_count = models.PositiveIntegerField(_("changed"))
    # [{"name": "positions.csv", "bytes": 1234, "sha256": "…"}, …] in the order the page lists them.
    files = models.JSONField(_("files"))

    class Meta:
        verbose_name = _("data release")
        verbose_name_plural = _("data releases")
        ordering = ["-made_at", "-id"]
        get_latest_by = ["made_at", "id"]
        permissions = [("make_release", _("Can make a data release"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__regex=r"^[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,3}$"),
                name="release_number_format",
                violation_error_message=_("A release number looks like 2026.12.1."),
            )
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A release is frozen: it cannot be changed once made."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("releases:release_detail", args=[self.number])

    def file(self, name: str) -> dict | None:
        return next((entry for entry in self.files if entry["name"] == name), None)

    @property
    def change_line(self) -> str:
        if self.previous_id is None:
            return str(_("First release."))
        return str(_("%(added)s added, %(removed)s removed, %(changed)s changed since %(previous)s.")) % {
            "added": self.added_count,
            "removed": self.removed_count,
            "changed": self.changed_count,
            "previous": self.previous.number,  # type: ignore[union-attr]  # previous_id is set
        }
