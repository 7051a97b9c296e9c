"""Where words come from: outlets, the documents they publish, and quotes taken from them."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .dates import DatePrecision, choices_constraint, format_partial_date, honest_date_constraint, truncate_to_precision
from .text import NAME_TEXT, PLAIN_TEXT


class Verification(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    REPORTED = "reported", _("reported")
    UNVERIFIED = "unverified", _("unverified")


class OutletKind(models.TextChoices):
    NEWSPAPER = "newspaper", _("newspaper")
    NEWS_AGENCY = "news_agency", _("news agency")
    BROADCASTER = "broadcaster", _("broadcaster")
    GOVERNMENT = "government", _("government")
    PARLIAMENT = "parliament", _("parliament record")
    ORGANISATION = "organisation", _("international organisation")
    THINK_TANK = "think_tank", _("think tank")
    OTHER = "other", _("other")


class Outlet(models.Model):
    """A publisher: a newspaper, a news agency, a government site, a parliament record."""

    name = models.CharField(_("name"), max_length=200, validators=NAME_TEXT)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=NAME_TEXT)
    url = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OutletKind.choices, default=OutletKind.NEWSPAPER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="outlet_name_unique",
                violation_error_message=_("An outlet with this name already exists."),
            ),
            choices_constraint("kind", OutletKind, "outlet_kind_valid", "Outlet kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sources:source_list") + f"?outlet={self.slug}"


class SourceQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("outlet")


class Source(models.Model):
    """One published document: an article, a speech transcript, a parliamentary record."""

    outlet = models.ForeignKey(Outlet, models.PROTECT, related_name="sources", verbose_name=_("outlet"))
    title = models.CharField(_("title"), max_length=500, validators=PLAIN_TEXT)
    url = models.URLField(_("URL"), max_length=1000, blank=True, help_text=_("Leave blank when unknown; never guess."))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("publication date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    language = models.CharField(
        _("language"), max_length=10, default="en", help_text=_("ISO 639-1 code, e.g. en, uk, fr.")
    )
    archive_url = models.URLField(_("archive URL"), max_length=1000, blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, validators=PLAIN_TEXT, help_text=_("What is unknown or uncertain about this source.")
    )
    history = HistoricalRecords()

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]
        indexes = [models.Index(fields=["outlet", "published_on"], name="source_outlet_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="source_url_unique",
                violation_error_message=_("A source with this URL already exists."),
            ),
            models.UniqueConstraint(
                fields=["outlet", "title", "published_on"],
                condition=models.Q(url=""),
                name="source_without_url_unique",
                violation_error_message=_(
                    "A source without a URL from this outlet with this title and date already exists."
                ),
            ),
            choices_constraint(
                "published_precision", DatePrecision, "source_precision_valid", "Publication date precision"
            ),
            honest_date_constraint("published_on", "published_precision", "source_published_on_honest"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.title}"

    def save(self, *args, **kwargs):
        self.published_on = truncate_to_precision(self.published_on, self.published_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:source_detail", args=[self.pk])

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)


class Quote(models.Model):
    """Dated words from a source, in English, with the original where the source was not English."""

    source = models.ForeignKey(Source, models.PROTECT, related_name="quotes", verbose_name=_("source"))
    text = models.TextField(_("text (English)"), validators=PLAIN_TEXT)
    original_text = models.TextField(_("original text"), blank=True, validators=PLAIN_TEXT)
    original_language = models.CharField(
        _("original language"), max_length=10, blank=True, help_text=_("ISO 639-1 code of the original text.")
    )
    said_on = models.DateField(_("said on"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.CONFIRMED,
        help_text=_("Confirmed: on the record, primary. Reported: reported by media. Unverified: rumour."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-said_on", "-id"]
        indexes = [
            models.Index(fields=["said_on"], name="quote_said_on_idx"),
            models.Index(fields=["verification"], name="quote_verification_idx"),
        ]
        constraints = [
            choices_constraint("date_precision", DatePrecision, "quote_precision_valid", "Date precision"),
            choices_constraint("verification", Verification, "quote_verification_valid", "Verification"),
            honest_date_constraint("said_on", "date_precision", "quote_said_on_honest"),
            models.CheckConstraint(
                condition=models.Q(original_text="") | ~models.Q(original_language=""),
                name="quote_original_has_language",
                violation_error_message=_("Give the language of the original text."),
            ),
        ]

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{excerpt}” ({self.said_display})"

    def save(self, *args, **kwargs):
        self.said_on = truncate_to_precision(self.said_on, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:source_detail", args=[self.source_id]) + f"#quote-{self.pk}"

    @property
    def said_display(self) -> str:
        return format_partial_date(self.said_on, self.date_precision)
