"""Characters that text entered or imported may not hold, and cleaning text on its way into XML.

Control characters other than tab, line feed and carriage return have no place in a quote or a
name, and XML 1.0 cannot carry them at all: one of them made the Atom feed fail for everyone.
Neither can U+FFFE, U+FFFF or a lone surrogate: one of them in any cell made every Excel export
unreadable. Those and the other Unicode noncharacters are not text, and are refused everywhere.

Names and slugs, which identify a record on every page, also refuse what makes them read as
something else or hides a difference: bidirectional controls (embeddings, overrides, isolates
and the marks U+200E, U+200F, U+061C) and invisible characters (U+200B, U+2060, U+FEFF). None is
needed to write a name: the Unicode bidirectional algorithm already orders an Arabic or Hebrew
name right to left by its letters. The zero-width non-joiner and joiner (U+200C, U+200D) are part
of how Persian and the Indic scripts are spelt, so they are allowed between two letters of
those scripts and refused anywhere else (inside a Latin or Cyrillic name they only disguise it).

Forms and the importer refuse all of these with a message; whatever reaches XML (the feed, SVG,
the Excel export) is cleaned on the way, so old rows cannot break a page or a file either. Used
by `positions` and `contributions` too (this app never imports either).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), and the left-to-right,
# right-to-left and Arabic letter marks (U+200E, U+200F, U+061C).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Unicode's 66 noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) and
# lone surrogates, which only a broken encoder or an escape in JSON can produce.
NONCHARACTERS = re.compile(
    "[\ufdd0-\ufdef\ud800-\udfff"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)
# What XML 1.0 cannot carry besides the C0 controls: lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Zero-width space, word joiner and byte order mark: invisible, never part of a name.
INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
JOINERS = re.compile("[\u200c\u200d]")
# The scripts whose spelling uses the zero-width non-joiner and joiner: Arabic (with Persian and
# Urdu, and its presentation forms) and the Indic scripts, Devanagari to Sinhala.
JOINING_SCRIPTS = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdcf\ufdf0-\ufdff\ufe70-\ufefc\u0900-\u0dff]"
)


def describe(character: str) -> str:
    return f"U+{ord(character):04X}"


def first_control_character(value: str) -> str | None:
    found = CONTROL_CHARACTERS.search(value)
    return describe(found.group()) if found else None


def first_bidi_control(value: str) -> str | None:
    found = BIDI_CONTROLS.search(value)
    return describe(found.group()) if found else None


def first_noncharacter(value: str) -> str | None:
    found = NONCHARACTERS.search(value)
    return describe(found.group()) if found else None


def first_invisible_character(value: str) -> str | None:
    """An invisible character, or a joiner that is not between two letters of a script that uses it."""
    found = INVISIBLE.search(value)
    if found:
        return describe(found.group())
    for joiner in JOINERS.finditer(value):
        before, after = value[joiner.start() - 1 : joiner.start()], value[joiner.end() : joiner.end() + 1]
        if not (JOINING_SCRIPTS.fullmatch(before or " ") and JOINING_SCRIPTS.fullmatch(after or " ")):
            return describe(joiner.group())
    return None


def xml_safe(value: str) -> str:
    """The text without the characters XML 1.0 cannot carry, for feeds and SVG."""
    return NOT_XML.sub("", value)


@deconstructible
class NoControlCharacters:
    """Refuses control characters other than tab, line feed and carriage return."""

    message = _("Remove the control character %(character)s; only tabs and line breaks are allowed.")
    code = "control_character"

    def __call__(self, value) -> None:
        character = first_control_character(str(value))
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other) -> bool:
        return isinstance(other, type(self))


@deconstructible
class NoBidiControls:
    """Refuses right-to-left overrides and other bidirectional controls, which disguise a name."""

    message = _("Remove the bidirectional control character %(character)s: it changes how the text reads on screen.")
    code = "bidi_control"

    def __call__(self, value) -> None:
        character = first_bidi_control(str(value))
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other) -> bool:
        return isinstance(other, type(self))


@deconstructible
class NoNoncharacters:
    """Refuses Unicode noncharacters (U+FFFE, U+FFFF, …) and lone surrogates, which are not text."""

    message = _("Remove the character %(character)s: it is not a character of any text, and files cannot carry it.")
    code = "noncharacter"

    def __call__(self, value) -> None:
        character = first_noncharacter(str(value))
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other) -> bool:
        return isinstance(other, type(self))


@deconstructible
class NoInvisibleCharacters:
    """Refuses zero-width characters in names, except the joiners inside Persian or Indic words."""

    message = _("Remove the invisible character %(character)s: it makes two different names look the same.")
    code = "invisible_character"

    def __call__(self, value) -> None:
        character = first_invisible_character(str(value))
        if character:
            raise ValidationError(self.message, code=self.code, params={"character": character})

    def __eq__(self, other) -> bool:
        return isinstance(other, type(self))


# For every text field.
PLAIN_TEXT = [NoControlCharacters(), NoNoncharacters()]
# For names and slugs, which identify a record on every page.
NAME_TEXT = [*PLAIN_TEXT, NoBidiControls(), NoInvisibleCharacters()]
