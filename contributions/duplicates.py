"""Has this statement been sent or published already? Same source URL and same actor.

What a reader is shown: a published position in full (it is public); a pending suggestion only as
"already suggested, awaiting review" — never its content.
"""

from dataclasses import dataclass, field

from contributions.models import Suggestion
from positions.models import Actor, Position


def url_variants(url: str) -> set[str]:
    """The URL with and without a trailing slash: the same page, written two ways."""
    base = url.strip().rstrip("/")
    return {base, base + "/"} if base else set()


@dataclass
class Duplicates:
    positions: list[Position] = field(default_factory=list)
    pending: bool = False

    def __bool__(self) -> bool:
        return bool(self.positions) or self.pending


def find_duplicates(source_url: str, actor: Actor | None, actor_name: str) -> Duplicates:
    urls = url_variants(source_url)
    found = Duplicates()
    if not urls:
        return found
    queue = Suggestion.objects.pending().filter(source_url__in=urls)
    if actor is not None:
        found.positions = list(
            Position.objects.filter(actor=actor, quote__source__url__in=urls)
            .select_related("actor", "topic")
            .order_by("-stated_on", "-id")[:10]
        )
        queue = queue.filter(actor=actor)
    else:
        queue = queue.filter(actor__isnull=True, actor_name__iexact=actor_name.strip())
    found.pending = queue.exists()
    return found
