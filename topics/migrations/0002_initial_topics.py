from django.db import migrations

from topics.taxonomy import ensure_initial_topics


def create_topics(apps, schema_editor):
    ensure_initial_topics(apps.get_model("topics", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(create_topics, migrations.RunPython.noop)]
