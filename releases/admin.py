"""Releases in the admin: listed for staff, made by those with the permission of their own, never changed."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from releases.build import ReleaseError, make_release
from releases.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["number", "made_at", "position_count", "added_count", "removed_count", "changed_count"]
    readonly_fields = [field.name for field in Release._meta.fields]

    def has_add_permission(self, request):
        return request.user.has_perm("releases.make_release")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """A confirmation page; its POST makes the release from the data as it is at that moment."""
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)  # the admin's own refusal
        if request.method == "POST":
            try:
                release = make_release(user=request.user)
            except ReleaseError as error:
                self.message_user(request, str(error), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                _("Release %(number)s is made: %(line)s") % {"number": release.number, "line": release.change_line},
            )
            return HttpResponseRedirect(reverse("admin:releases_release_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Make a data release"),
            "latest": Release.objects.first(),
        }
        return TemplateResponse(request, "admin/releases/release/make.html", context)
