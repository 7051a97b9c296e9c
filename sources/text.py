"""Characters that text entered or imported may not hold, and cleaning text on its way into XML.

Control characters other than tab, line feed and carriage return have no place in a quote or a
name, and XML 1.0 cannot carry them at all: one of them made the Atom feed fail for everyone.
Bidirectional controls (right-to-left overrides and isolates) can make a name read as something
else on screen. Forms and the importer refuse both with a message; whatever reaches XML (the
feed, SVG) is cleaned on the way, so old rows cannot break a page either. Used by `positions`
too (this app never imports `positions`).
"""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 controls except tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 cannot carry besides the C0 controls: lone surrogates and the two non-characters.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def describe(character: str) -> str:
    return f"U+{ord(character):04X}"


def first_control_character(value: str) -> str | None:
    found = CONTROL_CHARACTERS.search(value)
    return describe(found.group()) if found else None


def first_bidi_control(value: str) -> str | None:
    found = BIDI_CONTROLS.search(value)
    return describe(found.group()) if found else None


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


# For every text field.
PLAIN_TEXT: list[Callable[[object], None]] = [NoControlCharacters()]
# For names and slugs, which identify a record on every page.
NAME_TEXT: list[Callable[[object], None]] = [NoControlCharacters(), NoBidiControls()]
