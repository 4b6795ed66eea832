"""A freshly migrated database, made from the test database in place."""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections


def migrate_new_database(using=DEFAULT_DB_ALIAS):
    """Drop every table, then `migrate` forward as a new install would: the database
    then holds exactly what the migrations (and post_migrate) create. Needs a
    transactional test (DDL and migrations commit)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    tables = connection.introspection.table_names(include_views=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TABLE {', '.join(map(quote, tables))} CASCADE")
            cursor.execute("DROP EXTENSION IF EXISTS pg_trgm")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    call_command("migrate", database=using, verbosity=0, interactive=False)
