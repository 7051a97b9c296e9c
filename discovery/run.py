"""One discovery run: every due feed fetched, its new items matched, the candidates queued, its health recorded.

A feed that fails (unreachable, slow, huge, malformed, unsafe) gets its error and a growing
backoff recorded, and the run goes on with the next feed.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from discovery.candidates import enqueue
from discovery.fetching import FeedError, fetch
from discovery.matcher import ActorIndex, find_candidate
from discovery.models import SeenItem, WatchedFeed
from discovery.parsing import parse

logger = logging.getLogger(__name__)

# Items seen longer ago than this are forgotten: feeds carry their last few dozen items, and an old
# item that comes back is still caught by its link (discovery/candidates.py).
SEEN_ITEMS_KEPT = datetime.timedelta(days=180)


@dataclass
class FeedResult:
    feed: WatchedFeed
    new_items: int = 0
    candidates: int = 0
    not_modified: bool = False
    error: str = ""


@dataclass
class RunReport:
    results: list[FeedResult] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        return sum(result.candidates for result in self.results)

    @property
    def errors(self) -> int:
        return sum(1 for result in self.results if result.error)


def backoff(errors_in_a_row: int) -> datetime.timedelta:
    minutes = settings.DISCOVERY_BACKOFF_MINUTES * 2 ** max(errors_in_a_row - 1, 0)
    return min(datetime.timedelta(minutes=minutes), datetime.timedelta(hours=settings.DISCOVERY_MAX_BACKOFF_HOURS))


def record_error(feed: WatchedFeed, message: str) -> None:
    now = timezone.now()
    errors = feed.consecutive_errors + 1
    WatchedFeed.objects.filter(pk=feed.pk).update(
        last_fetched_at=now,
        last_error=message[:2000],
        last_error_at=now,
        consecutive_errors=errors,
        backoff_until=now + backoff(errors),
    )


def read_feed(feed: WatchedFeed, actors: ActorIndex) -> FeedResult:
    result = FeedResult(feed)
    fetched = fetch(feed.url, feed.etag, feed.last_modified)
    now = timezone.now()
    health = {"last_fetched_at": now, "consecutive_errors": 0, "backoff_until": None}
    if fetched.body is None:
        result.not_modified = True
        WatchedFeed.objects.filter(pk=feed.pk).update(**health)
        return result
    items = parse(fetched.body)
    known = set(SeenItem.objects.filter(feed=feed, key__in=[item.key for item in items]).values_list("key", flat=True))
    new = [item for item in items if item.key not in known]
    with transaction.atomic():
        for item in new:
            candidate = find_candidate(item.title, item.text, actors)
            if candidate is not None and enqueue(feed, item, candidate) is not None:
                result.candidates += 1
        SeenItem.objects.bulk_create([SeenItem(feed=feed, key=item.key) for item in new], ignore_conflicts=True)
        result.new_items = len(new)
        if new:
            health["last_new_item_at"] = now
        WatchedFeed.objects.filter(pk=feed.pk).update(
            **health,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            items_found=F("items_found") + len(new),
            candidates_found=F("candidates_found") + result.candidates,
        )
    return result


def discover(feeds=None) -> RunReport:
    """Read the given feeds, or every active feed not backing off."""
    feeds = list(WatchedFeed.objects.due() if feeds is None else feeds)
    actors = ActorIndex.from_database()
    report = RunReport()
    for feed in feeds:
        try:
            result = read_feed(feed, actors)
        except FeedError as error:
            result = FeedResult(feed, error=str(error))
            record_error(feed, result.error)
        except Exception as error:  # one broken feed must not stop the others
            logger.exception("Feed %s failed", feed.pk)
            result = FeedResult(feed, error=f"Unexpected error: {type(error).__name__}")
            record_error(feed, result.error)
        report.results.append(result)
    SeenItem.objects.filter(seen_at__lt=timezone.now() - SEEN_ITEMS_KEPT).delete()
    return report
