"""Text folded for search and slugs: case and accents dropped, so "lecka" finds "Łęcka" and back.

PostgreSQL folds with the `unaccent` extension (migration 0025, `positions_fold`); SQLite, which
has no such function, is given this module's `fold` under the same name on each new connection
(positions/apps.py). Both drop Latin letters' marks and spell out the letters Unicode does not
decompose (ł, ø, đ, ß, æ, œ…), as PostgreSQL's unaccent.rules do. Cyrillic letters are kept
whole: й and и, ї and і are different letters in Ukrainian, not one letter with a mark.
"""

import unicodedata
from functools import lru_cache

# Letters with no decomposition in Unicode: spelled out as unaccent.rules spell them.
SPELLED_OUT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "ŀ": "l",
        "Ŀ": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "ð": "d",
        "Ð": "D",
    }
)


def is_cyrillic(character: str) -> bool:
    return "\u0400" <= character <= "\u052f"


def fold(text: str | None) -> str:
    """The text in lower case, without Latin letters' accents."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()  # most texts, and SQLite folds every searched text of every row
    return fold_unicode(text)


@lru_cache(maxsize=4096)
def fold_unicode(text: str) -> str:
    # Cached: SQLite's search folds the same actor names and quotes row after row.
    kept = []
    base = ""
    for character in unicodedata.normalize("NFD", text.translate(SPELLED_OUT)):
        if unicodedata.combining(character):
            if is_cyrillic(base):
                kept.append(character)
            continue
        base = character
        kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()
