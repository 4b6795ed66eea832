"""The Writers and Editors groups: enough to run the newsroom, nothing that manages staff."""

import pytest
from django.contrib.auth.models import Group, Permission

from newsroom.permissions import EDITORS_GROUP, WRITERS_GROUP, sync_newsroom_groups
from tests.builders import make_editor, make_writer

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")

# Written out rather than derived from newsroom.permissions, so that widening the
# group there is a visible change here too.
EXPECTED = {
    *(f"articles.{action}_{model}"
      for model in ("article", "byline", "reference", "author", "tag", "taggedarticle")
      for action in CRUD),
    "articles.publish_article",
    *(f"evidence.{action}_trialsummary" for action in CRUD),
    *(f"topics.{action}_topic" for action in CRUD),
    *(f"images.{action}_image" for action in CRUD),
    *(f"articles.{action}_correction" for action in CRUD),
    # One settings row: editors change it but neither add nor delete it.
    "newsroom.change_sitesettings",
    "newsroom.view_sitesettings",
    *(f"newsroom.{action}_policypage" for action in CRUD),
    *(f"drugs.{action}_{model}" for model in ("drug", "regulatorymilestone") for action in CRUD),
    "redirects.view_redirect",
    "redirects.delete_redirect",
}  # fmt: skip

WRITER_EXPECTED = {
    "articles.add_article", "articles.change_article", "articles.view_article",
    *(f"articles.{action}_{model}"
      for model in ("byline", "reference", "taggedarticle") for action in CRUD),
    *(f"evidence.{action}_trialsummary" for action in CRUD),
    "articles.add_author", "articles.view_author",
    "articles.add_tag", "articles.view_tag",
    "topics.view_topic",
    "images.add_image", "images.view_image",
    "drugs.view_drug", "drugs.view_regulatorymilestone",
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


def test_migration_creates_writers_group_with_exactly_the_intended_permissions():
    group = Group.objects.get(name=WRITERS_GROUP)

    assert group_permissions(group) == WRITER_EXPECTED


@pytest.mark.parametrize(
    "permission",
    [
        "articles.publish_article",
        "articles.delete_article",
        "topics.change_topic",
        "articles.add_correction",
        "newsroom.change_sitesettings",
        "images.change_image",  # it may be on a live article
        "images.delete_image",
        "auth.add_user",
    ],
)
def test_writers_can_neither_publish_nor_run_the_site(permission):
    assert not make_writer().has_perm(permission)


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
    assert editor.has_perm("articles.delete_tag")
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("newsroom.change_sitesettings")
    assert not editor.is_superuser


def test_sync_resets_the_group_to_the_intended_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="add_user"))
    group.permissions.remove(Permission.objects.get(codename="change_article"))

    synced = sync_newsroom_groups(Group, Permission)

    assert synced[EDITORS_GROUP] == group
    assert group_permissions(group) == EXPECTED
    assert Group.objects.filter(name=EDITORS_GROUP).count() == 1


def test_sync_creates_the_group_when_missing():
    Group.objects.filter(name=EDITORS_GROUP).delete()

    group = sync_newsroom_groups(Group, Permission)[EDITORS_GROUP]

    assert group.name == EDITORS_GROUP
    assert group_permissions(group) == EXPECTED


def test_editor_cannot_open_the_user_admin(client):
    client.force_login(make_editor())

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/articles/article/").status_code == 200
