"""Alphabetical order for names shown in English or Ukrainian, without ICU.

Sorting by code point puts «Італія» before «Австрія» (Ukrainian І, Ї, Є and Ґ sit before А in
Unicode) and English sorting by ASCII drops Cyrillic altogether. `collation_key` orders by the
Ukrainian alphabet (а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я), then Latin
letters with their accents set aside (Åland with the A's), ignoring case and the apostrophe, as
a Ukrainian dictionary does. Cyrillic comes first: on a Ukrainian page the Ukrainian names are
the list and an English fallback is the exception; English pages have only Latin names.
"""

import unicodedata
from functools import lru_cache

UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
# Letters of other Cyrillic alphabets, placed beside the Ukrainian letter they are read like.
CYRILLIC_NEIGHBOURS = {"ё": "е", "ъ": "ь", "ы": "и", "э": "е"}

_RANK = {letter: rank for rank, letter in enumerate(UKRAINIAN_ALPHABET)}
# Weights: separators first, then digits, Cyrillic letters, Latin letters, anything else.
_SEPARATOR, _DIGIT, _CYRILLIC, _LATIN, _OTHER = range(5)
_IGNORED = {"'", "’", "ʼ", "`"}  # the apostrophe of «В'єтнам», «Кот-д'Івуар»


def _weight(character: str) -> tuple[int, int]:
    if character in _RANK:
        return (_CYRILLIC, _RANK[character] * 2)
    if character in CYRILLIC_NEIGHBOURS:
        return (_CYRILLIC, _RANK[CYRILLIC_NEIGHBOURS[character]] * 2 + 1)
    if character.isspace() or character in "-‐–—,.()/":
        return (_SEPARATOR, 0)
    if character.isdigit():
        return (_DIGIT, ord(character))
    base = unicodedata.normalize("NFKD", character)[:1]
    if "a" <= base <= "z":
        return (_LATIN, ord(base))
    if "\u0400" <= base <= "\u04ff":
        return (_CYRILLIC, 1000 + ord(base))
    return (_OTHER, ord(character))


def collation_key(text) -> tuple:
    """A sort key: `sorted(names, key=collation_key)` gives «Австрія, Бельгія, …, Італія, Йорданія»."""
    text = str(text)
    # "й" and "ї" are letters of their own: decomposing them would make them "и" and "і".
    folded = unicodedata.normalize("NFC", text).casefold()
    primary = tuple(_weight(character) for character in folded if character not in _IGNORED)
    # Names equal but for case or accents keep one order: the text itself decides.
    return (primary, text)


@lru_cache(maxsize=65536)
def cached_key(text: str) -> tuple:
    return collation_key(text)


def compare(a: str, b: str) -> int:
    """-1, 0 or 1 as `collation_key` orders the two texts: a collation for SQLite (positions/apps.py)."""
    first, second = cached_key(a), cached_key(b)
    return (first > second) - (first < second)


def country_sort_key(item: tuple[str, str]) -> tuple:
    """django-countries' sort key for its (code, name) pairs (sources/apps.py)."""
    return collation_key(item[1])
