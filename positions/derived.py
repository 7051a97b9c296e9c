"""Everything derived from other rows and kept in step: one place, called by the signals, the
importer and the data generator alike.

- Positions carry copies of their actor's country and kind, of their quote's verification and
  attribution and of the rank of the office their actor held that day, so every filter and the
  stance rule read columns of positions (see `Position`). `copy_actor_columns`,
  `copy_quote_columns` and `copy_office_ranks` bring existing positions in line after an actor,
  a quote or a role changes; `rank_positions` ranks positions written in bulk.
- `CountryStance` holds each country's cell per topic and `MonthStance` its stance at the end of
  each month it spoke on the record, both made by the rule in positions/stance_rule.py from the
  pair's statements. Any event that can change a pair's statements, their attribution or their
  rank (a position saved or deleted, a quote's attribution, an actor's country or kind, a role)
  refreshes the pairs it touches: one read of the pair's statements, weighed in Python. Bulk
  loads, which send no signals, rebuild both in one pass. What a cell shows of its statement
  and actor (words, names) is read through the position itself, so it can never be stale.
- `FacetCount` holds how many positions share each (country, stance, topic, actor kind,
  verification): the positions list sums it for its count and facets. A saved or deleted
  position recounts its combinations; bulk updates recount the countries they touch; bulk
  loads rebuild it.
- `DataVersion` names the state of the public data: every write moves it forward with a fresh
  random token (`bump`), so HTTP validators and cached fragments keyed on it never repeat, not
  even after a restore. `data_version` reads it in one query.
- `last_data_change` says when a position or quote last changed (the footer's "last updated").
"""

import datetime
import itertools
import secrets
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, F, Field, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from positions import postgres
from positions.choices import office_rank_for
from positions.models import Actor, CountryStance, DataVersion, FacetCount, MonthStance, Position, Role
from positions.stance_rule import (
    ON_RECORD,
    STATEMENT_COLUMNS,
    Decision,
    Statement,
    decide,
    decide_by_month,
    first_of_month,
    window_start,
)
from sources.models import Quote

Pair = tuple[str, int]  # (country code, topic id)


def copy_actor_columns(actor: Actor) -> set[Pair]:
    """Copy an actor's country and kind onto its positions; returns the stance pairs it touched."""
    # django-countries gives a Country object, which the stubs type as the CharField's str.
    country = actor.country.code if actor.country else ""  # type: ignore[attr-defined]
    moved = Position.objects.filter(actor=actor).exclude(country=country, actor_kind=actor.kind)
    pairs = set(moved.order_by().values_list("country", "topic").distinct())
    if not pairs:
        return set()
    moved.update(country=country, actor_kind=actor.kind)
    return pairs | {(country, topic_id) for _old, topic_id in pairs}


def copy_quote_columns(quote_ids, verification: str, attribution: str) -> set[Pair]:
    """Copy a verification and attribution onto the positions citing these quotes; returns the pairs touched.

    The attribution decides whether a statement can decide its country's stance.
    """
    moved = Position.objects.filter(quote_id__in=quote_ids).exclude(verification=verification, attribution=attribution)
    touched = set(moved.order_by().values_list("country", "topic").distinct())
    if touched:
        moved.update(verification=verification, attribution=attribution)
    return touched


def rank_positions(positions) -> int:
    """Set the office rank of `positions` after bulk writes, which skip Position.save; returns how many changed.

    Worked out in Python from the actors' roles and written only where it changed, grouped by
    rank: as one UPDATE with a correlated subquery per row it took 4 s for 20,000 positions.
    """
    roles: dict[int, list[Role]] = {}
    for role in Role.objects.filter(actor__in=positions.order_by().values("actor")).order_by():
        roles.setdefault(role.actor_id, []).append(role)
    changed: dict[int | None, list[int]] = {}
    rows = positions.order_by().values_list("id", "actor_id", "actor_kind", "stated_on", "office_rank")
    for pk, actor_id, kind, stated_on, rank in rows.iterator(chunk_size=5000):
        held = Role.pick_for_day(roles.get(actor_id, ()), stated_on)
        wanted = office_rank_for(kind, held.office_rank if held else None)
        if wanted != rank:
            changed.setdefault(wanted, []).append(pk)
    write_ranks(changed)
    return sum(len(ids) for ids in changed.values())


def write_ranks(changed: dict) -> None:
    for rank, ids in changed.items():
        for start in range(0, len(ids), 1000):
            Position.objects.filter(id__in=ids[start : start + 1000]).update(office_rank=rank)


