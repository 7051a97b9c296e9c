"""The readers' two forms: suggest a statement, report an error. Every field has a size limit."""

import re
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contributions.abuse import HONEYPOT_FIELD
from contributions.models import MAX_NAME, MAX_NOTE, MAX_URL, MAX_WORDS, WEB_URL, ErrorReport, Suggestion
from positions.choices import Stance
from positions.country_codes import normalise
from positions.models import Actor
from sources.bilingual import localized_text
from sources.dates import truncate_to_precision

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")
MAX_EMAIL = 254


def web_url_field(label, required: bool, help_text="") -> forms.URLField:
    return forms.URLField(
        label=label,
        max_length=MAX_URL,
        required=required,
        assume_scheme="https",
        validators=[WEB_URL],
        help_text=help_text,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class ContributionForm(forms.ModelForm):
    """Fields both forms share: the contact address and the honeypot."""

    email = forms.EmailField(
        label=_("Your email (optional)"),
        max_length=MAX_EMAIL,
        required=False,
        help_text=_("Only to tell you once what we decided. Leave it empty to stay anonymous."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # People never see this field (static/css/contributions.css hides it); a filled one is a bot's.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    honeypot_field = HONEYPOT_FIELD


class SuggestionForm(ContributionForm):
    actor_name = forms.CharField(
        label=_("Who said it"),
        max_length=MAX_NAME,
        help_text=_("Pick a name from the list, or type a name that is not in it."),
        widget=forms.TextInput(attrs={"list": "actor-names", "autocomplete": "off"}),
    )
    source_url = web_url_field(
        _("Where it was published"), True, _("The address (URL) of the article, transcript or record.")
    )
    archive_url = web_url_field(
        _("Archived copy (optional)"), False, _("For example a web.archive.org or archive.today address.")
    )
    confirm_new = forms.BooleanField(
        label=_("It is a different statement from the same source: send it anyway"), required=False
    )

    class Meta:
        model = Suggestion
        fields = [
            "actor_name",
            "country",
            "topic",
            "stance",
            "stated_on",
            "date_precision",
            "text",
            "source_url",
            "archive_url",
            "email",
            "note",
        ]
        labels = {
            "country": _("Their country (optional)"),
            "topic": _("Topic (optional)"),
            "stance": _("Stance (optional)"),
            "stated_on": _("When it was said"),
            "date_precision": _("How precisely the date is known"),
            "text": _("The words"),
            "note": _("Anything else we should know (optional)"),
        }
        help_texts = {
            "stated_on": _("If you know only the month or the year, pick its first day and say so below."),
            "text": _("As published, in the original language if that is how you read it."),
            "stance": _("Leave it when you are not sure: editors code every statement themselves."),
        }
        widgets = {
            "stated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_WORDS}),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": MAX_NOTE}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topic = cast(forms.ModelChoiceField, self.fields["topic"])
        stance = cast(forms.ChoiceField, self.fields["stance"])
        country = cast(forms.ChoiceField, self.fields["country"])
        topic.empty_label = _("not sure")
        topic.label_from_instance = lambda obj: localized_text(obj, "name")  # type: ignore[method-assign]
        stance.choices = [("", _("not sure")), *Stance.choices]
        country.choices = [("", _("none, or not sure"))] + list(countries)

    def clean_stated_on(self):
        stated_on = self.cleaned_data["stated_on"]
        if stated_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return stated_on

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("stated_on") and cleaned.get("date_precision"):
            cleaned["stated_on"] = truncate_to_precision(cleaned["stated_on"], cleaned["date_precision"])
        if cleaned.get("actor_name"):
            self.instance.actor = find_actor(cleaned["actor_name"], cleaned.get("country") or "")
        return cleaned


def find_actor(name: str, country: str) -> Actor | None:
    """The actor a typed name means, when it names exactly one (narrowed by country if that helps)."""
    matches = list(Actor.objects.filter(name__iexact=name.strip())[:5])
    if len(matches) > 1 and country:
        matches = [actor for actor in matches if actor.country == country]
    return matches[0] if len(matches) == 1 else None


class ErrorReportForm(ContributionForm):
    source_url = web_url_field(
        _("A source that shows what is right (optional)"),
        False,
        _("Reports with a source are checked first."),
    )

    class Meta:
        model = ErrorReport
        fields = ["what_is_wrong", "what_is_right", "source_url", "email"]
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 4, "maxlength": MAX_NOTE}),
            "what_is_right": forms.Textarea(attrs={"rows": 4, "maxlength": MAX_NOTE}),
        }
        labels = {"what_is_wrong": _("What is wrong"), "what_is_right": _("What is right")}


def initial_from_query(query) -> dict:
    """Pre-fill the suggestion form from ?country=gb or ?actor=<slug>; anything else is ignored."""
    initial = {}
    code = normalise(query.get("country", ""))
    if len(code) == 2 and code in dict(countries):
        initial["country"] = code
    slug = query.get("actor", "")
    if SLUG.match(slug):
        actor = Actor.objects.filter(slug=slug).only("name", "country").first()
        if actor is not None:
            initial["actor_name"] = actor.name
            # django-countries gives a Country object, which the stubs type as the CharField's str.
            initial["country"] = actor.country.code or initial.get("country", "")  # type: ignore[attr-defined]
    return initial


def actor_names(country: str = "", limit: int = 1000) -> list[str]:
    """Names for the 'who said it' list: the country's actors when one is chosen, else everyone's."""
    actors = Actor.objects.order_by("name")
    if country:
        actors = actors.filter(country=country)
    return list(actors.values_list("name", flat=True).distinct()[:limit])
