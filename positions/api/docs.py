"""The API's browsable documentation: Swagger UI from local files, started by a static script.

drf-spectacular's own Swagger page writes its start-up script and a style block inline, which
the site's Content-Security-Policy (scripts and styles from files only) refuses; this page loads
the same Swagger UI files (drf-spectacular-sidecar) and a script file that reads the schema's
address from a data attribute, so the policy stays as strict here as everywhere.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def api_docs(request):
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
