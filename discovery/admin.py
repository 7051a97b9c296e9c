"""Watched feeds in the admin: editors add and pause them; the list shows each feed's health."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from contributions.models import Status
from web.history_admin import HistoryAdmin

from .models import WatchedFeed

HEALTH_FIELDS = (
    "last_fetched_at",
    "last_new_item_at",
    "items_found",
    "candidates_found",
    "accepted",
    "consecutive_errors",
    "last_error",
    "last_error_at",
    "backoff_until",
    "etag",
    "last_modified",
)


@admin.register(WatchedFeed)
class WatchedFeedAdmin(HistoryAdmin):
    list_display = [
        "name",
        "language",
        "country",
        "active",
        "health",
        "last_fetched_at",
        "last_new_item_at",
        "items_found",
        "candidates_found",
        "accepted",
        "error_excerpt",
    ]
    list_filter = ["active", "language", "country"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["outlet"]
    readonly_fields = HEALTH_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "url", "language", "country", "outlet", "active", "note"]}),
        (_("Health (written by each discovery run)"), {"fields": HEALTH_FIELDS}),
    ]

    def get_queryset(self, request):
        # One query for the list: the editors' accepted count comes with each row.
        return (
            super()
            .get_queryset(request)
            .annotate(accepted_count=Count("suggestions", filter=Q(suggestions__status=Status.ACCEPTED)))
        )

    @admin.display(description=_("accepted by editors"), ordering="accepted_count")
    def accepted(self, obj: WatchedFeed) -> int:
        return getattr(obj, "accepted_count", 0)  # annotated by get_queryset

    @admin.display(description=_("health"))
    def health(self, obj: WatchedFeed):
        if not obj.active:
            return _("paused")
        if obj.consecutive_errors:
            return format_html(
                '<strong class="errornote">{}</strong>', _("failing (%(n)s in a row)") % {"n": obj.consecutive_errors}
            )
        if obj.last_fetched_at is None:
            return _("not read yet")
        return _("OK")

    @admin.display(description=_("last error"))
    def error_excerpt(self, obj: WatchedFeed) -> str:
        if not obj.last_error:
            return "—"
        return obj.last_error if len(obj.last_error) <= 80 else obj.last_error[:79] + "…"
