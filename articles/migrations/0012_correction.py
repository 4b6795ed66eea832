"""Correction moves from the newsroom app to articles, the app of the article it notes.

Only Django's picture of the models changes here: the table (newsroom_correction)
and its rows stay as they are, and the model keeps that table's name (db_table).
newsroom 0009, which depends on this one, takes the model out of newsroom and
carries its content type (and so its permissions and everything pointing at them)
over to articles.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import articles.models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_drop_staff_ids"),
        # The model as newsroom last left it; and every frozen copy of the groups
        # naming ("newsroom", "correction") runs before the move (newsroom 0007).
        ("newsroom", "0008_drop_staff_ids"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Correction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("correction", "Correction"), ("update", "Update")],
                                default="correction",
                                max_length=20,
                            ),
                        ),
                        (
                            "note",
                            models.TextField(
                                help_text="Shown to readers at the foot of the article, e.g. “An earlier version gave the trial size as 330 patients in TRuE-V2; it was 344.”"
                            ),
                        ),
                        (
                            "noted_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                help_text='Shown with the note, and near the byline as "Corrected DATE" or "Updated DATE".',
                                validators=[articles.models.validate_news_date],
                                verbose_name="date",
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="corrections",
                                to="articles.article",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "correction or update",
                        "verbose_name_plural": "corrections and updates",
                        "db_table": "newsroom_correction",
                        "ordering": ["noted_at", "pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
