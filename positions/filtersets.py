"""The one FilterSet behind the positions list, the timeline, the exports and the feed.

Every filter is a column of the positions table (or a slug looked up once), so each filtered
query is an index scan; invalid values become form errors, never server errors.
The actors list's filters and the API's for sources and authorisation bodies live here too.
"""

from functools import cache

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.choices import ActorKind, Scope, Stance
from positions.country_codes import address_choices, in_address, normalise
from positions.models import Actor, AuthorisationBody, Position, Topic
from positions.widgets import CheckList
from sources.bilingual import localized_menu, localized_text
from sources.models import Attribution, Outlet, Source, Verification

SORTS = {
    "-date": ("-stated_on", "-id"),
    "date": ("stated_on", "id"),
    "actor": ("actor__name", "-stated_on", "-id"),
    "-actor": ("-actor__name", "-stated_on", "-id"),
    "country": ("country", "-stated_on", "-id"),
    "-country": ("-country", "-stated_on", "-id"),
    "stance": ("stance_rank", "-stated_on", "-id"),
    "-stance": ("-stance_rank", "-stated_on", "-id"),
}
SORT_CHOICES = [
    ("-date", _("Newest first")),
    ("date", _("Oldest first")),
    ("actor", _("Actor A–Z")),
    ("-actor", _("Actor Z–A")),
    ("country", _("Country A–Z")),
    ("-country", _("Country Z–A")),
    ("stance", _("Stance: supports → rules out")),
    ("-stance", _("Stance: rules out → supports")),
    ("relevance", _("Relevance (with a search)")),
]
MAX_QUERY_LENGTH = 200
# A search within at most this many filtered rows checks each of them rather than its index.
FEW_CANDIDATES = 20_000


def stance_rank():
    """Stances in the order of their scale, commentary last."""
    return Case(
        *[When(stance=value, then=Value(rank)) for rank, value in enumerate(Stance.values)],
        output_field=IntegerField(),
    )


class CountryCodeField(forms.MultipleChoiceField):
    """ISO 3166 alpha-2 codes in either case: offered and shown chosen as addresses write them (lower
    case), cleaned to capitals as stored (positions/country_codes.py)."""

    def to_python(self, value):
        return [in_address(code) for code in super().to_python(value)]

    def prepare_value(self, value):
        # A code asked for in capitals is shown chosen too (the form's values are lower case).
        return [in_address(code) for code in value] if isinstance(value, list | tuple) else value

    def clean(self, value):
        return [normalise(code) for code in super().clean(value)]


class CountryFilter(django_filters.MultipleChoiceFilter):
    """Countries by code; `choices` gives (code, name) pairs as stored, the form offers them lower case."""

    field_class = CountryCodeField

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, choices=lambda: address_choices(choices()), **kwargs)


