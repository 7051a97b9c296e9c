"""Exports and imports in the admin, in the one exchange format of `positions/exchange.py`.

An action exports the selected positions (select all to export the filtered list); an import
page uploads a file, previews what would be created and changed, and imports on confirmation.
The app keeps no state of its own, so the previewed file waits in the database (PendingImport)
and the session carries only its digest. A confirmation imports what was previewed: if the data
changed meanwhile (an admin renamed an actor), the file is previewed again instead, so no edit
made since is silently undone.
"""

import datetime
import hashlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from positions import derived
from positions.exchange.format import FileError, csv_chunks, json_chunks
from positions.exchange.importer import import_file
from positions.exchange.streaming import CHUNK_SIZE, streamed
from positions.models import PendingImport, Role
from sources.models import Outlet, Source

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SESSION_KEY = "positions_import"
# How many published positions the previewed file corrects (each needs the public note).
CORRECTIONS_KEY = "positions_import_corrections"
IMPORT_PERMISSIONS = (
    "positions.add_position",
    "positions.change_position",
    "positions.add_actor",
    "positions.change_actor",
    "positions.add_role",
    "sources.add_outlet",
    "sources.add_source",
    "sources.change_source",
    "sources.add_quote",
    "sources.change_quote",
)
PREVIEW_LIMIT = 500
PENDING_FOR = datetime.timedelta(days=1)
SPREADSHEET_EXTENSIONS = (".xlsx", ".xls", ".ods", ".numbers")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV (comma or semicolon separated, UTF-8) or JSON file in the export's format, at most 10 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB. Split it and import the parts one by one."))
        if upload.name.lower().endswith(SPREADSHEET_EXTENSIONS):
            raise forms.ValidationError(
                _("Spreadsheet workbooks cannot be imported. Save the sheet as “CSV UTF-8” and upload that.")
            )
        return upload


def preview_version() -> str:
    """The data an import's preview depends on: derived.data_version() and the histories of sources, outlets, roles."""
    latest = [
        model.history.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in (Source, Outlet, Role)
    ]
    return "-".join([derived.data_version(), *map(str, latest)])


def export_file_name(extension: str) -> str:
    return f"positions-admin-{timezone.localdate().isoformat()}.{extension}"


def selected_rows(queryset):
    return queryset.with_related().order_by("-stated_on", "-id").iterator(chunk_size=CHUNK_SIZE)


class PositionExchangeAdminMixin:
    """Export actions and the import page, for PositionAdmin."""

    actions = ["export_selected_csv", "export_selected_json"]

    @admin.action(description=_("Export selected positions as CSV"), permissions=["view"])
    def export_selected_csv(self, request, queryset):
        return streamed(csv_chunks(selected_rows(queryset)), "text/csv; charset=utf-8", export_file_name("csv"))

    @admin.action(description=_("Export selected positions as JSON"), permissions=["view"])
    def export_selected_json(self, request, queryset):
        return streamed(json_chunks(selected_rows(queryset)), "application/json", export_file_name("json"))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
        ] + super().get_urls()

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(IMPORT_PERMISSIONS)

    def may_create_topics(self, request) -> bool:
        # Editors cannot add topics in the admin, so an import may not add them on their behalf.
        return request.user.has_perm("positions.add_topic")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self.confirm_import(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                report, pending = self.preview(request, data, upload.name)
            except FileError as error:
                form.add_error("file", str(error))
                return self.render_import(request, form, None)
            return self.render_import(request, form, report, pending)
        return self.render_import(request, form, report)

    def preview(self, request, data: bytes, name: str) -> tuple:
        """A dry run of the file, kept for confirmation with the data version it was worked out against."""
        version = preview_version()
        report = import_file(data, name=name, dry_run=True, may_create_topics=self.may_create_topics(request))
        if not report.ok:
            return report, None
        PendingImport.objects.filter(created__lt=timezone.now() - PENDING_FOR).delete()
        digest = hashlib.sha256(data).hexdigest()
        pending, _created = PendingImport.objects.update_or_create(
            user=request.user, digest=digest, defaults={"name": name, "data": data, "data_version": version}
        )
        request.session[SESSION_KEY] = digest
        request.session[CORRECTIONS_KEY] = report.corrections
        return report, pending

    def confirm_import(self, request):
        digest = request.session.get(SESSION_KEY)
        pending = None
        if digest and digest == request.POST.get("digest"):
            pending = PendingImport.objects.filter(user=request.user, digest=digest).first()
        if pending is None:
            messages.error(request, _("That preview has expired. Upload the file again."))
            return redirect(reverse("admin:positions_position_import"))
        data = bytes(pending.data)
        if pending.data_version != preview_version():
            # Confirming now could undo an edit made since the preview: show what the file would do now.
            messages.warning(
                request, _("The data changed since your preview. Check this new preview and confirm again.")
            )
            report, pending = self.preview(request, data, pending.name)
            return self.render_import(request, ImportForm(), report, pending)
        note = request.POST.get("correction_note", "").strip()
        if request.session.get(CORRECTIONS_KEY) and not note:
            # Nothing is lost: the same preview again, with the note asked for.
            messages.error(request, _("This file corrects published positions: write the public correction note."))
            report, pending = self.preview(request, data, pending.name)
            return self.render_import(request, ImportForm(), report, pending)
        report = import_file(
            data,
            name=pending.name,
            user=request.user,
            may_create_topics=self.may_create_topics(request),
            correction_note=note,
        )
        pending.delete()
        del request.session[SESSION_KEY]
        if not report.ok:
            # The database changed since the preview; nothing was imported.
            return self.render_import(request, ImportForm(), report)
        messages.success(
            request,
            _("Imported %(name)s: created %(created)s; changed %(changed)s.")
            % {"name": pending.name, "created": report.totals(True), "changed": report.totals(False)},
        )
        return redirect(reverse("admin:positions_position_changelist"))

    def render_import(self, request, form, report, pending=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import positions"),
            "form": form,
            "report": report,
            "created": report.created[:PREVIEW_LIMIT] if report else [],
            "changed": report.changed[:PREVIEW_LIMIT] if report else [],
            "preview_limit": PREVIEW_LIMIT,
            "pending": {"name": pending.name, "digest": pending.digest} if pending is not None else None,
        }
        return TemplateResponse(request, "admin/positions/position/import.html", context)
