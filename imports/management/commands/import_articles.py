from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify

from articles.models import Article
from articles.workflow import WorkflowError
from imports.parser import (
    ImportFormatError,
    decode_text,
    find_topics,
    parse_article_text,
)
from imports.services import DEFAULT_BYLINE, authors_for, describe_error, import_article
from topics.models import Topic


class Command(BaseCommand):
    help = (
        "Import articles saved as plain text (headline, deck, body, references). A new "
        "article goes to review; importing the same file again updates that article, "
        "even after its headline was edited, or, once readers have seen it, waits for "
        "an editor to review the changes and apply them."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Plain-text article files.")
        parser.add_argument(
            "--topic",
            action="append",
            default=[],
            metavar="SLUG",
            help="Topic slug; repeat for further topics, the first is the primary topic. "
            "Default: the topics the text names most (headline, deck and body, weighted).",
        )
        parser.add_argument(
            "--author",
            action="append",
            default=[],
            metavar="NAME",
            help='Byline, e.g. "Jane Doe, MD, FAAD"; repeat for several authors. Default: '
            f'"{DEFAULT_BYLINE}" for a new article, the byline it has for an existing one.',
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the articles (schedule them, with a --published-at to come). "
            "Default: a new article waits in review, an existing one keeps its state.",
        )
        parser.add_argument(
            "--published-at",
            metavar="ISO-DATETIME",
            help="The original's publication date, e.g. 2024-02-23T09:00 (in the site's time "
            "zone unless an offset is given), for a text without a dateline (a dateline wins). "
            "Default: no later than the copyright year. Kept when the article is published.",
        )
        parser.add_argument(
            "--source-id",
            metavar="KEY",
            help="What identifies the original, e.g. its URL or the source's id; importing "
            "with the same key updates the same article. Default: the headline. One file only.",
        )
        parser.add_argument(
            "--source-url",
            metavar="URL",
            help="The original's web address, shown to readers as the source. One file only.",
        )

    def handle(self, *args, **options):
        files = options["files"]
        for option in ("source_id", "source_url"):
            if options[option] is not None and len(files) != 1:
                name = "--" + option.replace("_", "-")
                raise CommandError(f"{name} identifies one original: give exactly one FILE.")
        source_key = self.check_source_id(options["source_id"])
        source_url = self.check_source_url(options["source_url"])
        topics = self.topics_from(options["topic"])
        for byline in options["author"]:
            if not slugify(byline.partition(",")[0]):
                raise CommandError(f"--author {byline!r} has no name before the first comma.")
        published_at = self.parse_published_at(options["published_at"])

        all_topics = list(Topic.objects.all()) if not topics else []
        failed = 0
        for filename in files:
            try:
                self.import_file(
                    filename,
                    topics=topics or None,
                    all_topics=all_topics,
                    bylines=options["author"],
                    publish=options["publish"],
                    published_at=published_at,
                    source_key=source_key,
                    source_url=source_url,
                )
            except (ImportFormatError, ValidationError, WorkflowError, IntegrityError) as error:
                failed += 1
                self.stderr.write(f"{filename}: {describe_error(error)}")
        if failed:
            total = len(files)
            raise CommandError(
                f"{failed} of {total} file{'s' if total != 1 else ''} could not be imported."
            )

    def import_file(self, filename, *, topics, all_topics, bylines, **options):
        parsed = parse_article_text(read_text(filename))
        if topics is None:
            topics = find_topics(parsed, all_topics)
            if not topics:
                raise ImportFormatError(
                    "no topic: no topic name occurs in the text; choose one with --topic SLUG"
                )
        # One transaction per file: a file that fails leaves no author behind either.
        with transaction.atomic():
            authors = authors_for(bylines)
            result = import_article(
                parsed,
                topics=topics,
                authors=authors,
                comment=f"Imported from {Path(filename).name}.",
                **options,
            )
        count = len(parsed.references)
        references = f"{count} reference{'' if count == 1 else 's'}"
        if result.pending is not None:
            self.stdout.write(
                f'{filename}: waiting for review: "{result.article.headline}" '
                f"({result.state_label.lower()}) stays as readers saw it; an editor compares "
                f"the import ({references}) with it and applies or discards it at "
                f"{result.pending.get_absolute_url()}"
            )
        else:
            self.stdout.write(
                f"{filename}: {'created' if result.created else 'updated'} "
                f'"{result.article.headline}" ({result.state_label.lower()}; {references}).'
            )
        for warning in result.warnings:
            self.stdout.write(f"{filename}: warning: {warning}")

    def check_source_id(self, value):
        if value is None:
            return None
        value = value.strip()
        limit = Article._meta.get_field("source_key").max_length
        if not value or len(value) > limit:
            raise CommandError(f"--source-id must be 1 to {limit} characters.")
        return value

    def check_source_url(self, value):
        if value is None:
            return ""
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise CommandError(
                f"--source-url {value!r} is not a web address (http:// or https://)."
            ) from None
        return value

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
        if not 1900 <= moment.year <= 2200:
            raise CommandError(f"--published-at {value!r}: give a year between 1900 and 2200.")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


def read_text(filename):
    """The file's text; ImportFormatError saying why not."""
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
    return decode_text(data)