def copy_office_ranks(actor: Actor) -> set[Pair]:
    """Bring an actor's positions' office ranks in line with its roles and kind; returns the pairs to refresh.

    Every pair the actor spoke on is returned, changed rank or not: the cell names the role held.
    """
    roles = list(Role.objects.filter(actor=actor))
    changed: dict[int | None, list[int]] = {}
    pairs = set()
    for pk, country, topic_id, stated_on, rank in Position.objects.filter(actor=actor).values_list(
        "id", "country", "topic_id", "stated_on", "office_rank"
    ):
        pairs.add((country, topic_id))
        role = Role.pick_for_day(roles, stated_on)
        wanted = office_rank_for(actor.kind, role.office_rank if role else None)
        if wanted != rank:
            changed.setdefault(wanted, []).append(pk)
    write_ranks(changed)
    return pairs


def statement(values) -> Statement:
    return Statement(*values[: len(STATEMENT_COLUMNS)])


def pair_rows(country: str, topic_id: int, since: datetime.date = datetime.date.min) -> list[Statement]:
    """The statements of a pair that can count (from `since` on), oldest first: one range of the (country, topic, date) index."""
    rows = (
        Position.objects.filter(country=country, topic_id=topic_id, office_rank__isnull=False, stated_on__gte=since)
        .order_by("stated_on", "id")
        .values_list(*STATEMENT_COLUMNS)
    )
    return [Statement(*row) for row in rows]


def stance_row(country: str, topic_id: int, decision: Decision, roles) -> CountryStance:
    shown = decision.shown
    role = Role.pick_for_day(roles, shown.stated_on)
    return CountryStance(
        country=country,
        topic_id=topic_id,
        state=decision.state,
        stance=decision.stance,
        position_id=shown.id,
        role=role,
        statements=decision.statements,
        reported=decision.reported,
        newest_report_id=decision.newest_report.id if decision.newest_report else None,
        dissent=[other.id for other in decision.dissent],
        dissent_count=decision.dissent_count,
    )


MONTH_COLUMNS = ("country", "topic_id", "month", "stated_on", "stance", "date_precision")


def month_values(
    country: str, topic_id: int, statements: list[Statement], since: datetime.date = datetime.date.min
) -> list[tuple]:
    """The pair's MonthStance rows as MONTH_COLUMNS values, from `since`'s month on."""
    return [
        (country, topic_id, month, decision.shown.stated_on, decision.chart_stance, decision.shown.date_precision)
        for month, decision in decide_by_month(statements, first_of_month(since))
    ]


def write_months(values: list[tuple]) -> None:
    """Insert MonthStance rows: COPY on PostgreSQL (a rebuild writes ~150,000 at a million positions)."""
    if not values:
        return
    if on_postgresql():
        postgres.copy_into(MonthStance, [concrete_column(MonthStance, name) for name in MONTH_COLUMNS], values)
    else:
        MonthStance.objects.bulk_create([MonthStance(**dict(zip(MONTH_COLUMNS, row))) for row in values])


def on_postgresql() -> bool:
    return connections[router.db_for_write(MonthStance)].vendor == "postgresql"


STANCE_FIELDS = [
    "state",
    "stance",
    "position",
    "role",
    "statements",
    "reported",
    "newest_report",
    "dissent",
    "dissent_count",
]


@transaction.atomic
def refresh_all(ranked: bool = False) -> int:
    """Rebuild every derived table, after a bulk load or a restore; returns how many stances there are.

    `ranked` says the positions' office ranks were just set (rank_positions), as bulk loaders do.
    """
    if not ranked:
        rank_positions(Position.objects.all())
    count = rebuild_stances()
    recount_facets()
    bump()
    return count


