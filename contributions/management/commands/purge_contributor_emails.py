"""Delete readers' email addresses once they have been kept long enough after the decision.

Run daily from cron: `python manage.py purge_contributor_emails`.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from contributions.models import ErrorReport, Suggestion


class Command(BaseCommand):
    help = (
        "Delete the email addresses of readers whose suggestion or error report was decided more than "
        "CONTRIBUTION_EMAIL_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the addresses without deleting them.")

    def handle(self, *args, dry_run: bool = False, **options):
        days = settings.CONTRIBUTION_EMAIL_RETENTION_DAYS
        before = timezone.now() - datetime.timedelta(days=days)
        total = 0
        for model in (Suggestion, ErrorReport):
            due = model.objects.emails_due_for_deletion(before)
            total += due.count() if dry_run else due.update(email="")
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {total} email address(es) of contributions decided more than {days} days ago")
