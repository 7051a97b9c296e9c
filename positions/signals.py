"""When to bring derived data in step (positions/derived.py says how): after saves of quotes,
actors and positions. Raw saves (loaddata) skip it: a restore brings its own derived rows."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from positions import derived
from positions.models import Actor, Position
from sources.models import Quote


@receiver(post_save, sender=Quote, dispatch_uid="positions_copy_quote_verification")
def copy_quote_verification(sender, instance: Quote, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    derived.copy_quote_verification([instance.pk], instance.verification)


@receiver(post_save, sender=Actor, dispatch_uid="positions_copy_actor_columns")
def copy_actor_columns(sender, instance: Actor, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    derived.refresh(derived.copy_actor_columns(instance))


@receiver(pre_save, sender=Position, dispatch_uid="positions_remember_stance_pair")
def remember_stance_pair(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    instance._stance_pair_before = None
    if not raw and instance.pk:
        instance._stance_pair_before = Position.objects.filter(pk=instance.pk).values_list("country", "topic").first()


@receiver(post_save, sender=Position, dispatch_uid="positions_refresh_stance_after_save")
def refresh_stance_after_save(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    pairs = {(instance.country, instance.topic_id)}
    if getattr(instance, "_stance_pair_before", None):
        pairs.add(instance._stance_pair_before)
    derived.refresh(pairs)


@receiver(post_delete, sender=Position, dispatch_uid="positions_refresh_stance_after_delete")
def refresh_stance_after_delete(sender, instance: Position, **kwargs) -> None:
    derived.refresh({(instance.country, instance.topic_id)})