@transaction.atomic
def rebuild_stances() -> int:
    """Rebuild the CountryStance and MonthStance tables from the ranked positions; returns how many stances.

    One pass over the positions that can count, in (country, topic, date) order, weighed pair by pair.
    """
    CountryStance.objects.all().delete()
    MonthStance.objects.all().delete()
    roles: dict[int, list[Role]] = {}
    for role in Role.objects.order_by():
        roles.setdefault(role.actor_id, []).append(role)
    rows = (
        Position.objects.filter(office_rank__isnull=False)
        .exclude(country="")
        .order_by("country", "topic_id", "stated_on", "id")
        .values_list(*STATEMENT_COLUMNS, "country", "topic_id")
    )
    stances: list[CountryStance] = []
    months: list[tuple] = []
    count = 0
    for (country, topic_id), group in itertools.groupby(rows.iterator(chunk_size=5000), key=lambda row: row[-2:]):
        statements = [statement(row) for row in group]
        decision = decide(statements)
        if decision is not None:
            stances.append(stance_row(country, topic_id, decision, roles.get(decision.shown.actor_id, ())))
        months += month_values(country, topic_id, statements)
        if len(stances) >= 1000 or len(months) >= 5000:
            count += len(stances)
            CountryStance.objects.bulk_create(stances)
            write_months(months)
            stances, months = [], []
    count += len(stances)
    CountryStance.objects.bulk_create(stances)
    write_months(months)
    return count


@transaction.atomic
def refresh(pairs) -> None:
    """Weigh again the statements of some (country, topic id) pairs: their current stances and their months.

    Per pair, one read of its statements (an index range), one of the shown actor's roles and a few writes.
    """
    pairs = sorted({(country, topic_id) for country, topic_id in pairs if country})
    for country, topic_id in pairs:
        statements = pair_rows(country, topic_id)
        decision = decide(statements)
        if decision is None:
            CountryStance.objects.filter(country=country, topic_id=topic_id).delete()
        else:
            roles = Role.objects.filter(actor_id=decision.shown.actor_id)
            CountryStance.objects.bulk_create(
                [stance_row(country, topic_id, decision, roles)],
                update_conflicts=True,
                unique_fields=["country", "topic"],
                update_fields=STANCE_FIELDS,
            )
        MonthStance.objects.filter(country=country, topic_id=topic_id).delete()
        write_months(month_values(country, topic_id, statements))


@transaction.atomic
def refresh_since(
    since: dict[Pair, datetime.date], one_pass: bool = False, meanwhile: AbstractContextManager | None = None
) -> None:
    """Weigh again pairs whose statements changed from a day on: their current stances, and their months from that day's.

    A month's cell reads nothing said after it, so the months before a pair's day stay as they
    are; and the cells from that month on read only the statements of their staleness window,
    so only those are read (`pairs_since`). An import of recent statements thus reads and
    rewrites each pair's last months, not a million statements and 150 months (at a million
    positions that was a third of an import). A pair whose older statements changed (a new role,
    an edited actor) is given `datetime.date.min`, and read whole. `one_pass` reads many pairs'
    statements in one query rather than one index range per pair. `meanwhile` is entered once the
    statements are read and left once the months are worked out: an import has the database write
    in that time (writer.meanwhile).
    """
    meanwhile = meanwhile or nullcontext()
    since = {pair: day for pair, day in since.items() if pair[0]}
    if not since:
        with meanwhile:
            return
    shown_actors: set[int] = set()
    decided = []
    months: list[tuple] = []
    pairs = pairs_since(since, one_pass)
    with meanwhile:
        for pair, statements, decision in pairs:
            country, topic_id = pair
            if decision is None:
                CountryStance.objects.filter(country=country, topic_id=topic_id).delete()
            else:
                decided.append((pair, decision))
                shown_actors.add(decision.shown.actor_id)
            months += month_values(country, topic_id, statements, since[pair])
    delete_months_since(since)
    write_months(months)
    actors = sorted(shown_actors)
    roles: dict[int, list[Role]] = {}
    for start in range(0, len(actors), 500):  # under SQLite's limit on query parameters
        for role in Role.objects.filter(actor_id__in=actors[start : start + 500]).order_by():
            roles.setdefault(role.actor_id, []).append(role)
    stances = [
        stance_row(country, topic_id, decision, roles.get(decision.shown.actor_id, ()))
        for (country, topic_id), decision in decided
    ]
    CountryStance.objects.bulk_create(
        stances, update_conflicts=True, unique_fields=["country", "topic"], update_fields=STANCE_FIELDS, batch_size=500
    )


def delete_months_since(since: dict[Pair, datetime.date]) -> None:
    """Delete each pair's MonthStance rows from its day's month on: one statement per 200 pairs of one month."""
    by_month: dict[datetime.date, list[Pair]] = {}
    for pair, day in since.items():
        by_month.setdefault(first_of_month(day), []).append(pair)
    for month, pairs in by_month.items():
        for start in range(0, len(pairs), 200):
            chosen = Q()
            for country, topic_id in pairs[start : start + 200]:
                chosen |= Q(country=country, topic_id=topic_id)
            MonthStance.objects.filter(chosen, month__gte=month).delete()


