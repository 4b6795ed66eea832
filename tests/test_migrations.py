"""Migrations run forward from an empty database, and the models need no new one."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from tests.migrations import migrate_new_database
from topics.models import Topic


@pytest.mark.slow  # the whole database made again
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_migration_runs_forward_from_an_empty_database():
    migrate_new_database()

    recorder = MigrationRecorder(connection)
    applied = recorder.applied_migrations()
    assert ("articles", "0001_initial") in applied
    assert "articles_article" in connection.introspection.table_names()
    # What the data migrations make is there again.
    assert Topic.objects.filter(slug="vitiligo").exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Writers"}


@pytest.mark.django_db
def test_the_models_need_no_migration_that_is_not_written():
    out = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()
