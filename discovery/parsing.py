"""Reading a feed's items: the XML checked by defusedxml first, then read by feedparser.

feedparser reads XML with the standard library's parser, which expands entities declared in the
document. defusedxml refuses any entity declaration or external reference before feedparser
sees the bytes, so a "billion laughs" feed is an error on that feed, never a full memory.
Malformed XML is an error too: the loose parser feedparser would fall back to is not needed for
the feeds of governments and newsrooms.
"""

import calendar
import datetime
import hashlib
import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.html import strip_tags

from discovery.fetching import FeedError
from sources.text import CONTROL_CHARACTERS, NONCHARACTERS

MAX_ITEMS = 200


@dataclass
class FeedItem:
    key: str
    link: str
    title: str
    text: str
    published: datetime.datetime | None


def plain_text(markup: str) -> str:
    text = html.unescape(strip_tags(markup or ""))
    text = NONCHARACTERS.sub("", CONTROL_CHARACTERS.sub(" ", text))
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()


def entry_date(entry) -> datetime.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


def parse(body: bytes) -> list[FeedItem]:
    """The feed's items with an http(s) link, newest first as the feed lists them; FeedError if unsafe or not a feed."""
    try:
        fromstring(body)
    except DefusedXmlException as error:
        raise FeedError(
            f"The feed declares XML entities or external references ({type(error).__name__}); refused"
        ) from error
    except ParseError as error:
        raise FeedError(f"The feed is not well-formed XML: {error}") from error
    parsed = feedparser.parse(body, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version"):
        raise FeedError("Not an RSS or Atom feed")
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = (entry.get("link") or "").strip()
        if not link.lower().startswith(("http://", "https://")):
            continue
        summary = entry.get("summary") or ""
        if not summary and entry.get("content"):
            summary = entry["content"][0].get("value", "")
        identity = entry.get("id") or link
        items.append(
            FeedItem(
                key=hashlib.sha256(identity.encode()).hexdigest(),
                link=link,
                title=plain_text(entry.get("title", "")),
                text=plain_text(summary),
                published=entry_date(entry),
            )
        )
    return items
