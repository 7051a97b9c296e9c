"""Is a feed item a candidate statement? It must name a known actor and speak of sending troops to Ukraine.

The decision, in order (the words are in discovery/vocabulary.py):

1. The item (title and text) names an actor in the data: a name, a Ukrainian name or an alias,
   or a person's surname alone, in any of the inflected forms a stem and a short ending cover.
2. Some sentence, with the one after it, speaks of a force: a word that always means a force
   sent abroad (peacekeepers, a reassurance force, boots on the ground, a contingent) or an
   everyday word for soldiers together with a word of sending (send, deploy, station, rule out)
   or a direction into Ukraine ("troops to Ukraine", "в Україну", "na Ukrainę"). Soldiers of
   the two armies at war do not count, nor do sentences about troops sent to fight for Russia.
3. Ukraine is named in those sentences or in the title.

The sentences found become the suggested words; the topic and the stance are hints for the editor.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from discovery import vocabulary

VOWELS = set("aeiouyąęóаеєиіїоуюяыэьй")
NAME_SUFFIX = r"\w{0,4}"


def all_languages(table: dict[str, list[str]]) -> list[str]:
    return [pattern for patterns in table.values() for pattern in patterns]


def words(patterns: Iterable[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


FORCE_SPECIFIC = words(all_languages(vocabulary.FORCE_SPECIFIC))
FORCE_GENERAL = words(all_languages(vocabulary.FORCE_GENERAL))
SENDING = words(all_languages(vocabulary.SENDING))
UKRAINE = words(all_languages(vocabulary.UKRAINE))
INTO_UKRAINE = words(all_languages(vocabulary.INTO_UKRAINE))
BELLIGERENT_FORCES = words(vocabulary.BELLIGERENT_FORCES)
OTHER_SUBJECT = words(vocabulary.OTHER_SUBJECT)
STANCE_HINTS = [(stance, words(patterns)) for stance, patterns in vocabulary.STANCE_HINTS]
TOPIC_HINTS = [(topic, words(patterns)) for topic, patterns in vocabulary.TOPIC_HINTS]


@dataclass(frozen=True)
class KnownActor:
    """What the matcher needs of an actor; built from the database or from a CSV file."""

    id: int | None
    name: str
    name_uk: str = ""
    aliases: str = ""
    kind: str = ""
    country: str = ""

    def variants(self) -> set[str]:
        names = {self.name, self.name_uk, *re.split(r"[\n|]", self.aliases)}
        names = {" ".join(name.split()) for name in names if name and name.strip()}
        if self.kind in vocabulary.PERSON_KINDS:
            names |= {surname for name in (self.name, self.name_uk) if (surname := surname_of(name))}
        return names


# Lower-case words inside a person's name ("Ursula von der Leyen", "Bart de Wever").
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "фон", "дер", "де", "ван"}


def surname_of(name: str) -> str:
    """A person's last name, when the name looks like a person's: two to five capitalised words."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return ""
    if any(not token.replace("-", "").replace("'", "").isalpha() for token in tokens):
        return ""
    if any(not token[0].isupper() and token.lower() not in NAME_PARTICLES for token in tokens):
        return ""  # an institution's name ("Інститут вивчення війни"), not a person's
    return tokens[-1] if len(tokens[-1]) >= 4 else ""


def name_pattern(variant: str) -> str | None:
    """A regular expression for one way of writing a name, with room for a case ending."""
    tokens = variant.split()
    if len(tokens) == 1:
        token = tokens[0]
        if len(token) >= 2 and token.isupper():
            return "(?-i:" + re.escape(token) + ")" if len(token) >= 3 else None  # an acronym, exactly
        if len(token) < 4:
            return None  # too short to tell from an ordinary word
        stem = token
        for _letter in range(2):  # Зеленський → Зеленськ(ого), Duda → Dud(y), Sikorski → Sikorsk(iego)
            if len(stem) > 3 and stem[-1].lower() in VOWELS:
                stem = stem[:-1]
        return "(?-i:" + re.escape(stem) + ")" + NAME_SUFFIX  # case-sensitive: Store is not "store"
    # Several words: any case, any spacing, the last word declined.
    return r"\s+".join(re.escape(token) for token in tokens) + NAME_SUFFIX


class ActorIndex:
    """Finds the known actors named in a text."""

    def __init__(self, actors: Iterable[KnownActor]):
        self.entries: list[tuple[re.Pattern, KnownActor]] = []
        for actor in actors:
            patterns = sorted(
                {p for variant in actor.variants() if (p := name_pattern(variant))}, key=len, reverse=True
            )
            if patterns:
                self.entries.append((re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE), actor))

    @classmethod
    def from_database(cls) -> "ActorIndex":
        from positions.models import Actor

        rows = Actor.objects.values_list("id", "name", "name_uk", "aliases", "kind", "country")
        return cls(KnownActor(*row) for row in rows)

    def find(self, text: str) -> list[tuple[int, int, KnownActor]]:
        found = [(m.start(), m.end(), actor) for pattern, actor in self.entries for m in pattern.finditer(text)]
        return sorted(found, key=lambda hit: (hit[0], -hit[1]))


