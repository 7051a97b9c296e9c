from django.contrib import admin
from django.urls import include, path

from .health import healthz

admin.site.site_header = "Troop Positions Tracker"
admin.site.site_title = "Troop Positions Tracker admin"
admin.site.index_title = "Data entry"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("positions.api.urls")),
    path("", include("sources.urls")),
    path("", include("positions.urls")),
    path("", include("contributions.urls")),
]

# A database failure outside a view still gets the friendly 503 page (config/errors.py).
handler500 = "config.errors.server_error"
