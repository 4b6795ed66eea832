from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write the whole site to one .tar.gz: every row (articles, references, tags, "
        "images, revisions, redirects, users, ...) and every uploaded file. "
        "Restore it with `manage.py restore PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="Where to write, e.g. site-2026-12-02.tar.gz"
        )

    def handle(self, *args, path, **options):
        try:
            summary = write_backup(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{path}: {summary.row_count} rows of {len(summary.rows)} models, "
            f"{len(summary.media)} media files."
        )
        for name in summary.missing_media:
            self.stderr.write(f"warning: {name} is named by a row but missing from storage.")
