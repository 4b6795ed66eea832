from django.db import migrations

from newsroom.permissions import sync_newsroom_groups

CRUD = ("add", "change", "delete", "view")

# The groups as they are at this point of the schema, frozen here: the copy of
# the last re-sync before this one (evidence 0003, which holds the drug and trial
# summary entries) plus the editors' rights on policy pages. A later change to
# newsroom.permissions comes with a migration that depends on this one.
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
        ("newsroom", "policypage", CRUD),
        ("redirects", "redirect", ("view", "delete")),
        ("drugs", "drug", CRUD),
        ("drugs", "regulatorymilestone", CRUD),
    ],
}


def sync_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so the groups can be given the new model's permissions.
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
        ("newsroom", "0006_policy_pages"),
        # The last re-sync of the groups before this one: this copy includes its entries.
        ("evidence", "0003_newsroom_groups"),
    ]

    operations = [migrations.RunPython(sync_groups, migrations.RunPython.noop)]
