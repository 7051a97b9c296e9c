"""Who stands where: actors, their roles, topics, stated positions and who must authorise a deployment."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from positions.choices import ActorKind, BodyKind, OfficeRank, Requirement, Scope, Stance, office_rank_for
from positions.country_codes import in_address
from positions.querysets import ActorQuerySet, AuthorisationBodyQuerySet, PositionQuerySet, RoleQuerySet
from sources.dates import (
    DatePrecision,
    choices_constraint,
    day_beyond_source,
    format_partial_date,
    honest_date_constraint,
    in_the_future,
    later_than,
    truncate_to_precision,
)
from sources.models import Attribution, Quote, Source, Verification
from sources.text import NAME_TEXT, PLAIN_TEXT


class Actor(models.Model):
    """Anyone who takes or comments on a position: a government, an official, a parliament, an analyst."""

    name = models.CharField(_("name"), max_length=200, validators=NAME_TEXT)
    name_uk = models.CharField(
        _("name in Ukrainian"),
        max_length=200,
        blank=True,
        validators=NAME_TEXT,
        default="",
        db_default="",
        help_text=_("Shown on the Ukrainian pages; found by search."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=NAME_TEXT)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Blank for international organisations and their officials.")
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        validators=NAME_TEXT,
        help_text=_("Other spellings and transliterations, one per line. Found by search."),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata id looks like Q12345."))],
    )
    description = models.TextField(_("description"), blank=True, validators=PLAIN_TEXT)
    description_uk = models.TextField(
        _("description in Ukrainian"), blank=True, validators=PLAIN_TEXT, default="", db_default=""
    )
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["country", "kind"], name="actor_country_kind_idx"),
            models.Index(fields=["kind"], name="actor_kind_idx"),
            # The actors list and the actor page's compare menu are ordered by name: without it,
            # each sorted every actor to show the first few.
            models.Index(fields=["name", "id"], name="actor_name_idx"),
        ]
        constraints = [
            choices_constraint("kind", ActorKind, "actor_kind_valid", "Actor kind"),
            models.CheckConstraint(
                condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="actor_wikidata_id_format",
                violation_error_message=_("A Wikidata id looks like Q12345."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("positions:actor_detail", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def role_on(self, day: datetime.date) -> "Role | None":
        """The role held on a day, from prefetched roles when there are some."""
        return Role.pick_for_day(self.roles.all(), day)


class Role(models.Model):
    """An official's office over time, so a statement shows the role held on the day it was made."""

    actor = models.ForeignKey(Actor, models.CASCADE, related_name="roles", verbose_name=_("actor"))
    title = models.CharField(
        pgettext_lazy("a role's title", "title"),
        max_length=200,
        validators=NAME_TEXT,
        help_text=_("e.g. Foreign Secretary"),
    )
    title_uk = models.CharField(
        _("title in Ukrainian"),
        max_length=200,
        blank=True,
        validators=NAME_TEXT,
        default="",
        db_default="",
        help_text=_("e.g. Міністр закордонних справ"),
    )
    country = CountryField(_("state"), blank=True, help_text=_("The state whose office this is."))
    organisation = models.ForeignKey(
        Actor,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="member_roles",
        limit_choices_to={"kind": ActorKind.ORGANISATION},
        verbose_name=_("organisation"),
        help_text=_("The organisation whose office this is, if not a state's."),
    )
    office_rank = models.CharField(
        _("office rank"),
        max_length=16,
        choices=OfficeRank.choices,
        default=OfficeRank.OTHER,
        db_default=OfficeRank.OTHER,
        help_text=_("Which office this is, for deciding a country's stance: the highest office's words decide."),
    )
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True, help_text=_("Blank while in office."))
    history = HistoricalRecords()

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["actor", "-start_on"]
        indexes = [models.Index(fields=["actor", "start_on"], name="role_actor_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="role_ends_after_start",
                violation_error_message=_("A role cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(office_rank__in=OfficeRank.values),
                name="role_office_rank_known",
                violation_error_message=_("Choose one of the office ranks."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_display})"

    @property
    def period_display(self) -> str:
        start = format_partial_date(self.start_on, DatePrecision.DAY)
        end = format_partial_date(self.end_on, DatePrecision.DAY) if self.end_on else _("present")
        return f"{start} – {end}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)

    @staticmethod
    def pick_for_day(roles, day: datetime.date) -> "Role | None":
        """The role held on the day: of those covering it, the latest to start, then the last added.

        Used on roles already loaded (prefetched, or read once for a page); RoleQuerySet.held_first
        states the same rule in SQL for subqueries, and a test holds the two alike.
        """
        covering = [role for role in roles if role.covers(day)]
        return max(covering, key=lambda role: (role.start_on, role.pk or 0), default=None)


class Topic(models.Model):
    """What a position is about: combat troops, instructors, a reassurance force."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=NAME_TEXT)
    name = models.CharField(_("name"), max_length=200, validators=NAME_TEXT)
    name_uk = models.CharField(
        _("name in Ukrainian"), max_length=200, blank=True, validators=NAME_TEXT, default="", db_default=""
    )
    description = models.TextField(_("description"), blank=True, validators=PLAIN_TEXT)
    description_uk = models.TextField(
        _("description in Ukrainian"), blank=True, validators=PLAIN_TEXT, default="", db_default=""
    )
    involves_deployment = models.BooleanField(
        _("involves sending troops to Ukraine"),
        default=True,
        help_text=_("When set, positions on this topic show the authorisations a deployment would need."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """An actor's stated position on a topic, evidenced by a dated quote.

    `country`, `actor_kind`, `verification` and `attribution` are copies of the actor's and the quote's
    values, kept in step on save, so that every filter is a column of this table with an
    index of its own (a join to actors makes filtered counts two orders of magnitude slower).
    `office_rank` is the rank of the office the actor held that day, kept in step the same way
    (positions/derived.py) for the rule that makes a country's stance (positions/stance_rule.py).
    """

    # No single-column index for actor and topic: the composite indexes below start with them.
    actor = models.ForeignKey(Actor, models.PROTECT, related_name="positions", verbose_name=_("actor"), db_index=False)
    topic = models.ForeignKey(Topic, models.PROTECT, related_name="positions", verbose_name=_("topic"), db_index=False)
    quote = models.ForeignKey(Quote, models.PROTECT, related_name="positions", verbose_name=_("quote"))
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices)
    stated_on = models.DateField(_("stated on"))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_evidence = models.TextField(
        _("date evidence"),
        blank=True,
        validators=PLAIN_TEXT,
        default="",
        db_default="",
        help_text=_(
            "Where the day comes from when the quote's source gives only the month or the year (e.g. another "
            "outlet's report, an official transcript); or why the date is less precise than it might seem "
            "(e.g. outlets disagree on the day)."
        ),
    )
    conditions = models.TextField(
        _("conditions"), blank=True, validators=PLAIN_TEXT, help_text=_("e.g. only after a ceasefire")
    )
    conditions_uk = models.TextField(
        _("conditions in Ukrainian"), blank=True, validators=PLAIN_TEXT, default="", db_default=""
    )
    summary = models.TextField(_("summary"), blank=True, validators=PLAIN_TEXT)
    summary_uk = models.TextField(
        _("summary in Ukrainian"), blank=True, validators=PLAIN_TEXT, default="", db_default=""
    )
    country = models.CharField(_("country"), max_length=2, blank=True, editable=False)
    actor_kind = models.CharField(_("actor kind"), max_length=20, choices=ActorKind.choices, editable=False)
    verification = models.CharField(_("verification"), max_length=10, choices=Verification.choices, editable=False)
    attribution = models.CharField(
        _("attribution"),
        max_length=12,
        choices=Attribution.choices,
        default=Attribution.DIRECT,
        db_default=Attribution.DIRECT,
        editable=False,
    )
    office_rank = models.PositiveSmallIntegerField(
        _("office rank"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The rank of the office the actor spoke from that day (0 is the highest, see OfficeRank); "
            "empty for actors who never decide a country's stance."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = PositionQuerySet.as_manager()
    # Set by positions/signals.py before a save or delete: the facet values the stored row had.
    _combination_before: tuple | None

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["-stated_on", "-id"]
        get_latest_by = ["stated_on", "id"]
        indexes = [
            models.Index(fields=["stated_on", "id"], name="position_date_idx"),
            models.Index(fields=["country", "stance", "stated_on"], name="position_country_stance_idx"),
            models.Index(fields=["country", "topic", "stated_on"], name="position_country_topic_idx"),
            models.Index(fields=["actor", "topic", "stated_on"], name="position_actor_topic_idx"),
            models.Index(fields=["topic", "stated_on"], name="position_topic_date_idx"),
            models.Index(fields=["stance", "stated_on"], name="position_stance_date_idx"),
            models.Index(fields=["actor_kind", "stated_on"], name="position_kind_date_idx"),
            models.Index(fields=["verification", "stated_on"], name="position_verif_date_idx"),
            models.Index(fields=["attribution", "stated_on"], name="position_attrib_date_idx"),
            models.Index(fields=["created_at"], name="position_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "topic", "quote"],
                name="position_unique_per_quote",
                violation_error_message=_("This actor already has a position on this topic from this quote."),
            ),
            choices_constraint("stance", Stance, "position_stance_valid", "Stance"),
            choices_constraint("date_precision", DatePrecision, "position_precision_valid", "Date precision"),
            choices_constraint("actor_kind", ActorKind, "position_actor_kind_valid", "Actor kind"),
            choices_constraint("verification", Verification, "position_verification_valid", "Verification"),
            choices_constraint("attribution", Attribution, "position_attribution_valid", "Attribution"),
            honest_date_constraint("stated_on", "date_precision", "position_stated_on_honest"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.topic}: {self.get_stance_display()} ({self.stated_display})"

    def save(self, *args, **kwargs):
        self.copy_denormalised_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("positions:position_detail", args=[self.pk])

    def clean(self):
        # Neither rule can be a CHECK constraint: "today" moves, and the source is two tables away.
        super().clean()
        stated_on = truncate_to_precision(self.stated_on, self.date_precision)
        if in_the_future(stated_on):
            raise ValidationError({"stated_on": _("A statement date cannot be in the future.")})
        if stated_on and self.quote_id:
            self.check_date_against(self.quote.source)

    def check_date_against(self, source: Source) -> None:
        """The date may not be after the source's publication, nor more precise than the source supports.

        Also used by the admin's statement form for a quote and source that are not saved yet.
        """
        stated_on = truncate_to_precision(self.stated_on, self.date_precision)
        if stated_on is None or not source.published_on:
            return
        if later_than(stated_on, self.date_precision, source.published_on, source.published_precision):
            raise ValidationError(
                {
                    "stated_on": _(
                        "The quote's source was published on %(published)s, before this statement date: "
                        "a source cannot report a statement made after it was published."
                    )
                    % {"published": source.published_display}
                }
            )
        if day_beyond_source(self.date_precision, source.published_precision, self.date_evidence):
            raise ValidationError(
                {
                    "date_precision": _(
                        "The quote's source is dated only %(published)s, so it does not give the day: choose month "
                        "precision, or say under “date evidence” where the day comes from."
                    )
                    % {"published": source.published_display}
                }
            )

    def copy_denormalised_fields(self) -> None:
        """Fill this row's copies of its actor's and quote's values (see the class docstring)."""
        self.stated_on = truncate_to_precision(self.stated_on, self.date_precision)
        self.country = self.actor.country.code if self.actor.country else ""  # type: ignore[attr-defined]  # a Country, typed as str
        self.actor_kind = self.actor.kind
        self.verification = self.quote.verification
        self.attribution = self.quote.attribution
        role = Role.pick_for_day(self.actor.roles.all(), self.stated_on) if self.stated_on else None
        self.office_rank = office_rank_for(self.actor.kind, role.office_rank if role else None)

    @property
    def stated_display(self) -> str:
        return format_partial_date(self.stated_on, self.date_precision)

    @property
    def role(self) -> Role | None:
        """The role the actor held on the day of the statement."""
        return self.actor.role_on(self.stated_on)

    def authorisation_bodies_needed(self):
        return AuthorisationBody.objects.needed_for(self)


class AuthorisationBody(models.Model):
    """Who must authorise sending one's troops abroad, or admitting foreign troops, in a country."""

    country = CountryField(_("country"))
    name = models.CharField(_("body"), max_length=300, validators=NAME_TEXT)
    name_uk = models.CharField(
        _("body in Ukrainian"), max_length=300, blank=True, validators=NAME_TEXT, default="", db_default=""
    )
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    requirement = models.CharField(_("requirement"), max_length=20, choices=Requirement.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True, validators=PLAIN_TEXT)
    legal_basis_uk = models.TextField(
        _("legal basis in Ukrainian"), blank=True, validators=PLAIN_TEXT, default="", db_default=""
    )
    legal_basis_url = models.URLField(_("legal basis URL"), max_length=1000, blank=True, validators=PLAIN_TEXT)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Checked against a primary or reliable source.")
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        validators=PLAIN_TEXT,
        help_text=_("For readers, in plain words: what this body does and when. Shown on public pages."),
    )
    explanation_uk = models.TextField(
        _("explanation in Ukrainian"),
        blank=True,
        validators=PLAIN_TEXT,
        default="",
        db_default="",
        help_text=_("Shown on the Ukrainian pages; where it is blank they show the English, marked as English."),
    )
    editor_notes = models.TextField(
        _("editors' notes"),
        blank=True,
        validators=PLAIN_TEXT,
        help_text=_("For editors only: how it was checked, what is uncertain. Never shown on public pages."),
    )
    history = HistoricalRecords()

    objects = AuthorisationBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("authorisation body")
        verbose_name_plural = _("authorisation bodies")
        ordering = ["country", "scope", "name", "requirement"]
        indexes = [models.Index(fields=["country", "scope"], name="authbody_country_scope_idx")]
        constraints = [
            # One body may carry two requirements for one scope (France's Parliament is informed
            # within 3 days and must approve going on past 4 months).
            models.UniqueConstraint(
                fields=["country", "scope", "name", "requirement"],
                name="authbody_unique_per_requirement",
                violation_error_message=_(
                    "This body is already listed with this requirement for this country and scope."
                ),
            ),
            choices_constraint("scope", Scope, "authbody_scope_valid", "Scope"),
            choices_constraint("requirement", Requirement, "authbody_requirement_valid", "Requirement"),
            choices_constraint("body_kind", BodyKind, "authbody_kind_valid", "Kind of body"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code}, {self.get_scope_display()}: {self.get_requirement_display()})"  # type: ignore[attr-defined]  # a Country, typed as str

    def get_absolute_url(self) -> str:
        return reverse("positions:authorisation_list") + f"#{in_address(self.country.code)}"  # type: ignore[attr-defined]  # a Country, typed as str


class PendingImport(models.Model):
    """An uploaded import file between its preview and its confirmation, kept in the database.

    Not in the session (up to 10 MB in every session read) nor on one server's disk (any app
    process may answer the confirmation). `data_version` is the data the preview was worked out
    against: a confirmation on changed data previews again. Rows go when confirmed, or after a day.
    """

    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("user"))
    name = models.CharField(_("file name"), max_length=255, validators=PLAIN_TEXT)
    data = models.BinaryField(_("file"))
    data_version = models.CharField(_("data version at preview"), max_length=200)
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")
        constraints = [models.UniqueConstraint(fields=["user", "digest"], name="pendingimport_one_per_file")]

    def __str__(self) -> str:
        return f"{self.name} ({self.digest[:12]})"


# The summary tables (positions/summaries.py) are models too: importing them here is how Django finds them.
from positions.corrections import Correction, WithdrawnPosition  # noqa: E402, F401
from positions.summaries import CountryStance, DataVersion, FacetCount, MonthStance  # noqa: E402, F401
