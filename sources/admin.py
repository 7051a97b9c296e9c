from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from web.history_admin import HistoryAdmin

from .models import Outlet, Quote, Source


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    fields = [
        "text",
        "original_text",
        "original_language",
        "said_on",
        "date_precision",
        "verification",
        "attribution",
    ]
    show_change_link = True


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["title", "outlet", "published_display", "language", "has_url"]
    list_filter = ["outlet", "language", "published_precision"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    inlines = [QuoteInline]

    @admin.display(description=_("published"), ordering="published_on")
    def published_display(self, obj: Source) -> str:
        return obj.published_display

    @admin.display(description=_("URL known"), boolean=True)
    def has_url(self, obj: Source) -> bool:
        return bool(obj.url)


@admin.register(Quote)
class QuoteAdmin(HistoryAdmin):
    list_display = ["excerpt", "said_display", "verification", "attribution", "source"]
    list_filter = ["verification", "attribution", "date_precision", "source__outlet"]
    list_select_related = ["source__outlet"]
    search_fields = ["text", "original_text", "source__title"]
    autocomplete_fields = ["source"]
    date_hierarchy = "said_on"

    @admin.display(description=_("quote"))
    def excerpt(self, obj: Quote) -> str:
        return obj.text if len(obj.text) <= 100 else obj.text[:97] + "…"

    @admin.display(description=_("said on"), ordering="said_on")
    def said_display(self, obj: Quote) -> str:
        return obj.said_display
