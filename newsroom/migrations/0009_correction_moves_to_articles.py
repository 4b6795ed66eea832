"""Correction now belongs to articles (articles 0012): newsroom lets go of it.

Nothing in the database is dropped or copied: the table and its rows stay, and
the model's content type row is relabelled newsroom -> articles in place, keeping
its id. So its permissions (add_correction, ...), the Editors group's grants on
them, the admin log and anything else pointing at that id keep pointing at it.
"""

from django.db import migrations, router

MODEL = "correction"


def relabel_content_type(apps, schema_editor, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not router.allow_migrate_model(db, ContentType):
        return
    content_type = ContentType.objects.using(db).filter(app_label=old_app, model=MODEL).first()
    if content_type is None:
        # Never made (content types come with post_migrate): it is made under the new
        # label after this migration, as for any new model.
        return
    twin = ContentType.objects.using(db).filter(app_label=new_app, model=MODEL).first()
    if twin is not None:
        # Made by post_migrate after a `migrate articles` that stopped between the two
        # migrations of the move, when both apps knew the model. Fold it into the row
        # that has been there all along: its grants and references go over, it goes.
        merge_content_types(apps, db, twin, content_type)
    content_type.app_label = new_app
    content_type.save(using=db, update_fields=["app_label"])
    # Either manager may have cached the row under its old label.
    ContentType.objects.clear_cache()
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def merge_content_types(apps, db, twin, content_type):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    grants = [
        (apps.get_model("auth", "Group").permissions.through, "group"),
        (apps.get_model("auth", "User").user_permissions.through, "user"),
    ]
    for stale in Permission.objects.using(db).filter(content_type=twin):
        kept = (
            Permission.objects.using(db)
            .filter(content_type=content_type, codename=stale.codename)
            .first()
        )
        if kept is None:
            stale.content_type = content_type
            stale.save(using=db, update_fields=["content_type"])
            continue
        for through, holder in grants:
            already = through.objects.using(db).filter(permission=kept).values(holder)
            through.objects.using(db).filter(permission=stale).exclude(
                **{f"{holder}__in": already}
            ).update(permission=kept)
        stale.delete()
    for model in apps.get_models():
        if model is Permission:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                model._base_manager.using(db).filter(**{field.name: twin}).update(
                    **{field.name: content_type}
                )
    twin.delete()


def to_articles(apps, schema_editor):
    relabel_content_type(apps, schema_editor, "newsroom", "articles")


def to_newsroom(apps, schema_editor):
    relabel_content_type(apps, schema_editor, "articles", "newsroom")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0008_drop_staff_ids"),
        ("articles", "0012_correction"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Correction")],
            database_operations=[],
        ),
        migrations.RunPython(to_articles, to_newsroom),
    ]
