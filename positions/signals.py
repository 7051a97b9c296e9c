"""When to bring derived data in step (positions/derived.py says how): after saves of quotes,
actors and positions. Raw saves (loaddata) skip it: a restore brings its own derived rows. Every
write of public data, raw ones included, moves the data version forward."""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from positions import derived
from positions.models import Actor, AuthorisationBody, DataVersion, Position, Role, Topic
from sources.models import Outlet, Quote, Source

# What the public pages show; derived rows (country stances, facet counts) follow these.
PUBLIC_MODELS = (Actor, Role, Topic, Position, AuthorisationBody, Outlet, Source, Quote)


def bump_version(sender, **kwargs) -> None:
    derived.bump()


for _model in PUBLIC_MODELS:
    post_save.connect(bump_version, sender=_model, dispatch_uid=f"positions_bump_version_save_{_model.__name__}")
    post_delete.connect(bump_version, sender=_model, dispatch_uid=f"positions_bump_version_delete_{_model.__name__}")


@receiver(post_save, sender=DataVersion, dispatch_uid="positions_restored_version_moves_on")
def restored_version_moves_on(sender, instance: DataVersion, raw: bool = False, **kwargs) -> None:
    # A restore (loaddata) brings back an old token: draw a new one, so that no validator handed
    # out since the backup was taken can match a page drawn from the restored data.
    if raw:
        derived.bump()


@receiver(post_migrate, dispatch_uid="positions_version_exists")
def version_exists(sender, app_config=None, using="default", **kwargs) -> None:
    # `flush` empties every table, the version's too, then sends post_migrate. A migration back
    # past 0012 leaves no table to write to.
    if app_config is None or app_config.label != "positions" or using != "default":
        return
    if DataVersion._meta.db_table in connections[using].introspection.table_names():
        derived.bump()


@receiver(post_save, sender=Quote, dispatch_uid="positions_copy_quote_verification")
def copy_quote_columns(sender, instance: Quote, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    pairs = derived.copy_quote_columns([instance.pk], instance.verification, instance.attribution)
    derived.refresh(pairs)
    derived.recount_facets({country for country, _topic in pairs})


@receiver(post_save, sender=Actor, dispatch_uid="positions_copy_actor_columns")
def copy_actor_columns(sender, instance: Actor, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    pairs = derived.copy_actor_columns(instance)
    derived.refresh(pairs | derived.copy_office_ranks(instance))
    derived.recount_facets({country for country, _topic in pairs})


@receiver(post_save, sender=Role, dispatch_uid="positions_rank_after_role_save")
@receiver(post_delete, sender=Role, dispatch_uid="positions_rank_after_role_delete")
def copy_office_ranks(sender, instance: Role, raw: bool = False, **kwargs) -> None:
    # A role's office or dates decide the rank its actor's statements speak with.
    if raw:
        return
    actor = Actor.objects.filter(pk=instance.actor_id).first()
    if actor is not None:  # None when the role goes with its actor
        derived.refresh(derived.copy_office_ranks(actor))


@receiver(pre_save, sender=Position, dispatch_uid="positions_remember_stance_pair")
def remember_stance_pair(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    instance._combination_before = None
    if not raw and instance.pk:
        stored = Position.objects.filter(pk=instance.pk).values_list(*derived.FACET_DIMENSIONS).first()
        if stored:
            instance._combination_before = stored


@receiver(post_save, sender=Position, dispatch_uid="positions_refresh_stance_after_save")
def refresh_stance_after_save(sender, instance: Position, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    combinations = {derived.facet_combination(instance)}
    before = getattr(instance, "_combination_before", None)
    if before:
        combinations.add(tuple(before))
    derived.refresh({(country, topic_id) for country, _stance, topic_id, _kind, _verif in combinations})
    derived.recount_combinations(combinations)


@receiver(pre_delete, sender=Position, dispatch_uid="positions_remember_combination_before_delete")
def remember_combination_before_delete(sender, instance: Position, **kwargs) -> None:
    # The stored row's values: an instance loaded before its actor moved still holds the old copies.
    stored = Position.objects.filter(pk=instance.pk).values_list(*derived.FACET_DIMENSIONS).first()
    instance._combination_before = tuple(stored) if stored else derived.facet_combination(instance)


@receiver(post_delete, sender=Position, dispatch_uid="positions_refresh_stance_after_delete")
def refresh_stance_after_delete(sender, instance: Position, **kwargs) -> None:
    combination = getattr(instance, "_combination_before", None) or derived.facet_combination(instance)
    country, _stance, topic_id, _kind, _verification = combination
    derived.refresh({(country, topic_id)})
    derived.recount_combinations({combination})
