from django.contrib.auth.management import create_permissions
from django.db import migrations

# The group as it was at this point of the schema; later migrations widen it
# (newsroom.permissions.sync_newsroom_groups), so this list stays frozen here.
EDITOR_PERMISSIONS = [
    ("articles", "article", ("add", "change", "delete", "view")),
    ("articles", "byline", ("add", "change", "delete", "view")),
    ("articles", "reference", ("add", "change", "delete", "view")),
    ("articles", "author", ("add", "change", "delete", "view")),
    ("topics", "topic", ("add", "change", "delete", "view")),
    ("taggit", "tag", ("add", "change", "delete", "view")),
    ("taggit", "taggeditem", ("add", "change", "delete", "view")),
    ("newsroom", "sitesettings", ("change", "view")),
]


def create_permissions_now(apps):
    # Permissions are normally created after all migrations have run; create
    # them now so groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_editors_group(apps, schema_editor):
    create_permissions_now(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            for app_label, model, actions in EDITOR_PERMISSIONS
            for action in actions
        ]
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("articles", "0001_initial"),
        ("topics", "0002_initial_topics"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
