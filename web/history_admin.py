"""The one admin base for every model with an edit history.

Two guards live here, for every model admin of the project:

- django-simple-history's history form ("Revert") checks only the view permission before it
  saves what was posted, so a Viewer could rewrite any record by posting to it. `HistoryAdmin`
  refuses such a save unless the user may change the record, or add it again when it no longer
  exists.
- No lost edits: a change form carries the id of the record's latest history entry when it was
  rendered. If the record has changed since (another editor saved it), the save is refused and
  the form comes back with what the editor typed, who changed the record and when, and which
  fields differ from what is saved now. Saving again from that form replaces the other version
  knowingly. The same holds for each row edited inline (roles, quotes), each row edited on a
  change list (list_editable) and the history form. The field is added to the form classes and
  to what the page renders, never left to an admin's get_fieldsets (PositionAdmin's own
  fieldsets once dropped it); tests/admin/test_edit_conflict_pages.py checks every registered
  admin through its rendered HTML.

The change lists also accept only the lookups their own filters write (web/admin_lookups.py).
"""

from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.forms.models import construct_instance
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from web.admin_lookups import FilterLookupsOnly

SEEN_FIELD = "history_seen"


def latest_history(model, pk):
    """The record's latest history entry (by date, then id), or None."""
    return model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id").first()


def shown_value(instance, field) -> str:
    if field.choices:
        return str(dict(field.flatchoices).get(field.value_from_object(instance), field.value_from_object(instance)))
    if field.is_relation:
        related = getattr(instance, field.name)
        return str(related) if related is not None else "—"
    value = field.value_from_object(instance)
    if value in (None, ""):
        return "—"
    return str(formats.localize(value))


if TYPE_CHECKING:
    # What the mixin is mixed into, for the type checker; at run time it stands on its own.
    FormBase = forms.ModelForm
else:
    FormBase = object


class EditConflictCheck(FormBase):
    """Mixed into an admin change form or inline form: refuses a save made from a form older than the record's last change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            latest = latest_history(self._meta.model, self.instance.pk)
            self.initial[SEEN_FIELD] = str(latest.history_id) if latest else ""

    def clean(self):
        cleaned = super().clean()
        seen_name = self.add_prefix(SEEN_FIELD)
        # Forms rendered by the admin always carry the field; a post without it is not checked.
        if self.instance.pk is None or seen_name not in self.data:
            return cleaned
        model = self._meta.model
        using = router.db_for_write(model)
        row = model._default_manager.using(using).filter(pk=self.instance.pk).values("pk")
        if transaction.get_connection(using).in_atomic_block:
            # Hold the row until this save commits, so two saves cannot both pass the check.
            row = row.select_for_update()
        if not list(row):
            return cleaned  # a revert re-creating a deleted record: nothing to overwrite
        latest = latest_history(model, self.instance.pk)
        if latest is None or str(latest.history_id) == self.data.get(seen_name):
            return cleaned
        differing = self.fields_differing_from_saved()
        if not differing:
            return cleaned  # saving changes nothing of theirs
        who = latest.history_user or _("someone")
        when = formats.localize(latest.history_date)
        self.add_error(
            None,
            ValidationError(
                _(
                    "Not saved: %(who)s changed this %(model)s on %(when)s UTC, after you opened this form. "
                    "What you typed is still below. These fields differ from what is saved now: %(fields)s. "
                    "Compare them, then save again to replace the saved version with yours."
                ),
                code="edit_conflict",
                params={
                    "who": who,
                    "model": model._meta.verbose_name,
                    "when": when,
                    "fields": ", ".join(str(field.verbose_name) for field, _saved in differing),
                },
            ),
        )
        for field, saved in differing:
            self.add_error(
                field.name,
                ValidationError(
                    _("Saved now by %(who)s: %(saved)s"), code="edit_conflict", params={"who": who, "saved": saved}
                ),
            )
        # The re-rendered form is current: a second save is a knowing one.
        data = cast(QueryDict, self.data).copy()  # the admin's posted data
        data[seen_name] = str(latest.history_id)
        self.data = data
        return cleaned

    def fields_differing_from_saved(self) -> list:
        """(model field, saved value shown) for each field where the posted value differs from the saved one."""
        manager = self._meta.model._default_manager
        saved = manager.get(pk=self.instance.pk)
        proposed = construct_instance(self, manager.get(pk=self.instance.pk), self._meta.fields, self._meta.exclude)
        differing = []
        for name in self.fields:
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.concrete or field.many_to_many:
                continue
            if field.value_to_string(proposed) != field.value_to_string(saved):
                differing.append((field, shown_value(saved, field)))
        return differing


class HistoryAdmin(FilterLookupsOnly, SimpleHistoryAdmin):
    def may_revert(self, request, object_id) -> bool:
        current = self.model._default_manager.filter(pk=object_id).first()
        if current is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, current)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD") and not self.may_revert(request, object_id):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        # Hide the button where the POST would be refused anyway.
        if obj is not None and not self.may_revert(request, obj.pk):
            return True
        return super().revert_disabled(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # Not a model field: added below, to the form class the admin builds.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != SEEN_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        return with_seen_field(form) if self.guards_edits(request, obj) else form

    def get_changelist_formset(self, request, **kwargs):
        # The change list's editable rows (list_editable) are saved like change forms: each row
        # carries its seen field, rendered by templates/admin/change_list.html.
        formset = super().get_changelist_formset(request, **kwargs)
        return type(formset.__name__, (formset,), {"form": with_seen_field(formset.form)})

    def get_formsets_with_inlines(self, request, obj=None):
        # Rows edited inline (an actor's roles, a source's quotes) are records with a history of
        # their own: each row carries its own seen field.
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if self.guards_edits(request, obj) and has_history(inline.model):
                formset = type(formset.__name__, (formset,), {"form": with_seen_field(formset.form)})
            yield formset, inline

    def guards_edits(self, request, obj) -> bool:
        return obj is not None and obj.pk is not None and self.has_change_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        show_seen_field(context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_history_view(self, request, template, context, **kwargs):
        show_seen_field(context)  # the history form ("Revert") is a change form too
        return super().render_history_view(request, template, context, **kwargs)


def has_history(model) -> bool:
    try:
        get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return False
    return True


def with_seen_field(form_class):
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    return type(form_class.__name__, (EditConflictCheck, form_class), {SEEN_FIELD: seen})


def show_seen_field(context) -> None:
    """Adds the hidden field to what the page renders, whatever fieldsets the admin returned.

    The admin renders only the fields its fieldsets name, and a subclass may return fieldsets of
    its own (PositionAdmin did, and its change page lost the guard), so the field is not left to
    get_fieldsets: it is in the form classes (get_form, get_formsets_with_inlines) and added here
    to the fieldsets of the page and of each inline.
    """
    shown = [context.get("adminform"), *context.get("inline_admin_formsets", [])]
    for part in shown:
        form = getattr(part, "form", None) or getattr(getattr(part, "formset", None), "form", None)
        if part is None or form is None or SEEN_FIELD not in form.base_fields:
            continue
        if SEEN_FIELD not in flatten_fieldsets(part.fieldsets):
            part.fieldsets = [*part.fieldsets, (None, {"fields": [SEEN_FIELD], "classes": ["hidden"]})]
