"""A freshly migrated database, made from the test database in place."""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def migrate_from_zero(using=DEFAULT_DB_ALIAS):
    """Unapply every migration, then `migrate` forward as a new install would: the
    database then holds exactly what the migrations (and post_migrate) create.
    Needs a transactional test (migrations commit)."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    executor.migrate([(app, None) for app in executor.loader.migrated_apps])
    connection.close()
    call_command("migrate", database=using, verbosity=0, interactive=False)
