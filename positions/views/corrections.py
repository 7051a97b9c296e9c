"""The public corrections log (/corrections/ and its Atom feed) and withdrawn positions' tombstones."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from positions.corrections import Correction, WithdrawnPosition
from positions.views.feeds import CleanAtom1Feed

PER_PAGE = 50
FEED_LENGTH = 50


@require_safe
def corrections(request):
    page = Paginator(Correction.objects.order_by("-made_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "positions/corrections.html", {"page": page})


def tombstone(request, withdrawn: WithdrawnPosition):
    """410 Gone, with what the position said and when and why it was withdrawn."""
    return render(request, "positions/withdrawn.html", {"withdrawn": withdrawn, "row": withdrawn.row}, status=410)


class CorrectionFeed(Feed):
    feed_type = CleanAtom1Feed

    def author_name(self) -> str:
        return _("Troop Positions Tracker")

    # Atom summaries are HTML: the template escapes every piece of user text.
    description_template = "positions/correction_feed_item.html"

    def __call__(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return _("Troop positions: corrections")

    def subtitle(self) -> str:
        return _("Corrections to published positions, and positions withdrawn, newest first.")

    def link(self) -> str:
        return reverse("positions:corrections")

    def feed_url(self) -> str:
        return reverse("positions:corrections_feed")

    def items(self):
        return Correction.objects.order_by("-made_at", "-id")[:FEED_LENGTH]

    def item_title(self, item: Correction) -> str:
        if item.kind == Correction.Kind.WITHDRAWN:
            return _("Withdrawn: %(position)s") % {"position": item.position_title}
        if item.kind == Correction.Kind.RESTORED:
            return _("Restored: %(position)s") % {"position": item.position_title}
        return _("Corrected: %(position)s") % {"position": item.position_title}

    def item_link(self, item: Correction) -> str:
        return reverse("positions:position_detail", args=[item.position_number]) + f"#correction-{item.pk}"

    def item_guid(self, item: Correction) -> str:
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Correction):
        return item.made_at

    def item_updateddate(self, item: Correction):
        return item.made_at
