"""What a country page's list of actors shows of each (templates/positions/country_detail.html).

Forty actors a page: each one's address comes from one reversed pattern and its kind's label
from the choices read once, rather than a reverse() and get_kind_display() per actor
(get_kind_display looks through every translated label on each call).
"""

from django.contrib.humanize.templatetags.humanize import intcomma

from positions.choices import ActorKind
from positions.rows import row_urls
from sources.bilingual import localized_html

# What an item shows of an actor, for QuerySet.only(): descriptions and aliases stay unread.
ACTOR_ITEM_FIELDS = ("name", "name_uk", "slug", "kind", "country")


def actor_records(actors) -> list[dict]:
    """A record per actor: its name and address, kind, current role and number of positions.

    Each actor carries `current_role` (or None) and `n_positions`, as country_actors() gives them.
    """
    actor_url = row_urls()[0]
    kinds = {value: str(label) for value, label in ActorKind.choices}
    return [
        {
            "url": actor_url(actor.slug),
            "name": localized_html(actor, "name"),
            "kind": kinds.get(actor.kind, actor.kind),
            "role": localized_html(actor.current_role, "title") if actor.current_role else "",
            "n_positions": actor.n_positions,
            "shown": intcomma(actor.n_positions),
        }
        for actor in actors
    ]
