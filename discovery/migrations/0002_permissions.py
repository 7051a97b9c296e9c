"""Editors may add and change watched feeds; Viewers may only see them. Nobody but a superuser deletes one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = ["view_watchedfeed", "add_watchedfeed", "change_watchedfeed"]
VIEWERS = ["view_watchedfeed"]


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="discovery", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
    app_config = apps.get_app_config("discovery")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Viewers"]):
        group.permissions.remove(*permissions(apps, EDITORS))


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0001_initial"),
        ("positions", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
