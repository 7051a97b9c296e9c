"""Tables derived from the positions and kept in step by positions/derived.py.

They hold nothing an editor enters: each can be rebuilt from the positions at any time. They
live here rather than in models.py so that it stays about the records editors keep;
positions.models re-exports them, which is how Django finds them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryStance(models.Model):
    """A country's current stance on a topic: its latest governmental position and how many stand behind it.

    Derived from positions and kept in step by positions/derived.py (on every save and
    delete of a position or actor, and after bulk loads), so that the home matrix reads a few
    hundred rows instead of finding the latest of a million positions per request.
    """

    country = models.CharField(_("country"), max_length=2)
    topic = models.ForeignKey("positions.Topic", models.CASCADE, related_name="+", verbose_name=_("topic"))
    position = models.ForeignKey("positions.Position", models.CASCADE, related_name="+", verbose_name=_("position"))
    statements = models.PositiveIntegerField(_("statements"))

    class Meta:
        verbose_name = _("country stance")
        verbose_name_plural = _("country stances")
        constraints = [
            models.UniqueConstraint(fields=["country", "topic"], name="countrystance_one_per_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.country} — {self.topic_id}: {self.position_id}"


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
    """A country's last governmental position on a topic in a month it spoke: what the stance chart sweeps.

    A country's stance at a month's end is its last position in the latest month up to then in
    which it spoke, so the chart over every country reads one topic's rows of this table (about
    12,000 at a million positions) instead of probing the positions once per country and month.
    Kept in step by positions/derived.py like `CountryStance`; `month` is the month's first day.
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
        indexes = [models.Index(fields=["topic", "stated_on"], name="monthstance_topic_date_idx")]

    def __str__(self) -> str:
        return f"{self.country} — {self.topic_id} {self.month:%Y-%m}: {self.stance}"
