"""Drop the single-column indexes of Position.actor and Position.topic.

Every lookup by actor or topic is served by a composite index that starts with the column
(actor/topic/quote uniqueness, actor/topic/date, actor/date, topic/date); the two extra indexes
(27 MB at a million positions) only cost time on every insert, an import's most of all.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0006_country_stance"),
    ]

    operations = [
        migrations.AlterField(
            model_name="position",
            name="actor",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="positions.actor",
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="position",
            name="topic",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="positions",
                to="positions.topic",
                verbose_name="topic",
            ),
        ),
    ]
