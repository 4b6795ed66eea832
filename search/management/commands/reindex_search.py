from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from search import indexing


class Command(BaseCommand):
    help = "Rebuild every article's search vector (PostgreSQL; nothing to do on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        if connections[database].vendor != "postgresql":
            self.stdout.write("Nothing to do: search vectors exist only on PostgreSQL.")
            return
        count = indexing.refresh(using=database)
        self.stdout.write(f"Search vectors rebuilt for {count} article(s).")
