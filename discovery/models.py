"""The feeds the tracker reads for new statements, the items it has seen, and the lock that keeps runs apart.

Nothing here is public. What a run finds goes into the readers' suggestions queue
(contributions.Suggestion, marked as found by a feed) and waits there for an editor.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from sources.models import Outlet
from sources.text import NAME_TEXT, PLAIN_TEXT

MAX_FEED_URL = 1000


class WatchedFeedQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active feeds not waiting out a backoff."""
        now = now or timezone.now()
        return self.filter(active=True).filter(models.Q(backoff_until__isnull=True) | models.Q(backoff_until__lte=now))


class WatchedFeed(models.Model):
    """An RSS or Atom feed of a government, ministry, parliament or newsroom that discovery reads."""

    name = models.CharField(_("name"), max_length=200, validators=NAME_TEXT)
    url = models.URLField(
        _("feed URL"), max_length=MAX_FEED_URL, unique=True, validators=PLAIN_TEXT, help_text=_("http or https only.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        validators=PLAIN_TEXT,
        help_text=_("ISO 639-1 code of the feed's items, e.g. en, uk, fr, de, pl."),
    )
    country = CountryField(_("country"), blank=True)
    outlet = models.ForeignKey(
        Outlet,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outlet"),
        help_text=_("The publisher, when it is in the data."),
    )
    active = models.BooleanField(_("active"), default=False, help_text=_("Paused feeds are not fetched."))
    note = models.TextField(_("note"), blank=True, validators=PLAIN_TEXT)

    # Health, written by the discovery run; read-only in the admin.
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_new_item_at = models.DateTimeField(_("last new item"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    consecutive_errors = models.PositiveIntegerField(_("errors in a row"), default=0)
    backoff_until = models.DateTimeField(_("next try after"), null=True, blank=True)
    items_found = models.PositiveIntegerField(_("items found"), default=0)
    candidates_found = models.PositiveIntegerField(_("candidates found"), default=0)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)

    # Health fields are written with update(), so history records only what editors change.
    history = HistoricalRecords()

    objects = WatchedFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("watched feed")
        verbose_name_plural = _("watched feeds")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SeenItem(models.Model):
    """One feed item discovery has already read, so the next run skips it."""

    feed = models.ForeignKey(WatchedFeed, models.CASCADE, related_name="seen_items", verbose_name=_("feed"))
    key = models.CharField(_("key"), max_length=64, help_text=_("SHA-256 of the item's id or link."))
    seen_at = models.DateTimeField(_("first seen"), default=timezone.now)

    class Meta:
        verbose_name = _("seen item")
        verbose_name_plural = _("seen items")
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="seenitem_unique_per_feed")]
        indexes = [models.Index(fields=["seen_at"], name="seenitem_seen_at_idx")]

    def __str__(self) -> str:
        return self.key


class RunLock(models.Model):
    """A held lock on databases without advisory locks (SQLite): one row per running job."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    holder = models.CharField(_("holder"), max_length=200, validators=PLAIN_TEXT)
    acquired_at = models.DateTimeField(_("acquired"), default=timezone.now)

    class Meta:
        verbose_name = _("run lock")
        verbose_name_plural = _("run locks")

    def __str__(self) -> str:
        return self.name
