"""A source's title may be blank when its URL is known: a page whose headline was not seen is
recorded by its URL, outlet and date rather than under a made-up title (issue 26). Every
existing source has a title, so the new check holds for all of them.
"""

import sources.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0008_attribution"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalsource",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="The page's own headline. Leave blank when it was not seen and the URL is known; never guess.",
                max_length=500,
                validators=[sources.text.NoControlCharacters(), sources.text.NoNoncharacters()],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="title",
            field=models.CharField(
                blank=True,
                help_text="The page's own headline. Leave blank when it was not seen and the URL is known; never guess.",
                max_length=500,
                validators=[sources.text.NoControlCharacters(), sources.text.NoNoncharacters()],
                verbose_name="title",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("title", ""), _negated=True), models.Q(("url", ""), _negated=True), _connector="OR"
                ),
                name="source_title_or_url",
                violation_error_message="Give the source's title, its URL, or both.",
            ),
        ),
    ]
