"""Read the watched feeds and put new candidate statements in the editors' queue (docs/discovery.md)."""

from django.core.management.base import BaseCommand, CommandError

from discovery.locking import run_lock
from discovery.models import WatchedFeed
from discovery.run import discover

LOCK_NAME = "discover_statements"


class Command(BaseCommand):
    help = "Fetch the active watched feeds and queue new candidate statements for the editors. One run at a time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--feed", type=int, action="append", default=[], help="Read only this feed (its id), even if paused."
        )

    def handle(self, *args, feed, **options):
        with run_lock(LOCK_NAME) as held:
            if not held:
                self.stdout.write("Another discovery run holds the lock; nothing done.")
                return
            feeds = None
            if feed:
                feeds = list(WatchedFeed.objects.filter(pk__in=feed))
                missing = set(feed) - {f.pk for f in feeds}
                if missing:
                    raise CommandError(f"No watched feed with id {', '.join(map(str, sorted(missing)))}.")
            report = discover(feeds)
        for result in report.results:
            if result.error:
                self.stderr.write(f"{result.feed.name}: error: {result.error}")
            elif result.not_modified:
                self.stdout.write(f"{result.feed.name}: not modified")
            else:
                self.stdout.write(f"{result.feed.name}: {result.new_items} new items, {result.candidates} candidates")
        self.stdout.write(
            f"{len(report.results)} feeds read, {report.candidates} candidates queued, {report.errors} feeds failed."
        )
