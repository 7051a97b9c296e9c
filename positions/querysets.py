"""Query logic for positions: current positions, roles on a day, authorisations needed.

Views, exports, feeds and the admin all build on these, so each rule lives in one place.
"""

import datetime
import operator
from functools import reduce
from typing import TYPE_CHECKING

from django.db import connections, models
from django.db.models import Case, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce, Collate, NullIf
from django.utils.translation import get_language

from positions.choices import Requirement, Scope
from positions.folding import fold

if TYPE_CHECKING:
    from positions.models import Position  # noqa: F401  (named in a string: the queryset's model)

UKRAINE = "UA"

MAX_SEARCH_WORDS = 8

# One word of a search, as a tsquery against positions_position.search_vector (migration 0005):
# its English stems, or the word unstemmed as the original texts are indexed ('simple', so
# Cyrillic and French words are found as written). A word that is only an English stop word
# ("the") becomes an empty query, which && drops: it constrains nothing rather than matching nothing.
# Each word is folded as the vector's texts are (migration 0025): "lecka" finds "Łęcka" and back.
POSTGRES_WORD_QUERY = """(CASE WHEN numnode(plainto_tsquery('english', positions_fold(%s))) = 0
       THEN plainto_tsquery('english', positions_fold(%s))
       ELSE plainto_tsquery('english', positions_fold(%s)) || plainto_tsquery('simple', positions_fold(%s)) END)"""


def postgres_search_query(words: list[str]) -> tuple[str, list[str]]:
    """Every word must match: the words' queries joined with &&, as SQL and its parameters."""
    sql = " && ".join([POSTGRES_WORD_QUERY] * len(words))
    params = [word for word in words for _ in range(POSTGRES_WORD_QUERY.count("%s"))]
    return f"({sql})", params


# The texts SQLite's search reads, each folded by the `positions_fold` function (positions/apps.py).
SQLITE_SEARCHED_FIELDS = [
    "quote__text",
    "quote__original_text",
    "summary",
    "summary_uk",
    "actor__name",
    "actor__name_uk",
    "actor__aliases",
]


class Fold(Func):
    """A text in lower case without accents: `positions_fold`, in SQL on PostgreSQL, in Python on SQLite."""

    function = "positions_fold"
    output_field = models.TextField()


