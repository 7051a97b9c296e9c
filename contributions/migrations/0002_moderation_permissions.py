"""Editors may see and decide suggestions and error reports; Viewers may only see them.

Nobody but a superuser adds or deletes them: readers add them through the public forms.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["suggestion", "errorreport"]
EDITORS = ["view", "change"]
VIEWERS = ["view"]


def permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in actions]
    return Permission.objects.filter(content_type__app_label="contributions", codename__in=codenames)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
    app_config = apps.get_app_config("contributions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, actions in (("Editors", EDITORS), ("Viewers", VIEWERS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Viewers"]):
        group.permissions.remove(*permissions(apps, EDITORS))


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("positions", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
