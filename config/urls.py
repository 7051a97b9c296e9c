from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from web.admin_lookups import restrict_registered_admins
from web.health import healthz

admin.site.site_header = "Troop Positions Tracker"
admin.site.site_title = "Troop Positions Tracker admin"
admin.site.index_title = "Data entry"
# Every change list filters only through its own filters, the other apps' admins too (web/admin_lookups.py).
restrict_registered_admins(admin.site)

# The admin and the health check have one address each; the public pages are English at their
# plain addresses and Ukrainian under /uk/ (web/locale.py, docs/translation.md).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("positions.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("sources.urls")),
    path("", include("positions.urls")),
    path("", include("contributions.urls")),
    path("", include("releases.urls")),
    prefix_default_language=False,
)

# A database failure outside a view still gets the friendly 503 page (web/errors.py).
handler500 = "web.errors.server_error"
# Under /api/, an address that matches nothing is a JSON 404, like the API's own (web/errors.py).
handler404 = "web.errors.page_not_found"
