"""Pages of API lists: keyset cursors for the large tables, numbered pages with a count for the small ones.

A keyset cursor holds the sort keys of the last row sent, and the next page starts after those
values: PostgreSQL reads the next page along an index whatever its depth, where OFFSET would
read and drop every earlier row. The cursor follows any order the queryset has (each `sort` of
the positions list, whose last key is always the id, so the order is total) and is signed, so
only cursors this server wrote are read back.
"""

from functools import reduce
from operator import or_

from django.core import signing
from django.db.models import FloatField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
CURSOR_SALT = "positions.api.cursor"

PAGE_SIZE_DESCRIPTION = _("Rows per page, from 1 to %(max)d (default %(default)d).") % {
    "max": MAX_PAGE_SIZE,
    "default": DEFAULT_PAGE_SIZE,
}


def page_size_from(request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [_("Give a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]})
    return int(raw)


def ordering_keys(queryset) -> list[tuple[str, bool]]:
    """(name, descending) for each key of the queryset's order; the last must be the id."""
    keys = []
    for term in queryset.query.order_by:
        name = str(term)
        keys.append((name.lstrip("-"), name.startswith("-")))
    if not keys or keys[-1][0] not in ("id", "pk"):
        raise ValueError("Keyset pages need an order that ends with the id.")
    return keys


def exact_keys(queryset, keys: list[tuple[str, bool]]):
    """The queryset and the keys to read and compare, with float annotations read as double precision.

    A search's rank is a `real` on PostgreSQL, which reaches Python as its shortest decimal
    ("0.0607927"), not the value the database compares: read back, it would equal no row. Cast
    to double precision, it comes back exactly; the order is the same.
    """
    compared = []
    for name, descending in keys:
        expression = queryset.query.annotations.get(name)
        if expression is not None and isinstance(expression.output_field, FloatField):
            alias = f"keyset_{name}"
            queryset = queryset.annotate(**{alias: Cast(name, FloatField())})
            name = alias
        compared.append((name, descending))
    return queryset, compared


def beyond(keys: list[tuple[str, bool]], values: list, forward: bool) -> Q:
    """Rows after (forward) or before the row whose sort keys are `values`, in the keys' order.

    (k1 after v1) or (k1 = v1 and k2 after v2) or …; with the first key's bound (k1 at or after
    v1) stated again on its own so that PostgreSQL can start its index scan there.
    """
    clauses, equal = [], {}
    for (name, descending), value in zip(keys, values):
        lookup = "lt" if descending == forward else "gt"
        clauses.append(Q(**equal, **{f"{name}__{lookup}": value}))
        equal[name] = value
    first, descending = keys[0]
    bound = Q(**{f"{first}__{'lte' if descending == forward else 'gte'}": values[0]})
    return bound & reduce(or_, clauses)


def reversed_order(keys: list[tuple[str, bool]]) -> list[str]:
    return [name if descending else f"-{name}" for name, descending in keys]


class KeysetPagination(BasePagination):
    """`next` and `previous` links carrying a signed cursor; no count (it would read every match)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = page_size_from(request)
        keys = ordering_keys(queryset)
        names = [name for name, _descending in keys]
        cursor = self.decode_cursor(request, names)
        forward = cursor is None or cursor["forward"]
        queryset, compared = exact_keys(queryset, keys)
        if cursor is not None:
            queryset = queryset.filter(beyond(compared, cursor["after"], forward))
        if not forward:
            queryset = queryset.order_by(*reversed_order(keys))
        # Ids and sort keys first, then the rows themselves: a deep page skips index entries only.
        found = list(queryset.values_list(*[name for name, _descending in compared])[: self.page_size + 1])
        more = len(found) > self.page_size
        found = found[: self.page_size]
        if not forward:
            found.reverse()
        self.first_keys = list(found[0]) if found else None
        self.last_keys = list(found[-1]) if found else None
        self.names = names
        # Forward: a later page exists if one more row was found; an earlier one if we came by cursor.
        self.has_next = more if forward else cursor is not None
        self.has_previous = cursor is not None if forward else more
        ids = [row[-1] for row in found]
        rows = view.rows_by_id(ids) if view is not None and hasattr(view, "rows_by_id") else None
        if rows is None:
            rows = queryset.model._default_manager.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def decode_cursor(self, request, names: list[str]):
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            cursor = signing.loads(raw, salt=CURSOR_SALT)
        except signing.BadSignature:
            cursor = None
        if (
            not isinstance(cursor, dict)
            or cursor.get("keys") != names
            or not isinstance(cursor.get("after"), list)
            or len(cursor["after"]) != len(names)
        ):
            raise ValidationError(
                {
                    self.cursor_query_param: [
                        _("This cursor was not made for this list and sort; follow the next or previous link.")
                    ]
                }
            )
        return cursor

    def encode_cursor(self, values: list, forward: bool) -> str:
        after = [value.isoformat() if hasattr(value, "isoformat") else value for value in values]
        return signing.dumps({"keys": self.names, "after": after, "forward": forward}, salt=CURSOR_SALT, compress=True)

    def link(self, values, forward: bool) -> str:
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(values, forward))

    def get_next_link(self):
        if not self.has_next or self.last_keys is None:
            return None
        return self.link(self.last_keys, forward=True)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if self.first_keys is None:
            # An empty page reached by cursor: back to the start.
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self.link(self.first_keys, forward=False)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": str(_("Address of the next page; null on the last page.")),
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": str(_("Address of the previous page; null on the first page.")),
                },
                "results": {**schema, "description": str(_("The rows of this page."))},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Opaque position in the list, taken from a `next` or `previous` link. Never build one by hand.")
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(PAGE_SIZE_DESCRIPTION),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
            },
        ]


class CountedPagination(PageNumberPagination):
    """Numbered pages with a count, for tables of at most a few thousand rows (actors, outlets, bodies)."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size_from(request)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        properties["count"]["description"] = str(_("How many rows match, on every page."))
        properties["results"]["description"] = str(_("The rows of this page."))
        properties["next"]["description"] = str(_("Address of the next page; null on the last page."))
        properties["previous"]["description"] = str(_("Address of the previous page; null on the first page."))
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == "page":
                parameter["description"] = str(_("Page number, from 1; past the last page answers 404."))
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = str(PAGE_SIZE_DESCRIPTION)
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                }
        return parameters
