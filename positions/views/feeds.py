"""The Atom feed of newly added positions, taking the positions list's filters.

A reporter subscribes to `/feeds/positions/?country=fr` to hear of new positions from France.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from positions.filtersets import PositionFilter, filter_errors
from positions.models import Position
from positions.views.export import bad_request
from sources.bilingual import localized_text
from sources.text import xml_safe

FEED_LENGTH = 50


class CleanAtom1Feed(Atom1Feed):
    """Atom without the characters XML 1.0 cannot carry: one stored control character must not break the feed.

    Forms and imports refuse them; rows stored before that still reach the feed cleaned.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*map(clean, args), **{key: clean(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(clean, args), **{key: clean(value) for key, value in kwargs.items()})


def clean(value):
    if isinstance(value, str):
        # A SafeString stays safe: removing characters adds no markup.
        return type(value)(xml_safe(value)) if isinstance(value, SafeString) else xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(clean(item) for item in value)
    return value


class PositionFeed(Feed):
    feed_type = CleanAtom1Feed
    # Atom summaries are HTML: the template escapes every piece of user text.
    description_template = "positions/feed_item.html"

    def author_name(self) -> str:
        return _("Troop Positions Tracker")

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        filterset = PositionFilter(request.GET, queryset=Position.objects.all())
        if not filterset.is_valid():
            return bad_request(filter_errors(filterset))
        request.position_filter = filterset
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs) -> PositionFilter:
        return request.position_filter

    def title(self, filterset: PositionFilter) -> str:
        shown = [f"{label}: {value}" for _name, label, value, _raw in filterset.active_filters() if _name != "sort"]
        base = _("Troop positions: new positions")
        return f"{base} ({'; '.join(shown)})" if shown else base

    def subtitle(self, filterset: PositionFilter) -> str:
        return _("Stated positions on sending foreign troops to Ukraine, newest added first.")

    def link(self, filterset: PositionFilter) -> str:
        query = filterset.data.urlencode() if filterset.data else ""
        return reverse("positions:position_list") + (f"?{query}" if query else "")

    def feed_url(self, filterset: PositionFilter) -> str:
        query = filterset.data.urlencode() if filterset.data else ""
        return reverse("positions:feed") + (f"?{query}" if query else "")

    def items(self, filterset: PositionFilter):
        # Newest added first, whatever the list's sort, so a reader sees what is new.
        return filterset.qs.with_related().order_by("-created_at", "-id")[:FEED_LENGTH]

    def item_title(self, position: Position) -> str:
        actor, topic = localized_text(position.actor, "name"), localized_text(position.topic, "name")
        return f"{actor} — {topic}: {position.get_stance_display()} ({position.stated_display})"

    def item_link(self, position: Position) -> str:
        return position.get_absolute_url()

    def item_pubdate(self, position: Position):
        return position.created_at

    def item_updateddate(self, position: Position):
        return position.updated_at

    def item_author_name(self, position: Position) -> str:
        return localized_text(position.actor, "name")

    def item_categories(self, position: Position) -> list[str]:
        return [position.topic.slug, position.stance] + ([position.country] if position.country else [])