class PositionFilter(django_filters.FilterSet):
    # A list of values on a column of this table cannot repeat rows: no DISTINCT, which would
    # stop the (country, stance, date) index from serving the sort.
    country = CountryFilter(
        label=_("Country"),
        choices=lambda: list(countries),
        field_name="country",
        distinct=False,
        widget=CheckList,
        help_text=_("The actor's country: ISO 3166 alpha-2 code, either case; repeat for any of several."),
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"),
        queryset=Actor.objects.all(),
        to_field_name="slug",
        field_name="actor",
        help_text=_("One actor, by slug, e.g. david-lammy."),
    )
    # Past this many actors the menu would outweigh the page (20,000 actors make 1.5 MB of HTML):
    # the actor is then typed as its slug, as in the actor page's address.
    MAX_ACTOR_MENU = 300
    # Likewise for outlets: rendering 500 options costs more than the rest of the page.
    MAX_OUTLET_MENU = 300
    actor_kind = django_filters.ChoiceFilter(
        label=_("Actor kind"), choices=ActorKind.choices, help_text=_("The kind of actor.")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topic",
        help_text=_("One topic, by slug, e.g. combat-troops."),
    )
    stance = django_filters.ChoiceFilter(label=_("Stance"), choices=Stance.choices, help_text=_("One stance."))
    verification = django_filters.ChoiceFilter(
        label=_("Verification"), choices=Verification.choices, help_text=_("The quote's verification.")
    )
    attribution = django_filters.MultipleChoiceFilter(
        label=_("Attribution"),
        choices=Attribution.choices,
        distinct=False,
        widget=CheckList(filterable=False),
        help_text=_(
            "How the quote's words reached us: direct, spokesperson, paraphrase or anonymous; "
            "repeat for any of several."
        ),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="stated_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Stated on or after this day (YYYY-MM-DD)."),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="stated_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Stated on or before this day (YYYY-MM-DD), not before date_from."),
    )
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words, names, aliases…")}),
        help_text=_(
            "Words to find in the quote, its original text, the summary, the actor's name and aliases; "
            "every word must match (the first 8 count); at most 200 characters."
        ),
    )
    outlet = django_filters.ModelChoiceFilter(
        label=_("Outlet"),
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        field_name="quote__source__outlet",
        help_text=_("The source's outlet, by slug, e.g. le-monde."),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        help_text=_("The order; -date (newest first) by default. Every order ends with the id, so it is total."),
    )

    class Meta:
        model = Position
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in ("actor", "topic"):
            # Menus name actors and topics in the page's language (sources/bilingual.py).
            self.form.fields[name].label_from_instance = lambda obj: localized_text(obj, "name")
        actor_field = self.form.fields["actor"]
        if Actor.objects.all()[self.MAX_ACTOR_MENU : self.MAX_ACTOR_MENU + 1].exists():
            actor_field.widget = forms.TextInput(attrs={"placeholder": _("e.g. david-lammy")})
            actor_field.help_text = _("The actor's slug, as in the address of its page.")
        else:
            # In the alphabetical order of the names the menu shows, not the English names' order.
            # Read only when the menu is drawn (not for an export or a feed), and then once.
            empty = actor_field.empty_label

            @cache
            def actor_menu():
                return [("", empty), *localized_menu(Actor.objects.values_list("slug", "name", "name_uk"))]

            actor_field.widget.choices = actor_menu
        outlet_field = self.form.fields["outlet"]
        if Outlet.objects.all()[self.MAX_OUTLET_MENU : self.MAX_OUTLET_MENU + 1].exists():
            outlet_field.widget = forms.TextInput(attrs={"placeholder": _("e.g. le-monde")})
            outlet_field.help_text = _("The outlet's slug, as in the address of its sources.")

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = super().qs
            if "sort" not in self.form.cleaned_data or not self.form.cleaned_data.get("sort"):
                queryset = self.apply_sort(queryset, self.default_sort())
            self._qs = queryset
        return self._qs

    def default_sort(self) -> str:
        # Newest first, with a search too: PostgreSQL then reads the date index until a page of
        # matches is found, where ranking must score every match (a third of a million positions
        # for "ceasefire" at one million). Relevance is a choice of the `sort` menu.
        return "-date"

    def filter_search(self, queryset, name, value):
        if not value:
            return queryset
        # With other filters applied first (country, stance…), a few thousand rows are quicker to
        # check one by one than a common word's entry in the search index is to read.
        few = (
            bool(queryset.query.where)
            and queryset.order_by().values("pk")[: FEW_CANDIDATES + 1].count() <= FEW_CANDIDATES
        )
        return queryset.search(value, among_few=few)

    def filter_sort(self, queryset, name, value):
        return self.apply_sort(queryset, value or self.default_sort())

    def apply_sort(self, queryset, value):
        if value == "relevance":
            if self.form.cleaned_data.get("q") and "rank" in queryset.query.annotations:
                return queryset.order_by("-rank", "-stated_on", "-id")
            value = "-date"
        if value in ("stance", "-stance"):
            queryset = queryset.annotate(stance_rank=stance_rank())
        return queryset.order_by(*SORTS[value])

    def clean_dates(self):
        cleaned = self.form.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.form.add_error("date_to", ValidationError(_("The end date is before the start date.")))

    def is_valid(self):
        if super().is_valid():
            self.clean_dates()
        return not self.form.errors

    def active_filters(self):
        """(name, label, shown value) for each filter in use, to show and remove one by one."""
        if not self.is_valid():
            return []
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []) or name == "sort":
                continue
            values = value if isinstance(value, list) else [value]
            for item in values:
                active.append(
                    (name, self.form.fields[name].label, self.display_value(name, item), self.raw_value(name, item))
                )
        return active

    def display_value(self, name, value) -> str:
        if name == "country":
            return countries.name(value) or value
        field = self.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            return str(dict(field.choices).get(value, value))
        if hasattr(value, "name"):
            return localized_text(value, "name")
        return str(value)

    @staticmethod
    def raw_value(name, value) -> str:
        if name == "country":
            return in_address(value)
        if hasattr(value, "slug"):
            return value.slug
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)


def filter_errors(filterset: PositionFilter) -> list[str]:
    return [f"{name}: {message}" for name, messages in filterset.form.errors.items() for message in messages]


# The other lists' filters: the actors list's, and the API's sources and authorisation bodies.
def actor_countries():
    """Only countries that have actors, so the list stays short."""
    codes = Actor.objects.country_codes()
    return [(code, name) for code, name in countries if code in codes]


class ActorFilter(django_filters.FilterSet):
    """The actors list's two filters; positions have their own (PositionFilter)."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActorKind.choices, empty_label=_("any"))
    country = CountryFilter(label=_("Country"), choices=actor_countries, field_name="country", widget=CheckList)

    class Meta:
        model = Actor
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    outlet = django_filters.ModelChoiceFilter(
        label=_("Outlet"),
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        help_text=_("Only this outlet's sources: the outlet's slug, e.g. le-monde."),
    )

    class Meta:
        model = Source
        fields: list[str] = []


class AuthorisationBodyFilter(django_filters.FilterSet):
    country = CountryFilter(
        label=_("Country"),
        choices=lambda: list(countries),
        field_name="country",
        help_text=_("ISO 3166 alpha-2 code, either case; repeat for several countries."),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Scope"), choices=Scope.choices, help_text=_("deploy_abroad or admit_foreign.")
    )

    class Meta:
        model = AuthorisationBody
        fields: list[str] = []
