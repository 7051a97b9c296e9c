"""Tables derived from the positions and kept in step by positions/derived.py.

They hold nothing an editor enters: each can be rebuilt from the positions at any time. They
live here rather than in models.py so that it stays about the records editors keep;
positions.models re-exports them, which is how Django finds them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from positions.stance_rule import CellState


class CountryStance(models.Model):
    """A country's cell on a topic: the stance its highest office on the record decided, and why.

    Derived from positions by the rule in positions/stance_rule.py and kept in step by
    positions/derived.py (on every save and delete of a position, quote, role or actor, and
    after bulk loads), so that the home matrix reads a few hundred rows instead of weighing a
    million positions per request. `position` is the statement the cell shows: the deciding one,
    the newest of a mixed office rank, or the newest report when nothing is on the record.
    """

    country = models.CharField(_("country"), max_length=2)
    topic = models.ForeignKey("positions.Topic", models.CASCADE, related_name="+", verbose_name=_("topic"))
    state = models.CharField(
        _("state"), max_length=10, choices=CellState.choices, default=CellState.DECIDED, db_default=CellState.DECIDED
    )
    stance = models.CharField(
        _("stance"), max_length=12, blank=True, default="", db_default="", help_text=_("Empty unless decided.")
    )
    position = models.ForeignKey("positions.Position", models.CASCADE, related_name="+", verbose_name=_("position"))
    role = models.ForeignKey(
        "positions.Role",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role"),
        help_text=_("The office its actor held that day."),
    )
    statements = models.PositiveIntegerField(_("statements"))
    reported = models.PositiveIntegerField(
        _("reported"), default=0, db_default=0, help_text=_("Of the statements, paraphrases and anonymous reports.")
    )
    newest_report = models.ForeignKey(
        "positions.Position",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("newest report"),
    )
    dissent = models.JSONField(
        _("disagreeing statements"),
        default=list,
        blank=True,
        help_text=_("Ids of the newest on-record statements within the window that take another side, at most ten."),
    )
    dissent_count = models.PositiveIntegerField(_("disagreeing statements"), default=0, db_default=0)

    class Meta:
        verbose_name = _("country stance")
        verbose_name_plural = _("country stances")
        constraints = [
            models.UniqueConstraint(fields=["country", "topic"], name="countrystance_one_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.country} — {self.topic_id}: {self.stance or self.state} ({self.position_id})"


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
    topic = models.ForeignKey("positions.Topic", models.CASCADE, related_name="+", verbose_name=_("topic"))
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


class MonthStance(models.Model):
    """A country's stance on a topic at the end of a month it spoke on the record: what the stance chart sweeps.

    The same rule as `CountryStance` (positions/stance_rule.py) applied to the statements up to
    the month's end; `stance` is the stance decided or "mixed", `stated_on` the shown statement's
    date. Until the next such month the stance stays, so the chart over every country reads one
    topic's rows of this table (about 12,000 at a million positions) instead of weighing the
    positions once per country and month. Kept in step by positions/derived.py; `month` is the
    month's first day.
    """

    country = models.CharField(_("country"), max_length=2)
    topic = models.ForeignKey("positions.Topic", models.CASCADE, related_name="+", verbose_name=_("topic"))
    month = models.DateField(_("month"))
    stated_on = models.DateField(_("stated on"))
    stance = models.CharField(_("stance"), max_length=12)
    date_precision = models.CharField(_("date precision"), max_length=5)

    class Meta:
        verbose_name = _("country stance in a month")
        verbose_name_plural = _("country stances by month")
        constraints = [
            models.UniqueConstraint(fields=["topic", "country", "month"], name="monthstance_one_per_month"),
        ]
        indexes = [models.Index(fields=["topic", "month"], name="monthstance_topic_month_idx")]

    def __str__(self) -> str:
        return f"{self.country} — {self.topic_id} {self.month:%Y-%m}: {self.stance}"
