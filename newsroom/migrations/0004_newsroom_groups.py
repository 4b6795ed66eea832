from django.db import migrations

from newsroom.permissions import sync_newsroom_groups


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so the groups can be given them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_newsroom_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_writers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Writers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_corrections"),
        ("articles", "0004_reference_url_schemes"),
        ("redirects", "0001_initial"),
        ("topics", "0002_initial_topics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_writers)]
