from django.db import migrations

from newsroom.permissions import sync_newsroom_groups

CRUD = ("add", "change", "delete", "view")

# The groups as they are at this point of the schema, frozen here: a later change
# to newsroom.permissions comes with a migration of its own.
GROUP_PERMISSIONS = {
    "Writers": [
        ("articles", "article", ("add", "change", "view")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", ("add", "view")),
        ("articles", "tag", ("add", "view")),
        ("articles", "taggedarticle", CRUD),
        ("topics", "topic", ("view",)),
        # Not change: an image may already be on a live article, and readers
        # would see a writer's change without an editor. A new upload is free.
        ("images", "image", ("add", "view")),
    ],
    "Editors": [
        ("articles", "article", (*CRUD, "publish_article")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", CRUD),
        ("articles", "tag", CRUD),
        ("articles", "taggedarticle", CRUD),
        ("topics", "topic", CRUD),
        ("images", "image", CRUD),
        ("newsroom", "correction", CRUD),
        ("newsroom", "sitesettings", ("change", "view")),
        ("redirects", "redirect", ("view", "delete")),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so the groups can be given them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_newsroom_groups(
        apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), GROUP_PERMISSIONS
    )


def remove_writers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Writers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_corrections"),
        ("articles", "0004_reference_url_schemes"),
        ("redirects", "0001_initial"),
        ("images", "0001_initial"),
        ("topics", "0002_initial_topics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_writers)]
