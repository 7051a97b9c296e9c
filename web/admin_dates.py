"""Dates and times as the admin shows them: "6 Dec 2026, 17:11", and in Ukrainian "6 грудня 2026, 17:11".

Django's English format ("Dec. 6, 2026, 5:11 p.m.") is US-style and reads badly beside the
site's own dates. The admin's columns and read-only fields that show a moment use this, so the
public pages' formats (and any formats module) are left as they are.
"""

import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language

# "E" is the month's name as it stands after a day number (Ukrainian's genitive, "грудня").
FORMATS = {"uk": "j E Y, H:i"}
DEFAULT_FORMAT = "j M Y, H:i"


def admin_datetime(value: datetime.datetime | None) -> str:
    if value is None:
        return "—"
    language = (get_language() or "en").split("-")[0]
    return format_date(timezone.localtime(value), FORMATS.get(language, DEFAULT_FORMAT))
