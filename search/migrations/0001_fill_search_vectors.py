from django.db import migrations


def fill(apps, schema_editor):
    from search import indexing

    if schema_editor.connection.vendor == "postgresql":
        indexing.refresh(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_search_vector")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
