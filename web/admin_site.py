"""The project's admin site: Django's, with the moderation queues' waiting counts on its index.

A model admin that has `pending_count()` (contributions/admin.py) shows on the index how many of
its items await review, for users who may view them. The site knows no app by name.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TrackerAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        awaiting = []
        for model, model_admin in self._registry.items():
            if hasattr(model_admin, "pending_count") and model_admin.has_view_permission(request):
                awaiting.append(
                    {
                        "name": model._meta.verbose_name_plural,
                        "count": model_admin.pending_count(),
                        "url": model_admin.pending_url(),
                    }
                )
        awaiting.sort(key=lambda item: str(item["name"]))
        return super().index(request, {"awaiting_review": awaiting, **(extra_context or {})})


class TrackerAdminConfig(AdminConfig):
    default_site = "web.admin_site.TrackerAdminSite"
