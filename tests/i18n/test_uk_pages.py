"""No English left on /uk/ where a Ukrainian value exists.

Every public page under /uk/ (each route of the URLconf, plus the pages a filter or a choice
makes: a comparison, a search, another topic's map) is read as a reader meets it (text, tooltips,
labels; an SVG's titles; a feed's entries) and fails on two kinds of English:

- an interface string: a msgid of the catalogue, a phrase of it or a word of four letters or
  more that Ukrainian does not keep as it is, showing verbatim;
- a recorded name or text that has a Ukrainian value: an actor's, topic's, role's or body's English
  name where its `_uk` twin is filled, a summary with its Ukrainian twin, a country's English name.

What is rightly English is left out: anything inside an element whose `lang` is not Ukrainian
(an English fallback, a quote, a source's title), and the recorded texts that have no Ukrainian
field at all (quotes, source titles and notes, outlets, and the legal bases and explanations not yet
translated).
"""

import html
import re
from functools import cache

import pytest
from django.utils import translation
from django_countries import countries

from positions.map.shapes import load_shapes
from positions.models import Actor, AuthorisationBody, CountryStance, Position, Role, Topic
from sources.models import Outlet, Quote, Source
from tests.i18n.test_catalogue import po_entries
from tests.security.public_urls import example_url, public_routes

# Pages a route's example address does not show: chosen columns, a search, another topic.
EXTRA_PAGES = [
    "/uk/compare/?country=gb&country=fr&actor=emmanuel-macron&actor=taras-semenyuk",
    "/uk/positions/?q=Lammy",
    "/uk/positions/?q=жодноговзагалі",
    "/uk/positions/?topic=instructors&sort=country",
    "/uk/map/?topic=instructors",
    "/uk/map.svg?topic=reassurance-force",
    "/uk/timeline/?country=gb",
    "/uk/timeline/chart.svg?topic=instructors",
    "/uk/countries/gb/",
    "/uk/countries/fr/",
    "/uk/actors/emmanuel-macron/",
    "/uk/embed/countries/gb/",
]
# The exchange format's files stay English by contract (docs/translation.md); pictures have no text.
# Data files, not pages: the exports and the citations reference managers read (BibTeX, RIS,
# CSL-JSON) carry the record as it is, in one language, like the API.
NOT_READ = (
    "text/csv",
    "application/json",
    "application/vnd.openxmlformats",
    "image/png",
    "application/x-bibtex",
    "application/x-research-info-systems",
    "application/vnd.citationstyles.csl+json",
)

# Each msgid's literal runs between placeholders, markup and quotation marks.
PIECES = re.compile(r"%\(\w+\)[sd]|<[^>]+>|[“”«»\"]")


def unescape_po(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@cache
def interface_strings() -> tuple[frozenset[str], frozenset[str]]:
    """(phrases of two or more English words, single English words) of the catalogue's msgids.

    A single word counts only when four letters or more and translated as something else: a
    name kept as it is ("Wikidata") is not an untranslated string."""
    phrases, words = set(), set()
    for entry in po_entries():
        kept = {unescape_po(text) for text in entry["msgstr"]}
        for msgid in (entry["msgid"], entry.get("msgid_plural", "")):
            msgid = unescape_po(msgid)
            for piece in PIECES.split(msgid):
                piece = piece.strip(" .,:;()…—·-\n")
                latin = re.findall(r"[A-Za-z]+", piece)
                if len(latin) >= 2:
                    phrases.add(piece)
                elif len(latin) == 1 and latin[0] == piece and len(piece) >= 4 and msgid not in kept:
                    words.add(piece)
    return frozenset(phrases), frozenset(words)


def recorded_english() -> set[str]:
    """English names and texts of records whose Ukrainian twin is filled, and countries' English names."""
    found = set()
    for model, fields in (
        (Actor, ("name", "description")),
        (Topic, ("name", "description")),
        (Role, ("title",)),
        (AuthorisationBody, ("name", "explanation", "legal_basis")),
        (Position, ("summary", "conditions")),
    ):
        for row in model.objects.values(*fields, *[f"{field}_uk" for field in fields]):
            found |= {
                row[field] for field in fields if row[field] and row[f"{field}_uk"] != row[field] and row[f"{field}_uk"]
            }
    codes = set(load_shapes().names) | {str(code) for code in Actor.objects.values_list("country", flat=True) if code}
    with translation.override("en"):
        english = {code: str(countries.name(code)) for code in codes}
    with translation.override("uk"):
        found |= {name for code, name in english.items() if name and str(countries.name(code)) not in ("", name)}
    found.add("Kosovo")
    return found


def rightly_english() -> list[str]:
    """Recorded texts with no Ukrainian field, shown as recorded (longest first, to be taken out whole)."""
    texts = [
        *Quote.objects.values_list("text", flat=True),
        *Source.objects.values_list("title", flat=True),
        *Source.objects.values_list("notes", flat=True),
        *Outlet.objects.values_list("name", flat=True),
        *AuthorisationBody.objects.filter(legal_basis_uk="").values_list("legal_basis", flat=True),
        *AuthorisationBody.objects.filter(explanation_uk="").values_list("explanation", flat=True),
        *AuthorisationBody.objects.values_list("name_uk", flat=True),
    ]
    lines = {line.strip() for text in texts for line in text.splitlines() if line.strip()}
    return sorted(lines, key=len, reverse=True)


# Elements in another language than the page's: an English fallback, a quote, a source's title.
OTHER_LANGUAGE = re.compile(r'<((?!html\b|svg\b|feed\b)[\w:]+)\b[^>]*\blang="(?!uk")[^"]*"[^>]*>.*?</\1>', re.S)
# What a reader meets besides the text: tooltips, labels, the page's description.
READ_ATTRIBUTES = re.compile(
    r'\b(?:aria-label|title|placeholder|alt|data-label|label|data-copied-label)="([^"]*)"'
    r'|<meta (?:name|property)="(?:description|og:title|og:description)" content="([^"]*)"'
)


def readable_text(body: str, content_type: str) -> str:
    if "atom+xml" in content_type:
        body = html.unescape(body)  # the entries' summaries are HTML escaped into the XML
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = OTHER_LANGUAGE.sub(" ", body)
    attributes = " ".join(" ".join(match) for match in READ_ATTRIBUTES.findall(body))
    text = re.sub(r"<[^>]+>", " ", body) + " " + attributes
    # Markup shown as text (the embed code) is code, not words.
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(text)))


