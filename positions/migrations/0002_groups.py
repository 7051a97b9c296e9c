"""Create the Editors and Viewers groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITED = {
    "positions": ["actor", "position", "role"],
    "sources": ["outlet", "source", "quote"],
}
VIEWED = {
    "positions": ["actor", "position", "role", "topic", "authorisationbody"],
    "sources": ["outlet", "source", "quote"],
}


def permissions_for(apps, models_by_app, actions):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for models in models_by_app.values() for model in models for action in actions]
    apps_labels = list(models_by_app)
    return Permission.objects.filter(content_type__app_label__in=apps_labels, codename__in=codenames)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        list(permissions_for(apps, VIEWED, ["view"])) + list(permissions_for(apps, EDITED, ["add", "change"]))
    )
    viewers, _ = Group.objects.get_or_create(name="Viewers")
    viewers.permissions.set(permissions_for(apps, VIEWED, ["view"]))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
