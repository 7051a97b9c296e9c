"""Making a release: the published data frozen as files in the "releases" storage, then its row.

The files are the exports everyone downloads (positions/exchange/: the CSV, the JSON and the
Excel workbook, written by the same code), read in one snapshot of the database, plus the change
list since the previous release, datapackage.json, the codebook and SHA256SUMS. Storage is
Django's STORAGES["releases"]: the filesystem by default, a bucket where a deployment sets one.
"""

import csv
import datetime
import hashlib
import tempfile
from contextlib import contextmanager

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone

from positions import derived
from positions.choices import OfficeRank
from positions.exchange.format import csv_chunks, json_chunks, neutralise
from positions.exchange.streaming import CHUNK_SIZE
from positions.exchange.xlsx import write_workbook
from positions.models import Actor, Position, Topic
from releases import changes as change_list
from releases import package, stances
from releases.models import NUMBER_PATTERN, Release

# The order /data/ lists a release's files in.
FILE_NAMES = (
    "positions.csv",
    "positions.json",
    "positions.xlsx",
    "changes.csv",
    "changes.json",
    "offices.csv",
    "stances.csv",
    "topics.csv",
    "actors.csv",
    "codebook.md",
    "datapackage.json",
    "SHA256SUMS",
)
OFFICE_COLUMNS = ("id", "office_rank")
TOPIC_COLUMNS = ("topic", "name", "name_uk", "order")
ACTOR_COLUMNS = ("actor_slug", "name", "name_uk")
# Any number will do, so long as it is the same in every process: it names the lock on PostgreSQL.
LOCK_KEY = 2029_0001


class ReleaseError(Exception):
    """The release cannot be made as asked (a number in use, or not in the form 2026.12.1)."""


def storage():
    return storages["releases"]


def stored_name(number: str, name: str) -> str:
    return f"{number}/{name}"


def read_file(release_number: str, name: str) -> bytes:
    with storage().open(stored_name(release_number, name), "rb") as stored:
        return stored.read()


def next_number(today: datetime.date) -> str:
    prefix = f"{today.year}.{today.month}."
    counts = [
        int(number.rsplit(".", 1)[1])
        for number in Release.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    ]
    return f"{prefix}{max(counts, default=0) + 1}"


@contextmanager
def snapshot():
    """One transaction, and on PostgreSQL one snapshot for all its reads, so the three exports agree;
    one release made at a time."""
    repeatable = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if repeatable:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                # Two releases made at once would both take the next number.
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        else:
            # SQLite: a write, though it changes nothing, takes the database's write lock until the
            # end of the transaction, so a second release waits (or fails) instead of racing this one.
            Release.objects.filter(pk__lt=0).update(number="")
        yield


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for block in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(block)
    file.seek(0)
    return digest.hexdigest()


def make_release(user=None, number: str | None = None, now: datetime.datetime | None = None) -> Release:
    now = now or timezone.now()
    with snapshot(), tempfile.TemporaryDirectory() as workdir:
        number = number or next_number(timezone.localdate(now))
        if not NUMBER_PATTERN.match(number):
            raise ReleaseError(f"A release number looks like 2026.12.1, not {number!r}.")
        if Release.objects.filter(number=number).exists():
            raise ReleaseError(f"Release {number} exists already; releases are never replaced.")
        previous = Release.objects.order_by("-made_at", "-id").first()
        files = write_exports(workdir) | write_stance_inputs(workdir)
        files["stances.csv"] = stances.write_stances(workdir)
        with open(files["positions.json"], "rb") as new_json:
            new_rows = change_list.rows_by_id(new_json.read())
        old_rows = change_list.rows_by_id(read_file(previous.number, "positions.json")) if previous else {}
        changes = change_list.difference(old_rows, new_rows)
        contents = {
            "changes.csv": change_list.changes_csv(changes),
            "changes.json": change_list.changes_json(changes, previous.number if previous else None, number),
            "codebook.md": package.codebook(number, now),
        }
        for name, data in contents.items():
            with open(f"{workdir}/{name}", "wb") as out:
                out.write(data)
            files[name] = f"{workdir}/{name}"
        entries = {name: describe(path, name) for name, path in files.items()}
        site_url = getattr(settings, "SITE_URL", "")
        datapackage = package.datapackage(number, now, site_url, entries, contributors=[])
        entries["datapackage.json"] = {
            "name": "datapackage.json",
            "bytes": len(datapackage),
            "sha256": hashlib.sha256(datapackage).hexdigest(),
        }
        sums = "".join(f"{entries[name]['sha256']}  {name}\n" for name in FILE_NAMES if name in entries).encode()
        entries["SHA256SUMS"] = {"name": "SHA256SUMS", "bytes": len(sums), "sha256": hashlib.sha256(sums).hexdigest()}

        clear_leftovers(number)
        for name, path in files.items():
            with open(path, "rb") as source:
                save_new(number, name, File(source))
        save_new(number, "datapackage.json", ContentFile(datapackage))
        save_new(number, "SHA256SUMS", ContentFile(sums))
        release = Release(
            number=number,
            made_at=now,
            made_by=user,
            previous=previous,
            position_count=len(new_rows),
            country_count=len({row["country"] for row in new_rows.values() if row["country"]}),
            actor_count=len({row["actor_slug"] for row in new_rows.values()}),
            added_count=len(changes["added"]),
            removed_count=len(changes["removed"]),
            changed_count=len(changes["changed"]),
            files=[entries[name] for name in FILE_NAMES],
        )
        release.full_clean(exclude=["previous", "made_by"])
        release.save()
        # /data/ and the citations are public pages: cached copies of them must go.
        derived.bump()
    return release