# An English quote or an excerpt of one inside a Ukrainian text is set in English quotation
# marks (a Ukrainian page quotes Ukrainian in «…»); web addresses are not words.
ENGLISH_QUOTATION = re.compile(r"“[^”]{1,600}”")
ADDRESS = re.compile(r"\bhttps?://\S+|\b[\w-]+(?:\.[\w-]+)+\b")


def english_left(text: str, data: list[str], names: set[str]) -> list[str]:
    """The interface strings and English names in `text`, once the recorded English data is taken out."""
    for value in data:
        text = text.replace(value, " ")
    text = ADDRESS.sub(" ", ENGLISH_QUOTATION.sub(" ", text))
    phrases, words = interface_strings()
    left = {phrase for phrase in phrases if phrase in text}
    left |= words & set(re.findall(r"[A-Za-z]+", text))
    left |= {name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)}
    return sorted(left)


def uk_pages() -> list[str]:
    return ["/uk" + example_url(route) for route in public_routes() if route.translated] + EXTRA_PAGES


@pytest.mark.django_db
def test_no_english_is_left_on_any_uk_page(client, seeded):
    data, names = rightly_english(), recorded_english()
    read, found = 0, {}
    for url in uk_pages():
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or content_type.startswith(NOT_READ):
            continue
        read += 1
        left = english_left(readable_text(response.content.decode(), content_type), data, names)
        if left:
            found[url] = left
    assert read > 30
    assert found == {}


@pytest.mark.django_db
def test_the_check_sees_english_where_it_is_left(client, seeded):
    """Guards the test above: the English pages are full of what it looks for, and a Ukrainian page
    that showed a topic's English name, a country's or an interface string would fail it."""
    data, names = rightly_english(), recorded_english()
    # Whoever decides France's stance on combat troops (by the office rule) is named on both.
    decider = CountryStance.objects.get(country="FR", topic__slug="combat-troops").position.actor
    assert decider.name_uk
    english = readable_text(client.get("/").content.decode(), "text/html")
    assert {"Skip to content", "Latest positions", "Combat troops", "France", decider.name} <= set(
        english_left(english, data, names)
    )
    svg = readable_text(client.get("/map.svg").content.decode(), "image/svg+xml")
    assert {"Kosovo", "France", decider.name} <= set(english_left(svg, data, names))
    feed = readable_text(client.get("/feeds/positions/").content.decode(), "application/atom+xml")
    assert {"Keir Starmer", "Conditions"} <= set(english_left(feed, data, names))
    # An English fallback marked as such is not counted; the same words unmarked are.
    assert (
        english_left(readable_text('<p>Тема: <span lang="en">Combat troops</span></p>', "text/html"), data, names) == []
    )
    assert english_left(readable_text("<p>Тема: Combat troops</p>", "text/html"), data, names) == ["Combat troops"]
