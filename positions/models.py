"""Who stands where: actors, their roles, topics, stated positions and who must authorise a deployment."""

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from positions.choices import ActorKind, BodyKind, Requirement, Scope, Stance
from positions.querysets import ActorQuerySet, AuthorisationBodyQuerySet, PositionQuerySet, RoleQuerySet
from sources.dates import (
    DatePrecision,
    choices_constraint,
    format_partial_date,
    honest_date_constraint,
    truncate_to_precision,
)
from sources.models import Quote, Verification


class Actor(models.Model):
    """Anyone who takes or comments on a position: a government, an official, a parliament, an analyst."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Blank for international organisations and their officials.")
    )
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("Other spellings and transliterations, one per line. Found by search.")
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata id looks like Q12345."))],
    )
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["country", "kind"], name="actor_country_kind_idx"),
            models.Index(fields=["kind"], name="actor_kind_idx"),
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
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Foreign Secretary"))
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
        """The latest-starting role covering the day; used on prefetched roles to avoid queries."""
        covering = [role for role in roles if role.covers(day)]
        return max(covering, key=lambda role: (role.start_on, role.pk or 0), default=None)


class Topic(models.Model):
    """What a position is about: combat troops, instructors, a reassurance force."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
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

    `country`, `actor_kind` and `verification` are copies of the actor's and the quote's
    values, kept in step on save, so that every filter is a column of this table with an
    index of its own (a join to actors makes filtered counts two orders of magnitude slower).
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
    conditions = models.TextField(_("conditions"), blank=True, help_text=_("e.g. only after a ceasefire"))
    summary = models.TextField(_("summary"), blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, editable=False)
    actor_kind = models.CharField(_("actor kind"), max_length=20, choices=ActorKind.choices, editable=False)
    verification = models.CharField(_("verification"), max_length=10, choices=Verification.choices, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = PositionQuerySet.as_manager()

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
            honest_date_constraint("stated_on", "date_precision", "position_stated_on_honest"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.topic}: {self.get_stance_display()} ({self.stated_display})"

    def save(self, *args, **kwargs):
        self.copy_denormalised_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("positions:position_detail", args=[self.pk])

    def copy_denormalised_fields(self) -> None:
        """Fill this row's copies of its actor's and quote's values (see the class docstring)."""
        self.stated_on = truncate_to_precision(self.stated_on, self.date_precision)
        self.country = self.actor.country.code if self.actor.country else ""
        self.actor_kind = self.actor.kind
        self.verification = self.quote.verification

    @property
    def stated_display(self) -> str:
        return format_partial_date(self.stated_on, self.date_precision)

    @property
    def role(self) -> Role | None:
        """The role the actor held on the day of the statement."""
        return self.actor.role_on(self.stated_on)

    @property
    def is_trusted(self) -> bool:
        return self.verification == Verification.CONFIRMED

    def authorisation_bodies_needed(self):
        return AuthorisationBody.objects.needed_for(self)


class CountryStance(models.Model):
    """A country's current stance on a topic: its latest governmental position and how many stand behind it.

    Derived from positions and kept in step by positions/derived.py (on every save and
    delete of a position or actor, and after bulk loads), so that the home matrix reads a few
    hundred rows instead of finding the latest of a million positions per request.
    """

    country = models.CharField(_("country"), max_length=2)
    topic = models.ForeignKey(Topic, models.CASCADE, related_name="+", verbose_name=_("topic"))
    position = models.ForeignKey(Position, models.CASCADE, related_name="+", verbose_name=_("position"))
    statements = models.PositiveIntegerField(_("statements"))

    class Meta:
        verbose_name = _("country stance")
        verbose_name_plural = _("country stances")
        constraints = [
            models.UniqueConstraint(fields=["country", "topic"], name="countrystance_one_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.country} — {self.topic_id}: {self.position_id}"


class AuthorisationBody(models.Model):
    """Who must authorise sending one's troops abroad, or admitting foreign troops, in a country."""

    country = CountryField(_("country"))
    name = models.CharField(_("body"), max_length=300)
    body_kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    requirement = models.CharField(_("requirement"), max_length=20, choices=Requirement.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    legal_basis_url = models.URLField(_("legal basis URL"), max_length=1000, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("Checked against a primary or reliable source.")
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = AuthorisationBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("authorisation body")
        verbose_name_plural = _("authorisation bodies")
        ordering = ["country", "scope", "name"]
        indexes = [models.Index(fields=["country", "scope"], name="authbody_country_scope_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "scope", "name"],
                name="authbody_unique_per_scope",
                violation_error_message=_("This body is already listed for this country and scope."),
            ),
            choices_constraint("scope", Scope, "authbody_scope_valid", "Scope"),
            choices_constraint("requirement", Requirement, "authbody_requirement_valid", "Requirement"),
            choices_constraint("body_kind", BodyKind, "authbody_kind_valid", "Kind of body"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code}, {self.get_scope_display()})"

    def get_absolute_url(self) -> str:
        return reverse("positions:authorisation_list") + f"#{self.country.code.lower()}"


class DataVersion(models.Model):
    """The version of the public data: one row that every write moves forward (positions/derived.py).

    `token` is drawn at random on every change, so a version never repeats, not even after a
    restore brings back an older counter; HTTP ETags and cached fragments are keyed on it.
    """

    counter = models.BigIntegerField(_("counter"), default=0)
    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.counter}-{self.token}"


class FacetCount(models.Model):
    """How many positions share each combination of the list's equality filters, kept in step.

    The positions list reads its count and its four facets (stance, topic, country, actor kind)
    for any combination of country, stance, topic, actor kind and verification by summing these
    rows instead of counting positions (positions/derived.py keeps them current).
    """

    country = models.CharField(_("country"), max_length=2, blank=True)
    stance = models.CharField(_("stance"), max_length=12)
    topic = models.ForeignKey(Topic, models.CASCADE, related_name="+", verbose_name=_("topic"))
    actor_kind = models.CharField(_("actor kind"), max_length=20)
    verification = models.CharField(_("verification"), max_length=10)
    n = models.PositiveIntegerField(_("positions"))

    class Meta:
        verbose_name = _("facet count")
        verbose_name_plural = _("facet counts")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "stance", "topic", "actor_kind", "verification"],
                name="facetcount_one_per_combination",
            ),
        ]
        indexes = [models.Index(fields=["stance", "topic"], name="facetcount_stance_topic_idx")]

    def __str__(self) -> str:
        return f"{self.country} {self.stance} {self.topic_id} {self.actor_kind} {self.verification}: {self.n}"
