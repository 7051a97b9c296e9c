"""What an import will create and change, worked out with reads only (one query per natural key
for the whole file), then written in batches. See importer.py for the whole import."""

import copy
import datetime
from collections import Counter, defaultdict
from types import MappingProxyType

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from positions import derived
from positions.choices import office_rank_for
from positions.exchange.keys import among, chunks, identity, outlet_key, quote_key, source_key
from positions.exchange.report import Change, display, excerpt
from positions.exchange.validation import ExchangeRow, RowError, anonymous_confirmed_reason
from positions.exchange.writer import NEW_COLUMNS, Pending, history_statements, insert_new, meanwhile
from positions.models import Actor, Position, Role, Topic
from sources.models import Attribution, Outlet, Quote, Source, Translation, Verification

# Where a new position's and a new quote's values stand in a Pending (writer.NEW_COLUMNS): by
# name, so that a column added to the tuple cannot shift what is read here.
P = {name: index for index, name in enumerate(NEW_COLUMNS[Position])}
Q_ = {name: index for index, name in enumerate(NEW_COLUMNS[Quote])}

# What a file may change of a stored position that is a correction of what it says (the others of
# positions.corrections.CORRECTED_FIELDS are its natural key: a file changing them adds a position).
CORRECTED_ON_IMPORT = ("stance", "stated_on", "date_precision")

BATCH_SIZE = 1000
# What a created object's Change shows as changed fields: nothing, shared rather than a dict each.
NO_FIELDS: MappingProxyType[str, tuple] = MappingProxyType({})
# Past this many (country, topic) pairs, one pass over every statement beats a read per pair.
REFRESH_ALL_OVER = 100


def refresh_country_stances(since: dict[tuple[str, int], datetime.date], meanwhile=None) -> None:
    """Refresh the countries' stances (current, and by month from each pair's day) an import may have changed."""
    derived.refresh_since(since, one_pass=len(since) > REFRESH_ALL_OVER, meanwhile=meanwhile)


