"""The Editors group: enough to run the newsroom, nothing that manages staff."""

import pytest
from django.contrib.auth.models import Group, Permission

from newsroom.permissions import EDITORS_GROUP, sync_editors_group
from tests.builders import make_editor

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")

# Written out rather than derived from newsroom.permissions, so that widening the
# group there is a visible change here too.
EXPECTED = {
    *(f"articles.{action}_{model}" for model in ("article", "byline", "reference", "author")
      for action in CRUD),
    *(f"topics.{action}_topic" for action in CRUD),
    *(f"taggit.{action}_{model}" for model in ("tag", "taggeditem") for action in CRUD),
    # One settings row: editors change it but neither add nor delete it.
    "newsroom.change_sitesettings",
    "newsroom.view_sitesettings",
}  # fmt: skip


def group_permissions(group):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_migration_creates_editors_group_with_exactly_the_intended_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)

    assert group_permissions(group) == EXPECTED


@pytest.mark.parametrize(
    "permission",
    [
        "auth.add_user",
        "auth.change_user",
        "auth.change_group",
        "auth.change_permission",
        "admin.delete_logentry",
        "newsroom.add_sitesettings",
        "newsroom.delete_sitesettings",
    ],
)
def test_editors_cannot_manage_staff_or_the_settings_row(permission):
    editor = make_editor()

    assert not editor.has_perm(permission)


def test_editor_has_the_group_permissions():
    editor = make_editor()

    assert editor.has_perm("articles.add_article")
    assert editor.has_perm("topics.change_topic")
    assert editor.has_perm("taggit.delete_tag")
    assert editor.has_perm("newsroom.change_sitesettings")
    assert not editor.is_superuser


def test_sync_resets_the_group_to_the_intended_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="add_user"))
    group.permissions.remove(Permission.objects.get(codename="change_article"))

    synced = sync_editors_group(Group, Permission)

    assert synced == group
    assert group_permissions(group) == EXPECTED
    assert Group.objects.filter(name=EDITORS_GROUP).count() == 1


def test_sync_creates_the_group_when_missing():
    Group.objects.filter(name=EDITORS_GROUP).delete()

    group = sync_editors_group(Group, Permission)

    assert group.name == EDITORS_GROUP
    assert group_permissions(group) == EXPECTED


def test_editor_cannot_open_the_user_admin(client):
    client.force_login(make_editor())

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/articles/article/").status_code == 200
