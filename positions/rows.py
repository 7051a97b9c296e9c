"""What a position's row in the lists shows (positions list, home, country and actor pages).

The markup is templates/positions/_position_rows.html; here each row becomes a record of plain
values for it: addresses, names, the date's text, the badges. What many rows share (each actor's
and topic's name, each date's text, the address patterns) is worked out once per page, and the
rows themselves are read as plain records (`values()`) rather than as model instances.
"""

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import add_truncation_text
from django.utils.translation import get_language
from django_countries import countries

from positions.badges import (
    attribution_badge_html,
    stance_badge_html,
    translation_badge_html,
    verification_badge_html,
)
from positions.country_codes import in_address
from positions.models import Position, Role
from positions.per_language import per_language
from sources.bilingual import localized_html, localized_text
from sources.dates import format_partial_date

# A quote is cut to this many words in a row; its page has it whole.
QUOTE_WORDS = 45

# The columns a row shows, for QuerySet.only(): a page of rows need not read descriptions, notes,
# addresses and timestamps. The Ukrainian twins are here for /uk/ pages.
ROW_FIELDS = (
    "stance",
    "stated_on",
    "date_precision",
    "summary",
    "summary_uk",
    "country",
    "verification",
    "attribution",
    "actor__name",
    "actor__name_uk",
    "actor__slug",
    "actor__kind",
    "actor__country",
    "topic__name",
    "topic__name_uk",
    "topic__slug",
    "quote__text",
    "quote__original_text",
    "quote__original_language",
    "quote__translation",
    "quote__source__published_on",
    "quote__source__published_precision",
    "quote__source__outlet__name",
)
# What a row needs of a role: when it covers the statement's day, and its title.
ROLE_FIELDS = ("actor_id", "title", "title_uk", "start_on", "end_on")


def url_filler(name: str, placeholder, written=str):
    """Reverse once, then fill in each id, slug or code (as `written` writes it, like the path's
    converter): a page of rows needs hundreds of addresses."""
    pattern = reverse(name, args=[placeholder])
    return lambda value: pattern.replace(str(placeholder), written(value))


@per_language(maxsize=16)
def row_urls() -> tuple:
    """The rows' address makers for actors, positions, countries and sources, in the page's
    language (its /uk/ prefix) and under its script prefix."""
    return (
        url_filler("positions:actor_detail", "actor-slug-placeholder"),
        url_filler("positions:position_detail", 2_147_483_647),
        url_filler("positions:country_detail", "country-code-placeholder", in_address),
        url_filler("sources:source_detail", 2_147_483_647),
    )


class RowWords:
    """What the rows of one page share: address makers, and each actor's, topic's, country's and
    date's text, worked out once. Made per page (the language is the page's)."""

    def __init__(self, roles: dict | None = None):
        # Each actor's roles, when the page loaded them itself (roles_by_actor); else each actor's prefetched ones.
        self.roles = roles
        self.language = get_language()
        self.actor_url, self.position_url, self.country_url, self.source_url = row_urls()
        self.actors: dict[int, SafeString] = {}
        self.topics: dict[int, SafeString] = {}
        self.dates: dict[tuple[datetime.date, str], str] = {}
        self.countries: dict[str, str] = {}

    def date(self, day: datetime.date | None, precision: str) -> str:
        key = (day, precision)
        if key not in self.dates:
            self.dates[key] = format_partial_date(day, precision)
        return self.dates[key]

    def country_name(self, code: str) -> str:
        if code not in self.countries:
            self.countries[code] = countries.name(code)
        return self.countries[code]

    def actor_name(self, actor) -> SafeString:
        if actor.pk not in self.actors:
            self.actors[actor.pk] = localized_html(actor, "name")
        return self.actors[actor.pk]

    def role(self, position):
        """The role the actor held on the day of the statement (Position.role)."""
        if self.roles is None:
            return position.role
        return Role.pick_for_day(self.roles.get(position.actor_id, ()), position.stated_on)

    def topic_name(self, topic) -> SafeString:
        if topic.pk not in self.topics:
            self.topics[topic.pk] = localized_html(topic, "name")
        return self.topics[topic.pk]


def first_words(text: str, count: int) -> str:
    """The `truncatewords` filter's text: the first `count` words, then " …" when some were cut."""
    words = text.split()
    if len(words) > count:
        return add_truncation_text(" ".join(words[:count]), " …")
    return " ".join(words)


