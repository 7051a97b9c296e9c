"""The admin's one-screen statement form: a position with its quote and source, new or picked."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from positions.corrections import CORRECTED_FIELDS
from positions.models import Position
from sources.dates import DatePrecision, in_the_future, truncate_to_precision
from sources.models import ATTRIBUTION_HELP, Attribution, Outlet, Quote, Source, Translation, Verification
from sources.text import PLAIN_TEXT

# The new quote takes the position's date, so errors about its date belong to the position's fields.
QUOTE_FIELD_TARGETS = {"said_on": "stated_on", "date_precision": "date_precision"}


class StatementForm(forms.ModelForm):
    """Add a position and, in the same form, the quote and source behind it.

    Pick an existing quote, or write a new one and pick its source (or describe a new
    source). New rows are validated against the same database constraints as any other.
    """

    new_quote_text = forms.CharField(
        label=_("Quote (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    new_quote_original_text = forms.CharField(
        label=_("Original text"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    new_quote_original_language = forms.CharField(label=_("Original language"), max_length=10, required=False)
    new_quote_translation = forms.ChoiceField(
        label=_("English text is"),
        choices=[("", _("as the original text says (a translation if one is given, else the original)"))]
        + Translation.choices,
        required=False,
        help_text=_("Say “a machine translation” when the English comes from an automatic translator."),
    )
    new_quote_verification = forms.ChoiceField(
        label=_("Verification"),
        choices=Verification.choices,
        initial=Verification.UNVERIFIED,
        required=False,
        help_text=Quote._meta.get_field("verification").help_text,
    )
    new_quote_attribution = forms.ChoiceField(
        label=_("Attribution"),
        choices=Attribution.choices,
        initial=Attribution.DIRECT,
        required=False,
        help_text=ATTRIBUTION_HELP,
    )
    existing_source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=Source.objects.all(),
        required=False,
        help_text=_("Pick the source of the new quote, or describe a new source below."),
        widget=AutocompleteSelect(Quote._meta.get_field("source"), admin.site),
    )
    new_source_outlet = forms.ModelChoiceField(
        label=_("Outlet"),
        queryset=Outlet.objects.all(),
        required=False,
        widget=AutocompleteSelect(Source._meta.get_field("outlet"), admin.site),
    )
    new_source_title = forms.CharField(label=_("Title"), max_length=500, required=False)
    new_source_url = forms.URLField(label=_("URL"), max_length=1000, required=False, assume_scheme="https")
    new_source_published_on = forms.DateField(label=_("Published on"), required=False)
    new_source_published_precision = forms.ChoiceField(
        label=_("Publication date precision"), choices=DatePrecision.choices, initial=DatePrecision.DAY, required=False
    )
    new_source_language = forms.CharField(label=_("Language"), max_length=10, initial="en", required=False)
    new_source_archive_url = forms.URLField(
        label=_("Archive URL"), max_length=1000, required=False, assume_scheme="https"
    )

    class Meta:
        model = Position
        fields = [
            "actor",
            "topic",
            "stance",
            "stated_on",
            "date_precision",
            "date_evidence",
            "conditions",
            "conditions_uk",
            "summary",
            "summary_uk",
            "quote",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote"].required = False
        self.fields["quote"].help_text = _("Pick an existing quote, or write a new one below.")
        self.new_source: Source | None = None
        self.new_quote: Quote | None = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("stated_on") and cleaned.get("date_precision"):
            cleaned["stated_on"] = truncate_to_precision(cleaned["stated_on"], cleaned["date_precision"])
        if cleaned.get("quote"):
            return cleaned
        if not cleaned.get("new_quote_text"):
            raise ValidationError(_("Pick an existing quote or write the new quote's text."))
        source = cleaned.get("existing_source") or self.build_new_source(cleaned)
        if source is None:
            return cleaned
        quote = Quote(
            source=source,
            text=cleaned["new_quote_text"],
            original_text=cleaned.get("new_quote_original_text", ""),
            original_language=cleaned.get("new_quote_original_language", ""),
            said_on=cleaned.get("stated_on"),
            date_precision=cleaned.get("date_precision") or DatePrecision.DAY,
            verification=cleaned.get("new_quote_verification") or Verification.UNVERIFIED,
            attribution=cleaned.get("new_quote_attribution") or Attribution.DIRECT,
            translation=cleaned.get("new_quote_translation")
            or Translation.default_for(cleaned.get("new_quote_original_text", "")),
        )
        self.validate_new(quote, exclude=["source"] if source.pk is None else [], prefix="new_quote_")
        self.check_date_against(source, cleaned)
        self.new_quote = quote
        return cleaned

    def check_date_against(self, source: Source, cleaned) -> None:
        """The position's date rules against a source the model cannot reach yet (the quote is not saved)."""
        if not cleaned.get("stated_on") or not cleaned.get("date_precision") or source.published_on is None:
            return
        position = Position(
            stated_on=cleaned["stated_on"],
            date_precision=cleaned["date_precision"],
            date_evidence=cleaned.get("date_evidence", ""),
        )
        try:
            position.check_date_against(source)
        except ValidationError as error:
            # A date after the source's publication is said by the new quote's own check.
            for message in error.message_dict.get("date_precision", []):
                self.add_error("date_precision", message)

    def build_new_source(self, cleaned) -> Source | None:
        # A page whose headline was not seen is known by its URL: the title is needed only without one.
        needed = ["new_source_outlet"] if cleaned.get("new_source_url") else ["new_source_outlet", "new_source_title"]
        missing = [name for name in needed if not cleaned.get(name)]
        if missing:
            if any(name in self.errors for name in ("new_source_outlet", "new_source_title", "new_source_url")):
                return None  # already said at the field (an outlet that does not exist, a title too long)
            self.add_error(None, _("Pick the new quote's source, or give a new source's outlet and title."))
            for name in missing:
                self.add_error(name, _("Needed for a new source (or pick an existing source above)."))
            return None
        source = Source(
            outlet=cleaned["new_source_outlet"],
            title=cleaned["new_source_title"],
            url=cleaned.get("new_source_url", ""),
            published_on=cleaned.get("new_source_published_on"),
            published_precision=cleaned.get("new_source_published_precision") or DatePrecision.DAY,
            language=cleaned.get("new_source_language") or "en",
            archive_url=cleaned.get("new_source_archive_url", ""),
        )
        source.published_on = truncate_to_precision(source.published_on, source.published_precision)
        self.validate_new(source, exclude=[], prefix="new_source_")
        self.new_source = source
        return source

    def validate_new(self, instance, exclude: list[str], prefix: str) -> None:
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = f"{prefix}{field}" if f"{prefix}{field}" in self.fields else None
                if prefix == "new_quote_" and field in QUOTE_FIELD_TARGETS:
                    if field == "said_on" and in_the_future(instance.said_on):
                        continue  # the position's own check says it at the same field
                    target = QUOTE_FIELD_TARGETS[field]
                for message in messages:
                    self.add_error(target, message)

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.new_quote is not None or not self.cleaned_data.get("quote"):
            # The new quote is saved with the position; the model cannot check it before then.
            exclusions.add("quote")
        return exclusions

    def save(self, commit=True):
        if self.new_source is not None:
            self.new_source.save()
            self.new_quote.source = self.new_source
        if self.new_quote is not None:
            self.new_quote.save()
            self.instance.quote = self.new_quote
        return super().save(commit=commit)


class PositionChangeForm(forms.ModelForm):
    """A published position's change form: a correction of what it says needs a public note."""

    correction_note = forms.CharField(
        label=_("Public correction note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=PLAIN_TEXT,
        help_text=_(
            "Shown on the position's page and in the corrections log. Needed when you change the actor, "
            "topic, quote, stance or date; a typo fix elsewhere can leave it empty."
        ),
    )

    class Meta:
        model = Position
        # The admin's fieldsets choose the fields shown; these are the editable ones.
        fields = [
            "actor",
            "topic",
            "quote",
            "stance",
            "stated_on",
            "date_precision",
            "date_evidence",
            "conditions",
            "conditions_uk",
            "summary",
            "summary_uk",
        ]

    def clean(self):
        cleaned = super().clean()
        corrected = [name for name in CORRECTED_FIELDS if name in self.changed_data]
        if self.instance.pk is not None and corrected and not cleaned.get("correction_note", "").strip():
            labels = ", ".join(str(Position._meta.get_field(name).verbose_name) for name in corrected)
            self.add_error(
                "correction_note",
                _("You changed %(fields)s: say in a public note what was corrected and why.") % {"fields": labels},
            )
        return cleaned
