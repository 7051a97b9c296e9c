"""A position's row in the lists (positions list, home, country and actor pages), built in Python.

A page of fifty rows rendered through a template with its inclusion tags took ~50 ms at one
million positions, most of the list page's time: each row resolved some eighty template variables
and reversed five addresses. Here each row is one `format_html` call, which escapes every value
exactly as the template engine did; addresses are reversed once per language and filled in, and each
actor's, topic's and date's text is worked out once per page. The markup is the one
templates/positions/_position_row.html used to hold (tests/positions/test_rows.py holds the two
equal); that template now calls `{% position_row %}`, so pages including it keep working.
"""

import datetime
from functools import lru_cache
from types import SimpleNamespace

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from positions.badges import attribution_badge_html, stance_badge_html, verification_badge_html
from positions.bulk_html import format_html, format_html_join
from positions.models import Position, Role
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
    "quote__source__published_on",
    "quote__source__published_precision",
    "quote__source__outlet__name",
)
# What a row needs of a role: when it covers the statement's day, and its title.
ROLE_FIELDS = ("actor_id", "title", "title_uk", "start_on", "end_on")

ROW = (
    '\n<li class="position-row">\n  <div class="position-meta">\n    {}\n    {}\n    {}\n'
    '    <strong class="position-topic">{}</strong>\n'
    '    <span><time datetime="{}">{}</time></span>\n    {}\n  </div>\n  {}\n  {}\n  {}\n'
    '  <p class="position-source">\n'
    '    <a href="{}">{}<span class="visually-hidden">: {}, {}, {}</span></a>\n'
    '    · {} <a href="{}">{}</a>{}\n  </p>\n</li>\n'
)


def url_filler(name: str, placeholder):
    """Reverse once, then fill in each id or slug: a page of rows needs hundreds of addresses."""
    pattern = reverse(name, args=[placeholder])
    return lambda value: pattern.replace(str(placeholder), str(value))


@lru_cache(maxsize=16)
def row_urls(language: str | None, script_prefix: str) -> tuple:
    """The row's address makers for actors, positions, countries and sources, in a language (its
    /uk/ prefix) and under a script prefix: the same for every request, so made once per process."""
    return (
        url_filler("positions:actor_detail", "actor-slug-placeholder"),
        url_filler("positions:position_detail", 2_147_483_647),
        url_filler("positions:country_detail", "country-code-placeholder"),
        url_filler("sources:source_detail", 2_147_483_647),
    )


class RowWords:
    """What every row of one page shares: translated words, address makers, and each actor's,
    topic's, country's and date's text, worked out once. Made per page (the language is the page's);
    a page that includes _position_row.html per row makes one per row, which costs a few lookups."""

    def __init__(self, roles: dict | None = None):
        # Each actor's roles, when the page loaded them itself (roles_by_actor); else each actor's prefetched ones.
        self.roles = roles
        self.language = get_language()
        self.changed_from, self.details, self.source_word = _("changed from"), _("Details"), _("Source:")
        self.as_title = _("as %(title)s")
        urls = row_urls(self.language, get_script_prefix())
        self.actor_url, self.position_url, self.country_url, self.source_url = urls
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


def who(position, role, words: RowWords, hide_actor: bool) -> SafeString:
    """Who said it (with the role held that day and the country), or only the role on an actor's own page."""
    actor = position.actor
    if hide_actor:
        if not role:
            return mark_safe("")
        title = words.as_title % {"title": localized_text(role, "title")}
        return format_html('<p class="position-who"><span class="role">{}</span></p>', title)
    role_part = format_html('<span class="role">, {}</span>', localized_html(role, "title")) if role else ""
    country_part = ""
    if position.country and actor.kind != "state":
        country_part = format_html(
            ' <span class="role">· <a href="{}">{}</a></span>',
            words.country_url(position.country.lower()),
            # The position's country is the actor's, copied (positions/derived.py): no Country object per row.
            words.country_name(position.country),
        )
    return format_html(
        '<p class="position-who"><a href="{}">{}</a>{}{}</p>',
        words.actor_url(actor.slug),
        words.actor_name(actor),
        role_part,
        country_part,
    )


