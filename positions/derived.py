"""Everything derived from other rows and kept in step: one place, called by the signals, the
importer and the data generator alike.

- Positions carry copies of their actor's country and kind and of their quote's verification
  and attribution, so every filter is an indexed column of positions (see `Position`).
  `copy_actor_columns` and `copy_quote_columns` bring existing positions in line after an actor
  or a quote changes.
- `CountryStance` holds each country's current stance per topic (its government's latest
  position, see `PositionQuerySet.country_stances`). Which position that is, and how many
  governmental positions the country has on the topic, change only when a position is added,
  deleted, moved to another topic or date, or when an actor's country or kind changes. Those
  events refresh the (country, topic) pairs they touch; bulk loads, which send no signals,
  refresh everything once. Everything else a matrix cell shows (stance, date, who,
  verification) is read through the position itself, so it can never be stale.
- `FacetCount` holds how many positions share each (country, stance, topic, actor kind,
  verification): the positions list sums it for its count and facets. A saved or deleted
  position recounts its combinations; bulk updates recount the countries they touch; bulk
  loads rebuild it.
- `MonthStance` holds each country's last governmental position on a topic in each month it
  spoke: all the stance chart needs. A saved or deleted position refreshes the months it was and
  is in; an actor's move refreshes every month of the pairs it touched; bulk loads rebuild it.
- `DataVersion` names the state of the public data: every write moves it forward with a fresh
  random token (`bump`), so HTTP validators and cached fragments keyed on it never repeat, not
  even after a restore. `data_version` reads it in one query.
- `last_data_change` says when a position or quote last changed (the footer's "last updated").
"""

import datetime
import secrets
from typing import NamedTuple

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, DateField, F, Field, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from positions import month_stances_pg
from positions.models import Actor, CountryStance, DataVersion, FacetCount, MonthStance, Position
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


def copy_quote_columns(quote_ids, verification: str, attribution: str) -> set[str]:
    """Copy a verification and attribution onto the positions citing these quotes; returns the countries touched."""
    moved = Position.objects.filter(quote_id__in=quote_ids).exclude(verification=verification, attribution=attribution)
    touched = set(moved.order_by().values_list("country", flat=True).distinct())
    if touched:
        moved.update(verification=verification, attribution=attribution)
    return touched


def statement_counts(positions) -> dict[Pair, int]:
    """Governmental positions per (country, topic id) among `positions`."""
    rows = positions.governmental().order_by().values_list("country", "topic").annotate(n=Count("id"))
    return {(country, topic_id): n for country, topic_id, n in rows}


@transaction.atomic
def refresh_all() -> int:
    """Rebuild every derived table, after a bulk load or a restore; returns how many stances there are."""
    count = rebuild_stances()
    rebuild_months()
    recount_facets()
    bump()
    return count


@transaction.atomic
def rebuild_stances() -> int:
    """Rebuild the whole CountryStance table; returns how many stances there are."""
    counts = statement_counts(Position.objects.all())
    stances = [
        CountryStance(country=country, topic_id=topic_id, position_id=pk, statements=counts[country, topic_id])
        for pk, country, topic_id in Position.objects.country_stances().order_by().values_list("id", "country", "topic")
    ]
    CountryStance.objects.all().delete()
    CountryStance.objects.bulk_create(stances, batch_size=1000)
    return len(stances)


@transaction.atomic
def refresh(pairs) -> None:
    """Recompute the stances of some (country, topic id) pairs, adding, updating or removing rows."""
    pairs = {(country, topic_id) for country, topic_id in pairs if country}
    if not pairs:
        return
    found = []
    for country, topic_id in sorted(pairs):
        # One probe of the (country, topic, date) index and one count per pair: a save touches one
        # or two pairs, an actor's move at most two countries' topics.
        of_pair = Position.objects.governmental().filter(country=country, topic_id=topic_id)
        latest = of_pair.order_by("-stated_on", "-id").values_list("id", flat=True).first()
        if latest is not None:
            found.append(
                CountryStance(country=country, topic_id=topic_id, position_id=latest, statements=of_pair.count())
            )
    if found:
        CountryStance.objects.bulk_create(
            found,
            update_conflicts=True,
            unique_fields=["country", "topic"],
            update_fields=["position", "statements"],
        )
    gone = pairs - {(stance.country, stance.topic_id) for stance in found}
    for country, topic_id in gone:
        CountryStance.objects.filter(country=country, topic_id=topic_id).delete()