def write_exports(workdir: str) -> dict[str, str]:
    """The published positions as the three exports, by id, each from the exchange format's own writers."""
    positions = Position.objects.with_related().order_by("id")
    # Each row's page address, absolute where the site's address is configured (a release is read
    # away from the site); otherwise the path alone, as an export answering no request gives it.
    base_url = settings.SITE_URL
    paths = {name: f"{workdir}/{name}" for name in ("positions.csv", "positions.json", "positions.xlsx")}
    with open(paths["positions.csv"], "w", encoding="utf-8", newline="") as out:
        out.writelines(csv_chunks(positions.iterator(chunk_size=CHUNK_SIZE), base_url=base_url))
    with open(paths["positions.json"], "w", encoding="utf-8") as out:
        out.writelines(json_chunks(positions.iterator(chunk_size=CHUNK_SIZE), base_url=base_url))
    with open(paths["positions.xlsx"], "wb") as out:
        write_workbook(positions.iterator(chunk_size=CHUNK_SIZE), out, base_url=base_url)
    return paths


def write_stance_inputs(workdir: str) -> dict[str, str]:
    """What the release's frozen views read besides the exports, so they are made from its own files: each
    position's office rank that day (offices.csv), for the stance rule; the topics with their names and
    order (topics.csv); the actors' names in both languages (actors.csv)."""
    paths = {name: f"{workdir}/{name}" for name in ("offices.csv", "topics.csv", "actors.csv")}
    with open(paths["offices.csv"], "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(OFFICE_COLUMNS)
        ranks = Position.objects.order_by("id").values_list("id", "office_rank")
        for pk, rank in ranks.iterator(chunk_size=CHUNK_SIZE):
            writer.writerow([pk, "" if rank is None else OfficeRank.values[rank]])
    with open(paths["topics.csv"], "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(TOPIC_COLUMNS)
        for slug, name, name_uk, order in Topic.objects.values_list("slug", "name", "name_uk", "order"):
            writer.writerow([slug, neutralise(name), neutralise(name_uk), order])
    with open(paths["actors.csv"], "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(ACTOR_COLUMNS)
        actors = Actor.objects.filter(positions__isnull=False).distinct().order_by("slug")
        for slug, name, name_uk in actors.values_list("slug", "name", "name_uk").iterator(chunk_size=CHUNK_SIZE):
            writer.writerow([slug, neutralise(name), neutralise(name_uk)])
    return paths


def describe(path: str, name: str) -> dict:
    with open(path, "rb") as file:
        return {"name": name, "bytes": file.seek(0, 2), "sha256": sha256_of(file)}


def clear_leftovers(number: str) -> None:
    """Files of an attempt that failed before its row was saved: no release refers to them."""
    for name in FILE_NAMES:
        if storage().exists(stored_name(number, name)):
            storage().delete(stored_name(number, name))


def save_new(number: str, name: str, content) -> None:
    saved = storage().save(stored_name(number, name), content)
    if saved != stored_name(number, name):
        raise ReleaseError(f"The storage saved {name} as {saved}: another release is being made with this number.")
