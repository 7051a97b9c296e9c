"""What the /map/ page's text table shows of each country (templates/positions/_map_table.html).

A couple of hundred rows: each one's addresses, badges and the count's text are worked out here
from what the page shares (the address patterns, a badge per stance and verification), so the
template only places them.
"""

from django.contrib.humanize.templatetags.humanize import intcomma

from positions.badges import cell_badge_html, stance_age_html, verification_badge_html
from positions.rows import row_urls


def statements_text(count: int) -> str:
    # intcomma's grouping only changes a number from 1,000 up; below, it is the digits, quicker.
    return str(count) if count < 1000 else intcomma(count)


def table_lines(rows) -> list[dict]:
    """A record per MapRow (of the page's language), in the rows' order."""
    _actor, position_url, country_url, _source = row_urls()
    stances = {stance: cell_badge_html(stance, link=False) for stance in {row.stance for row in rows}}
    verifications = {value: verification_badge_html(value) for value in {row.verification for row in rows}}
    return [
        {
            "code": row.code,
            "name": row.name,
            "url": country_url(row.code),
            "on_map": row.on_map,
            "position_url": position_url(row.position_id),
            "stance_badge": stances[row.stance],
            "verification_badge": verifications[row.verification],
            "stated_on": row.stated_on.isoformat(),
            "date_text": row.date_text,
            "age": stance_age_html(row.stated_on, row.date_precision, row.today),
            "actor_name": row.actor_name,
            "statements": statements_text(row.statements),
        }
        for row in rows
    ]
