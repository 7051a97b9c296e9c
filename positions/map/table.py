"""The lines of the /map/ page's text table, one per country, built in Python.

A couple of hundred rows of template tags (a url, two badges, six translated labels each) were
most of the map page's time; this gives the same markup as the loop of _map_table.html it
replaced (tests/positions/test_map_speed.py holds them equal, in English and Ukrainian).
"""

from functools import lru_cache

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from positions.badges import stance_badge_html, verification_badge_html
from positions.bulk_html import format_html
from positions.rows import row_urls

ROW = (
    '\n    <tr data-country="{}">'
    '\n      <th scope="row"><a href="{}">{}</a>{}</th>'
    '\n      <td data-label="{}"><a href="{}">{}</a> {}</td>'
    '\n      <td data-label="{}"><time datetime="{}">{}</time></td>'
    '\n      <td data-label="{}">{}</td>'
    '\n      <td data-label="{}">{}</td>'
    '\n      <td class="num" data-label="{}">{}</td>'
    "\n    </tr>\n  "
)


@lru_cache(maxsize=8)
def words(language: str | None) -> dict[str, str]:
    """The table's fixed words in `language` (the active one)."""
    return {
        "off_map": format_html(" <small>{}</small>", _("(not on the map)")),
        "stance": _("Stance"),
        "stated": _("Stated"),
        "age": _("Age"),
        "by": _("By"),
        "statements": _("Statements"),
    }


def table_rows(rows) -> SafeString:
    """The <tr> lines of `rows` (MapRows of the page's language), with the spacing the template had."""
    language = get_language()
    text = words(language)
    _actor, position_url, country_url, _source = row_urls(language, get_script_prefix())
    return SafeString(
        "".join(
            format_html(
                ROW,
                row.code,
                country_url(row.code.lower()),
                row.name,
                "" if row.on_map else text["off_map"],
                text["stance"],
                position_url(row.position_id),
                stance_badge_html(row.stance, link=False),
                verification_badge_html(row.verification),
                text["stated"],
                row.stated_on.isoformat(),
                row.date_text,
                text["age"],
                row.age,
                text["by"],
                row.actor_name,
                text["statements"],
                intcomma(row.statements),
            )
            for row in rows
        )
    )