class FoldedContains(models.Lookup):
    """`name__folded="lecka"`: the text contains the word, both folded as the public search folds them.

    For the admin's `search_fields`, which take a lookup as given (positions/apps.py registers it
    on text fields).
    """

    lookup_name = "folded"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [f"%{connection.ops.prep_for_like_query(fold(value))}%"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"positions_fold({lhs}) {connection.operators['contains'] % rhs}", [*lhs_params, *rhs_params]


class StoredSearch(Expression):
    """SQL over the position's stored search vector, a column SQLite lacks and the model leaves out.

    `template` names the vector `{vector}` and the search query `{query}`. The table's alias is
    read when the SQL is compiled, so the expression also works inside a subquery (alias U0).
    """

    def __init__(self, template: str, words: list[str], output_field):
        super().__init__(output_field=output_field)
        self.template = template
        self.words = list(words)

    def as_sql(self, compiler, connection):
        vector = f"{compiler.quote_name_unless_alias(compiler.query.base_table)}.search_vector"
        query, params = postgres_search_query(self.words)
        # A constant query folds at planning, so an all-stop-word search plans as no filter at all.
        return self.template.format(vector=vector, query=query), params * self.template.count("{query}")

    def __eq__(self, other):
        return isinstance(other, StoredSearch) and (self.template, self.words) == (other.template, other.words)

    def __hash__(self):
        return hash((self.template, tuple(self.words)))


def search_matches(words: list[str], use_index: bool = True) -> StoredSearch:
    template = "(numnode({query}) = 0 OR {vector} @@ {query})"
    if not use_index:
        # PostgreSQL cannot match "(…) IS TRUE" to the GIN index, so it checks the rows other
        # filters select instead: quicker than the index for a common word, whose index entry
        # alone takes longer to read than those rows.
        template = f"({template}) IS TRUE"
    return StoredSearch(template, words, models.BooleanField())


def search_rank(words: list[str]) -> StoredSearch:
    return StoredSearch("ts_rank({vector}, {query})", words, models.FloatField())


# The Ukrainian alphabet's order (Є after Е, І and Ї after И, Ґ after Г; Cyrillic before Latin):
# ICU's collation on PostgreSQL, sources/collation.py's under the same name on SQLite (positions/apps.py).
UKRAINIAN_COLLATION = "uk-x-icu"


def name_in_ukrainian():
    """An actor's name as the Ukrainian pages show it: its Ukrainian name, else the English one."""
    return Coalesce(NullIf("name_uk", Value("")), "name")


class ActorQuerySet(models.QuerySet):
    def by_name(self):
        """In the alphabetical order of the names the page shows, then by id: a total order, so pages never overlap.

        Under /uk/, by the Ukrainian name where there is one, in the Ukrainian alphabet's order
        (an index of its own on PostgreSQL, migration 0027); elsewhere by the English name.
        """
        if get_language() == "uk":
            return self.order_by(Collate(name_in_ukrainian(), UKRAINIAN_COLLATION), "id")
        return self.order_by("name", "id")

    def for_country(self, code: str):
        """The country's actors; `code` in capitals, as stored (positions/country_codes.py)."""
        return self.filter(country=code)

    def country_codes(self) -> set[str]:
        """The codes of every country that has an actor, by one index probe per country.

        A DISTINCT read the whole (country, kind) index on every country and actor page (their
        compare menus); stepping from one code to the next reads a row per country.
        Ignores this queryset's filters: it asks the whole table.
        """
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        sql = (
            f"WITH RECURSIVE codes (code) AS (SELECT MIN(country) FROM {table} WHERE country > '' "
            f"UNION ALL SELECT (SELECT MIN(country) FROM {table} WHERE country > codes.code) "
            "FROM codes WHERE codes.code IS NOT NULL) SELECT code FROM codes WHERE code IS NOT NULL"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql)
            return {code for (code,) in cursor.fetchall()}


class RoleQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        """Roles covering the day, its first and last included."""
        return self.filter(Q(start_on__lte=day), Q(end_on__isnull=True) | Q(end_on__gte=day))

    def held_first(self, actor, day):
        """The actor's roles on the day, the one held first: Role.pick_for_day's rule (latest start, then
        highest id) in SQL, for a subquery where roles are not loaded (`actor` and `day` may be OuterRefs)."""
        return self.filter(actor=actor).held_on(day).order_by("-start_on", "-id")


class PositionQuerySet(models.QuerySet["Position"]):
    def with_related(self):
        """Everything a row shows: actor, topic, quote, source, outlet and the actor's roles."""
        return self.select_related("actor", "topic", "quote__source__outlet").prefetch_related("actor__roles")

    def for_country(self, code: str):
        """The positions of the country's actors; `code` in capitals, as stored (positions/country_codes.py)."""
        return self.filter(country=code)

    def search(self, text: str, among_few: bool = False):
        """Full-text search over quotes, original texts, summaries, actor names and aliases, in English and Ukrainian.

        Every word must appear somewhere in those texts. PostgreSQL matches stemmed words against
        each position's stored, weighted vector (migrations 0005 and 0011, one GIN index) and annotates
        `rank`, which costs nothing unless selected: order by it only when asked to, since ranking
        every match of a common word reads every matching vector, where newest first reads only
        a page of them along the date index. `among_few` says other filters leave few rows, which
        are then checked one by one rather than through the index. SQLite, the small embedded
        default, matches words as substrings. Both fold case and accents (positions/folding.py).
        """
        words = text.split()[:MAX_SEARCH_WORDS]
        if not words:
            return self
        if connections[self.db].vendor == "postgresql":
            return self.filter(search_matches(words, use_index=not among_few)).annotate(rank=search_rank(words))
        folded = {f"folded_{number}": Fold(field) for number, field in enumerate(SQLITE_SEARCHED_FIELDS)}
        matches = self.alias(**folded)
        for word in words:
            word = fold(word)
            matches = matches.filter(reduce(operator.or_, (Q(**{f"{name}__contains": word}) for name in folded)))
        return matches

    def current(self):
        """Each actor's current position per topic: its latest by date, then id.

        Linear however many positions share a date (comparing each with every later one was
        quadratic: seconds with thousands on one day). PostgreSQL walks the actors' positions once (DISTINCT ON);
        SQLite probes the (actor, topic, stated_on) index once per row, whose entries end with the
        id, so the latest is the last entry of its pair.
        """
        if connections[self.db].vendor == "postgresql":
            latest = (
                self.model.objects.filter(actor__in=self.values("actor"))
                .order_by("actor_id", "topic_id", "-stated_on", "-id")
                .distinct("actor_id", "topic_id")
                .values("id")
            )
            return self.filter(id__in=latest)
        latest = (
            self.model.objects.filter(actor=OuterRef("actor"), topic=OuterRef("topic"))
            .order_by("-stated_on", "-id")
            .values("id")[:1]
        )
        return self.filter(id=Subquery(latest))

    def stance_changes(self):
        """Positions ordered per actor and topic, for walking through changes of stance."""
        return self.order_by("actor_id", "topic_id", "stated_on", "id")


def requirement_rank() -> Case:
    """Requirements in their listed order: who decides, who must approve, who must be told."""
    return Case(
        *(When(requirement=value, then=Value(rank)) for rank, value in enumerate(Requirement.values)),
        default=Value(len(Requirement.values)),
        output_field=models.IntegerField(),
    )


class AuthorisationBodyQuerySet(models.QuerySet):
    def needed_for(self, position):
        """The bodies with a part in a deployment stated in this position, by requirement.

        The sender's own `deploy_abroad` bodies and Ukraine's `admit_foreign` bodies that decide,
        must approve, must be consulted or informed, or are expected to be asked by custom (not
        those with no role); none for topics that involve no deployment (North Korea's troops
        for Russia, volunteers).
        """
        if not position.topic.involves_deployment:
            return self.none()
        wanted = Q(country=UKRAINE, scope=Scope.ADMIT_FOREIGN)
        if position.country and position.country != UKRAINE:
            wanted |= Q(country=position.country, scope=Scope.DEPLOY_ABROAD)
        return (
            self.filter(wanted, requirement__in=Requirement.with_a_part())
            .annotate(requirement_rank=requirement_rank())
            # Within a requirement, the sender's own bodies before Ukraine's: the sending country
            # decides to send before Ukraine decides to admit ("deploy_abroad" sorts after "admit_foreign").
            .order_by("requirement_rank", "-scope", "country", "name")
        )
