from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database migrated to "
        "the same migrations, in one transaction: on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The .tar.gz written by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that already holds content (and "
            "overwrite media files of the same name). Everyone is logged out.",
        )

    def handle(self, *args, path, force, **options):
        try:
            summary = restore_backup(path, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{path}: restored {summary.row_count} rows of {len(summary.rows)} models, "
            f"{len(summary.media)} media files."
        )