def window_cutoff(day: datetime.date) -> datetime.date:
    """The oldest statement a cell of `day`'s month or later can read: the staleness window of that month's first day."""
    return window_start(first_of_month(day)) if day > datetime.date.min else day


def pairs_since(since: dict[Pair, datetime.date], one_pass: bool) -> Iterator[tuple]:
    """Each pair, with its statements from its window cutoff on (oldest first) and its current cell.

    The cell is decided on those statements, then given the counts and the newest report of all
    of them. A pair whose newest statement taking a side is older than its day's month, whose
    current cell may then read older statements, is read whole instead. The statements and counts
    are read here; the pairs are decided as they are iterated.
    """
    cutoffs = {pair: window_cutoff(day) for pair, day in since.items()}
    statements = pair_statements(cutoffs, one_pass)
    tallies = pair_tallies([pair for pair, cutoff in cutoffs.items() if cutoff > datetime.date.min])
    return decided_pairs(since, cutoffs, statements, tallies)


def decided_pairs(since: dict, cutoffs: dict, statements: dict, tallies: dict) -> Iterator[tuple]:
    for pair in sorted(since):
        rows = statements.get(pair, [])
        if cutoffs[pair] == datetime.date.min:
            yield pair, rows, decide(rows)
            continue
        newest_deciding = max((row.stated_on for row in rows if row.decides), default=datetime.date.min)
        if newest_deciding < first_of_month(since[pair]):
            rows = pair_rows(*pair)
            yield pair, rows, decide(rows)
            continue
        decision = decide(rows)
        assert decision is not None  # a statement taking a side on the record
        total, reported = tallies.get(pair, (0, 0))
        decision.statements, decision.reported = total, reported
        if reported and decision.newest_report is None:
            decision.newest_report = newest_report(*pair)
        yield pair, rows, decision


def pair_statements(cutoffs: dict[Pair, datetime.date], one_pass: bool) -> dict[Pair, list[Statement]]:
    """Each pair's statements that can count, from its cutoff on, oldest first."""
    if not one_pass:
        return {pair: pair_rows(*pair, since=cutoff) for pair, cutoff in cutoffs.items()}
    # In date order, a range of the date index over the table kept in date order (CLUSTER, and
    # imports writing in id order): ordered by pair, it was a walk of the whole pair index.
    rows = (
        Position.objects.filter(office_rank__isnull=False, stated_on__gte=min(cutoffs.values()))
        .exclude(country="")
        .order_by("stated_on", "id")
        .values_list(*STATEMENT_COLUMNS, "country", "topic_id")
    )
    found: dict[Pair, list[Statement]] = {}
    for row in rows.iterator(chunk_size=5000):
        pair = row[-2:]
        if pair in cutoffs and row[4] >= cutoffs[pair]:
            found.setdefault(pair, []).append(statement(row))
    return found


def pair_tallies(pairs: list[Pair]) -> dict[Pair, tuple[int, int]]:
    """How many statements that can count each pair has, and how many of them are reports: one grouped count."""
    if not pairs:
        return {}
    wanted = set(pairs)
    counted = (
        Position.objects.filter(office_rank__isnull=False, country__in={country for country, _topic in pairs})
        .order_by()
        .values_list("country", "topic_id")
        .annotate(n=Count("id"), reported=Count("id", filter=~Q(attribution__in=ON_RECORD)))
    )
    return {
        (country, topic_id): (n, reported)
        for country, topic_id, n, reported in counted
        if (country, topic_id) in wanted
    }


def newest_report(country: str, topic_id: int) -> Statement:
    """The pair's newest report, as the rule picks it: the highest office's first, then the first entered."""
    reports = Position.objects.filter(country=country, topic_id=topic_id, office_rank__isnull=False).exclude(
        attribution__in=ON_RECORD
    )
    return Statement(*reports.order_by("-stated_on", "office_rank", "id").values_list(*STATEMENT_COLUMNS)[0])


