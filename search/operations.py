"""Migration operations that only mean something on PostgreSQL."""

from django.db import migrations


class PostgreSQLOnlySQL(migrations.RunSQL):
    """Raw SQL run on PostgreSQL and skipped elsewhere (SQLite in local work and tests).

    For indexes SQLite cannot build, such as GIN: declaring them in Meta.indexes
    would put them in the model state, and SQLite rebuilds tables from that
    state whenever a later migration alters a column.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
