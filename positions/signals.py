"""Keep positions' copies of a quote's verification in step when the quote changes."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from sources.models import Quote


@receiver(post_save, sender=Quote, dispatch_uid="positions_copy_quote_verification")
def copy_quote_verification(sender, instance: Quote, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    instance.positions.exclude(verification=instance.verification).update(verification=instance.verification)
