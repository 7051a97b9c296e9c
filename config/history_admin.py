"""The one admin base for every model with an edit history.

django-simple-history's history form ("Revert") checks only the view permission before it
saves what was posted, so a Viewer could rewrite any record by posting to it. Every model
admin of the project derives from `HistoryAdmin`, which refuses such a save unless the user may
change the record, or add it again when it no longer exists.
"""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
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
