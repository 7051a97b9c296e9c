"""Query logic for positions: current positions, country stances, roles on a day, authorisations needed.

Views, exports, feeds and the admin all build on these, so each rule lives in one place.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import Exists, OuterRef, Q

from .choices import ActorKind, Scope

UKRAINE = "UA"
# A country's stance is what its government says: the state itself or its officials.
GOVERNMENT_KINDS = (ActorKind.STATE, ActorKind.OFFICIAL)


def later_than_outer() -> Q:
    """A row stated after the outer row: later date, or the same date and a higher id."""
    return Q(stated_on__gt=OuterRef("stated_on")) | Q(stated_on=OuterRef("stated_on"), id__gt=OuterRef("id"))


class ActorQuerySet(models.QuerySet):
    def for_country(self, code: str):
        return self.filter(country=code.upper())


class RoleQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        return self.filter(Q(start_on__lte=day), Q(end_on__isnull=True) | Q(end_on__gte=day))


class PositionQuerySet(models.QuerySet):
    def with_related(self):
        """Everything a row shows: actor, topic, quote, source, outlet and the actor's roles."""
        return self.select_related("actor", "topic", "quote__source__outlet").prefetch_related("actor__roles")

    def for_country(self, code: str):
        return self.filter(country=code.upper())

    def search(self, text: str):
        """Full-text search over quotes, summaries, actor names and aliases.

        PostgreSQL stems and ranks (annotating `rank`); SQLite, the small embedded default,
        finds rows containing every word.
        """
        if self.db_connection_vendor() == "postgresql":
            vector = (
                SearchVector("actor__name", "actor__aliases", weight="A", config="english")
                + SearchVector("quote__text", "summary", weight="B", config="english")
                + SearchVector("quote__original_text", weight="C", config="simple")
            )
            query = SearchQuery(text, search_type="websearch", config="english")
            return self.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0)
        matches = self
        for word in text.split()[:20]:
            matches = matches.filter(
                Q(quote__text__icontains=word)
                | Q(quote__original_text__icontains=word)
                | Q(summary__icontains=word)
                | Q(actor__name__icontains=word)
                | Q(actor__aliases__icontains=word)
            )
        return matches

    def db_connection_vendor(self) -> str:
        from django.db import connections

        return connections[self.db].vendor

    def current(self):
        """Each actor's current position per topic: its latest by date, then id."""
        newer = self.model.objects.filter(actor=OuterRef("actor"), topic=OuterRef("topic")).filter(later_than_outer())
        return self.filter(~Exists(newer))

    def governmental(self):
        return self.filter(actor_kind__in=GOVERNMENT_KINDS).exclude(country="")

    def country_stances(self):
        """Each country's current stance per topic: the latest position of its state actor or officials."""
        newer = (
            self.model.objects.governmental()
            .filter(country=OuterRef("country"), topic=OuterRef("topic"))
            .filter(later_than_outer())
        )
        return self.governmental().filter(~Exists(newer))

    def stance_changes(self):
        """Positions ordered per actor and topic, for walking through changes of stance."""
        return self.order_by("actor_id", "topic_id", "stated_on", "id")


class AuthorisationBodyQuerySet(models.QuerySet):
    def needed_for(self, position):
        """The bodies whose authorisation a deployment stated in this position would need.

        The sender's own `deploy_abroad` bodies and Ukraine's `admit_foreign` bodies; none for
        topics that involve no deployment (North Korea's troops for Russia, volunteers).
        """
        if not position.topic.involves_deployment:
            return self.none()
        wanted = Q(country=UKRAINE, scope=Scope.ADMIT_FOREIGN)
        if position.country and position.country != UKRAINE:
            wanted |= Q(country=position.country, scope=Scope.DEPLOY_ABROAD)
        return self.filter(wanted).order_by("scope", "country", "name")
