"""The admin's one-screen statement form: a position with its actor, quote, source and outlet, new or picked."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.choices import ActorKind, OfficeRank
from positions.corrections import CORRECTED_FIELDS, WithdrawnPosition
from positions.folding import fold
from positions.models import Actor, Position, Role
from sources.dates import DatePrecision, in_the_future, truncate_to_precision
from sources.models import (
    Attribution,
    Outlet,
    OutletKind,
    Quote,
    Source,
    Translation,
    Verification,
)
from sources.text import PLAIN_TEXT

# The new quote takes the position's date, so errors about its date belong to the position's fields.
QUOTE_FIELD_TARGETS = {"said_on": "stated_on", "date_precision": "date_precision"}

# A rule across two fields of a new row is said at the field the editor should change, not only at
# the top of a long form: each named constraint's error goes to its form field.
CONSTRAINT_FIELDS = {
    "quote_original_text_is_translated": "new_quote_translation",
    "quote_original_has_language": "new_quote_original_language",
    "quote_anonymous_not_confirmed": "new_quote_verification",
    "quote_said_on_honest": "date_precision",
    "source_published_on_honest": "new_source_published_precision",
    "source_url_unique": "new_source_url",
    "source_title_or_url": "new_source_title",
    "source_without_url_unique": "new_source_title",
    "outlet_name_unique": "new_outlet_name",
    "role_ends_after_start": "new_role_start_on",
}


def free_slug(model: type[models.Model], name: str) -> str:
    """A slug made from the name that no row of the model has yet: "name", else "name-2", "name-3"…

    Folded first, since slugify drops a letter it cannot decompose: "Łęcka" gives "lecka", not "ecka".
    """
    base = (slugify(fold(name)) or model._meta.model_name)[:180].strip("-") or model._meta.model_name
    used = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in used:
        number += 1
        slug = f"{base}-{number}"
    return slug


def new_row_field(model: type[models.Model], name: str, help_text="", **overrides) -> forms.Field:
    """The form field the model's field makes for itself, optional (a new row is wanted or not as a whole).

    The screen has room for a short line of help at most (`help_text`); the model's whole help text
    is shown on hover.
    """
    model_field = model._meta.get_field(name)
    field = model_field.formfield(required=False, help_text=help_text, **overrides)
    if model_field.help_text and model_field.help_text != help_text:
        field.widget.attrs.setdefault("title", model_field.help_text)
    return field


class StatementForm(forms.ModelForm):
    """Add a position and, in the same form, the quote and source behind it.

    Pick an existing quote, or write a new one and pick its source (or describe a new
    source). New rows are validated against the same database constraints as any other.
    """

    # The new rows' fields are the models' own (max length, choices, default, help text), optional
    # here: clean() decides which new rows are wanted and validates each whole (validators and
    # constraints included) against its model. Only what this screen says differently is given.
    # The full explanations are long for a one-screen form: a line here, the model's whole on hover.
    new_actor_name = new_row_field(
        Actor, "name", label=_("New actor's name"), help_text=_("Only if the actor is not in the list above.")
    )
    new_actor_kind = new_row_field(Actor, "kind", initial=ActorKind.OFFICIAL)
    new_actor_country = new_row_field(Actor, "country")
    new_role_title = new_row_field(Role, "title", label=_("Role"), help_text=Role._meta.get_field("title").help_text)
    new_role_office_rank = new_row_field(Role, "office_rank")
    new_role_start_on = new_row_field(
        Role, "start_on", label=_("In the role since"), help_text=_("Blank: the statement's date.")
    )
    new_quote_text = new_row_field(
        Quote,
        "text",
        label=_("Quote (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The new quote takes the position's date and precision."),
    )
    new_quote_original_text = new_row_field(Quote, "original_text", widget=forms.Textarea(attrs={"rows": 3}))
    new_quote_original_language = new_row_field(Quote, "original_language")
    new_quote_translation = new_row_field(
        Quote,
        "translation",
        # Blank by default: clean() then takes the model's rule (Translation.default_for).
        choices=Quote._meta.get_field("translation").get_choices(
            blank_choice=[("", _("as the original text says (a translation if one is given, else the original)"))]
        ),
        initial="",
        help_text=_("Say “a machine translation” when the English comes from an automatic translator."),
    )
    new_quote_verification = new_row_field(
        Quote, "verification", help_text=_("Confirmed: you read the primary source. Reported: an outlet's report.")
    )
    new_quote_attribution = new_row_field(
        Quote,
        "attribution",
        help_text=_("The actor's own words, a spokesperson's, a paraphrase, or anonymous sources."),
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
    new_outlet_name = new_row_field(
        Outlet, "name", label=_("New outlet"), help_text=_("Only if the outlet is not in the list.")
    )
    new_outlet_kind = new_row_field(Outlet, "kind", label=_("Outlet kind"))
    new_source_title = new_row_field(Source, "title")
    new_source_url = new_row_field(Source, "url", assume_scheme="https")
    new_source_published_on = new_row_field(Source, "published_on")
    new_source_published_precision = new_row_field(Source, "published_precision")
    new_source_language = new_row_field(Source, "language")
    new_source_archive_url = new_row_field(Source, "archive_url", assume_scheme="https")

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

    # Which new rows this user may add (their model names); the admin narrows it to the user's rights.
    may_add: frozenset[str] = frozenset({"actor", "role", "outlet", "source", "quote"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].required = False
        self.fields["actor"].help_text = _("Pick the actor, or name a new one below.")
        # The countries in the page's language, blank first (the model's "---------" says less).
        self.fields["new_actor_country"].choices = [("", _("none (an international body)")), *countries]
        self.fields["quote"].required = False
        self.fields["quote"].help_text = _("Pick an existing quote, or write a new one below.")
        self.new_actor: Actor | None = None
        self.new_role: Role | None = None
        self.new_outlet: Outlet | None = None
        self.new_source: Source | None = None
        self.new_quote: Quote | None = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("stated_on") and cleaned.get("date_precision"):
            cleaned["stated_on"] = truncate_to_precision(cleaned["stated_on"], cleaned["date_precision"])
        self.clean_actor_or_new(cleaned)
        if cleaned.get("quote"):
            return cleaned
        if not cleaned.get("new_quote_text"):
            self.add_error("new_quote_text", _("Pick an existing quote or write the new quote's text."))
            return cleaned
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

    def clean_actor_or_new(self, cleaned) -> None:
        """The picked actor, or a new one (with the role held, if given) built from the "new actor" fields."""
        if cleaned.get("actor") or "actor" in self.errors:
            return
        name = cleaned.get("new_actor_name")
        if not name:
            if "new_actor_name" not in self.errors:
                self.add_error("actor", _("Pick the actor, or give a new actor's name."))
            return
        actor = Actor(
            name=name,
            slug=free_slug(Actor, name),
            kind=cleaned.get("new_actor_kind") or ActorKind.OFFICIAL,
            country=cleaned.get("new_actor_country", ""),
        )
        self.validate_new(actor, exclude=[], prefix="new_actor_")
        self.new_actor = actor
        if cleaned.get("new_role_title"):
            role = Role(
                actor=actor,
                title=cleaned["new_role_title"],
                office_rank=cleaned.get("new_role_office_rank") or OfficeRank.OTHER,
                country=actor.country,
                start_on=cleaned.get("new_role_start_on") or cleaned.get("stated_on"),
            )
            self.validate_new(
                role, exclude=["actor", "start_on"] if role.start_on is None else ["actor"], prefix="new_role_"
            )
            self.new_role = role
        elif cleaned.get("new_role_start_on"):
            self.add_error("new_role_title", _("Give the role's title, or leave its start blank."))

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
        outlet = cleaned.get("new_source_outlet") or self.build_new_outlet(cleaned)
        missing = [name for name in needed if not cleaned.get(name) and not (name == "new_source_outlet" and outlet)]
        if missing:
            fields = ("new_source_outlet", "new_outlet_name", "new_source_title", "new_source_url")
            if any(name in self.errors for name in fields):
                return None  # already said at the field (an outlet that does not exist, a title too long)
            self.add_error(None, _("Pick the new quote's source, or give a new source's outlet and title."))
            for name in missing:
                self.add_error(name, _("Needed for a new source (or pick an existing source above)."))
            return None
        source = Source(
            outlet=outlet,
            title=cleaned["new_source_title"],
            url=cleaned.get("new_source_url", ""),
            published_on=cleaned.get("new_source_published_on"),
            published_precision=cleaned.get("new_source_published_precision") or DatePrecision.DAY,
            language=cleaned.get("new_source_language") or "en",
            archive_url=cleaned.get("new_source_archive_url", ""),
        )
        source.published_on = truncate_to_precision(source.published_on, source.published_precision)
        self.validate_new(source, exclude=["outlet"] if outlet.pk is None else [], prefix="new_source_")
        self.new_source = source
        return source

    def build_new_outlet(self, cleaned) -> Outlet | None:
        name = cleaned.get("new_outlet_name")
        if not name:
            return None
        outlet = Outlet(
            name=name, slug=free_slug(Outlet, name), kind=cleaned.get("new_outlet_kind") or OutletKind.NEWSPAPER
        )
        self.validate_new(outlet, exclude=[], prefix="new_outlet_")
        self.new_outlet = outlet
        return outlet

    def validate_new(self, instance, exclude: list[str], prefix: str) -> None:
        if instance._meta.model_name not in self.may_add:
            # The same right as the model's own add page: no new row through this form either.
            target = {"actor": "new_actor_name", "role": "new_role_title", "outlet": "new_outlet_name"}
            self.add_error(
                target.get(instance._meta.model_name),
                _("You may not add a new %(model)s.") % {"model": instance._meta.verbose_name},
            )
            return
        try:
            instance.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as error:
            self.add_errors_of_new(instance, error, prefix)
        for constraint in instance._meta.constraints:
            try:
                constraint.validate(type(instance), instance, exclude=set(exclude))
            except ValidationError as error:
                target = CONSTRAINT_FIELDS.get(constraint.name)
                self.add_error(target if target in self.fields else None, error)

    def add_errors_of_new(self, instance, error: ValidationError, prefix: str) -> None:
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
        if self.new_actor is not None or not self.cleaned_data.get("actor"):
            exclusions.add("actor")
        return exclusions

    def save(self, commit=True):
        # Each new row before the row that points to it; the admin's view wraps all in one transaction.
        if self.new_actor is not None:
            self.new_actor.save()
            self.instance.actor = self.new_actor
        if self.new_role is not None:
            self.new_role.actor = self.new_actor
            self.new_role.save()
        if self.new_outlet is not None:
            self.new_outlet.save()
            self.new_source.outlet = self.new_outlet
        if self.new_source is not None:
            self.new_source.save()
            self.new_quote.source = self.new_source
        if self.new_quote is not None:
            self.new_quote.save()
            self.instance.quote = self.new_quote
        return super().save(commit=commit)


def changed_from_stored(form) -> list[str]:
    """The form's fields whose cleaned value differs from the stored row's (its changed data if none is stored).

    Not `changed_data`: the history page's form ("Revert") starts from the old version, so its
    changed data is empty while the revert changes the stored row.
    """
    model = form._meta.model
    stored = model._default_manager.filter(pk=form.instance.pk).first() if form.instance.pk is not None else None
    if stored is None:
        return list(form.changed_data)
    differing = []
    for name, value in form.cleaned_data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # the note, the edit-conflict field
        if not field.concrete or field.many_to_many:
            continue
        if field.value_from_object(stored) != (value.pk if isinstance(value, models.Model) else value):
            differing.append(name)
    return differing


def correction_note_field(help_text) -> forms.CharField:
    """The public correction note of a change form; the form's clean() says when it is needed."""
    return forms.CharField(
        label=_("Public correction note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=PLAIN_TEXT,
        help_text=help_text,
    )


class PositionChangeForm(forms.ModelForm):
    """A published position's change form: a correction of what it says needs a public note."""

    correction_note = correction_note_field(
        _(
            "Shown on the position's page and in the corrections log. Needed when you change the actor, "
            "topic, quote, stance or date; a typo fix elsewhere can leave it empty."
        )
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

    differing: list[str] = []

    def clean(self):
        cleaned = super().clean()
        # As on the add form: a coarser precision keeps only what it claims of the date.
        if cleaned.get("stated_on") and cleaned.get("date_precision"):
            cleaned["stated_on"] = truncate_to_precision(cleaned["stated_on"], cleaned["date_precision"])
        self.differing = changed_from_stored(self)
        corrected = [name for name in CORRECTED_FIELDS if name in self.differing]
        noted = bool(cleaned.get("correction_note", "").strip())
        if self.instance.pk is not None and not noted and self.restores_withdrawn():
            self.add_error(
                "correction_note",
                _("This position was withdrawn: say in a public note why it is restored."),
            )
        elif self.instance.pk is not None and corrected and not noted:
            labels = ", ".join(str(Position._meta.get_field(name).verbose_name) for name in corrected)
            self.add_error(
                "correction_note",
                _("You changed %(fields)s: say in a public note what was corrected and why.") % {"fields": labels},
            )
        return cleaned

    def restores_withdrawn(self) -> bool:
        """A revert re-creating a deleted position (its tombstone answers at its address now)."""
        return (
            not Position.objects.filter(pk=self.instance.pk).exists()
            and WithdrawnPosition.objects.filter(position_number=self.instance.pk).exists()
        )
