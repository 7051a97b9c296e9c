"""Datasette-style counts of the current selection by stance, topic, country and actor kind.

The four counts come from one query: the selection's rows are read once into a materialised
common table expression and grouped four ways, rather than filtering the positions table four
times. A selection larger than MAX_ROWS is not counted at all (the page says so): grouping a
million rows costs seconds, and such counts say little that the home matrix does not.

When every filter in use is an equality on a counted column (country, stance, topic, actor
kind, verification), the count and the facets are sums over the FacetCount table instead
(kept in step by positions/derived.py): a few hundred rows whatever the selection's size.
Searches, dates, actors and outlets still count rows, capped as above.
"""

from urllib.parse import urlencode

from django.db import connections
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.country_codes import in_address
from positions.models import FacetCount, Topic
from sources.bilingual import localized_text
from sources.collation import collation_key

FACET_LIMIT = 15
MAX_ROWS = 50_000

COLUMNS = ("stance", "topic_id", "country", "actor_kind")


# The list's filters that are equalities on FacetCount's columns, and the lookup each becomes.
COUNTED_FILTERS = {
    "country": "country__in",
    "stance": "stance",
    "topic": "topic",
    "actor_kind": "actor_kind",
    "verification": "verification",
}


def grouped_counts(selection, limit: int | None = None, weight: str | None = None) -> dict[str, dict[str, int]]:
    """{column: {value: rows}} for each of COLUMNS in the selection (its first `limit` rows), in one query.

    With a `weight` column, each row counts as that many (FacetCount's `n`).
    """
    columns = (*COLUMNS, weight) if weight else COLUMNS
    rows = selection.order_by().values_list(*columns)
    if limit is not None:
        rows = rows[:limit]
    inner, params = rows.query.sql_with_params()
    total = f"SUM({weight})" if weight else "COUNT(*)"
    groups = " UNION ALL ".join(
        f"SELECT '{column}', CAST({column} AS VARCHAR(20)), {total} FROM selection GROUP BY {column}"
        for column in COLUMNS
    )
    sql = f"WITH selection ({', '.join(columns)}) AS MATERIALIZED ({inner}) {groups}"
    counts: dict[str, dict[str, int]] = {column: {} for column in COLUMNS}
    with connections[selection.db].cursor() as cursor:
        cursor.execute(sql, params)
        for column, value, n in cursor.fetchall():
            counts[column][value] = int(n)
    return counts


def counted_filters(cleaned_data: dict) -> dict | None:
    """The FacetCount lookups equal to the list's filters, or None when one is not such an equality."""
    where = {}
    for name, value in cleaned_data.items():
        if value in (None, "", []) or name == "sort":
            continue
        if name not in COUNTED_FILTERS:
            return None
        where[COUNTED_FILTERS[name]] = value
    return where


def table_facets(where: dict) -> tuple[int, list[dict]]:
    """(rows, facets) of the positions matching `where`, summed from the maintained counts in one query."""
    counts = grouped_counts(FacetCount.objects.filter(**where), weight="n")
    size = sum(counts["stance"].values())
    return size, labelled(counts) if size else []


def ranked(counts: dict[str, int], label_of) -> list[dict]:
    """Rows of one facet, largest first then by label: {value, label, count}."""
    rows = [{"value": value, "label": label_of(value), "count": n} for value, n in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], collation_key(row["label"])))


def facets(selection, size: int) -> list[dict] | None:
    """The facets of a selection of `size` rows, or None when it is too large to count."""
    if size > MAX_ROWS:
        return None
    if not size:
        return []
    return labelled(grouped_counts(selection))


def counted_facets(selection, limit: int) -> tuple[int, list[dict] | None]:
    """(rows, facets) of a selection in one pass over at most limit + 1 of its rows.

    For a search, where finding the matches is the expensive part, this finds them once for
    both the count and the facets; past `limit` rows it returns limit + 1 and no facets.
    """
    counts = grouped_counts(selection, limit + 1)
    size = sum(counts["stance"].values())
    if size > min(limit, MAX_ROWS):
        return size, None
    return size, labelled(counts) if size else []


def labelled(counts: dict[str, dict[str, int]]) -> list[dict]:
    """Facets for the template from grouped counts: labels, topic slugs, largest first."""
    stance_labels = dict(Stance.choices)
    kind_labels = dict(ActorKind.choices)
    topics = {str(topic.pk): topic for topic in Topic.objects.filter(pk__in=[int(pk) for pk in counts["topic_id"]])}
    topic_rows = ranked(counts["topic_id"], lambda pk: localized_text(topics[pk], "name"))
    for row in topic_rows:
        row["value"] = topics[row["value"]].slug
    country_counts = {code: n for code, n in counts["country"].items() if code}
    country_rows = ranked(country_counts, lambda v: countries.name(v) or v)[:FACET_LIMIT]
    for row in country_rows:
        row["value"] = in_address(row["value"])
    return [
        {"name": "stance", "title": _("Stance"), "rows": ranked(counts["stance"], lambda v: stance_labels.get(v, v))},
        {"name": "topic", "title": _("Topic"), "rows": topic_rows},
        {
            "name": "country",
            "title": _("Country"),
            "rows": country_rows,
        },
        {
            "name": "actor_kind",
            "title": _("Actor kind"),
            "rows": ranked(counts["actor_kind"], lambda v: kind_labels.get(v, v)),
        },
    ]


def encoded(params: QueryDict, names) -> str:
    """The parameters `names` of `params` as QueryDict.urlencode writes them, in that order."""
    return "&".join(urlencode({name: value}) for name in names for value in params.getlist(name))


def link_facets(facet_list: list[dict] | None, query: QueryDict, base_url: str) -> None:
    """Give each facet row its `href`: the list narrowed to that value (replacing the parameter), page one.

    The query string is QueryDict's own (the parameter keeps its place, or comes last), but the
    other parameters are encoded once per facet rather than the whole query copied per row.
    """
    params = query.copy()
    params.pop("page", None)
    names = list(params)
    for facet in facet_list or []:
        name = facet["name"]
        place = names.index(name) if name in names else len(names)
        before, after = encoded(params, names[:place]), encoded(params, names[place + 1 :])
        for row in facet["rows"]:
            pieces = (before, urlencode({name: str(row["value"])}), after)
            row["href"] = f"{base_url}?{'&'.join(piece for piece in pieces if piece)}"
