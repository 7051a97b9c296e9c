from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contributions"
    verbose_name = _("Suggestions and corrections")

    def ready(self) -> None:
        from contributions import receivers  # noqa: F401  (links admin saves to the contributions they decide)
