import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime

from demo import synthetic
from pagecache import services as pagecache


class Command(BaseCommand):
    help = (
        "Load testing: add N synthetic articles (with bylines, references, tags and "
        "topics, published over several years) in bulk, or delete all synthetic content "
        "with --remove. Running it again adds more articles with new numbers. Refuses to "
        "run with DEBUG off unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, metavar="N", help="How many to add.")
        parser.add_argument(
            "--seed",
            type=int,
            default=0,
            help="Content is a function of the seed and the article's number (default 0).",
        )
        parser.add_argument(
            "--years",
            type=float,
            default=6,
            help="Publication times spread back over this many years (default 6).",
        )
        parser.add_argument(
            "--end",
            metavar="DATE",
            help="The newest publication time, e.g. 2026-01-31 or 2026-01-31T18:00 "
            "(default: now). Scheduled articles fall up to 30 days after it.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=synthetic.DEFAULT_BATCH_SIZE,
            help=f"Articles per transaction (default {synthetic.DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Delete every synthetic article, with its rows, and the synthetic authors "
            "and tags; real content is left as it is.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (e.g. for the benchmark's production settings).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "generate_archive is a load-testing tool: it writes (or with --remove, "
                "deletes) many synthetic articles. DEBUG is off, so this may be a production "
                "database; pass --force if you mean it."
            )
        if options["remove"]:
            if options["articles"]:
                raise CommandError("Give either --articles N or --remove, not both.")
            started = time.monotonic()
            deleted = synthetic.remove()
            # Bulk deletes send no signals: cached pages must be told once.
            pagecache.invalidate()
            summary = ", ".join(f"{count:,} {what}" for what, count in deleted.items() if count)
            self.stdout.write(
                f"Removed {summary or 'nothing (no synthetic content)'} "
                f"in {synthetic.format_duration(time.monotonic() - started)}."
            )
            return
        count = options["articles"]
        if not count or count < 1:
            raise CommandError("Give the number of articles to add: --articles N (N >= 1).")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        end = self.parse_end(options["end"])
        progress = synthetic.Progress(self.stderr._out) if options["verbosity"] > 0 else None
        started = time.monotonic()
        try:
            counts = synthetic.generate(
                count,
                seed=options["seed"],
                years=options["years"],
                end=end,
                batch_size=options["batch_size"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            # bulk_create sends no signals; batches committed before an error count too.
            pagecache.invalidate()
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Added {counts.articles:,} synthetic articles with {counts.references:,} "
            f"references, {counts.bylines:,} bylines, {counts.tags:,} tags and "
            f"{counts.topics:,} further topics in {synthetic.format_duration(elapsed)} "
            f"({counts.articles / max(elapsed, 1e-6):,.0f} articles/s). "
            "Remove them with: generate_archive --remove"
        )

    @staticmethod
    def parse_end(value):
        if not value:
            return None
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            return synthetic.day_end(day)
        if moment is None:
            raise CommandError(f"--end: {value!r} is not a date such as 2026-01-31.")
        from django.utils import timezone

        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