class Plan:
    """What an import will create and change, worked out with reads only, then written in batches."""

    def __init__(self, rows: list[ExchangeRow], may_create_topics: bool = True, words=None):
        self.rows = rows
        # The words' part of new positions' search vectors, being computed meanwhile (postgres.TextVectors), or None.
        self.words = words
        self.may_create_topics = may_create_topics
        self.changes: list[Change] = []
        self.errors: list[RowError] = []
        self.new: defaultdict[str, list] = defaultdict(list)
        self.updated: defaultdict[str, dict] = defaultdict(dict)  # kind -> {pk: (obj, {field names})}
        self.topics: dict = {}
        self.outlets: dict = {}
        self.actors: dict = {}
        self.sources: dict = {}
        self.quotes: dict = {}
        # pk -> (the position as it was, the line correcting it): a published position whose stance
        # or date the file changes.
        self.corrected: dict[int, tuple[Position, int]] = {}
        self.stance_pairs: set[tuple[str, int]] = set()  # (country, topic id) whose stances may change, in any month
        self.roles: dict[int, list[Role]] = {}  # id(actor) -> its roles, stored and new

    def created(self, kind: str, obj, line: int, label: str) -> None:
        self.new[kind].append(obj)
        self.changes.append(Change(line, kind, label, True, NO_FIELDS))

    def compare(self, kind: str, obj, line: int, label: str, wanted: dict, shown: dict | None = None) -> None:
        """Set the fields that differ from the row on an existing object, and note the change."""
        differing = {name: value for name, value in wanted.items() if getattr(obj, name) != value}
        if not differing:
            return
        shown = shown or {}
        fields = {}
        for name, value in differing.items():
            old = shown.get(name, (getattr(obj, name), value))[0]
            fields[name] = (display(old), display(shown.get(name, (None, value))[1]))
            setattr(obj, name, value)
        self.updated[kind].setdefault(obj.pk, (obj, set()))[1].update(differing)
        self.changes.append(Change(line, kind, label, created=False, fields=fields))

    def match(self) -> None:
        self.match_topics()
        if self.errors:
            return  # Rows naming a topic that may not be created cannot be matched any further.
        self.match_outlets()
        self.match_actors()
        self.match_sources()
        self.match_quotes()
        self.match_roles()
        self.match_positions()

    def match_topics(self) -> None:
        slugs = {row.topic for row in self.rows}
        self.topics.update({topic.slug: topic for topic in among(Topic.objects.all(), "slug", slugs)})
        for row in self.rows:
            if row.topic not in self.topics and not self.may_create_topics:
                self.errors.append(
                    RowError(
                        row.line,
                        [
                            _(
                                "topic “%(slug)s” does not exist, and you may not add topics: "
                                "use an existing topic's slug, or ask an administrator to add it first."
                            )
                            % {"slug": row.topic}
                        ],
                    )
                )
            elif row.topic not in self.topics:
                # Named after its slug, for an editor to rename.
                self.topics[row.topic] = topic = Topic(slug=row.topic, name=row.topic)
                self.created("topic", topic, row.line, row.topic)

    def match_outlets(self) -> None:
        names = {outlet_key(row): row.outlet for row in reversed(self.rows)}
        for outlet in among(Outlet.objects.all(), "name", names.values()):
            self.outlets.setdefault(outlet.name.casefold(), outlet)
        unmatched = [name for key, name in names.items() if key not in self.outlets]
        for part in chunks(unmatched, 100):
            query = Q()
            for name in part:
                query |= Q(name__iexact=name)
            for outlet in Outlet.objects.filter(query):
                self.outlets.setdefault(outlet.name.casefold(), outlet)
        taken: set[str] = set()
        for row in self.rows:
            if outlet_key(row) not in self.outlets:
                slug = self.free_outlet_slug(row.outlet, taken)
                self.outlets[outlet_key(row)] = outlet = Outlet(name=row.outlet, slug=slug)
                self.created("outlet", outlet, row.line, row.outlet)

    @staticmethod
    def free_outlet_slug(name: str, taken: set[str]) -> str:
        base = (slugify(name) or "outlet")[:180].strip("-") or "outlet"
        used = taken | set(Outlet.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def match_actors(self) -> None:
        slugs = {row.actor_slug for row in self.rows}
        self.actors.update({actor.slug: actor for actor in among(Actor.objects.all(), "slug", slugs)})
        seen = set()
        for row in self.rows:
            if row.actor_slug in seen:
                continue
            seen.add(row.actor_slug)
            actor = self.actors.get(row.actor_slug)
            if actor is None:
                actor = Actor(name=row.actor, slug=row.actor_slug, kind=row.actor_kind, country=row.country)
                self.actors[row.actor_slug] = actor
                self.created("actor", actor, row.line, row.actor_slug)
                continue
            wanted = {"name": row.actor, "kind": row.actor_kind}
            shown = {}
            if (actor.country.code or "") != row.country:
                wanted["country"] = row.country
                shown["country"] = (actor.country.code or "", row.country)
            self.compare("actor", actor, row.line, row.actor_slug, wanted, shown)

    def match_sources(self) -> None:
        by_url: dict = {}
        by_title: dict = {}
        urls = {row.source_url for row in self.rows if row.source_url}
        # Excluding blank URLs lets PostgreSQL use the partial unique index on URLs.
        with_url = Source.objects.exclude(url="").select_related("outlet")
        by_url.update({source.url: source for source in among(with_url, "url", urls)})
        titles = {row.source_title for row in self.rows if not row.source_url}
        for source in among(Source.objects.filter(url="").select_related("outlet"), "title", titles):
            by_title.setdefault((source.outlet_id, source.title, source.published_on), source)
        for row in self.rows:
            key = source_key(row)
            if key in self.sources:
                continue
            outlet = self.outlets[outlet_key(row)]
            if row.source_url:
                source = by_url.get(row.source_url)
            else:
                source = by_title.get((outlet.pk, row.source_title, row.published_on)) if outlet.pk else None
            label = row.source_url or f"{row.outlet}: {row.source_title}"
            if source is None:
                # NEW_COLUMNS[Source] order; the outlet's id is known once it is written.
                source = Pending(
                    (
                        outlet,
                        row.source_title,
                        row.source_url,
                        row.published_on,
                        row.published_precision,
                        row.quote_language or "en",
                        row.archive_url,
                    ),
                    row.line,
                )
                self.created("source", source, row.line, label)
            else:
                wanted = {
                    "title": row.source_title,
                    "published_on": row.published_on,
                    "published_precision": row.published_precision,
                    "archive_url": row.archive_url,
                }
                shown = {}
                if source.outlet != outlet or outlet.pk is None:
                    wanted["outlet"] = outlet
                    shown["outlet"] = (source.outlet.name, outlet.name)
                self.compare("source", source, row.line, label, wanted, shown)
            self.sources[key] = source

    def match_quotes(self) -> None:
        candidates = defaultdict(list)
        source_ids = {source.pk for source in self.sources.values() if source.pk}
        texts = {row.quote for row in self.rows}
        # All quotes of the matched sources (a source has a few), rather than sources × texts.
        for quote in among(Quote.objects.order_by("id"), "source_id", source_ids):
            if quote.text in texts:
                candidates[(quote.source_id, quote.text)].append(quote)
        for row in self.rows:
            key = quote_key(row)
            if key in self.quotes:
                continue
            source = self.sources[source_key(row)]
            found = candidates.get((source.pk, row.quote), []) if source.pk else []
            # The quote said that day; failing that, the same words in the same source.
            quote = next((q for q in found if q.said_on == row.stated_on), found[0] if found else None)
            label = excerpt(row.quote)
            if quote is None:
                quote = Pending(
                    (
                        source,
                        row.quote,
                        row.quote_original,
                        row.quote_language,
                        row.stated_on,
                        row.date_precision,
                        row.verification,
                        row.quote_translation or Translation.default_for(row.quote_original),
                        row.attribution or Attribution.DIRECT,
                    ),
                    row.line,
                )
                self.created("quote", quote, row.line, label)
            else:
                wanted = {"original_text": row.quote_original, "original_language": row.quote_language}
                # A blank cell (or an older file without the column) says nothing: the stored value stays.
                if row.verification_given:
                    wanted["verification"] = row.verification
                if row.attribution:
                    wanted["attribution"] = row.attribution
                if row.quote_translation:
                    wanted["translation"] = row.quote_translation
                elif row.quote_original and quote.translation == Translation.ORIGINAL:
                    wanted["translation"] = Translation.TRANSLATION
                # A blank cell keeps the stored value, which may make the one refused pair with the other cell.
                attribution = wanted.get("attribution", quote.attribution)
                if attribution == Attribution.ANONYMOUS and wanted.get("verification", quote.verification) == (
                    Verification.CONFIRMED
                ):
                    self.errors.append(RowError(row.line, [anonymous_confirmed_reason()]))
                else:
                    self.compare("quote", quote, row.line, label, wanted)
            self.quotes[key] = quote

    def match_roles(self) -> None:
        """Reuse a role of the row's title covering its date, or start one on that date.

        A role of that title the actor already has, whose dates do not cover the statement, is
        refused rather than started again: either the date or the role's dates are wrong, and
        an editor must say which (an office held twice is entered in the admin).
        """
        stored = defaultdict(list)
        actor_ids = {actor.pk for actor in self.actors.values() if actor.pk}
        for role in among(Role.objects.all(), "actor_id", actor_ids):
            stored[role.actor_id].append(role)
        # Every role of each actor, with those this import starts: new positions are ranked by them.
        self.roles = {id(actor): list(stored.get(actor.pk, ())) for actor in self.actors.values()}
        # Oldest first, so a later statement reuses the role an earlier one started.
        for row in sorted((row for row in self.rows if row.role), key=lambda row: (row.stated_on, row.line)):
            actor = self.actors[row.actor_slug]
            held = self.roles[id(actor)]
            if any(role.title == row.role and role.covers(row.stated_on) for role in held):
                continue
            same_title = [role for role in stored.get(actor.pk, []) if role.title == row.role]
            if same_title:
                self.errors.append(
                    RowError(
                        row.line,
                        [
                            _(
                                "role “%(role)s” of %(actor)s runs %(periods)s, which does not cover stated_on "
                                "%(stated)s; correct the date, or the role's dates in the admin."
                            )
                            % {
                                "role": row.role,
                                "actor": row.actor_slug,
                                "periods": ", ".join(role.period_display for role in same_title),
                                "stated": row.stated_on.isoformat(),
                            }
                        ],
                    )
                )
                continue
            role = Role(actor=actor, title=row.role, country=row.country, start_on=row.stated_on)
            held.append(role)
            self.created("role", role, row.line, f"{row.role} ({row.actor_slug}, {row.stated_on.isoformat()})")

    def match_positions(self) -> None:
        existing = {}
        quote_ids = {quote.pk for quote in self.quotes.values() if quote.pk}
        for position in among(Position.objects.all(), "quote_id", quote_ids):
            existing[(position.actor_id, position.topic_id, position.quote_id)] = position
        first_line: dict = {}
        for row in self.rows:
            actor, topic, quote = self.actors[row.actor_slug], self.topics[row.topic], self.quotes[quote_key(row)]
            key = (identity(actor), identity(topic), identity(quote))
            if key in first_line:
                self.errors.append(
                    RowError(
                        row.line,
                        [
                            _("repeats the position of line %(other)d (same actor, topic and quote).")
                            % {"other": first_line[key]}
                        ],
                    )
                )
                continue
            first_line[key] = row.line
            label = f"{row.actor_slug} / {row.topic} ({row.stated_on.isoformat()})"
            position = existing.get((actor.pk, topic.pk, quote.pk)) if actor.pk and topic.pk and quote.pk else None
            if position is None:
                # The first NEW_COLUMNS[Position]; the copies of actor and quote values are added on writing.
                position = Pending(
                    (
                        actor,
                        topic,
                        quote,
                        row.stance,
                        row.stated_on,
                        row.date_precision,
                        row.conditions,
                        row.summary,
                        row.date_evidence,
                    ),
                    row.line,
                )
                self.created("position", position, row.line, label)
            else:
                wanted = {
                    "stance": row.stance,
                    "stated_on": row.stated_on,
                    "date_precision": row.date_precision,
                    "conditions": row.conditions,
                    "summary": row.summary,
                }
                if row.date_evidence:
                    wanted["date_evidence"] = row.date_evidence
                if any(getattr(position, name) != wanted[name] for name in CORRECTED_ON_IMPORT):
                    # What the published position said, for the public corrections log.
                    position.actor, position.topic, position.quote = actor, topic, quote
                    self.corrected[position.pk] = (copy.copy(position), row.line)
                self.compare("position", position, row.line, label, wanted)

    def write(self, user=None) -> None:
        """Create and update in batches, parents before children, with history rows for each."""
        options = {"batch_size": BATCH_SIZE, "default_user": user}
        for kind, model in (("topic", Topic), ("outlet", Outlet), ("actor", Actor)):
            self.create(model, self.new[kind], options)
        self.update(Actor, "actor", options)
        self.create(Role, self.new["role"], options)
        now = timezone.now()
        insert_new(Source, self.new["source"])
        self.update(Source, "source", options)
        insert_new(Quote, self.new["quote"])
        self.update(Quote, "quote", options)
        self.copy_to_positions()
        positions = self.new["position"]
        created = [
            *history_statements(Source, [source.pk for source in self.new["source"]], user, now),
            *history_statements(Quote, [quote.pk for quote in self.new["quote"]], user, now),
        ]
        # The database writes the new sources' and quotes' history and checks their keys while Python completes the positions.
        with meanwhile(created):
            self.add_copied_values(positions, now)
            # Oldest first (and, for one date, from the bottom up, as exports list newest first) so
            # ids grow with statement dates, as when entered by hand: a re-export lists rows in the same order.
            positions.sort(key=lambda position: (position.values[P["stated_on"]], -position.line))
        insert_new(Position, positions, words=self.words.result() if self.words else None)
        for position, fields in self.updated["position"].values():
            position.updated_at = now
            fields.add("updated_at")
        self.update(Position, "position", options)
        # Bulk writes send no signals: the office ranks and the countries' stances are brought up to date here.
        # New positions were ranked before writing; a new role or a changed actor or position may
        # change the rank of statements already stored.
        ranked = {role.actor_id for role in self.new["role"]}
        ranked |= {actor.pk for actor, _fields in self.updated["actor"].values()}
        ranked |= {position.actor_id for position, _fields in self.updated["position"].values()}
        if ranked:
            of_ranked = Position.objects.filter(actor_id__in=ranked)
            derived.rank_positions(of_ranked)
            self.stance_pairs |= set(of_ranked.order_by().values_list("country", "topic_id").distinct())
        self.stance_pairs |= {
            (position.country, position.topic_id) for position, _f in self.updated["position"].values()
        }
        # A pair that only gained statements keeps its months before the oldest of them.
        since = dict.fromkeys(self.stance_pairs, datetime.date.min)
        for position in positions:
            values = position.values
            pair = (values[P["country"]], values[P["topic_id"]].pk)
            since[pair] = min(since.get(pair, datetime.date.max), values[P["stated_on"]])
        # The database writes the new positions' history and checks their keys while Python works out the stances.
        created = history_statements(Position, [position.pk for position in positions], user, now)
        refresh_country_stances(since, meanwhile=meanwhile(created))
        if self.updated["actor"] or self.updated["quote"] or self.updated["position"]:
            # Existing positions may have moved between combinations, in any country.
            derived.recount_facets()
        else:
            # Only new positions: each adds one to its (country, stance, topic, actor kind, verification).
            values = (position.values for position in positions)
            derived.add_to_facets(
                Counter(
                    (v[P["country"]], v[P["stance"]], v[P["topic_id"]].pk, v[P["actor_kind"]], v[P["verification"]])
                    for v in values
                )
            )
        derived.bump()

    def add_copied_values(self, positions: list[Pending], now) -> None:
        """Complete new positions with their copies of the actor's and the quote's values and
        their office rank (see Position), as Position.save would: after the roles are written,
        whose ids break ties between roles starting the same day."""
        of_actor = {
            id(actor): (actor.country.code if actor.country else "", actor.kind) for actor in self.actors.values()
        }
        for position in positions:
            actor, _topic, quote = position.values[:3]
            if isinstance(quote, Pending):
                verification, attribution = quote.values[Q_["verification"]], quote.values[Q_["attribution"]]
            else:
                verification, attribution = quote.verification, quote.attribution
            role = Role.pick_for_day(self.roles[id(actor)], position.values[P["stated_on"]])
            rank = office_rank_for(actor.kind, role.office_rank if role else None)
            position.values = (*position.values, *of_actor[id(actor)], verification, attribution, now, now, rank)

    def create(self, model, objects: list, options: dict) -> None:
        if objects:
            bulk_create_with_history(objects, model, **options)

    def update(self, model, kind: str, options: dict) -> None:
        updated = self.updated[kind]
        if updated:
            objects = [obj for obj, _fields in updated.values()]
            fields = sorted(set().union(*(fields for _obj, fields in updated.values())))
            bulk_update_with_history(objects, model, fields, **options)

    def copy_to_positions(self) -> None:
        """Keep existing positions' copies of changed actors' and quotes' values in step (see Position)."""
        for actor, _fields in self.updated["actor"].values():
            self.stance_pairs |= derived.copy_actor_columns(actor)
        by_columns = defaultdict(list)
        for quote, _fields in self.updated["quote"].values():
            by_columns[quote.verification, quote.attribution].append(quote.pk)
        for (verification, attribution), quote_ids in by_columns.items():
            for part in chunks(quote_ids):
                self.stance_pairs |= derived.copy_quote_columns(part, verification, attribution)
