"""Has this statement been published already? Same source URL and same actor.

A reader is shown the published positions it duplicates (they are public), never whether it
waits in the review queue: that answer came without a limit or a count (nothing is stored while
the form only warns), so anyone could ask, for any actor and URL, whether somebody had sent it.
A second suggestion of a pending statement is stored like any other; editors mark it a duplicate.
"""

from dataclasses import dataclass, field

from positions.models import Actor, Position


def url_variants(url: str) -> set[str]:
    """The URL with and without a trailing slash: the same page, written two ways."""
    base = url.strip().rstrip("/")
    return {base, base + "/"} if base else set()


@dataclass
class Duplicates:
    positions: list[Position] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.positions)


def find_duplicates(source_url: str, actor: Actor | None) -> Duplicates:
    urls = url_variants(source_url)
    if not urls or actor is None:
        return Duplicates()
    return Duplicates(
        positions=list(
            Position.objects.filter(actor=actor, quote__source__url__in=urls)
            .select_related("actor", "topic")
            .order_by("-stated_on", "-id")[:10]
        )
    )
