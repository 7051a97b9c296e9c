"""Synthetic data at scale for benchmarks: realistic actors, outlets, sources, quotes and positions.

`SyntheticData` draws every row from one `random.Random(seed)`, so a seed always gives the same
data; `positions.demo.bulk_load.BulkWriter` writes them. Rows carry explicit ids, so foreign keys are
known without reading anything back. Bulk writes bypass `save()` and signals: the copies of
country, actor kind and verification on positions are filled here, and no history rows are made.
"""

import datetime
import random
import zlib
from collections.abc import Iterator

from django.utils.text import slugify
from django_countries import countries

from positions.choices import ActorKind, Stance
from positions.demo import names, words
from positions.demo.profile import (
    FIRST_DAY,
    LAST_DAY,
    SCALE,
    SHARED_QUOTE_SHARE,
    TOPIC_RELUCTANCE,
    TOPIC_WEIGHTS,
    TRUSTED_OUTLET_KINDS,
    YEAR_WEIGHTS,
    Sizes,
    SyntheticActor,
    SyntheticSource,
    cumulative,
    slug_prefix,
)
from sources.dates import DatePrecision, truncate_to_precision
from sources.models import OutletKind, Translation, Verification


class SyntheticData:
    """Rows for every table, drawn from one seeded random generator, with ids from `first_ids`."""

    def __init__(
        self,
        seed: int,
        positions: int,
        first_ids: dict[str, int],
        topic_ids: dict[str, int],
        taken_outlet_names: set[str],
    ):
        self.rng = random.Random(seed)
        self.seed = seed
        self.prefix = slug_prefix(seed)
        self.sizes = Sizes.for_positions(positions)
        self.next_ids = dict(first_ids)
        self.topic_ids = topic_ids
        self.taken_outlet_names = set(taken_outlet_names)
        self.country_names = {code: str(name) for code, name in countries}
        self.actors: list[SyntheticActor] = []
        self.sources: list[SyntheticSource] = []
        self.quote_keys: set[int] = set()  # see distinct_quote
        self.years = list(YEAR_WEIGHTS)
        self.year_cum = cumulative(YEAR_WEIGHTS.values())
        self.topics = [slug for slug in TOPIC_WEIGHTS if slug in topic_ids]
        self.topic_cum = cumulative(TOPIC_WEIGHTS[slug] for slug in self.topics)

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] += 1
        return value

    # Actors and roles -------------------------------------------------------------------------

    def pick_countries(self) -> list[str]:
        rest = sorted(code for code in self.country_names if code not in names.PRIORITY_COUNTRIES)
        self.rng.shuffle(rest)
        return (names.PRIORITY_COUNTRIES + rest)[: self.sizes.countries]

    def actor_rows(self) -> tuple[list[tuple], list[tuple]]:
        """Actors and their roles: a state and a legislature per country, organisations, people, parties."""
        rng, actors, roles = self.rng, [], []
        chosen = self.pick_countries()
        # Big players speak most: a country's share falls with its rank.
        country_share = {code: 1 / (rank + 3) for rank, code in enumerate(chosen)}
        scale = 0.9 / sum(country_share.values())

        def add(name, kind, country, context, weight, slug_tail, aliases=""):
            actor = SyntheticActor(
                self.new_id("actor"),
                name,
                kind,
                country,
                context,
                lean=rng.uniform(0, 4),
                drift=rng.uniform(-0.2, 0.2),
                weight=weight,
            )
            self.actors.append(actor)
            actors.append((actor.id, name, f"{self.prefix}{slug_tail}", kind, country, aliases, "", ""))
            return actor

        for code in chosen:
            name, share = self.country_names[code], country_share[code] * scale
            add(name, ActorKind.STATE, code, name, share * 0.30, code.lower())
            add(f"Parliament of {name}", ActorKind.LEGISLATURE, code, name, share * 0.10, f"{code.lower()}-parliament")
        organisations = []
        for number, name in enumerate(names.ORGANISATIONS[: self.sizes.organisations]):
            organisations.append(
                add(
                    name,
                    ActorKind.ORGANISATION,
                    "",
                    name,
                    0.04 / self.sizes.organisations,
                    f"org-{number}-{slugify(name)}",
                )
            )
        remaining = max(0, self.sizes.actors - len(self.actors))
        codes, code_cum = chosen, cumulative(country_share[code] for code in chosen)
        for number in range(remaining):
            draw = rng.random()
            if draw < 0.05:
                organisation = rng.choice(organisations)
                name, aliases = self.person_name("")
                actor = add(
                    name,
                    ActorKind.OFFICIAL,
                    "",
                    organisation.name,
                    0.03 / max(1, remaining * 0.05),
                    f"{slugify(name)}-{number}",
                    aliases,
                )
                roles += self.role_rows(actor, organisation.id)
                continue
            if draw < 0.08:
                name, aliases = self.person_name("")
                add(
                    name,
                    ActorKind.ANALYST,
                    "",
                    "Europe",
                    0.03 / max(1, remaining * 0.03) * rng.lognormvariate(0, 0.6),
                    f"{slugify(name)}-{number}",
                    aliases,
                )
                continue
            code = rng.choices(codes, cum_weights=code_cum)[0]
            share = country_share[code] * scale * rng.lognormvariate(0, 0.6)
            country_name = self.country_names[code]
            kind_draw = rng.random()
            if kind_draw < 0.1:
                party = f"{rng.choice(names.PARTY_WORDS)} {rng.choice(names.PARTY_NOUNS)} of {country_name}"
                add(party, ActorKind.PARTY, code, country_name, share * 0.02, f"{slugify(party)}-{number}")
                continue
            name, aliases = self.person_name(code)
            kind = ActorKind.ANALYST if kind_draw < 0.3 else ActorKind.OFFICIAL
            actor = add(
                name,
                kind,
                code,
                country_name,
                share * (0.04 if kind == ActorKind.ANALYST else 0.12),
                f"{slugify(name)}-{number}",
                aliases,
            )
            if kind == ActorKind.OFFICIAL:
                roles += self.role_rows(actor, None)
        return actors, roles

    def person_name(self, country: str) -> tuple[str, str]:
        """A name, and for Ukrainians the Cyrillic spelling as an alias."""
        if country == "UA":
            (first, first_uk), (last, last_uk) = (
                self.rng.choice(names.UKRAINIAN_NAMES),
                self.rng.choice(names.UKRAINIAN_SURNAMES),
            )
            return f"{first} {last}", f"{first_uk} {last_uk}"
        return f"{self.rng.choice(names.FIRST_NAMES)} {self.rng.choice(names.LAST_NAMES)}", ""

    def role_rows(self, actor: SyntheticActor, organisation_id: int | None) -> list[tuple]:
        """One to three consecutive offices; the last one often still held."""
        rng, rows = self.rng, []
        titles = names.ORGANISATION_TITLES if organisation_id else names.OFFICIAL_TITLES
        start = datetime.date(rng.randint(2008, 2021), rng.randint(1, 12), rng.randint(1, 28))
        for number in range(rng.randint(1, 3)):
            served = start + datetime.timedelta(days=rng.randint(365, 6 * 365))
            last = number == 2 or served > LAST_DAY or rng.random() < 0.3
            end = None if last and rng.random() < 0.6 else min(served, LAST_DAY)
            rows.append((self.new_id("role"), actor.id, rng.choice(titles), actor.country, organisation_id, start, end))
            if end is None or last:
                break
            start = end + datetime.timedelta(days=1)
        return rows

    # Outlets and sources ----------------------------------------------------------------------

    def outlet_rows(self) -> tuple[list[tuple], list[tuple[int, str, str, bool]]]:
        """Outlets, and per outlet (id, country, trusted) for drawing sources."""
        rng, rows, outlets = self.rng, [], []
        state_actors = [actor for actor in self.actors if actor.kind == ActorKind.STATE]
        state_cum = cumulative(actor.weight for actor in state_actors)
        for number in range(self.sizes.outlets):
            # A Ukrainian and a French paper at any size, so there are always Cyrillic and French originals.
            if number < 2 and any(actor.country == ("UA", "FR")[number] for actor in state_actors):
                state = next(actor for actor in state_actors if actor.country == ("UA", "FR")[number])
                country, place, kind = state.country, state.name, OutletKind.NEWSPAPER
            elif rng.random() < 0.15:
                country, place = "", rng.choice(["European", "Transatlantic", "Global", "Eastern Europe"])
                kind = rng.choice([OutletKind.THINK_TANK, OutletKind.ORGANISATION, OutletKind.NEWS_AGENCY])
            else:
                state = rng.choices(state_actors, cum_weights=state_cum)[0]
                country, place = state.country, state.name
                kind = rng.choices(
                    [
                        OutletKind.NEWSPAPER,
                        OutletKind.NEWS_AGENCY,
                        OutletKind.BROADCASTER,
                        OutletKind.GOVERNMENT,
                        OutletKind.PARLIAMENT,
                        OutletKind.THINK_TANK,
                    ],
                    weights=[35, 15, 20, 15, 10, 5],
                )[0]
            if kind == OutletKind.GOVERNMENT:
                name = f"Government of {place}"
            elif kind == OutletKind.PARLIAMENT:
                name = f"Parliament of {place}: record"
            elif kind == OutletKind.THINK_TANK:
                name = f"{place} {rng.choice(names.THINK_TANK_NOUNS)}"
            elif kind == OutletKind.ORGANISATION:
                name = f"{rng.choice(names.ORGANISATIONS)} press office"
            else:
                name = f"{place} {rng.choice(names.OUTLET_NOUNS)}"
            name = self.unique_outlet_name(name)
            slug = f"{self.prefix}{slugify(name)}"
            outlet_id = self.new_id("outlet")
            rows.append((outlet_id, name, slug, f"https://{slug}.example/", country, kind))
            outlets.append((outlet_id, slug, country, kind in TRUSTED_OUTLET_KINDS))
        return rows, outlets

    def unique_outlet_name(self, name: str) -> str:
        candidate, number = name, 1
        while candidate.lower() in self.taken_outlet_names:
            number += 1
            candidate = f"{name} {number}"
        self.taken_outlet_names.add(candidate.lower())
        return candidate

    def random_day(self) -> datetime.date:
        year = self.rng.choices(self.years, cum_weights=self.year_cum)[0]
        start = datetime.date(year, 1, 1)
        span = (min(datetime.date(year, 12, 31), LAST_DAY) - start).days
        return start + datetime.timedelta(days=self.rng.randint(0, span))

    def source_rows(self, outlets: list[tuple[int, str, str, bool]]) -> Iterator[tuple]:
        rng = self.rng
        outlet_cum = cumulative(rng.lognormvariate(0, 1) for _ in outlets)
        for outlet_id, slug, country, trusted in rng.choices(outlets, cum_weights=outlet_cum, k=self.sizes.sources):
            source_id = self.new_id("source")
            precision = rng.choices([DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR], weights=[94, 5, 1])[0]
            published_on = truncate_to_precision(self.random_day(), precision)
            language = {"UA": "uk", "FR": "fr"}.get(country, "en") if rng.random() < 0.7 else "en"
            place = self.country_names.get(country, "Europe")
            topic_en = words.TOPIC_PHRASES[rng.choice(self.topics)][0] if self.topics else "troops"
            title = rng.choice(words.SOURCE_TITLES).format(c=place, t=topic_en)
            title = title[0].upper() + title[1:]
            url = f"https://{slug}.example/{published_on:%Y/%m}/{source_id}"
            archive_url = (
                f"https://web.archive.org/web/{published_on:%Y%m%d}000000/{url}" if rng.random() < 0.25 else ""
            )
            accessed_on = min(LAST_DAY, published_on + datetime.timedelta(days=rng.randint(0, 400)))
            self.sources.append(SyntheticSource(source_id, published_on, precision, language, trusted))
            yield (source_id, outlet_id, title, url, published_on, precision, language, archive_url, accessed_on, "")

    # Quotes and positions ---------------------------------------------------------------------

    def statement_chunks(self, chunk_size: int = 20_000) -> Iterator[tuple[list[tuple], list[tuple]]]:
        """(quotes, positions) in chunks, until there are as many positions as asked for."""
        actor_cum = cumulative(actor.weight for actor in self.actors)
        made = 0
        while made < self.sizes.positions:
            quotes, positions = [], []
            speakers = self.rng.choices(self.actors, cum_weights=actor_cum, k=chunk_size)
            for actor in speakers:
                if made >= self.sizes.positions:
                    break
                wanted = 2 if self.rng.random() < SHARED_QUOTE_SHARE else 1
                wanted = min(wanted, self.sizes.positions - made, len(self.topics))
                quote, rows = self.statement(actor, wanted)
                quotes.append(quote)
                positions += rows
                made += len(rows)
            yield quotes, positions

    def statement(self, actor: SyntheticActor, topics_wanted: int) -> tuple[tuple, list[tuple]]:
        """One quote and the one or two positions it evidences."""
        rng = self.rng
        source = self.sources[rng.randrange(len(self.sources))]
        precision: str
        if source.precision == DatePrecision.DAY:
            precision = rng.choices([DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR], weights=[85, 12, 3])[
                0
            ]
            said = max(FIRST_DAY, source.published_on - datetime.timedelta(days=rng.randint(0, 2)))
            said_on = truncate_to_precision(said, precision)
        else:
            precision, said_on = source.precision, source.published_on
        if source.trusted:
            verification = Verification.CONFIRMED if rng.random() < 0.9 else Verification.REPORTED
        else:
            verification = rng.choices(
                [Verification.CONFIRMED, Verification.REPORTED, Verification.UNVERIFIED], weights=[45, 42, 13]
            )[0]
        topics: list[str] = []
        while len(topics) < topics_wanted:
            topic = rng.choices(self.topics, cum_weights=self.topic_cum)[0]
            if topic not in topics:
                topics.append(topic)
        stances = [self.stance(actor, topic, said_on.year) for topic in topics]
        text, original, language = self.quote_text(actor, topics[0], stances[0], source.language)
        quote_id = self.new_id("quote")
        text, original = self.distinct_quote(source.id, said_on, text, original, language, quote_id, actor)
        translation = Translation.default_for(original)
        quote = (quote_id, source.id, text, original, language, said_on, precision, verification, translation)
        created = datetime.datetime.combine(said_on, datetime.time(9), tzinfo=datetime.UTC) + datetime.timedelta(days=1)
        positions = []
        for topic, stance in zip(topics, stances, strict=True):
            topic_en = words.TOPIC_PHRASES[topic][0]
            conditions = rng.choice(words.CONDITIONS) if stance != Stance.COMMENTARY and rng.random() < 0.3 else ""
            summary = f"{actor.name} {words.SUMMARY_VERBS[stance]} {topic_en}."
            positions.append(
                (
                    self.new_id("position"),
                    actor.id,
                    self.topic_ids[topic],
                    quote_id,
                    stance,
                    said_on,
                    precision,
                    conditions,
                    summary,
                    actor.country,
                    actor.kind,
                    verification,
                    created,
                    created,
                )
            )
        return quote, positions

    def distinct_quote(
        self,
        source_id: int,
        said_on: datetime.date,
        text: str,
        original: str,
        language: str,
        quote_id: int,
        actor: SyntheticActor,
    ) -> tuple[str, str]:
        """The quote's words, lengthened if the source already has the same words that day.

        An export names a quote by its source, words and date (docs/exchange-format.md), so two quotes alike in
        all three would come back as one, its positions with two verifications, and the import
        would refuse the file. Keys are remembered as one integer each (a CRC of the words): a
        CRC shared by other words only lengthens a quote that did not need it.
        """
        for _attempt in range(10):
            key = (zlib.crc32(text.encode()) << 64) | (source_id << 24) | said_on.toordinal()
            if key not in self.quote_keys:
                self.quote_keys.add(key)
                return text, original
            if original:
                extra = self.rng.choice(words.TRANSLATED_FILLERS)
                text, original = f"{text} {extra[0]}", f"{original} {extra[1 if language == 'uk' else 2]}"
            else:
                text = f"{text} {self.rng.choice(words.FILLER_SENTENCES).format(c=actor.context)}"
        # Ten draws alike are as good as impossible; the quote's id settles it regardless.
        return f"{text} ({quote_id})", original

    def stance(self, actor: SyntheticActor, topic: str, year: int) -> str:
        """The actor's lean, drifting by year and shifted by topic, with noise: stances change over time."""
        rng = self.rng
        if (actor.kind == ActorKind.ANALYST and rng.random() < 0.7) or rng.random() < 0.03:
            return Stance.COMMENTARY
        level = actor.lean + actor.drift * (year - 2014) + TOPIC_RELUCTANCE[topic] + rng.gauss(0, 0.7)
        return SCALE[min(4, max(0, round(level)))]

    def quote_text(self, actor: SyntheticActor, topic: str, stance: str, language: str) -> tuple[str, str, str]:
        """(English text, original text, original language); originals only from Ukrainian and French sources."""
        rng = self.rng
        sentence = rng.choice(words.STANCE_SENTENCES[stance])
        phrases = words.TOPIC_PHRASES[topic]
        if language in ("uk", "fr") and rng.random() < 0.8:
            column = 1 if language == "uk" else 2
            extra = rng.choice(words.TRANSLATED_FILLERS)
            text = f"{sentence[0].format(t=phrases[0])} {extra[0]}"
            original = f"{sentence[column].format(t=phrases[column])} {extra[column]}"
            return text, original, language
        parts = [sentence[0].format(t=phrases[0])]
        parts += [filler.format(c=actor.context) for filler in rng.sample(words.FILLER_SENTENCES, rng.randint(0, 5))]
        rng.shuffle(parts)
        return " ".join(parts), "", ""
