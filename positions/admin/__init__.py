from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from positions.admin import cited, hooks  # noqa: F401  (cited re-registers the quote and source admins)
from positions.admin.exchange import PositionExchangeAdminMixin
from positions.admin.forms import PositionChangeForm, StatementForm
from positions.corrections import CORRECTED_FIELDS, record_correction
from positions.models import Actor, AuthorisationBody, Position, Role, Topic
from sources.collation import collation_key
from web.admin_dates import admin_datetime
from web.history_admin import HistoryAdmin


class PositionCountryFilter(admin.SimpleListFilter):
    """Filter on the position's own country column, listing only countries that have positions."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        # Without order_by, Position's default ordering (date, id) joins DISTINCT and repeats each country.
        codes = Position.objects.exclude(country="").order_by("country").values_list("country", flat=True).distinct()
        return sorted(((code, countries.name(code) or code) for code in codes), key=lambda item: collation_key(item[1]))

    def queryset(self, request, queryset):
        return queryset.filter(country=self.value()) if self.value() else queryset


class RoleInline(admin.TabularInline):
    model = Role
    fk_name = "actor"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Actor)
class ActorAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "alias_summary", "position_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name__folded", "name_uk__folded", "slug", "aliases__folded"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]
    # Each Ukrainian field beside its English one (docs/translation.md).
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "name_uk"),
                    "slug",
                    "kind",
                    "country",
                    "aliases",
                    "wikidata_id",
                    ("description", "description_uk"),
                ]
            },
        )
    ]

    class Media:
        css = {"all": ["css/admin-roles.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(position_total=Count("positions"))

    @admin.display(description=_("aliases"))
    def alias_summary(self, obj: Actor) -> str:
        return ", ".join(obj.alias_list)

    @admin.display(description=_("positions"), ordering="position_total")
    def position_count(self, obj: Actor) -> int:
        return obj.position_total


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    list_display = ["title", "actor", "office_rank", "country", "organisation", "start_on", "end_on"]
    list_filter = ["office_rank", "country"]
    list_select_related = ["actor", "organisation"]
    search_fields = ["title__folded", "actor__name__folded", "actor__aliases__folded"]
    autocomplete_fields = ["actor", "organisation"]
    date_hierarchy = "start_on"


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug", "involves_deployment", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_uk", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name", "name_uk"),
                    "slug",
                    ("description", "description_uk"),
                    "involves_deployment",
                    "order",
                ]
            },
        )
    ]


@admin.register(Position)
class PositionAdmin(PositionExchangeAdminMixin, HistoryAdmin):
    list_display = [
        "stated_display",
        "actor",
        "country",
        "topic",
        "stance",
        "verification",
        "attribution",
        "outlet",
        "summary_excerpt",
    ]
    list_display_links = ["stated_display", "actor"]
    list_filter = [PositionCountryFilter, "actor_kind", "topic", "stance", "verification", "attribution", "stated_on"]
    list_select_related = ["actor", "topic", "quote__source__outlet"]
    search_fields = [
        "actor__name__folded",
        "actor__name_uk__folded",
        "actor__aliases__folded",
        "quote__text__folded",
        "quote__original_text__folded",
        "summary__folded",
        "summary_uk__folded",
        "conditions__folded",
    ]
    autocomplete_fields = ["actor", "quote"]
    date_hierarchy = "stated_on"
    readonly_fields = ["country", "actor_kind", "verification", "attribution", "created", "updated"]

    # The add screen holds a whole statement — who, what, the words and where they were published —
    # in two columns (templates/admin/positions/position/add_statement.html), so that the common
    # case, new actor, outlet and translated quote included, fits one screen without pop-ups.
    add_form_template = "admin/positions/position/add_statement.html"
    add_fieldsets = [
        (
            _("Who said it"),
            {
                "classes": ["statement-left"],
                "fields": [
                    "actor",
                    ("new_actor_name", "new_actor_kind", "new_actor_country"),
                    ("new_role_title", "new_role_office_rank", "new_role_start_on"),
                ],
            },
        ),
        (
            _("Position"),
            {
                "classes": ["statement-left"],
                "fields": [
                    ("topic", "stance"),
                    ("stated_on", "date_precision"),
                    "summary",
                    "conditions",
                ],
            },
        ),
        (
            _("In Ukrainian, and where the date comes from"),
            {
                "classes": ["statement-left", "collapse"],
                "fields": [("summary_uk", "conditions_uk"), "date_evidence"],
            },
        ),
        (
            _("Quote"),
            {
                "fields": [
                    "quote",
                    ("new_quote_text", "new_quote_original_text", "new_quote_original_language"),
                    ("new_quote_translation", "new_quote_verification", "new_quote_attribution"),
                ],
            },
        ),
        (
            _("Source of a new quote"),
            {
                "fields": [
                    "existing_source",
                    ("new_source_outlet", "new_outlet_name", "new_outlet_kind"),
                    ("new_source_title", "new_source_url"),
                    (
                        "new_source_published_on",
                        "new_source_published_precision",
                        "new_source_language",
                        "new_source_archive_url",
                    ),
                ]
            },
        ),
    ]

    change_fieldsets = [
        (
            None,
            {
                "fields": [
                    "actor",
                    "topic",
                    "quote",
                    "stance",
                    "stated_on",
                    "date_precision",
                    "date_evidence",
                    ("conditions", "conditions_uk"),
                    ("summary", "summary_uk"),
                ]
            },
        ),
        (_("Correction"), {"fields": ["correction_note"]}),
        (_("Copied from the actor and the quote"), {"fields": readonly_fields}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StatementForm if obj is None else PositionChangeForm
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            # New actors and quotes are written in the page itself: no link opening a pop-up window.
            # The form class is made for this request, so its widgets are its own to change.
            form.may_add = frozenset(
                model
                for app, model in [
                    ("positions", "actor"),
                    ("positions", "role"),
                    ("sources", "outlet"),
                    ("sources", "source"),
                    ("sources", "quote"),
                ]
                if request.user.has_perm(f"{app}.add_{model}")
            )
            for name in ("actor", "quote", "topic"):
                widget = form.base_fields[name].widget
                widget.can_add_related = widget.can_change_related = widget.can_view_related = False
        return form

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.change_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for _receiver, extra in hooks.add_form_initial.send(sender=Position, request=request):
            initial.update(extra or {})
        return initial

    def save_model(self, request, obj, form, change):
        # None also when a revert brings a deleted position back: nothing published to correct.
        before = (
            Position.objects.select_related("actor", "topic", "quote").filter(pk=obj.pk).first() if change else None
        )
        note = form.cleaned_data.get("correction_note", "").strip()
        if change and before is None:
            # A revert re-creating a withdrawn position: its restoration is logged with the note.
            obj.restoration_note, obj.restored_by = note, request.user
        super().save_model(request, obj, form, change)
        if before is not None:
            # With a note, every field changed is logged; without one, only typo fixes were allowed.
            fields = [name for name in form.differing if name in PositionChangeForm._meta.fields] if note else []
            logged = [name for name in CORRECTED_FIELDS if name in fields] + [
                name for name in fields if name not in CORRECTED_FIELDS
            ]
            record_correction(before, obj, logged, note, request.user)
        hooks.position_saved.send(sender=Position, request=request, position=obj, created=not change)

    def delete_model(self, request, obj):
        # The tombstone left at the position's address says why (positions/corrections.py).
        obj.withdrawal_reason = request.POST.get("withdrawal_reason", "").strip()
        obj.withdrawn_by = request.user
        super().delete_model(request, obj)

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, obj: Position) -> str:
        return admin_datetime(obj.created_at)

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj: Position) -> str:
        return admin_datetime(obj.updated_at)

    @admin.display(description=_("stated"), ordering="stated_on")
    def stated_display(self, obj: Position) -> str:
        return obj.stated_display

    @admin.display(description=_("outlet"), ordering="quote__source__outlet__name")
    def outlet(self, obj: Position) -> str:
        return obj.quote.source.outlet.name

    @admin.display(description=_("summary"))
    def summary_excerpt(self, obj: Position) -> str:
        return obj.summary if len(obj.summary) <= 80 else obj.summary[:77] + "…"


@admin.register(AuthorisationBody)
class AuthorisationBodyAdmin(HistoryAdmin):
    list_display = ["name", "country", "scope", "requirement", "body_kind", "confirmed"]
    fieldsets = [
        (None, {"fields": ["country", ("name", "name_uk"), "body_kind", "scope", "requirement", "confirmed"]}),
        (_("Legal basis"), {"fields": [("legal_basis", "legal_basis_uk"), "legal_basis_url"]}),
        (_("For readers"), {"fields": [("explanation", "explanation_uk")]}),
        (
            _("For editors only"),
            {"fields": ["editor_notes"], "description": _("Never shown on public pages.")},
        ),
    ]
    list_filter = ["country", "scope", "requirement", "confirmed"]
    search_fields = [
        "name",
        "name_uk",
        "legal_basis",
        "legal_basis_uk",
        "explanation",
        "explanation_uk",
        "editor_notes",
    ]
