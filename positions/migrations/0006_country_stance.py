"""CountryStance: each country's current stance per topic, maintained rather than searched for.

The home matrix used to find, on every request, the latest governmental position of each
(country, topic) among all positions and count them (about 0.5 s with a million positions);
positions/country_stances.py now keeps this small table in step. The migration fills it once,
with the historical models (the app's own QuerySet methods are not available here).
"""

import django.db.models.deletion
from django.db import migrations, models

GOVERNMENT_KINDS = ("state", "official")


def fill(apps, schema_editor):
    Position = apps.get_model("positions", "Position")
    CountryStance = apps.get_model("positions", "CountryStance")
    governmental = Position.objects.filter(actor_kind__in=GOVERNMENT_KINDS).exclude(country="").order_by()
    counts = governmental.values_list("country", "topic").annotate(n=models.Count("id"))
    stances = []
    for country, topic_id, n in counts:
        latest = (
            governmental.filter(country=country, topic_id=topic_id)
            .order_by("-stated_on", "-id")
            .values_list("id", flat=True)
            .first()
        )
        stances.append(CountryStance(country=country, topic_id=topic_id, position_id=latest, statements=n))
    CountryStance.objects.bulk_create(stances, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0005_search_vector"),
    ]

    operations = [
        migrations.CreateModel(
            name="CountryStance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("country", models.CharField(max_length=2, verbose_name="country")),
                ("statements", models.PositiveIntegerField(verbose_name="statements")),
                (
                    "position",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="positions.position",
                        verbose_name="position",
                    ),
                ),
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
                "verbose_name": "country stance",
                "verbose_name_plural": "country stances",
                "constraints": [
                    models.UniqueConstraint(fields=("country", "topic"), name="countrystance_one_per_topic")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
