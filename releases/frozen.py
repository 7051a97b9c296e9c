"""What a release said, read back from its frozen files: for embeds "as of release X".

A release never changes, so what is read from its files is cached with no expiry; the key holds
the release number, so there is nothing to invalidate.
"""

import json

from django.core.cache import cache

from releases.build import read_file

# The newest statements an embed lists; the release's page and files hold the rest.
EMBED_ROWS = 20


def country_statements(number: str, code: str) -> tuple[list[dict], int]:
    """The country's positions in the release, newest first (at most EMBED_ROWS), and how many it had."""
    key = f"release-country:{number}:{code}"
    found = cache.get(key)
    if found is None:
        rows = [row for row in json.loads(read_file(number, "positions.json")) if row["country"] == code]
        rows.sort(key=lambda row: (row["stated_on"], row["id"]), reverse=True)
        found = (rows[:EMBED_ROWS], len(rows))
        cache.set(key, found, None)
    return found
