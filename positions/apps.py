from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "positions"
    verbose_name = _("Positions")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.urls import register_converter

        from positions import signals  # noqa: F401  (connects the receivers)
        from positions.country_codes import CountryCodeConverter

        # Before any URLconf is read: pages, embeds and the API take `<country:code>`.
        register_converter(CountryCodeConverter, "country")
        connection_created.connect(add_sqlite_functions)
        register_folded_lookup()


def register_folded_lookup() -> None:
    """`__folded` on every text field, for the admin's accent- and case-folding search."""
    from django.db import models

    from positions.querysets import FoldedContains

    models.CharField.register_lookup(FoldedContains)
    models.TextField.register_lookup(FoldedContains)


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """SQLite's `positions_fold`, the function PostgreSQL has from migration 0023 (positions/folding.py),
    and the Ukrainian alphabet's order under the name of PostgreSQL's ICU collation (positions/querysets.py)."""
    if connection.vendor == "sqlite":
        from positions.folding import fold
        from positions.querysets import UKRAINIAN_COLLATION
        from sources.collation import compare

        connection.connection.create_function("positions_fold", 1, fold, deterministic=True)
        connection.connection.create_collation(UKRAINIAN_COLLATION, compare)
