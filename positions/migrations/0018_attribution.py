"""Positions carry a copy of their quote's attribution, like its verification, so the filter is
an indexed column of positions. Every quote is `direct` after sources' 0008 (see why there),
so the column's default is already every position's true copy: no data to copy.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0017_position_date_evidence"),
        ("sources", "0008_attribution"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalposition",
            name="attribution",
            field=models.CharField(
                choices=[
                    ("direct", "direct"),
                    ("spokesperson", "spokesperson"),
                    ("paraphrase", "paraphrase"),
                    ("anonymous", "anonymous sources"),
                ],
                db_default="direct",
                default="direct",
                editable=False,
                max_length=12,
                verbose_name="attribution",
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="attribution",
            field=models.CharField(
                choices=[
                    ("direct", "direct"),
                    ("spokesperson", "spokesperson"),
                    ("paraphrase", "paraphrase"),
                    ("anonymous", "anonymous sources"),
                ],
                db_default="direct",
                default="direct",
                editable=False,
                max_length=12,
                verbose_name="attribution",
            ),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["attribution", "stated_on"], name="position_attrib_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(("attribution__in", ["direct", "spokesperson", "paraphrase", "anonymous"])),
                name="position_attribution_valid",
                violation_error_message="Attribution must be one of: direct, spokesperson, paraphrase, anonymous.",
            ),
        ),
    ]