def concrete_column(model, name: str) -> str:
    """The database column of one of `model`'s own fields, for SQL written by hand."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column
    return field.column


FACET_DIMENSIONS = ("country", "stance", "topic_id", "actor_kind", "verification")
Combination = tuple[str, str, int, str, str]  # FACET_DIMENSIONS' values


def facet_combination(position) -> Combination:
    return tuple(getattr(position, name) for name in FACET_DIMENSIONS)


@transaction.atomic
def recount_facets(countries=None) -> None:
    """Rebuild the facet counts of some countries (all of them when None) from the positions."""
    rows = Position.objects.order_by()
    stale = FacetCount.objects.all()
    if countries is not None:
        countries = set(countries)
        if not countries:
            return
        rows, stale = rows.filter(country__in=countries), stale.filter(country__in=countries)
    stale.delete()
    counted = rows.values_list(*FACET_DIMENSIONS).annotate(n=Count("id"))
    FacetCount.objects.bulk_create(
        (FacetCount(**dict(zip(FACET_DIMENSIONS, values[:-1])), n=values[-1]) for values in counted), batch_size=1000
    )


def add_to_facets(added) -> None:
    """Add new positions to the counts: `added` maps each combination to how many positions it gained.

    One upsert per 500 combinations that adds to the stored count in the database, so a count
    changed meanwhile by another writer is added to rather than overwritten. An import of new
    positions used to recount every country it touched: at a million positions a grouping of
    the whole table, longer than writing 100,000 rows' histories.
    """
    table = FacetCount._meta.db_table
    connection = connections[router.db_for_write(FacetCount)]
    quote = connection.ops.quote_name
    names = [concrete_column(FacetCount, name) for name in (*FACET_DIMENSIONS, "n")]
    columns = ", ".join(quote(name) for name in names)
    keys = ", ".join(quote(name) for name in names[:-1])
    n = quote("n")
    items = [(*combination, count) for combination, count in added.items() if count]
    for start in range(0, len(items), 500):
        part = items[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(part))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(table)} ({columns}) VALUES {values}"
                f" ON CONFLICT ({keys}) DO UPDATE SET {n} = {quote(table)}.{n} + excluded.{n}",
                [value for item in part for value in item],
            )


@transaction.atomic
def recount_combinations(combinations) -> None:
    """Recount a few exact combinations: one indexed count each (a save touches one or two)."""
    for combination in set(combinations):
        where = dict(zip(FACET_DIMENSIONS, combination))
        n = Position.objects.filter(**where).count()
        if n:
            FacetCount.objects.update_or_create(**where, defaults={"n": n})
        else:
            FacetCount.objects.filter(**where).delete()


class Version(NamedTuple):
    counter: int
    token: str
    changed_at: object  # an aware datetime, or None before the first write

    def __str__(self) -> str:
        return f"{self.counter}-{self.token}"


def bump() -> None:
    """Move the data version forward with a fresh random token; inside the writer's transaction."""
    token, now = secrets.token_hex(16), timezone.now()
    if DataVersion.objects.filter(pk=1).update(counter=F("counter") + 1, token=token, changed_at=now):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(pk=1, counter=1, token=token, changed_at=now)
    except IntegrityError:  # created meanwhile by another writer
        DataVersion.objects.filter(pk=1).update(counter=F("counter") + 1, token=token, changed_at=now)


def current_version() -> Version:
    """The data version in one query (a primary-key probe)."""
    row = DataVersion.objects.filter(pk=1).values_list("counter", "token", "changed_at").first()
    return Version(*row) if row else Version(0, "none", None)


def data_version() -> str:
    """A string that differs after any saved change to the public data, and never repeats."""
    return str(current_version())


def request_version(request) -> Version:
    """The version the HTTP cache middleware read for this request (no second query), else a fresh read."""
    version = getattr(request, "data_version", None)
    return version if version is not None else current_version()


def request_data_version(request) -> str:
    return str(request_version(request))


# What readers see as "data last updated": the newest recorded change to a position or a quote.
# history_date is indexed, so this is one index probe per table.
CHANGES_SHOWN = (Position.history.model, Quote.history.model)


def last_data_change() -> datetime.datetime | None:
    """When a position or quote was last added, changed or deleted (None when no change is recorded)."""
    # Raw SQL goes to the default connection unless told otherwise: ask the router, like the ORM.
    connection = connections[router.db_for_read(Position.history.model)]
    quote = connection.ops.quote_name
    latest = " UNION ALL ".join(
        f"SELECT MAX({quote('history_date')}) AS changed FROM {quote(model._meta.db_table)}" for model in CHANGES_SHOWN
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(changed) FROM ({latest}) AS latest")
        value = cursor.fetchone()[0]
    if isinstance(value, str):  # SQLite hands back text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value
