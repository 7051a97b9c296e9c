from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "positions"
    verbose_name = _("Positions")

    def ready(self) -> None:
        from django.urls import register_converter

        from positions import signals  # noqa: F401  (connects the receivers)
        from positions.country_codes import CountryCodeConverter

        # Before any URLconf is read: pages, embeds and the API take `<country:code>`.
        register_converter(CountryCodeConverter, "country")
