"""Staff roles. The Editors group can run the newsroom without being superusers."""

EDITORS_GROUP = "Editors"

# (app label, model name, actions)
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


def sync_editors_group(group_model, permission_model):
    """Create the Editors group if needed and give it exactly EDITOR_PERMISSIONS."""
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    wanted = [
        (app_label, f"{action}_{model}")
        for app_label, model, actions in EDITOR_PERMISSIONS
        for action in actions
    ]
    permissions = []
    for app_label, codename in wanted:
        permissions.append(
            permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        )
    group.permissions.set(permissions)
    return group
