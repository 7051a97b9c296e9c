from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "releases"
    verbose_name = _("Data releases")

    def ready(self) -> None:
        from django.urls import register_converter

        from releases.converters import CitationFormatConverter, CitedKindConverter, ReleaseNumberConverter

        # Before any URLconf is read (releases/urls.py).
        register_converter(ReleaseNumberConverter, "release")
        register_converter(CitedKindConverter, "cited")
        register_converter(CitationFormatConverter, "citeformat")
