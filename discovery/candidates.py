"""Putting a candidate into the readers' suggestions queue, once: never a link or words already known.

A candidate is skipped when its link is already a suggestion or a source (with or without a
trailing slash), or when its words are near-identical (discovery/similarity.py) to a recent
suggestion's or to a quote of the same actor. Nothing is published here: an editor approves.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from contributions.duplicates import url_variants
from contributions.models import MAX_NAME, MAX_WORDS, Origin, Suggestion
from discovery.matcher import Candidate
from discovery.models import WatchedFeed
from discovery.parsing import FeedItem
from discovery.similarity import near_identical
from positions.models import Topic
from sources.models import Quote, Source

logger = logging.getLogger(__name__)

# How far back the queue is compared for near-identical words.
RECENT_SUGGESTIONS = 2000


def already_known(item: FeedItem, candidate: Candidate) -> bool:
    urls = url_variants(item.link)
    if Suggestion.objects.filter(source_url__in=urls).exists() or Source.objects.filter(url__in=urls).exists():
        return True
    recent = Suggestion.objects.order_by("-id").values_list("text", flat=True)[:RECENT_SUGGESTIONS]
    if near_identical(candidate.words, recent):
        return True
    if candidate.actor.id is None:
        return False
    quotes = Quote.objects.filter(positions__actor_id=candidate.actor.id).values_list("text", "original_text")
    return near_identical(candidate.words, (text for pair in quotes for text in pair))


def enqueue(feed: WatchedFeed, item: FeedItem, candidate: Candidate) -> Suggestion | None:
    """The new suggestion, or None when the item is already known or would not be valid."""
    if already_known(item, candidate):
        return None
    published = item.published or timezone.now()
    words = candidate.words[:MAX_WORDS]
    suggestion = Suggestion(
        origin=Origin.FEED,
        found_in=feed,
        actor_id=candidate.actor.id,
        actor_name=candidate.actor.name[:MAX_NAME],
        country=candidate.actor.country or "",
        topic=Topic.objects.filter(slug=candidate.topic).first(),
        stance_hint=candidate.stance_hint,
        stated_on=published.astimezone(datetime.UTC).date(),
        text=words,
        source_url=item.link,
        item_title=item.title[:500],
        published_at=item.published,
        matched_spans=[[start, end] for start, end in candidate.spans if end <= len(words)],
    )
    try:
        suggestion.full_clean()
    except ValidationError as error:
        logger.warning("Feed %s: item %s not queued: %s", feed.pk, item.link[:200], error.messages)
        return None
    suggestion.save()
    return suggestion
