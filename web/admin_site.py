"""The project's admin site: Django's, with the moderation queues' waiting counts on its index.

A model admin that has `awaiting_review()`, returning its count and its list's address
(contributions/admin.py), shows on the index how many of its items await review, to users who
may view them. The site knows no app by name.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TrackerAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        awaiting = []
        for model, model_admin in self._registry.items():
            if not hasattr(model_admin, "awaiting_review") or not model_admin.has_view_permission(request):
                continue
            count, url = model_admin.awaiting_review()
            awaiting.append({"name": model._meta.verbose_name_plural, "count": count, "url": url})
        awaiting.sort(key=lambda item: str(item["name"]))
        return super().index(request, {"awaiting_review": awaiting, **(extra_context or {})})


class TrackerAdminConfig(AdminConfig):
    default_site = "web.admin_site.TrackerAdminSite"
