"""Where words come from: outlets, the documents they publish, and quotes taken from them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .dates import (
    DatePrecision,
    choices_constraint,
    format_partial_date,
    honest_date_constraint,
    in_the_future,
    later_than,
    truncate_to_precision,
)
from .languages import language_name
from .text import NAME_TEXT, PLAIN_TEXT


class Verification(models.TextChoices):
    """What an editor checked of a quote's words (how the words reached us is its Attribution)."""

    CONFIRMED = "confirmed", _("confirmed")
    REPORTED = "reported", _("reported")
    UNVERIFIED = "unverified", _("unverified")


class Attribution(models.TextChoices):
    """How a quote's words reached us: from the actor, for the actor, or about the actor.

    Apart from Verification, which says only what an editor checked. An anonymous report can
    never be confirmed: no primary source can be opened to find its words (a CHECK constraint).
    """

    DIRECT = "direct", _("direct")
    SPOKESPERSON = "spokesperson", _("spokesperson")
    PARAPHRASE = "paraphrase", _("paraphrase")
    ANONYMOUS = "anonymous", _("anonymous sources")

    @classmethod
    def definitions(cls) -> dict[str, str | Promise]:
        """Each value's definition, as /about/, the badges' titles and the form's help say it."""
        return {
            cls.DIRECT: _("The actor's own words on the record: a speech, an interview, a post, a signed text."),
            cls.SPOKESPERSON: _("An authorised spokesperson or office speaking for the actor."),
            # Whose words they are decides between the two: unnamed sources make a report anonymous,
            # quoted or not; a paraphrase names the actor whose words it retells.
            cls.PARAPHRASE: _(
                "An outlet's account, in its own words, of what a named actor said, with no direct quote."
            ),
            cls.ANONYMOUS: _(
                "A report resting on unnamed officials or sources, quoted or paraphrased; never confirmed."
            ),
        }


ATTRIBUTION_HELP = _(
    "How the words reached us. Direct: the actor's own words on the record (speech, interview, post, signed "
    "text). Spokesperson: an authorised spokesperson or office speaking for the actor. Paraphrase: an outlet's "
    "paraphrase of what the actor said, no direct quote. Anonymous sources: a report citing unnamed officials "
    "or sources, which can never be confirmed."
)
ANONYMOUS_NOT_CONFIRMED = _(
    "A report citing anonymous sources cannot be confirmed: there is no primary source to open. "
    "Choose reported or unverified, or another attribution."
)


def anonymous_not_confirmed_constraint(name: str) -> models.CheckConstraint:
    """Refuse the one combination that cannot be true, whatever writes the row."""
    return models.CheckConstraint(
        condition=~models.Q(attribution=Attribution.ANONYMOUS, verification=Verification.CONFIRMED),
        name=name,
        violation_error_message=ANONYMOUS_NOT_CONFIRMED,
    )


