"""JSON written ahead by a view, byte for byte as DRF's JSONRenderer would write the same data.

For the countries list (~1,400 stances naming ~1,200 actors and a few topics), encoding the
nested objects again for every stance was a third of the request; written here, each actor
and topic is encoded once and a stance is one %-format of already encoded values. Text is
escaped by the json module's own function for the renderer's ensure_ascii, so it is the same
escaping json.dumps applies.
"""

import json
from json.encoder import encode_basestring, encode_basestring_ascii

from rest_framework.renderers import JSONRenderer

ENCODE_TEXT = encode_basestring_ascii if JSONRenderer.ensure_ascii else encode_basestring


def literal(value: str | int | None) -> str:
    """A string, integer or null as JSON text."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return ENCODE_TEXT(value)
    if type(value) is int:
        return int.__repr__(value)
    raise TypeError(f"not written ahead: {type(value).__name__}")


class JsonObject:
    """An object of fixed keys, in order, whose values come as JSON text; compact as DRF's renderer."""

    def __init__(self, *keys: str):
        self.template = "{" + ",".join(f"{ENCODE_TEXT(key)}:%s" for key in keys) + "}"

    def __call__(self, *values: str) -> str:
        # A value count other than the keys' is a TypeError from the % itself.
        return self.template % values


class WrittenJSON(str):
    """JSON text a view wrote itself, for WrittenJSONRenderer to send as it is."""


class WrittenJSONRenderer(JSONRenderer):
    """JSONRenderer that sends WrittenJSON unchanged; any other data (errors) is rendered as usual."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if not isinstance(data, WrittenJSON):
            return super().render(data, accepted_media_type, renderer_context)
        if not self.compact or self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            # Written compact; indented JSON ("application/json; indent=2") is rare: rendered from the parsed text.
            return super().render(json.loads(data), accepted_media_type, renderer_context)
        # As JSONRenderer: these two line separators are valid JSON but not valid JavaScript.
        return data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()
