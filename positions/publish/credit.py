"""The credit line every embed and downloaded picture carries, so a copy always names its source."""

from django.utils.translation import gettext as _

SITE_NAME = "Troop Positions Tracker"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def credit_line(full_view_url: str, extra: str = "") -> str:
    """ "Troop Positions Tracker — CC BY 4.0 — <address of the full view>", plain text for SVG files."""
    parts = [_("Troop Positions Tracker"), LICENCE, *([extra] if extra else []), full_view_url]
    return " — ".join(parts)
