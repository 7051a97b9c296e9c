"""A country page's list of actors, built in Python.

Forty items through the template (each resolving the actor's address, kind, role and a plural
count) took ~8 ms of the largest country's page at one million positions. The markup is the one
country_detail.html's loop held (tests/positions/reference/country_actor_item.html; the test
holds the two equal in English and Ukrainian).
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from positions import bulk_html
from positions.choices import ActorKind
from positions.rows import url_filler
from sources.bilingual import localized_html

# What an item shows of an actor, for QuerySet.only(): descriptions and aliases stay unread.
ACTOR_ITEM_FIELDS = ("name", "name_uk", "slug", "kind", "country")


def actor_items(actors) -> SafeString:
    """`<li>` per actor: its name linking to its page, kind, current role and number of positions.

    Each actor carries `current_role` (or None) and `n_positions`, as country_actors() gives them.
    """
    actor_url = url_filler("positions:actor_detail", "actor-slug-placeholder")
    # Not get_kind_display(): it hashes every translated choice label on each call, ~0.2 ms an actor.
    kinds = {value: str(label) for value, label in ActorKind.choices}
    return format_html_join(
        "\n",
        '<li><a href="{}">{}</a> <small>({}{}) · {}</small></li>',
        (
            (
                actor_url(actor.slug),
                localized_html(actor, "name"),
                kinds.get(actor.kind, actor.kind),
                format_html(", {}", localized_html(actor.current_role, "title")) if actor.current_role else "",
                ngettext("%(shown)s position", "%(shown)s positions", actor.n_positions)
                % {"shown": intcomma(actor.n_positions)},
            )
            for actor in actors
        ),
    )


def option_items(choices, selected=()) -> SafeString:
    """`<option>`s for a menu of (value, label) pairs, those whose value is in `selected` selected:
    the compare menus list ~200 countries or 300 actors."""
    selected = set(selected)
    return bulk_html.format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value in selected else "", label) for value, label in choices),
    )