def first_words(text: str, count: int) -> str:
    """The `truncatewords` filter's text: the first `count` words, then " …" when some were cut."""
    words = text.split()
    if len(words) > count:
        return add_truncation_text(" ".join(words[:count]), " …")
    return " ".join(words)


def quote_excerpt(quote, language: str | None) -> SafeString:
    """The words as said when the page is in their language, else the English text; cut to QUOTE_WORDS words."""
    if quote.original_text and quote.original_language == language:
        excerpt = first_words(quote.original_text, QUOTE_WORDS)
        return format_html('<p class="position-quote" lang="{}">«{}»</p>', quote.original_language, excerpt)
    excerpt = first_words(quote.text, QUOTE_WORDS)
    return format_html('<p class="position-quote" lang="en">“{}”</p>', excerpt)


def position_row(position, words: RowWords, hide_actor: bool = False, replaced: str | None = None) -> SafeString:
    """One position's <li>: badges, topic, date, who, summary, quote excerpt, details and source links."""
    role = words.role(position)
    topic = words.topic_name(position.topic)
    day = words.date(position.stated_on, position.date_precision)
    change = ""
    if replaced:
        change = format_html(
            '<span class="change-marker">{}</span> {}', words.changed_from, stance_badge_html(replaced)
        )
    summary = ""
    if position.summary:
        summary = format_html('<p class="position-summary">{}</p>', localized_html(position, "summary"))
    quote = position.quote
    source = quote.source
    published = ""
    if source.published_on:
        published = format_html(", {}", words.date(source.published_on, source.published_precision))
    return format_html(
        ROW,
        stance_badge_html(position.stance),
        attribution_badge_html(position.attribution),
        verification_badge_html(position.verification),
        topic,
        position.stated_on.isoformat() if position.stated_on else "",
        day,
        change,
        who(position, role, words, hide_actor),
        summary,
        quote_excerpt(quote, words.language),
        words.position_url(position.pk),
        words.details,
        words.actor_name(position.actor),
        topic,
        day,
        words.source_word,
        words.source_url(source.pk),
        source.outlet.name,
        published,
    )


# ROW_FIELDS and the ids that tie a row's parts together, for QuerySet.values().
RECORD_COLUMNS = ("id", "actor_id", "topic_id", "quote__source_id", *ROW_FIELDS)


def row_records(values) -> list[SimpleNamespace]:
    """Positions as plain records with the attributes position_row reads, from `.values(*RECORD_COLUMNS)`.

    A row's position, actor, topic, quote, source and outlet as model instances cost ~6 ms of
    Python for the list's fifty rows (Django builds each instance field by field, with its
    signals), about as much as the query itself; records take well under one. Rows by the same
    actor or on the same topic share one record, as the row's words are kept per actor and topic.
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
    """The roles of the positions' actors, in one query, for RowWords: Django's prefetch_related
    spent ~6 ms of Python on a page's 50 roles, against ~2 ms for the same query read plainly."""
    roles: dict[int, list[Role]] = {}
    actor_ids = {position.actor_id for position in positions}
    for role in Role.objects.filter(actor_id__in=actor_ids).only(*ROLE_FIELDS).order_by():
        roles.setdefault(role.actor_id, []).append(role)
    return roles


def position_rows(
    positions, hide_actor: bool = False, roles: dict | None = None, replaced: dict | None = None
) -> SafeString:
    """The rows of a list of positions, sharing one RowWords; `roles` from roles_by_actor, if loaded;
    `replaced`: {position id: the stance it changed from}, for the rows that mark a change."""
    words = RowWords(roles)
    replaced = replaced or {}
    return format_html_join(
        "", "{}", ((position_row(position, words, hide_actor, replaced.get(position.pk)),) for position in positions)
    )
