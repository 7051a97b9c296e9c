"""The embed dialog's frozen choices: each release's address for the view on show."""

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from releases import frozen

register = template.Library()


@register.simple_tag(takes_context=True)
def frozen_embeds(context, view_name: str, *args) -> list[dict]:
    """For each release that can show `view_name` (newest first): its number, its day and the frozen view's
    absolute address, carrying the page's query parameters that view reads (frozen.PARAMETERS)."""
    request = context["request"]
    query = QueryDict(mutable=True)
    for name in frozen.PARAMETERS[view_name]:
        query.setlist(name, [value for value in request.GET.getlist(name) if value.strip()])
    tail = f"?{query.urlencode()}" if query else ""
    return [
        {
            "number": release.number,
            "day": timezone.localdate(release.made_at),
            "src": request.build_absolute_uri(reverse(view_name, args=[release.number, *args])) + tail,
        }
        for release in context.get("embed_releases") or ()
        # A release holds a country's statements whenever made; its map, matrix and timeline only since 2026-12.
        if view_name == "releases:embed_country" or frozen.holds_views(release)
    ]
