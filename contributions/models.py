"""What readers send in: suggested statements and reports of errors, each waiting for an editor's decision.

Nothing here is public. A suggestion becomes public only when an editor saves a position from it
in the admin; a report only through the editor's correction of the position itself.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from positions.choices import Stance
from positions.models import Actor, Position, Topic
from sources.dates import DatePrecision, choices_constraint
from sources.text import NAME_TEXT, PLAIN_TEXT

WEB_URL = URLValidator(schemes=["http", "https"])

# Size limits, shared by the models, the forms and the tests.
MAX_NAME = 200
MAX_URL = 1000
MAX_WORDS = 5000
MAX_NOTE = 2000


class Status(models.TextChoices):
    NEW = "new", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    DUPLICATE = "duplicate", _("duplicate")


class Origin(models.TextChoices):
    READER = "reader", _("sent by a reader")
    FEED = "feed", _("found automatically")


class ContributionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Status.NEW)

    def emails_due_for_deletion(self, before):
        """Decided contributions whose contact address has been kept long enough."""
        return self.exclude(email="").filter(decided_at__lte=before).exclude(status=Status.NEW)


class Contribution(models.Model):
    """What every contribution has: an optional contact address, a status, and who decided when."""

    email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Deleted a fixed time after the decision (CONTRIBUTION_EMAIL_RETENTION_DAYS)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(
        _("reason"), blank=True, validators=PLAIN_TEXT, help_text=_("Sent to the reader when they left an address.")
    )
    notified_at = models.DateTimeField(_("reader notified"), null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == Status.NEW


class Suggestion(Contribution):
    """A statement a reader suggests: who said what, when, and where it was published."""

    actor = models.ForeignKey(
        Actor,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Set when the reader picked an actor already in the data."),
    )
    actor_name = models.CharField(_("who said it, as typed"), max_length=MAX_NAME, validators=NAME_TEXT)
    country = CountryField(_("country"), blank=True)
    topic = models.ForeignKey(Topic, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("topic"))
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices, blank=True)
    stated_on = models.DateField(_("stated on"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    text = models.TextField(_("the words"), max_length=MAX_WORDS, validators=PLAIN_TEXT)
    source_url = models.URLField(_("source URL"), max_length=MAX_URL, validators=[WEB_URL, *PLAIN_TEXT])
    archive_url = models.URLField(_("archive URL"), max_length=MAX_URL, blank=True, validators=[WEB_URL, *PLAIN_TEXT])
    note = models.TextField(_("note"), max_length=MAX_NOTE, blank=True, validators=PLAIN_TEXT)
    position = models.ForeignKey(
        Position,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("position"),
        help_text=_("The position made from this suggestion, or the one it duplicates."),
    )
    # Set by statement discovery (the discovery app) for what it found in a watched feed.
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.READER)
    found_in = models.ForeignKey(
        "discovery.WatchedFeed",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("found in feed"),
    )
    item_title = models.CharField(_("item title"), max_length=500, blank=True, validators=PLAIN_TEXT)
    published_at = models.DateTimeField(_("item published"), null=True, blank=True)
    matched_spans = models.JSONField(
        _("matched words"), default=list, blank=True, help_text=_("Start and end of each matched word in the words.")
    )
    stance_hint = models.CharField(
        _("stance hint"),
        max_length=12,
        choices=Stance.choices,
        blank=True,
        help_text=_("What the matcher's words suggest; only an editor decides the stance."),
    )

    class Meta:
        verbose_name = _("suggested statement")
        verbose_name_plural = _("suggested statements")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="suggestion_status_idx"),
            models.Index(fields=["source_url"], name="suggestion_source_url_idx"),
        ]
        constraints = [
            choices_constraint("status", Status, "suggestion_status_valid", "Status"),
            models.CheckConstraint(
                condition=models.Q(stance="") | models.Q(stance__in=Stance.values),
                name="suggestion_stance_valid",
                violation_error_message=_("Stance is not one of the allowed values."),
            ),
            choices_constraint("date_precision", DatePrecision, "suggestion_precision_valid", "Date precision"),
            choices_constraint("origin", Origin, "suggestion_origin_valid", "Origin"),
            models.CheckConstraint(
                condition=models.Q(stance_hint="") | models.Q(stance_hint__in=Stance.values),
                name="suggestion_stance_hint_valid",
                violation_error_message=_("Stance hint is not one of the allowed values."),
            ),
        ]

    def __str__(self) -> str:
        return _("Suggestion %(id)s: %(name)s") % {"id": self.pk, "name": self.actor_name}

    def get_admin_url(self) -> str:
        return reverse("admin:contributions_suggestion_change", args=[self.pk])

    @property
    def found_automatically(self) -> bool:
        return self.origin == Origin.FEED

    def word_parts(self) -> list[tuple[str, bool]]:
        """The words cut into (text, matched) pieces, for a template to mark the matched ones."""
        parts, at = [], 0
        for start, end in sorted((int(s), int(e)) for s, e in self.matched_spans or []):
            start, end = max(start, at), min(end, len(self.text))
            if start >= end:
                continue
            if start > at:
                parts.append((self.text[at:start], False))
            parts.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            parts.append((self.text[at:], False))
        return parts


class ErrorReport(Contribution):
    """A reader's report that a published position is wrong, and what would be right."""

    position = models.ForeignKey(Position, models.SET_NULL, null=True, related_name="+", verbose_name=_("position"))
    what_is_wrong = models.TextField(_("what is wrong"), max_length=MAX_NOTE, validators=PLAIN_TEXT)
    what_is_right = models.TextField(_("what is right"), max_length=MAX_NOTE, validators=PLAIN_TEXT)
    source_url = models.URLField(_("source URL"), max_length=MAX_URL, blank=True, validators=[WEB_URL, *PLAIN_TEXT])

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="errorreport_status_idx")]
        constraints = [choices_constraint("status", Status, "errorreport_status_valid", "Status")]

    def __str__(self) -> str:
        return _("Error report %(id)s on position %(position)s") % {"id": self.pk, "position": self.position_id}

    def get_admin_url(self) -> str:
        return reverse("admin:contributions_errorreport_change", args=[self.pk])
