"""FacetCount: positions per (country, stance, topic, actor kind, verification), kept in step.

The positions list summed these rows for its count and facets instead of grouping up to 50,000
positions per request; the migration fills the table once from the positions.
"""

import django.db.models.deletion
from django.db import migrations, models

DIMENSIONS = ("country", "stance", "topic_id", "actor_kind", "verification")


def fill(apps, schema_editor):
    Position = apps.get_model("positions", "Position")
    FacetCount = apps.get_model("positions", "FacetCount")
    rows = Position.objects.order_by().values_list(*DIMENSIONS).annotate(n=models.Count("id"))
    FacetCount.objects.bulk_create(
        [FacetCount(**dict(zip(DIMENSIONS, values[:-1])), n=values[-1]) for values in rows], batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0012_data_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("country", models.CharField(blank=True, max_length=2, verbose_name="country")),
                ("stance", models.CharField(max_length=12, verbose_name="stance")),
                ("actor_kind", models.CharField(max_length=20, verbose_name="actor kind")),
                ("verification", models.CharField(max_length=10, verbose_name="verification")),
                ("n", models.PositiveIntegerField(verbose_name="positions")),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="positions.topic",
                        verbose_name="topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "facet count",
                "verbose_name_plural": "facet counts",
                "indexes": [models.Index(fields=["stance", "topic"], name="facetcount_stance_topic_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("country", "stance", "topic", "actor_kind", "verification"),
                        name="facetcount_one_per_combination",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
