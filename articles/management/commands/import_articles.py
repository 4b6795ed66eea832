from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from articles.importer import ImportFormatError, find_topics_in, parse_article_text
from articles.models import Article
from articles.services import author_from_byline, import_article
from topics.models import Topic

DEFAULT_AUTHOR = "Editorial Staff"


class Command(BaseCommand):
    help = (
        "Import articles saved as plain text (headline, deck, body, references). "
        "Importing a file again updates the article with the same headline."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Plain-text article files.")
        parser.add_argument(
            "--topic",
            action="append",
            default=[],
            metavar="SLUG",
            help="Topic slug; repeat for further topics, the first is the primary topic. "
            "Default: the topics whose names occur in the headline.",
        )
        parser.add_argument(
            "--author",
            action="append",
            default=[],
            metavar="NAME",
            help='Byline, e.g. "Jane Doe, MD, FAAD"; repeat for several authors. '
            f'Default: "{DEFAULT_AUTHOR}".',
        )
        parser.add_argument(
            "--status",
            choices=Article.Status.values,
            help="Default: published for a new article, unchanged for an existing one.",
        )
        parser.add_argument(
            "--published-at",
            metavar="ISO-DATETIME",
            help="e.g. 2024-02-23T09:00 (in the site's time zone unless an offset is given). "
            "Default: now for a new article, unchanged for an existing one.",
        )

    def handle(self, *args, **options):
        topics = self.topics_from(options["topic"])
        bylines = options["author"] or [DEFAULT_AUTHOR]
        for byline in bylines:
            if not slugify(byline.partition(",")[0]):
                raise CommandError(f"--author {byline!r} has no name before the first comma.")
        published_at = self.parse_published_at(options["published_at"])

        all_topics = list(Topic.objects.all()) if not topics else []
        failed = 0
        for filename in options["files"]:
            try:
                self.import_file(
                    filename,
                    topics=topics or None,
                    all_topics=all_topics,
                    bylines=bylines,
                    status=options["status"],
                    published_at=published_at,
                )
            except (ImportFormatError, ValidationError) as error:
                failed += 1
                self.stderr.write(f"{filename}: {describe(error)}")
        if failed:
            total = len(options["files"])
            raise CommandError(
                f"{failed} of {total} file{'s' if total != 1 else ''} could not be imported."
            )

    def import_file(self, filename, *, topics, all_topics, bylines, status, published_at):
        parsed = parse_article_text(read_text(filename))
        if topics is None:
            topics = find_topics_in(parsed.headline, all_topics)
            if not topics:
                raise ImportFormatError(
                    "no topic: no topic name occurs in the headline; choose one with --topic SLUG"
                )
        with transaction.atomic():
            authors = [author_from_byline(byline) for byline in bylines]
            article, created = import_article(
                parsed, topics=topics, authors=authors, status=status, published_at=published_at
            )
        count = len(parsed.references)
        self.stdout.write(
            f'Imported "{article.headline}" ({"created" if created else "updated"}; '
            f"{count} reference{'' if count == 1 else 's'})."
        )

    def topics_from(self, slugs):
        slugs = list(dict.fromkeys(slugs))
        by_slug = Topic.objects.in_bulk(slugs, field_name="slug")
        unknown = [slug for slug in slugs if slug not in by_slug]
        if unknown:
            valid = ", ".join(Topic.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"Unknown topic slug{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"Valid slugs: {valid}."
            )
        return [by_slug[slug] for slug in slugs]

    def parse_published_at(self, value):
        if value is None:
            return None
        try:
            moment = parse_datetime(value)
            if moment is None and parse_date(value) is not None:
                moment = datetime.combine(parse_date(value), time.min)
        except ValueError:
            moment = None
        if moment is None:
            raise CommandError(
                f"--published-at {value!r} is not a date and time; use ISO 8601, "
                "e.g. 2024-02-23T09:00 or 2024-02-23T09:00+01:00."
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


def read_text(filename):
    """The file's text (UTF-8, BOM stripped); ImportFormatError saying why not."""
    path = Path(filename)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError("no such file") from None
    except IsADirectoryError:
        raise ImportFormatError("is a directory, not a file") from None
    except PermissionError:
        raise ImportFormatError("permission denied: the file cannot be read") from None
    except OSError as error:
        raise ImportFormatError(f"cannot be read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "save the file as UTF-8 and try again"
        ) from None


def describe(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)
