"""Keys for renderings kept in the shared cache: one helper, so every cache names what a rendering depends on the same way.

A rendering depends on the data version (any saved change moves it), the active language (its
words and names) and the script prefix (its links); the helper reads the last two itself, so a
caller cannot forget them. Anything else it depends on (the host of absolute links, a media
type, a day) the caller adds as parts. Parts are hashed: hostile text never reaches the key.
"""

import hashlib

from django.urls import get_script_prefix
from django.utils.translation import get_language


def rendering_key(name: str, version, *parts) -> str:
    """`name:version:hash` of the language, script prefix and `parts`, e.g. rendering_key("api-countries", version, host)."""
    seed = "\n".join([get_language() or "", get_script_prefix(), *map(str, parts)])
    digest = hashlib.blake2b(seed.encode("utf-8", "backslashreplace"), digest_size=16).hexdigest()
    return f"{name}:{version}:{digest}"
