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
from positions.bulk_html import escaped, format_html
from positions.rows import row_urls

# One row of the table, with {} for each value; the {label} fields are filled per language first.
ROW = (
    '\n    <tr data-country="{{}}">'
    '\n      <th scope="row"><a href="{{}}">{{}}</a>{{}}</th>'
    '\n      <td data-label="{stance}"><a href="{{}}">{{}}</a> {{}}</td>'
    '\n      <td data-label="{stated}"><time datetime="{{}}">{{}}</time></td>'
    '\n      <td data-label="{age}">{{}}</td>'
    '\n      <td data-label="{by}">{{}}</td>'
    '\n      <td class="num" data-label="{statements}">{{}}</td>'
    "\n    </tr>\n  "
)


@lru_cache(maxsize=8)
def row_words(language: str | None) -> tuple[str, SafeString]:
    """The row with its column labels in `language` (the active one) filled in and escaped, and
    the note of a country not drawn: the same for every row and request."""
    labels = {
        "stance": _("Stance"),
        "stated": _("Stated"),
        "age": _("Age"),
        "by": _("By"),
        "statements": _("Statements"),
    }
    row = ROW.format(**{name: escaped(label).replace("{", "{{").replace("}", "}}") for name, label in labels.items()})
    return row, format_html(" <small>{}</small>", _("(not on the map)"))


def statements_text(count: int) -> str:
    # intcomma's grouping only changes a number from 1,000 up; below, it is the digits, quicker.
    return str(count) if count < 1000 else intcomma(count)


def table_rows(rows) -> SafeString:
    """The <tr> lines of `rows` (MapRows of the page's language), with the spacing the template had."""
    language = get_language()
    row_format, off_map = row_words(language)
    _actor, position_url, country_url, _source = row_urls(language, get_script_prefix())
    # A handful of stances and verifications: each badge built once per table.
    stances = {stance: stance_badge_html(stance, link=False) for stance in {row.stance for row in rows}}
    verifications = {value: verification_badge_html(value) for value in {row.verification for row in rows}}
    return SafeString(
        "".join(
            format_html(
                row_format,
                row.code,
                country_url(row.code.lower()),
                row.name,
                "" if row.on_map else off_map,
                position_url(row.position_id),
                stances[row.stance],
                verifications[row.verification],
                row.stated_on.isoformat(),
                row.date_text,
                row.age,
                row.actor_name,
                statements_text(row.statements),
            )
            for row in rows
        )
    )
