"""Quotes record how their words reached us (attribution), apart from what an editor checked.

Existing quotes become `direct`: nothing stored says otherwise. Every quote was entered under
the rule "code the words, not the rumour", as the actor's words, and no column held who spoke
or whether the report named its source; guessing `paraphrase` or `anonymous` from the text or
the outlet would write a claim no editor made. Quotes that are in fact reports are re-coded by
an editor (the seed's by issue 25's item 4), and the history shows each change. Since every
existing quote becomes `direct`, none meets the new rule that an anonymous report is never
confirmed.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0007_text_noncharacters"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalquote",
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
                help_text="How the words reached us. Direct: the actor's own words on the record (speech, interview, post, signed text). Spokesperson: an authorised spokesperson or office speaking for the actor. Paraphrase: an outlet's paraphrase of what the actor said, no direct quote. Anonymous sources: a report citing unnamed officials or sources, which can never be confirmed.",
                max_length=12,
                verbose_name="attribution",
            ),
        ),
        migrations.AddField(
            model_name="quote",
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
                help_text="How the words reached us. Direct: the actor's own words on the record (speech, interview, post, signed text). Spokesperson: an authorised spokesperson or office speaking for the actor. Paraphrase: an outlet's paraphrase of what the actor said, no direct quote. Anonymous sources: a report citing unnamed officials or sources, which can never be confirmed.",
                max_length=12,
                verbose_name="attribution",
            ),
        ),
        migrations.AlterField(
            model_name="historicalquote",
            name="verification",
            field=models.CharField(
                choices=[("confirmed", "confirmed"), ("reported", "reported"), ("unverified", "unverified")],
                default="unverified",
                help_text="What you checked. Confirmed: you opened the primary source and found the words. Reported: a reputable outlet reports them and you read that report. Unverified: neither.",
                max_length=10,
                verbose_name="verification",
            ),
        ),
        migrations.AlterField(
            model_name="quote",
            name="verification",
            field=models.CharField(
                choices=[("confirmed", "confirmed"), ("reported", "reported"), ("unverified", "unverified")],
                default="unverified",
                help_text="What you checked. Confirmed: you opened the primary source and found the words. Reported: a reputable outlet reports them and you read that report. Unverified: neither.",
                max_length=10,
                verbose_name="verification",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["attribution"], name="quote_attribution_idx"),
        ),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(("attribution__in", ["direct", "spokesperson", "paraphrase", "anonymous"])),
                name="quote_attribution_valid",
                violation_error_message="Attribution must be one of: direct, spokesperson, paraphrase, anonymous.",
            ),
        ),
        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(
                condition=models.Q(("attribution", "anonymous"), ("verification", "confirmed"), _negated=True),
                name="quote_anonymous_not_confirmed",
                violation_error_message="A report citing anonymous sources cannot be confirmed: there is no primary source to open. Choose reported or unverified, or another attribution.",
            ),
        ),
    ]