def row_record(position, words: RowWords, replaced: str | None = None) -> dict:
    """What _position_rows.html shows of one position (names and titles come escaped, with their
    language marked where they fall back to English; the template escapes the rest)."""
    actor, quote = position.actor, position.quote
    source = quote.source
    role = words.role(position)
    # The words as said when the page is in their language, else the English text.
    original = bool(quote.original_text) and quote.original_language == words.language
    # The position's country is the actor's, copied (positions/derived.py): no Country object per row.
    shows_country = bool(position.country) and actor.kind != "state"
    return {
        "stance_badge": stance_badge_html(position.stance),
        "attribution_badge": attribution_badge_html(position.attribution),
        "verification_badge": verification_badge_html(position.verification),
        # Said beside the English words only: a row showing the words as said needs no warning.
        "translation_badge": "" if original else translation_badge_html(quote.translation),
        "replaced_badge": stance_badge_html(replaced) if replaced else "",
        "topic": words.topic_name(position.topic),
        "stated_on": position.stated_on.isoformat() if position.stated_on else "",
        "day": words.date(position.stated_on, position.date_precision),
        "actor_url": words.actor_url(actor.slug),
        "actor_name": words.actor_name(actor),
        "role": localized_html(role, "title") if role else "",
        "role_text": localized_text(role, "title") if role else "",
        "country_url": words.country_url(position.country) if shows_country else "",
        "country_name": words.country_name(position.country) if shows_country else "",
        "summary": localized_html(position, "summary") if position.summary else "",
        "quote_language": quote.original_language if original else "en",
        "quote_is_original": original,
        "quote": first_words(quote.original_text if original else quote.text, QUOTE_WORDS),
        "url": words.position_url(position.pk),
        "source_url": words.source_url(source.pk),
        "outlet": source.outlet.name,
        "published": words.date(source.published_on, source.published_precision) if source.published_on else "",
    }


def row_records_for_page(positions, roles: dict | None = None, replaced: dict | None = None) -> list[dict]:
    """The records of a list of positions, sharing one RowWords; `roles` from roles_by_actor, if
    loaded; `replaced`: {position id: the stance it changed from}, for the rows that mark a change."""
    words = RowWords(roles)
    replaced = replaced or {}
    return [row_record(position, words, replaced.get(position.pk)) for position in positions]


# ROW_FIELDS and the ids that tie a row's parts together, for QuerySet.values().
RECORD_COLUMNS = ("id", "actor_id", "topic_id", "quote__source_id", *ROW_FIELDS)


def row_records(values) -> list[SimpleNamespace]:
    """Positions as plain records with the attributes row_record reads, from `.values(*RECORD_COLUMNS)`.

    Model instances for a row's position, actor, topic, quote, source and outlet cost about as
    much Python as the query itself (Django builds each field by field, with its signals). Rows
    by the same actor or on the same topic share one record, as the row's words are kept per
    actor and topic.
    """
    actors, topics, records = {}, {}, []
    for row in values:
        actor = actors.get(row["actor_id"])
        if actor is None:
            actor = actors[row["actor_id"]] = SimpleNamespace(
                pk=row["actor_id"],
                name=row["actor__name"],
                name_uk=row["actor__name_uk"],
                slug=row["actor__slug"],
                kind=row["actor__kind"],
            )
        topic = topics.get(row["topic_id"])
        if topic is None:
            topic = topics[row["topic_id"]] = SimpleNamespace(
                pk=row["topic_id"], name=row["topic__name"], name_uk=row["topic__name_uk"], slug=row["topic__slug"]
            )
        source = SimpleNamespace(
            pk=row["quote__source_id"],
            published_on=row["quote__source__published_on"],
            published_precision=row["quote__source__published_precision"],
            outlet=SimpleNamespace(name=row["quote__source__outlet__name"]),
        )
        quote = SimpleNamespace(
            text=row["quote__text"],
            original_text=row["quote__original_text"],
            original_language=row["quote__original_language"],
            translation=row["quote__translation"],
            source=source,
        )
        records.append(
            SimpleNamespace(
                pk=row["id"],
                actor_id=row["actor_id"],
                actor=actor,
                topic=topic,
                quote=quote,
                stance=row["stance"],
                stated_on=row["stated_on"],
                date_precision=row["date_precision"],
                summary=row["summary"],
                summary_uk=row["summary_uk"],
                country=row["country"],
                verification=row["verification"],
                attribution=row["attribution"],
            )
        )
    return records


def records_by_id(ids: list[int]) -> list[SimpleNamespace]:
    """The rows of these positions, in this order (a page of the list, found id first)."""
    records = row_records(Position.objects.filter(pk__in=ids).values(*RECORD_COLUMNS))
    by_id = {record.pk: record for record in records}
    return [by_id[pk] for pk in ids if pk in by_id]


def latest_rows(positions, count: int) -> list[SimpleNamespace]:
    """The newest `count` positions as row records: the country and home pages list ten."""
    return row_records(positions.order_by("-stated_on", "-id").values(*RECORD_COLUMNS)[:count])


def roles_by_actor(positions) -> dict[int, list[Role]]:
    """The roles of the positions' actors, in one query, for RowWords: read plainly, a page's roles
    cost a third of the Python Django's prefetch_related spends on them."""
    roles: dict[int, list[Role]] = {}
    actor_ids = {position.actor_id for position in positions}
    for role in Role.objects.filter(actor_id__in=actor_ids).only(*ROLE_FIELDS).order_by():
        roles.setdefault(role.actor_id, []).append(role)
    return roles
