"""Correction moved from newsroom to articles (articles 0012, newsroom 0009) without
touching its rows: the notes, their content type's id and every grant on its
permissions come through, forwards and backwards."""

import pytest
from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Correction
from tests.builders import make_article
from tests.migrations import migrate_new_database

# Transactional: migrations commit. The database is migrated anew first, so the
# test starts from what an install holds (the groups, content types, permissions),
# whatever ran before it, and it ends migrated to the latest migrations again.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("articles", "0011_drop_staff_ids"), ("newsroom", "0008_drop_staff_ids")]
MIDWAY = [("articles", "0012_correction"), ("newsroom", "0008_drop_staff_ids")]
AFTER = [("articles", "0012_correction"), ("newsroom", "0009_correction_moves_to_articles")]
CODENAMES = {f"{action}_correction" for action in ("add", "change", "delete", "view")}


def migrate(targets):
    """Migrate to `targets` and return the models as they are there."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def correction_content_types():
    return list(ContentType.objects.filter(model="correction").values_list("app_label", "pk"))


@pytest.fixture
def article():
    migrate_new_database()
    try:
        yield make_article("Ruxolitinib cream repigments vitiligo")
    finally:
        migrate_to_latest()


def make_old_correction(old, article):
    """A note, and a group of its own granted a permission on it, as the previous
    release made them."""
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="newsroom", model="correction"
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type=content_type, codename="change_correction"
    )
    old.get_model("auth", "Group").objects.create(name="Night desk").permissions.add(permission)
    note = old.get_model("newsroom", "Correction").objects.create(
        article_id=article.pk, kind="update", note="The 52-week data are in."
    )
    return note, content_type.pk, permission.pk


def test_the_notes_content_type_and_grants_come_through_the_move_and_back(article):
    old = migrate(BEFORE)
    note, content_type_id, permission_id = make_old_correction(old, article)
    editors_grants = set(
        old.get_model("auth", "Group")
        .objects.get(name="Editors")
        .permissions.filter(content_type_id=content_type_id)
        .values_list("pk", flat=True)
    )
    assert len(editors_grants) == 4

    migrate(AFTER)

    moved = Correction.objects.get(pk=note.pk)
    assert (moved.article_id, moved.kind, moved.note) == (article.pk, "update", note.note)
    assert moved.noted_at == note.noted_at
    assert correction_content_types() == [("articles", content_type_id)]
    assert ContentType.objects.get_for_model(Correction).pk == content_type_id
    assert (
        set(
            Permission.objects.filter(content_type_id=content_type_id).values_list(
                "codename", flat=True
            )
        )
        == CODENAMES
    )
    assert Permission.objects.get(codename="change_correction").pk == permission_id
    assert (
        set(
            Group.objects.get(name="Editors")
            .permissions.filter(content_type_id=content_type_id)
            .values_list("pk", flat=True)
        )
        == editors_grants
    )
    assert list(Group.objects.get(name="Night desk").permissions.values_list("pk", flat=True)) == [
        permission_id
    ]
    desk = User.objects.create_user("night")
    desk.groups.add(Group.objects.get(name="Night desk"))
    assert desk.has_perm("articles.change_correction")
    assert "newsroom_correction" in connection.introspection.table_names()

    old = migrate(BEFORE)

    back = old.get_model("newsroom", "Correction").objects.get(pk=note.pk)
    assert back.note == note.note
    assert correction_content_types() == [("newsroom", content_type_id)]
    night_desk = old.get_model("auth", "Group").objects.get(name="Night desk")
    assert list(night_desk.permissions.values_list("pk", flat=True)) == [permission_id]


def test_a_content_type_made_between_the_two_migrations_is_folded_into_the_first(article):
    """`migrate articles` stops after articles 0012, when both apps know the model, and
    its post_migrate makes a second content type (and permissions) under articles."""
    old = migrate(BEFORE)
    note, content_type_id, permission_id = make_old_correction(old, article)
    midway = migrate(MIDWAY)
    create_permissions(installed_apps.get_app_config("articles"), apps=midway, verbosity=0)
    (twin_id,) = [pk for label, pk in correction_content_types() if label == "articles"]
    assert twin_id != content_type_id
    # Someone is granted one of the new permissions before the move is finished.
    late = User.objects.create_user("late")
    late.user_permissions.add(
        Permission.objects.get(content_type_id=twin_id, codename="view_correction")
    )

    migrate(AFTER)

    assert correction_content_types() == [("articles", content_type_id)]
    assert (
        set(
            Permission.objects.filter(content_type_id=content_type_id).values_list(
                "codename", flat=True
            )
        )
        == CODENAMES
    )
    assert Permission.objects.get(codename="change_correction").pk == permission_id
    late = User.objects.get(username="late")
    assert late.has_perm("articles.view_correction")
    assert Group.objects.get(name="Editors").permissions.filter(codename__in=CODENAMES).count() == 4
    assert Correction.objects.get(pk=note.pk).note == note.note
