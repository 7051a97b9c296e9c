from django.core.management.base import BaseCommand

from limits.counters import prune


class Command(BaseCommand):
    help = "Delete the rate-limit counts whose window has ended (housekeeping; run daily from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {prune()} ended rate-limit counts.")
