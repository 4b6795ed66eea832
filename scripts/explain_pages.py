#!/usr/bin/env python3
"""Query plans of the reader pages on PostgreSQL: no sequential scan of the articles.

    DATABASE_URL=postgres://USER:PASS@127.0.0.1:5432/NAME \\
        .venv/bin/python scripts/explain_pages.py [--load 20000] [--no-analyze] [--verbose]

Renders the home page, the topic index, a topic page (and its page 50), a subtopic
page, an article page, a tag page, an author page and a topic feed with Django's
test client, captures every SQL query each one runs, and runs EXPLAIN (ANALYZE,
BUFFERS) on each (--no-analyze: plans only, nothing run). It prints, per page and
query, the plan's top node, its estimated and actual rows and time, the tables
read, and every "Seq Scan on articles_article". Exits 1 if any page scans the articles
table sequentially (the topic index, which counts the whole archive, is reported
only), 2 if the database is not PostgreSQL.

--load N first adds N synthetic articles in bulk (slugs start with
"synthetic-explain-"; --unload removes them), with bylines, tags, further topics
and references, dates spread over ten years, so the planner sees a realistic
archive. It runs in a minute or two for 20,000 articles. When the archive
generator (`manage.py generate_archive`) is available, prefer it.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "explain-pages-only")

SYNTHETIC = "synthetic-explain-"
ARTICLES_TABLE = "articles_article"
# Pages whose query reads every published article by design, so a sequential scan
# is the right plan and is reported but not failed: the topic index counts the
# whole archive per topic (cache it; see docs/performance.md).
WHOLE_ARCHIVE_PAGES = {"topic index"}


def setup():
    import django

    django.setup()


def load(n, *, seed=9):
    """n published articles (a few drafts and scheduled ones among them) in bulk."""
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article, Author, Byline, Reference, Tag, TaggedArticle
    from topics.models import Topic

    rng = random.Random(seed)
    topics = list(Topic.objects.all())
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        authors = Author.objects.bulk_create(
            [
                Author(name=f"Synthetic Author {i}", slug=f"{SYNTHETIC}author-{i}")
                for i in range(max(20, n // 100))
            ],
            ignore_conflicts=False,
        )
        tags = Tag.objects.bulk_create(
            [
                Tag(name=f"synthetic tag {i}", slug=f"{SYNTHETIC}tag-{i}")
                for i in range(max(50, n // 40))
            ]
        )
        start = Article.objects.filter(slug__startswith=SYNTHETIC).count()
        batch = 2000
        for offset in range(0, n, batch):
            rows = []
            for i in range(start + offset, start + min(offset + batch, n)):
                status = rng.choices(
                    [Article.Status.PUBLISHED, Article.Status.DRAFT], weights=[95, 5]
                )[0]
                published_at = now - timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
                if rng.random() < 0.002:
                    published_at = now + timedelta(days=rng.randrange(1, 30))
                rows.append(
                    Article(
                        headline=f"Synthetic article {i} on skin",
                        slug=f"{SYNTHETIC}{i}",
                        deck=f"Synthetic deck {i}: a trial, an approval, a practice point.",
                        body=f"Synthetic body {i}. " * 40,
                        body_html=f"<p>Synthetic body {i}.</p>" * 40,
                        primary_topic=rng.choice(topics),
                        status=status,
                        published_at=published_at,
                        first_published_at=published_at,
                        article_type=rng.choice(["news"] * 5 + ["feature", "conference", "qa"]),
                        featured=rng.random() < 0.01,
                    )
                )
            articles = Article.objects.bulk_create(rows)
            bylines, taggings, memberships, references = [], [], [], []
            for article in articles:
                for order, author in enumerate(rng.sample(authors, rng.randint(1, 3))):
                    bylines.append(Byline(article=article, author=author, order=order))
                for tag in rng.sample(tags, rng.randint(1, 4)):
                    taggings.append(TaggedArticle(content_object=article, tag=tag))
                for topic in rng.sample(topics, rng.randint(0, 2)):
                    if topic.pk != article.primary_topic_id:
                        memberships.append(Article.topics.through(article=article, topic=topic))
                for number in range(1, rng.randint(2, 6)):
                    references.append(
                        Reference(
                            article=article,
                            number=number,
                            title=f"Synthetic reference {number}",
                            source="J Synth Dermatol",
                            year=2020,
                        )
                    )
            Byline.objects.bulk_create(bylines)
            TaggedArticle.objects.bulk_create(taggings)
            Article.topics.through.objects.bulk_create(memberships)
            Reference.objects.bulk_create(references)
            done = offset + len(rows)
            print(f"  {done}/{n} articles, {time.monotonic() - started:.0f} s", file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Article, Article.topics.through, Byline, TaggedArticle, Reference):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


def unload():
    from articles.models import Article, Author, Byline, Tag

    articles = Article.objects.filter(slug__startswith=SYNTHETIC)
    Byline.objects.filter(article__in=articles).delete()
    articles.delete()
    Author.objects.filter(slug__startswith=SYNTHETIC).delete()
    Tag.objects.filter(slug__startswith=SYNTHETIC).delete()


def page_urls():
    """The pages to explain, each at an address that shows a full page of articles."""
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article
    from articles.selectors import authors_with_published_articles, tags_with_published_articles

    article = Article.objects.published().newest_first().first()
    tag = tags_with_published_articles().order_by("-article_count").first()
    author = authors_with_published_articles().order_by("-article_count").first()
    from topics.models import Topic

    busiest = (
        Topic.objects.filter(parent__isnull=True)
        .annotate(n=Count("primary_articles"))
        .order_by("-n")
        .first()
    )
    leaf = Topic.objects.filter(children__isnull=True).order_by("pk").first()
    topic_url = busiest.get_absolute_url()
    return {
        "home": reverse("home"),
        "topic index": reverse("topics:index"),
        "topic page": topic_url,
        "topic page 50": f"{topic_url}?page=50",
        "subtopic page": leaf.get_absolute_url(),
        "article page": article.get_absolute_url(),
        "tag page": tag.get_absolute_url(),
        "author page": author.get_absolute_url(),
        "topic feed": reverse("feeds:topic", args=[busiest.slug]),
    }


def capture(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return [query["sql"] for query in queries.captured_queries]


def walk(node):
    yield node
    for child in node.get("Plans", ()):
        yield from walk(child)


def explain(sql, *, analyze):
    from django.db import connection

    options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}")
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return plan[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", type=int, default=0, help="add N synthetic articles first")
    parser.add_argument("--unload", action="store_true", help="remove the synthetic articles")
    parser.add_argument("--no-analyze", action="store_true", help="plans only, not run")
    parser.add_argument("--verbose", action="store_true", help="print each query's SQL")
    args = parser.parse_args(argv)
    setup()

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    if args.unload:
        unload()
        return 0
    if args.load:
        load(args.load)
    if connection.vendor != "postgresql":
        print("EXPLAIN checks need PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    # Pages render without collectstatic's manifest, as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from articles.models import Article

    total = Article.objects.count()
    published = Article.objects.published().count()
    print(f"{total} articles ({published} published) in {connection.settings_dict['NAME']}")

    client = Client()
    scans = []
    for page, url in page_urls().items():
        client.get(url)  # warm: the first request of a process does one-off work
        queries = capture(client, url)
        print(f"\n## {page} ({url}): {len(queries)} queries")
        for number, sql in enumerate(queries, 1):
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            result = explain(sql, analyze=not args.no_analyze)
            top = result["Plan"]
            seq = [
                node
                for node in walk(top)
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == ARTICLES_TABLE
            ]
            tables = sorted(
                {node["Relation Name"] for node in walk(top) if "Relation Name" in node}
            )
            time_ms = result.get("Execution Time")
            timing = f"{time_ms:.2f} ms" if time_ms is not None else "-"
            actual = top.get("Actual Rows", "-")
            print(
                f"  {number:2}. {top['Node Type']:<16} rows est {top['Plan Rows']:>7} "
                f"actual {actual:>7}  {timing:>10}  {', '.join(tables)}"
            )
            if args.verbose:
                print(f"      {sql[:600]}")
            for node in seq:
                if page not in WHOLE_ARCHIVE_PAGES:
                    scans.append((page, number))
                rows = node.get("Actual Rows", node["Plan Rows"])
                print(f"      SEQ SCAN on {ARTICLES_TABLE}: rows {rows}")
                print(f"      filter {node.get('Filter', '')[:160]}")
                print(f"      {sql[:600]}")
    if scans:
        print(f"\nSequential scans of {ARTICLES_TABLE}: {scans}")
        return 1
    print(f"\nNo sequential scan of {ARTICLES_TABLE} on any page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
