"""What the API sends for outlets, sources and quotes (the sources app's models)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sources.dates import DatePrecision
from sources.models import Attribution, OutletKind, Translation, Verification

from .fields import (
    ApiUrlField,
    BlankAsNullField,
    CountryCodeField,
    FilteredListUrlField,
    KnownUrlField,
    PageUrlField,
    QuoteUrlField,
)

PRECISION_HELP = _("How much of the date is known: day, month (stored as the 1st) or year (stored as 1 January).")
IN_FULL = _("In a position, only with expand=quote.")
SOURCE_IN_FULL = _("In a position, only with expand=source.")


def expandable(help_text, note=IN_FULL):
    return format_lazy("{} {}", help_text, note)


class OutletRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text=_("The outlet's identifier, e.g. le-monde."))
    name = serializers.CharField(help_text=_("The outlet's name."))
    url = FilteredListUrlField(
        "sources:source_list",
        "outlet",
        source="slug",
        help_text=_("Address of the site's list of this outlet's sources."),
    )
    api_url = ApiUrlField("api:outlet-detail", source="slug")


class OutletSerializer(OutletRefSerializer):
    id = serializers.IntegerField(help_text=_("The outlet's id."))
    website = KnownUrlField(source="url", help_text=_("The outlet's own website; null when not recorded."))
    country = CountryCodeField(help_text=_("The outlet's country (ISO 3166 alpha-2); null when not recorded."))
    kind = serializers.ChoiceField(choices=OutletKind.choices, help_text=_("Kind of outlet."))
    sources_url = FilteredListUrlField(
        "api:source-list", "outlet", source="slug", help_text=_("The API's list of this outlet's sources.")
    )


class QuoteSerializer(serializers.Serializer):
    """A quote; in a position only `id` and `url` unless expand=quote."""

    BRIEF = ("id", "url")

    id = serializers.IntegerField(help_text=_("The quote's id."))
    url = QuoteUrlField()
    text = serializers.CharField(required=False, help_text=expandable(_("The words, in English.")))
    original_text = serializers.CharField(
        required=False,
        help_text=expandable(_("The words in the original language; empty when the source was in English.")),
    )
    original_language = BlankAsNullField(
        required=False, help_text=expandable(_("ISO 639-1 code of the original text; null when there is none."))
    )
    said_on = serializers.DateField(required=False, help_text=expandable(_("When the words were said.")))
    date_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, required=False, help_text=expandable(PRECISION_HELP)
    )
    verification = serializers.ChoiceField(
        choices=Verification.choices,
        required=False,
        help_text=expandable(_("What an editor checked: confirmed (primary source opened), reported or unverified.")),
    )
    attribution = serializers.ChoiceField(
        choices=Attribution.choices,
        required=False,
        help_text=expandable(_("How the words reached us: direct, spokesperson, paraphrase or anonymous.")),
    )
    translation = serializers.ChoiceField(
        choices=Translation.choices,
        required=False,
        help_text=expandable(_("Whether the English text is the original, a translation, or a machine translation.")),
    )


class SourceRefSerializer(serializers.Serializer):
    """A source; in a position only `id`, `title`, `url` and `api_url` unless expand=source."""

    BRIEF = ("id", "title", "url", "api_url")

    id = serializers.IntegerField(help_text=_("The source's id."))
    title = serializers.CharField(
        help_text=_("The document's title; blank when its headline was not recorded (its URL is then given).")
    )
    url = PageUrlField("sources:source_detail")
    api_url = ApiUrlField("api:source-detail")
    outlet = OutletRefSerializer(required=False, help_text=expandable(_("Who published it."), SOURCE_IN_FULL))
    document_url = KnownUrlField(
        source="url",
        required=False,
        help_text=expandable(_("Address of the document itself; null when unknown (never guessed)."), SOURCE_IN_FULL),
    )
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text=expandable(_("Publication date; null when unknown."), SOURCE_IN_FULL)
    )
    published_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, required=False, help_text=expandable(PRECISION_HELP, SOURCE_IN_FULL)
    )
    language = serializers.CharField(
        required=False, help_text=expandable(_("ISO 639-1 code of the document's language."), SOURCE_IN_FULL)
    )
    archive_url = KnownUrlField(
        required=False, help_text=expandable(_("An archived copy; null when there is none."), SOURCE_IN_FULL)
    )
    accessed_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=expandable(_("When it was last read; null if not recorded."), SOURCE_IN_FULL),
    )
    notes = serializers.CharField(
        required=False, help_text=expandable(_("What is unknown or uncertain about the source."), SOURCE_IN_FULL)
    )


class SourceSerializer(SourceRefSerializer):
    quotes = QuoteSerializer(many=True, help_text=_("The quotes taken from this source, oldest first, in full."))
