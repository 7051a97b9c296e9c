"""Query logic for positions: current positions, country stances, roles on a day, authorisations needed.

Views, exports, feeds and the admin all build on these, so each rule lives in one place.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from .choices import ActorKind, Scope

UKRAINE = "UA"
# A country's stance is what its government says: the state itself or its officials.
GOVERNMENT_KINDS = (ActorKind.STATE, ActorKind.OFFICIAL)


MAX_SEARCH_WORDS = 8

# Positions matching one word, each branch served by a GIN index of migration 0003. A word
# that is only a stop word ("the") constrains nothing rather than matching nothing.
POSTGRES_WORD_MATCH = """
    SELECT p.id FROM positions_position p JOIN sources_quote q ON q.id = p.quote_id
     WHERE to_tsvector('english', q.text) @@ plainto_tsquery('english', %s)
        OR to_tsvector('simple', q.original_text) @@ plainto_tsquery('simple', %s)
    UNION
    SELECT p.id FROM positions_position p JOIN positions_actor a ON a.id = p.actor_id
     WHERE to_tsvector('english', a.name || ' ' || a.aliases) @@ plainto_tsquery('english', %s)
    UNION
    SELECT p.id FROM positions_position p
     WHERE to_tsvector('english', p.summary) @@ plainto_tsquery('english', %s)
    UNION
    SELECT p.id FROM positions_position p WHERE numnode(plainto_tsquery('english', %s)) = 0
"""

# The latest governmental position per (country, topic), one index probe per pair, rather
# than comparing every position with every later one.
POSTGRES_COUNTRY_STANCES = """
    SELECT latest.id
      FROM (SELECT DISTINCT country FROM positions_actor
             WHERE kind IN ('state', 'official') AND country <> '') AS c
     CROSS JOIN positions_topic t
     CROSS JOIN LATERAL (
           SELECT p.id FROM positions_position p
            WHERE p.country = c.country AND p.topic_id = t.id AND p.actor_kind IN ('state', 'official')
            ORDER BY p.stated_on DESC, p.id DESC
            LIMIT 1) AS latest
"""


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
        """Full-text search over quotes, original texts, summaries, actor names and aliases.

        Every word must appear somewhere in those texts. PostgreSQL stems words and ranks the
        matches (annotating `rank`), each word looked up in GIN indexes (migration 0003);
        SQLite, the small embedded default, matches words as substrings.
        """
        words = text.split()[:MAX_SEARCH_WORDS]
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            matches = self
            for word in words:
                matches = matches.filter(id__in=RawSQL(POSTGRES_WORD_MATCH, [word] * POSTGRES_WORD_MATCH.count("%s")))
            vector = (
                SearchVector("actor__name", "actor__aliases", weight="A", config="english")
                + SearchVector("quote__text", "summary", weight="B", config="english")
                + SearchVector("quote__original_text", weight="C", config="simple")
            )
            return matches.annotate(rank=SearchRank(vector, SearchQuery(" ".join(words), config="english")))
        matches = self
        for word in words:
            matches = matches.filter(
                Q(quote__text__icontains=word)
                | Q(quote__original_text__icontains=word)
                | Q(summary__icontains=word)
                | Q(actor__name__icontains=word)
                | Q(actor__aliases__icontains=word)
            )
        return matches

    def current(self):
        """Each actor's current position per topic: its latest by date, then id."""
        newer = self.model.objects.filter(actor=OuterRef("actor"), topic=OuterRef("topic")).filter(later_than_outer())
        return self.filter(~Exists(newer))

    def governmental(self):
        return self.filter(actor_kind__in=GOVERNMENT_KINDS).exclude(country="")

    def country_stances(self):
        """Each country's current stance per topic: the latest position of its state actor or officials.

        Runs one query for the ids at once, then filters by them: asked as a single query,
        PostgreSQL's planner misjudges the subquery and joins every governmental position.
        """
        connection = connections[self.db]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(POSTGRES_COUNTRY_STANCES)
                ids = [row[0] for row in cursor.fetchall()]
        else:
            newer = (
                self.model.objects.governmental()
                .filter(country=OuterRef("country"), topic=OuterRef("topic"))
                .filter(later_than_outer())
            )
            ids = list(self.model.objects.governmental().filter(~Exists(newer)).values_list("id", flat=True))
        return self.governmental().filter(id__in=ids)

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
