"""DataVersion: one row naming the version of the public data, moved forward by every write.

The version used to be read from the largest history ids, which a restore can bring back with
different content; a random token drawn on every change never repeats (positions/derived.py).
"""

import secrets

from django.db import migrations, models
from django.utils import timezone


def create(apps, schema_editor):
    DataVersion = apps.get_model("positions", "DataVersion")
    DataVersion.objects.create(pk=1, counter=1, token=secrets.token_hex(16), changed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0011_ukrainian_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("counter", models.BigIntegerField(default=0, verbose_name="counter")),
                ("token", models.CharField(max_length=32, verbose_name="token")),
                ("changed_at", models.DateTimeField(verbose_name="changed at")),
            ],
            options={"verbose_name": "data version", "verbose_name_plural": "data versions"},
        ),
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