@dataclass
class Candidate:
    """A feed item the matcher proposes: who, the words that carry it, and the editor's hints."""

    actor: KnownActor
    words: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    topic: str = vocabulary.DEFAULT_TOPIC
    stance_hint: str = ""

    @property
    def matched_words(self) -> list[str]:
        return [self.words[start:end] for start, end in self.spans]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence starts and ends: after . ! ? … followed by a capital, a quote or a digit; and at line breaks."""
    spans, start = [], 0
    for end_mark in re.finditer(r"[.!?…][\"'»”’)]*\s+|\s*\n\s*", text):
        after = text[end_mark.end() : end_mark.end() + 1]
        if "\n" in end_mark.group() or after.isupper() or after.isdigit() or after in "\"'«“„(":
            spans.append((start, end_mark.start() + len(end_mark.group().rstrip())))
            start = end_mark.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def force_hits(text: str) -> tuple[list[re.Match], bool]:
    """The force words in the text that are not the warring armies, and whether one is a word for a force sent abroad."""
    belligerent = [m.span() for m in BELLIGERENT_FORCES.finditer(text)]

    def foreign(match: re.Match) -> bool:
        return not any(start <= match.start() < end for start, end in belligerent)

    specific = [m for m in FORCE_SPECIFIC.finditer(text) if foreign(m)]
    general = [m for m in FORCE_GENERAL.finditer(text) if foreign(m)]
    return specific + general, bool(specific)


def speaks_of_sending(text: str, title_names_ukraine: bool) -> bool:
    if OTHER_SUBJECT.search(text):
        return False
    forces, specific = force_hits(text)
    if not forces or not (title_names_ukraine or UKRAINE.search(text)):
        return False
    return specific or bool(SENDING.search(text)) or bool(INTO_UKRAINE.search(text))


def first_hint(hints: list[tuple[str, re.Pattern]], text: str, default: str) -> str:
    return next((value for value, pattern in hints if pattern.search(text)), default)


def highlighted_spans(text: str, actors: ActorIndex) -> list[tuple[int, int]]:
    spans = [(start, end) for start, end, _actor in actors.find(text)]
    forces, _specific = force_hits(text)
    spans += [m.span() for m in forces]
    for pattern in (SENDING, UKRAINE, INTO_UKRAINE):
        spans += [m.span() for m in pattern.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def chosen_sentences(text, spans, title_names_ukraine: bool, actors: ActorIndex) -> tuple[int, int] | None:
    """Where the words are: the first sentence that carries them, with a neighbour that names the actor
    if it does not; else the first two sentences that carry them together."""
    for i, (start, end) in enumerate(spans):
        if speaks_of_sending(text[start:end], title_names_ukraine):
            if not actors.find(text[start:end]):
                if i > 0 and actors.find(text[spans[i - 1][0] : spans[i - 1][1]]):
                    start = spans[i - 1][0]
                elif i + 1 < len(spans) and actors.find(text[spans[i + 1][0] : spans[i + 1][1]]):
                    end = spans[i + 1][1]
            return start, end
    for i in range(len(spans) - 1):
        if speaks_of_sending(text[spans[i][0] : spans[i + 1][1]], title_names_ukraine):
            return spans[i][0], spans[i + 1][1]
    return None


# Typographic apostrophes read as plain ones ("doesn’t", "n’exclut"); one character for one, so offsets hold.
APOSTROPHES = str.maketrans("’ʼ`", "'''")


def find_candidate(title: str, text: str, actors: ActorIndex) -> Candidate | None:
    """The candidate statement in a feed item, or None."""
    shown_title, original = " ".join(title.split()), text.strip()
    title, text = shown_title.translate(APOSTROPHES), original.translate(APOSTROPHES)
    named = actors.find(f"{title}\n{text}")
    if not named:
        return None
    title_names_ukraine = bool(UKRAINE.search(title))
    chosen = chosen_sentences(text, sentence_spans(text), title_names_ukraine, actors)
    if chosen is not None:
        words, shown = text[chosen[0] : chosen[1]], original[chosen[0] : chosen[1]]
    elif speaks_of_sending(title, False):
        words, shown = title, shown_title
    else:
        return None
    actor = (actors.find(words) or actors.find(title) or named)[0][2]
    context = f"{title}\n{words}"
    return Candidate(
        actor=actor,
        words=shown,
        spans=highlighted_spans(words, actors),
        topic=first_hint(TOPIC_HINTS, context, vocabulary.DEFAULT_TOPIC),
        stance_hint=first_hint(STANCE_HINTS, context, ""),
    )
