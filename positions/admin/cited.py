"""The quote and source admins, extended here so that a change to what published positions cite is a public correction.

A quote's words, source and date (and a source's address) are what every position citing them
says, so changing them asks for a public note, logged on each of those positions
(positions/corrections.py). The `sources` app must not know `positions`: its admins are
re-registered from here, and the quotes edited inline on a source's page may not change what
positions cite (the quote's own page asks for the note).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from positions.admin.forms import changed_from_stored, correction_note_field
from positions.corrections import QUOTE_CORRECTED_FIELDS, SOURCE_CORRECTED_FIELDS, record_cited_correction
from positions.models import Position
from sources import admin as sources_admin
from sources.models import Quote, Source


def citing_positions(instance):
    if isinstance(instance, Quote):
        return Position.objects.filter(quote=instance.pk)
    return Position.objects.filter(quote__source=instance.pk)


class CitedCorrectionForm(forms.ModelForm):
    """A quote's or a source's change form: changing what published positions cite needs a public note."""

    corrected_fields: tuple[str, ...] = ()

    correction_note = correction_note_field(
        _(
            "Shown on the page of every position citing this, and in the corrections log. Needed when "
            "published positions cite it and you change a quote's words, source or date, or a source's "
            "address; a fix elsewhere can leave it empty."
        )
    )

    differing: list[str] = []

    def corrected(self) -> list[str]:
        return [name for name in self.corrected_fields if name in self.differing]

    def clean(self):
        cleaned = super().clean()
        self.differing = changed_from_stored(self)
        corrected = self.corrected()
        if (
            self.instance.pk is not None
            and corrected
            and not cleaned.get("correction_note", "").strip()
            and citing_positions(self.instance).exists()
        ):
            labels = ", ".join(str(self._meta.model._meta.get_field(name).verbose_name) for name in corrected)
            self.add_error(
                "correction_note",
                _(
                    "Published positions cite this and you changed %(fields)s: say in a public note what was "
                    "corrected and why."
                )
                % {"fields": labels},
            )
        return cleaned


class QuoteCorrectionForm(CitedCorrectionForm):
    corrected_fields = QUOTE_CORRECTED_FIELDS

    class Meta:
        model = Quote
        # The admin's page chooses the fields shown (sources/admin.py); these are the editable ones.
        fields = [
            "source",
            "text",
            "original_text",
            "original_language",
            "said_on",
            "date_precision",
            "verification",
            "attribution",
            "translation",
        ]


class SourceCorrectionForm(CitedCorrectionForm):
    corrected_fields = SOURCE_CORRECTED_FIELDS

    class Meta:
        model = Source
        fields = [
            "outlet",
            "title",
            "url",
            "published_on",
            "published_precision",
            "language",
            "archive_url",
            "accessed_on",
            "notes",
        ]


class LogsCitedCorrections:
    """Mixed into an admin: saving a correction logs it on every position citing the record."""

    def save_model(self, request, obj, form, change):
        model = type(obj)
        before = model._default_manager.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("correction_note", "").strip()
        if before is None:
            return
        # With a note, every field changed is logged; without one, only fixes no position shows.
        model_fields = {field.name for field in model._meta.concrete_fields}
        fields = [name for name in form.differing if name in model_fields] if note else form.corrected()
        record_cited_correction(before, obj, fields, note, request.user)


class QuoteInlineForm(forms.ModelForm):
    """A quote edited on its source's page: what positions cite is changed on the quote's own page."""

    def clean(self):
        cleaned = super().clean()
        corrected = [name for name in QUOTE_CORRECTED_FIELDS if name in self.changed_data]
        if self.instance.pk is not None and corrected and citing_positions(self.instance).exists():
            for name in corrected:
                self.add_error(
                    name if name in self.fields else None,
                    _(
                        "Published positions cite this quote: change it on the quote's own page, which asks "
                        "for a public correction note."
                    ),
                )
        return cleaned


class QuoteInline(sources_admin.QuoteInline):
    form = QuoteInlineForm


class QuoteAdmin(LogsCitedCorrections, sources_admin.QuoteAdmin):
    form = QuoteCorrectionForm


class SourceAdmin(LogsCitedCorrections, sources_admin.SourceAdmin):
    form = SourceCorrectionForm
    inlines = [QuoteInline]


for model, model_admin in ((Quote, QuoteAdmin), (Source, SourceAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
