from django.db import migrations

from newsroom.permissions import sync_newsroom_groups

CRUD = ("add", "change", "delete", "view")

# The groups as they are at this point of the schema, frozen here (drugs 0002's
# copy plus the trial summaries, which writers and editors edit as they do
# references): a later change to newsroom.permissions comes with a migration of
# its own, which depends on this one and keeps these entries.
GROUP_PERMISSIONS = {
    "Writers": [
        ("articles", "article", ("add", "change", "view")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", ("add", "view")),
        ("articles", "tag", ("add", "view")),
        ("articles", "taggedarticle", CRUD),
        ("evidence", "trialsummary", CRUD),
        ("topics", "topic", ("view",)),
        ("images", "image", ("add", "view")),
        ("drugs", "drug", ("view",)),
        ("drugs", "regulatorymilestone", ("view",)),
    ],
    "Editors": [
        ("articles", "article", (*CRUD, "publish_article")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", CRUD),
        ("articles", "tag", CRUD),
        ("articles", "taggedarticle", CRUD),
        ("evidence", "trialsummary", CRUD),
        ("topics", "topic", CRUD),
        ("images", "image", CRUD),
        ("newsroom", "correction", CRUD),
        ("newsroom", "sitesettings", ("change", "view")),
        ("redirects", "redirect", ("view", "delete")),
        ("drugs", "drug", CRUD),
        ("drugs", "regulatorymilestone", CRUD),
    ],
}


def sync_groups(apps, schema_editor):
    # As in newsroom 0004: on a fresh database the trial summary permissions only
    # exist after all migrations; create them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_newsroom_groups(
        apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), GROUP_PERMISSIONS
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_heading_ids"),
        # The last re-sync of the groups before this one: this copy includes its entries.
        ("drugs", "0002_newsroom_groups"),
    ]

    # Backwards leaves the groups as they are: the permissions go with the table.
    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
