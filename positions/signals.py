"""Keep derived data in step: positions' copies of a quote's verification, and the country stances."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from sources.models import Quote

from . import country_stances
from .models import Position


@receiver(post_save, sender=Quote, dispatch_uid="positions_copy_quote_verification")
def copy_quote_verification(sender, instance: Quote, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    instance.positions.exclude(verification=instance.verification).update(verification=instance.verification)


# A country's stance on a topic (CountryStance) depends on which governmental positions exist,
# their dates and topics. Raw saves (loaddata) skip this: a restore brings its own CountryStance rows.


@receiver(pre_save, sender=Position, dispatch_uid="positions_remember_stance_pair")
def remember_stance_pair(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    instance._stance_pair_before = None
    if not raw and instance.pk:
        instance._stance_pair_before = (
            Position.objects.filter(pk=instance.pk).values_list("country", "topic").first()
        )


@receiver(post_save, sender=Position, dispatch_uid="positions_refresh_stance_after_save")
def refresh_stance_after_save(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    pairs = {(instance.country, instance.topic_id)}
    if getattr(instance, "_stance_pair_before", None):
        pairs.add(instance._stance_pair_before)
    country_stances.refresh(pairs)


@receiver(post_delete, sender=Position, dispatch_uid="positions_refresh_stance_after_delete")
def refresh_stance_after_delete(sender, instance: Position, **kwargs) -> None:
    country_stances.refresh({(instance.country, instance.topic_id)})