Month = tuple[str, int, datetime.date]  # (country code, topic id, the month's first day)
MONTH_COLUMNS = ("country", "topic_id", "month", "stated_on", "stance", "date_precision")
# Past this many months, one rebuild of the table beats a probe per month (PostgreSQL probes them
# all in one statement).
REBUILD_MONTHS_OVER = 2000


def month_of(country: str, topic_id: int, stated_on: datetime.date) -> Month:
    return (country, topic_id, stated_on.replace(day=1))


def last_of_each_month(positions):
    """Each (country, topic, month)'s last governmental position among `positions`, as MONTH_COLUMNS values."""
    month = TruncMonth("stated_on", output_field=DateField())
    latest_first = Window(
        RowNumber(),
        partition_by=[F("country"), F("topic_id"), month],
        order_by=[F("stated_on").desc(), F("id").desc()],
    )
    return (
        positions.governmental()
        .order_by()
        .annotate(month=month, rank=latest_first)
        .filter(rank=1)
        .values_list("country", "topic_id", "month", "stated_on", "stance", "date_precision")
    )


def concrete_column(model, name: str) -> str:
    """The database column of one of `model`'s own fields, for SQL written by hand."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column
    return field.column


def insert_months(positions) -> None:
    """Write the months of `positions` into MonthStance in one INSERT … SELECT: no rows through Python.

    The portable way; PostgreSQL probes its partial index instead (positions/month_stances_pg.py).
    """
    query = last_of_each_month(positions)
    connection = connections[query.db]
    sql, params = query.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(concrete_column(MonthStance, name)) for name in MONTH_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(MonthStance._meta.db_table)} ({columns}) {sql}", params)


def on_postgresql() -> bool:
    return connections[router.db_for_write(MonthStance)].vendor == "postgresql"


@transaction.atomic
def rebuild_months() -> None:
    """Rebuild the whole month table from the positions."""
    MonthStance.objects.all().delete()
    if on_postgresql():
        pairs = Position.objects.governmental().order_by().values_list("country", "topic_id").distinct()
        month_stances_pg.insert_pairs(list(pairs))
    else:
        insert_months(Position.objects.all())


@transaction.atomic
def refresh_months(months) -> None:
    """Recompute some (country, topic id, month) rows: one index probe and one write each."""
    months = sorted({month for month in months if month[0]})
    if on_postgresql():
        month_stances_pg.refresh_months(months)
        return
    if len(months) > REBUILD_MONTHS_OVER:
        rebuild_months()
        return
    for country, topic_id, first in months:
        after = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
        last = (
            Position.objects.governmental()
            .filter(country=country, topic_id=topic_id, stated_on__gte=first, stated_on__lt=after)
            .order_by("-stated_on", "-id")
            .values_list("stated_on", "stance", "date_precision")
            .first()
        )
        if last is None:
            MonthStance.objects.filter(country=country, topic_id=topic_id, month=first).delete()
            continue
        MonthStance.objects.bulk_create(
            [MonthStance(country=country, topic_id=topic_id, month=first, **dict(zip(MONTH_COLUMNS[3:], last)))],
            update_conflicts=True,
            unique_fields=["topic", "country", "month"],
            update_fields=list(MONTH_COLUMNS[3:]),
        )


@transaction.atomic
def refresh_month_pairs(pairs) -> None:
    """Recompute every month of some (country, topic id) pairs: after an actor moved between them."""
    pairs = sorted({(country, topic_id) for country, topic_id in pairs if country})
    if not pairs:
        return
    by_topic: dict[int, set[str]] = {}
    for country, topic_id in pairs:
        by_topic.setdefault(topic_id, set()).add(country)
    for topic_id, countries in by_topic.items():
        MonthStance.objects.filter(topic_id=topic_id, country__in=countries).delete()
        if not on_postgresql():
            insert_months(Position.objects.filter(topic_id=topic_id, country__in=countries))
    if on_postgresql():
        month_stances_pg.insert_pairs(pairs)


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
