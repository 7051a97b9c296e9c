"""MonthStance: each country's last governmental position on a topic in each month it spoke.

The stance chart over every country walked the positions once per country and month on every
request; positions/derived.py now keeps this table in step. The migration fills it once with the
historical models, in one INSERT … SELECT (the app's own QuerySet methods are not available here).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models.functions import RowNumber, TruncMonth

GOVERNMENT_KINDS = ("state", "official")
COLUMNS = ("country", "topic_id", "month", "stated_on", "stance", "date_precision")


def fill(apps, schema_editor):
    Position = apps.get_model("positions", "Position")
    MonthStance = apps.get_model("positions", "MonthStance")
    month = TruncMonth("stated_on", output_field=models.DateField())
    latest_first = models.Window(
        RowNumber(),
        partition_by=[models.F("country"), models.F("topic_id"), month],
        order_by=[models.F("stated_on").desc(), models.F("id").desc()],
    )
    rows = (
        Position.objects.using(schema_editor.connection.alias)
        .filter(actor_kind__in=GOVERNMENT_KINDS)
        .exclude(country="")
        .order_by()
        .annotate(month=month, rank=latest_first)
        .filter(rank=1)
        .values_list(*COLUMNS)
    )
    sql, params = rows.query.sql_with_params()
    quote = schema_editor.connection.ops.quote_name
    columns = ", ".join(quote(MonthStance._meta.get_field(name).column) for name in COLUMNS)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(MonthStance._meta.db_table)} ({columns}) {sql}", params)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0015_text_noncharacters"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthStance",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("country", models.CharField(max_length=2, verbose_name="country")),
                ("month", models.DateField(verbose_name="month")),
                ("stated_on", models.DateField(verbose_name="stated on")),
                ("stance", models.CharField(max_length=12, verbose_name="stance")),
                ("date_precision", models.CharField(max_length=5, verbose_name="date precision")),
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
                "verbose_name": "country stance in a month",
                "verbose_name_plural": "country stances by month",
                "indexes": [models.Index(fields=["topic", "stated_on"], name="monthstance_topic_date_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("topic", "country", "month"), name="monthstance_one_per_month")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
