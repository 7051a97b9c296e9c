from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sources"
    verbose_name = _("Sources")

    def ready(self):
        import django_countries

        from .collation import country_sort_key

        # django-countries sorts its menus (every country field and filter) with pyuca when that
        # is installed, else by the names' ASCII letters, which leaves Ukrainian names in no order
        # at all; pyuca's default order would still put «Й» among the «И» and «Ї» among the «І».
        django_countries.sort_key = country_sort_key
