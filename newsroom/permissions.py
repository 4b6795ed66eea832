"""Staff roles, created by migrations and kept exact by ``sync_newsroom_groups``.

Writers create articles and edit their own drafts, then submit them for review.
Editors run the newsroom without being superusers: they edit every article,
publish, schedule, unpublish and archive (``articles.publish_article``), and
manage topics, authors, tags, images, corrections and redirects. Neither group
manages staff accounts.
"""

WRITERS_GROUP = "Writers"
EDITORS_GROUP = "Editors"

CRUD = ("add", "change", "delete", "view")

# group name -> [(app label, model name, actions)]; an action is a permission
# codename's prefix ("add" -> "add_article"), or a whole custom codename.
GROUP_PERMISSIONS = {
    WRITERS_GROUP: [
        # Which articles a writer may change is decided per article (own drafts):
        # articles.workflow.can_edit.
        ("articles", "article", ("add", "change", "view")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", ("add", "view")),
        ("articles", "tag", ("add", "view")),
        ("articles", "taggedarticle", CRUD),
        ("evidence", "trialsummary", CRUD),
        ("topics", "topic", ("view",)),
        # Not change: an image may already be on a live article, and readers
        # would see a writer's change without an editor. A new upload is free.
        ("images", "image", ("add", "view")),
        ("drugs", "drug", ("view",)),
        ("drugs", "regulatorymilestone", ("view",)),
    ],
    EDITORS_GROUP: [
        ("articles", "article", (*CRUD, "publish_article")),
        ("articles", "byline", CRUD),
        ("articles", "reference", CRUD),
        ("articles", "author", CRUD),
        ("articles", "tag", CRUD),
        ("articles", "taggedarticle", CRUD),
        ("articles", "correction", CRUD),
        ("evidence", "trialsummary", CRUD),
        ("topics", "topic", CRUD),
        ("images", "image", CRUD),
        # One settings row: editors change it but neither add nor delete it.
        ("newsroom", "sitesettings", ("change", "view")),
        # About us, the policies, contact: the footer's pages.
        ("newsroom", "policypage", CRUD),
        # Redirects come from renames; an editor may look at them and drop one.
        ("redirects", "redirect", ("view", "delete")),
        ("drugs", "drug", CRUD),
        ("drugs", "regulatorymilestone", CRUD),
    ],
}


def codenames(app_label, model, actions):
    return [(app_label, action if "_" in action else f"{action}_{model}") for action in actions]


def sync_newsroom_groups(group_model, permission_model, group_permissions=None):
    """Create the Writers and Editors groups if needed and give each exactly its
    permissions (by default GROUP_PERMISSIONS; a migration passes its own frozen
    copy). Returns {group name: group}."""
    groups = {}
    for name, entries in (group_permissions or GROUP_PERMISSIONS).items():
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = [pair for entry in entries for pair in codenames(*entry)]
        group.permissions.set(
            [
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in wanted
            ]
        )
        groups[name] = group
    return groups