class Translation(models.TextChoices):
    """What a quote's English text is: the words as said, or a translation of them."""

    ORIGINAL = "original", _("the original words")
    TRANSLATION = "translation", _("a translation")
    MACHINE = "machine", _("a machine translation")

    @classmethod
    def default_for(cls, original_text: str) -> str:
        """When nothing is said: English words with no original beside them are the original."""
        return cls.TRANSLATION if original_text else cls.ORIGINAL


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
    url = models.URLField(_("website"), blank=True, validators=PLAIN_TEXT)
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
    title = models.CharField(
        pgettext_lazy("a source's title", "title"),
        max_length=500,
        blank=True,
        validators=PLAIN_TEXT,
        help_text=_("The page's own headline. Leave blank when it was not seen and the URL is known; never guess."),
    )
    url = models.URLField(
        _("URL"),
        max_length=1000,
        blank=True,
        validators=PLAIN_TEXT,
        help_text=_("Leave blank when unknown; never guess."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("publication date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        validators=PLAIN_TEXT,
        help_text=_("ISO 639-1 code, e.g. en, uk, fr."),
    )
    archive_url = models.URLField(_("archive URL"), max_length=1000, blank=True, validators=PLAIN_TEXT)
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
        indexes = [
            # The sources list's order, all outlets or one: a page is read off the index, not
            # sorted out of every source.
            models.Index(fields=["-published_on", "title", "id"], name="source_list_idx"),
            models.Index(fields=["outlet", "-published_on", "title", "id"], name="source_outlet_list_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="source_url_unique",
                violation_error_message=_("A source with this URL already exists."),
            ),
            # A page whose headline was not seen is still found by its URL; without either,
            # nothing would tell the source apart.
            models.CheckConstraint(
                condition=~models.Q(title="") | ~models.Q(url=""),
                name="source_title_or_url",
                violation_error_message=_("Give the source's title, its URL, or both."),
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
        return f"{self.outlet}: {self.heading}"

    def save(self, *args, **kwargs):
        self.published_on = truncate_to_precision(self.published_on, self.published_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:source_detail", args=[self.pk])

    def clean(self):
        # Neither rule can be a CHECK constraint: "today" moves, and the quotes are another table.
        super().clean()
        published_on = truncate_to_precision(self.published_on, self.published_precision)
        if in_the_future(published_on):
            raise ValidationError({"published_on": _("A publication date cannot be in the future.")})
        if published_on and self.pk:
            for said_on, precision in self.quotes.values_list("said_on", "date_precision"):
                if later_than(said_on, precision, published_on, self.published_precision):
                    raise ValidationError(
                        {
                            "published_on": _(
                                "A quote taken from this source was said on %(said)s, after this publication date."
                            )
                            % {"said": format_partial_date(said_on, precision)}
                        }
                    )

        if published_on and self.pk and self.published_precision != DatePrecision.DAY:
            # The other side of Position.clean's rule: a position dated to the day from this source
            # needs its own evidence of the day once the source no longer gives it.
            if self.quotes.filter(positions__date_precision=DatePrecision.DAY, positions__date_evidence="").exists():
                raise ValidationError(
                    {
                        "published_precision": _(
                            "A position taken from this source is dated to the day with no other evidence of the "
                            "day: give that position month precision or its date evidence first."
                        )
                    }
                )

    @property
    def heading(self) -> str:
        """The title, or for a page whose headline was not recorded its outlet and date, saying so."""
        if self.title:
            return self.title
        if self.published_on:
            return _("%(outlet)s, %(published)s (headline not recorded)") % {
                "outlet": self.outlet.name,
                "published": self.published_display,
            }
        return _("%(outlet)s (headline not recorded)") % {"outlet": self.outlet.name}

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)

    @property
    def language_name(self) -> str:
        return language_name(self.language)


class Quote(models.Model):
    """Dated words from a source, in English, with the original where the source was not English."""

    source = models.ForeignKey(Source, models.PROTECT, related_name="quotes", verbose_name=_("source"))
    text = models.TextField(_("text (English)"), validators=PLAIN_TEXT)
    original_text = models.TextField(_("original text"), blank=True, validators=PLAIN_TEXT)
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        blank=True,
        validators=PLAIN_TEXT,
        help_text=_("ISO 639-1 code of the original text."),
    )
    said_on = models.DateField(_("said on"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
        help_text=_(
            "What you checked. Confirmed: you opened the primary source and found the words. Reported: a "
            "reputable outlet reports them and you read that report. Unverified: neither."
        ),
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=12,
        choices=Attribution.choices,
        default=Attribution.DIRECT,
        # Also the database's default: bulk loaders that write named columns by COPY need not know it.
        db_default=Attribution.DIRECT,
        help_text=ATTRIBUTION_HELP,
    )
    translation = models.CharField(
        _("English text is"),
        max_length=11,
        choices=Translation.choices,
        default=Translation.ORIGINAL,
        help_text=_(
            "The original words, a translation (by a person, or by an unknown hand), or a machine translation. "
            "A quote with an original text beside it is a translation."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-said_on", "-id"]
        indexes = [
            models.Index(fields=["said_on"], name="quote_said_on_idx"),
            models.Index(fields=["verification"], name="quote_verification_idx"),
            models.Index(fields=["attribution"], name="quote_attribution_idx"),
        ]
        constraints = [
            choices_constraint("date_precision", DatePrecision, "quote_precision_valid", "Date precision"),
            choices_constraint("verification", Verification, "quote_verification_valid", "Verification"),
            choices_constraint("attribution", Attribution, "quote_attribution_valid", "Attribution"),
            anonymous_not_confirmed_constraint("quote_anonymous_not_confirmed"),
            honest_date_constraint("said_on", "date_precision", "quote_said_on_honest"),
            models.CheckConstraint(
                condition=models.Q(original_text="") | ~models.Q(original_language=""),
                name="quote_original_has_language",
                violation_error_message=_("Give the language of the original text."),
            ),
            choices_constraint("translation", Translation, "quote_translation_valid", "Translation"),
            # Only "the original" is refused beside an original text; a translation may lack its
            # original (the original was not found), so nothing more is required.
            models.CheckConstraint(
                condition=models.Q(original_text="") | ~models.Q(translation=Translation.ORIGINAL),
                name="quote_original_text_is_translated",
                violation_error_message=_(
                    "With an original text beside it, the English text is a translation, not the original."
                ),
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

    def clean(self):
        # Neither rule can be a CHECK constraint: "today" moves, and the source is another table.
        super().clean()
        said_on = truncate_to_precision(self.said_on, self.date_precision)
        if in_the_future(said_on):
            raise ValidationError({"said_on": _("A statement date cannot be in the future.")})
        source = self.source if self.source_id or Quote.source.is_cached(self) else None
        if said_on and source is not None and source.published_on:
            if later_than(said_on, self.date_precision, source.published_on, source.published_precision):
                raise ValidationError(
                    {
                        "said_on": _(
                            "The source was published on %(published)s, before this statement date: "
                            "a source cannot report a statement made after it was published."
                        )
                        % {"published": source.published_display}
                    }
                )

    @property
    def said_display(self) -> str:
        return format_partial_date(self.said_on, self.date_precision)

    @property
    def original_language_name(self) -> str:
        return language_name(self.original_language)
