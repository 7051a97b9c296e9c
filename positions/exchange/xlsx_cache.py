"""The unfiltered workbook, built once per data version and release into EXPORT_CACHE_DIR.

A workbook is written whole before its first byte is sent (positions/exchange/xlsx.py), seconds
per thousand rows, so the whole export cannot be built for every reader who asks. The first
request after a change builds it into a temporary file under an exclusive lock (one build for all
the processes of the server, whichever the process), then renames it into place and deletes the
copies of older versions; every other request streams the file from disk. Requests that arrive
during the build are told to come back (`None`). The build goes on if its reader leaves: its
result serves the next one.
"""

import fcntl
import os
import tempfile
from pathlib import Path

from django.conf import settings

from positions.exchange.xlsx import write_workbook

PREFIX = "positions-"
LOCK_NAME = "positions.lock"


def workbook_path(version_token: str, release: str) -> Path:
    return Path(settings.EXPORT_CACHE_DIR) / f"{PREFIX}{version_token}-{release}.xlsx"


def whole_workbook(version_token: str, release: str, positions, base_url: str = "") -> Path | None:
    """The path of the workbook of `positions()` for this version, built if need be; None while another process builds it."""
    path = workbook_path(version_token, release)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if path.exists():  # built by the process that held the lock just before
            return path
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as target:
                write_workbook(positions(), target, base_url)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        for old in path.parent.glob(f"{PREFIX}*.xlsx"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
