from django.db import migrations, models

# Old kind -> new kind; clinical and chart keep their values.
NEW_KINDS = {"photo": "stock", "other": "stock", "illustration": "diagram"}
OLD_KINDS = {"stock": "photo", "diagram": "illustration"}


def rename_kinds(mapping):
    def run(apps, schema_editor):
        Image = apps.get_model("images", "Image")
        for old, new in mapping.items():
            Image.objects.filter(kind=old).update(kind=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="image",
            name="kind",
            field=models.CharField(
                choices=[
                    ("stock", "Stock photo"),
                    ("clinical", "Clinical photograph"),
                    ("diagram", "Diagram"),
                    ("chart", "Chart"),
                ],
                default="stock",
                help_text="A clinical photograph (a patient's skin) needs a skin type, and consent on file before an article leading with it can be published.",
                max_length=20,
            ),
        ),
        migrations.RunPython(rename_kinds(NEW_KINDS), rename_kinds(OLD_KINDS)),
        migrations.AddField(
            model_name="image",
            name="skin_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("I", "I"),
                    ("II", "II"),
                    ("III", "III"),
                    ("IV", "IV"),
                    ("V", "V"),
                    ("VI", "VI"),
                ],
                help_text="Clinical photographs only: readers filter a topic's image gallery by it.",
                max_length=3,
                verbose_name="Fitzpatrick skin type",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="consent_on_file",
            field=models.BooleanField(
                default=False,
                help_text="Clinical photographs only. Until this is ticked, an article leading with the photograph cannot be published, and the gallery does not show it.",
                verbose_name="patient consent or de-identification is on file",
            ),
        ),
    ]
